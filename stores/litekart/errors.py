"""Litekart's error body and the status split of validation failures.

Every error is ``{"success": false, "error": {"code", "message", "details"}}``.
Validation details are a list of ``{"field", "message"}``. Bad query or path
parameters answer ``400``; invalid request bodies answer ``422``.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.responses import JSONResponse, Response

from stores.common import FieldError, StoreError
from stores.common.errors import GENERIC_CODE_BY_STATUS, field_errors_of

DEFAULT_MESSAGES: dict[str, str] = {
    "VALIDATION_ERROR": "Invalid input data",
    "AUTHENTICATION_ERROR": "Invalid credentials",
    "AUTHORIZATION_ERROR": "Insufficient permissions",
    "NOT_FOUND": "Resource not found",
    "METHOD_NOT_ALLOWED": "Method not allowed",
    "CONFLICT": "Resource conflict",
    "RATE_LIMITED": "Too many requests",
    "SERVER_ERROR": "Internal server error",
    "SERVICE_UNAVAILABLE": "Service unavailable",
}


def _details(details: object) -> object:
    if isinstance(details, list):
        return [
            {"field": d.field, "message": d.message} if isinstance(d, FieldError) else d
            for d in details
        ]
    if isinstance(details, FieldError):
        return [{"field": details.field, "message": details.message}]
    return details


def render_error(error: StoreError) -> Response:
    """Litekart's documented error body for any status."""
    code = error.code or GENERIC_CODE_BY_STATUS.get(error.status, "SERVER_ERROR")
    if error.status >= 500 and code not in DEFAULT_MESSAGES:
        code = "SERVER_ERROR"
    body = {
        "success": False,
        "error": {
            "code": code,
            "message": error.message or DEFAULT_MESSAGES.get(code, "Error"),
            "details": _details(error.details),
        },
    }
    return JSONResponse(body, status_code=error.status)


def bad_query(field: str, message: str) -> StoreError:
    """A ``400`` for one bad query parameter."""
    return StoreError(
        400, "VALIDATION_ERROR", "Invalid query parameters", [FieldError(field, message)]
    )


def invalid_body(field: str, message: str) -> StoreError:
    """A ``422`` for one invalid request-body field."""
    return StoreError(422, "VALIDATION_ERROR", "Validation failed", [FieldError(field, message)])


def not_found(what: str, ident: str) -> StoreError:
    return StoreError(404, "NOT_FOUND", f"{what} {ident} not found")


def conflict(message: str, field: str | None = None) -> StoreError:
    details = [FieldError(field, message)] if field else None
    return StoreError(409, "CONFLICT", message, details)


def forbidden(message: str = "Insufficient permissions") -> StoreError:
    return StoreError(403, "AUTHORIZATION_ERROR", message)


def install_status_split(app: FastAPI) -> None:
    """Answer query/path/header validation failures with 400, body failures with 422.

    ``stores.common`` renders every ``RequestValidationError`` with one status;
    Litekart documents two, so this handler replaces the shared one.
    """

    async def on_validation_error(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        in_body = any(err.get("loc", ("",))[0] == "body" for err in exc.errors())
        status, message = (
            (422, "Validation failed") if in_body else (400, "Invalid query parameters")
        )
        return render_error(StoreError(status, "VALIDATION_ERROR", message, field_errors_of(exc)))

    app.add_exception_handler(RequestValidationError, on_validation_error)
