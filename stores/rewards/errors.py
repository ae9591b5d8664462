"""The Rewards (Strapi v4) error body for every status the store answers.

``{"data": null, "error": {"status", "name", "message", "details"}}`` with
``name`` BadRequestError (400), UnauthorizedError (401), ForbiddenError (403),
NotFoundError (404), MethodNotAllowedError (405), PayloadTooLargeError (413),
RateLimitError (429) and ApplicationError (5xx). ``details`` is ``{}`` unless
there is more to say: redeem failures carry ``errorCode`` (``"40001"``...) and
their context; request-body validation carries Strapi's ``{"errors": [{"path",
"message", "name": "ValidationError"}]}``.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse, Response

from stores.common import FieldError, StoreError

NAMES = {
    400: "BadRequestError",
    401: "UnauthorizedError",
    403: "ForbiddenError",
    404: "NotFoundError",
    405: "MethodNotAllowedError",
    413: "PayloadTooLargeError",
    429: "RateLimitError",
}
MESSAGES = {
    400: "Bad Request",
    401: "Missing or invalid credentials",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    429: "Too many requests, please try again later.",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


def error_name(status: int) -> str:
    if status >= 500:
        return "ApplicationError"
    return NAMES.get(status, "BadRequestError")


def _details(error: StoreError) -> dict[str, Any]:
    if isinstance(error.details, dict):
        return error.details
    if isinstance(error.details, list) and error.details:
        return {
            "errors": [
                {"path": e.field.split("."), "message": e.message, "name": "ValidationError"}
                for e in error.details
                if isinstance(e, FieldError)
            ]
        }
    return {}


def _message(error: StoreError) -> str:
    if error.code == "VALIDATION_ERROR" and isinstance(error.details, list) and error.details:
        first = error.details[0]
        if len(error.details) == 1 and isinstance(first, FieldError):
            return f"{first.field}: {first.message}"
        return f"{len(error.details)} errors occurred"
    if error.message and error.code not in ("RATE_LIMITED", "SERVER_ERROR"):
        return error.message
    return MESSAGES.get(error.status, error.message or "Error")


def render_error(error: StoreError) -> Response:
    """The store's documented error body for ``error``."""
    body = {
        "data": None,
        "error": {
            "status": error.status,
            "name": error_name(error.status),
            "message": _message(error),
            "details": _details(error),
        },
    }
    return JSONResponse(body, status_code=error.status)
