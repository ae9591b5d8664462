"""Litestore's error body: ``{"error": {"code", "message", "details"}}``.

Codes are the seed's six: ``VALIDATION_ERROR`` (400), ``AUTHENTICATION_ERROR``
(401), ``AUTHORIZATION_ERROR`` (403), ``NOT_FOUND`` (404), ``RATE_LIMITED``
(429) and ``SERVER_ERROR`` (every 5xx). Statuses the seed does not name keep
their status and take the nearest documented code: 405 → ``NOT_FOUND``, any
other 4xx → ``VALIDATION_ERROR``.

Field errors render as the seed shows, ``{"field", "issue"}`` for the first bad
field, with every bad field listed in ``details.errors``.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse

from stores.common import FieldError, StoreError

DOCUMENTED_CODES = frozenset(
    {
        "VALIDATION_ERROR",
        "AUTHENTICATION_ERROR",
        "AUTHORIZATION_ERROR",
        "NOT_FOUND",
        "RATE_LIMITED",
        "SERVER_ERROR",
    }
)

DEFAULT_MESSAGES: dict[str, str] = {
    "VALIDATION_ERROR": "Invalid request data",
    "AUTHENTICATION_ERROR": "Invalid or missing API key",
    "AUTHORIZATION_ERROR": "Insufficient permissions",
    "NOT_FOUND": "Resource not found",
    "RATE_LIMITED": "Too many requests",
    "SERVER_ERROR": "Internal server error",
}

_PYDANTIC_PREFIXES = ("Value error, ", "Assertion failed, ")


def code_for(status: int, code: str | None) -> str:
    """The documented code a response with ``status`` carries."""
    if code in DOCUMENTED_CODES:
        return code
    if status >= 500:
        return "SERVER_ERROR"
    return {
        401: "AUTHENTICATION_ERROR",
        403: "AUTHORIZATION_ERROR",
        404: "NOT_FOUND",
        405: "NOT_FOUND",
        429: "RATE_LIMITED",
    }.get(status, "VALIDATION_ERROR")


def issue_text(message: str) -> str:
    """A pydantic message without its ``Value error, `` style prefix."""
    for prefix in _PYDANTIC_PREFIXES:
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


def field_name(error: FieldError) -> str:
    """The field an error names; a body that is not JSON at all is ``body`` (FastAPI
    reports the decode error at the character position)."""
    return "body" if error.message == "JSON decode error" else error.field


def render_details(details: Any) -> dict[str, Any]:
    """``details`` as the documented object."""
    if details is None:
        return {}
    if isinstance(details, FieldError):
        details = [details]
    if isinstance(details, list) and details and isinstance(details[0], FieldError):
        errors = [{"field": field_name(e), "issue": issue_text(e.message)} for e in details]
        return {**errors[0], "errors": errors}
    if isinstance(details, dict):
        return details
    return {"info": details}


def render_error(error: StoreError) -> JSONResponse:
    """Any ``StoreError`` as Litestore's error body."""
    code = code_for(error.status, error.code)
    message = error.message if error.message and error.message != error.code else None
    if error.status == 405:
        message = message or "Method not allowed"
    body = {
        "error": {
            "code": code,
            "message": message or DEFAULT_MESSAGES[code],
            "details": render_details(error.details),
        }
    }
    return JSONResponse(body, status_code=error.status)


def validation_error(field: str, issue: str, message: str = "Invalid request data") -> StoreError:
    """A 400 naming one bad field."""
    return StoreError(400, "VALIDATION_ERROR", message, [FieldError(field, issue)])


def not_found(resource: str, resource_id: str) -> StoreError:
    """A 404 for a missing resource."""
    return StoreError(
        404,
        "NOT_FOUND",
        f"{resource.capitalize()} {resource_id} not found",
        {"resource": resource, "id": resource_id},
    )
