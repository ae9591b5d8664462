"""Store errors and how each store renders them.

Handlers raise ``StoreError(status, code, message, details)``; the store's own
``render_error`` hook turns it into that store's documented error body. The same
hook renders the framework's own failures (unknown route, wrong method, request
validation, rate limit, injected faults), so every error a store answers has the
store's shape and never a stack trace.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response


@dataclass(frozen=True)
class FieldError:
    """One invalid field: its dotted name and what is wrong with it."""

    field: str
    message: str


class StoreError(Exception):
    """An error answered with the store's documented body.

    ``code`` is a generic kind (``VALIDATION_ERROR``, ``NOT_FOUND``, ...) or the
    store's own code; the store's renderer maps it onto its documented shape.
    """

    def __init__(
        self,
        status: int,
        code: str | None = None,
        message: str | None = None,
        details: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message or code or str(status))
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers or {}


ErrorRenderer = Callable[[StoreError], Response]

# Generic codes the framework itself raises; renderers map them to their own.
GENERIC_CODE_BY_STATUS: dict[int, str] = {
    400: "VALIDATION_ERROR",
    401: "AUTHENTICATION_ERROR",
    403: "AUTHORIZATION_ERROR",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    409: "CONFLICT",
    422: "VALIDATION_ERROR",
    429: "RATE_LIMITED",
    500: "SERVER_ERROR",
    502: "BAD_GATEWAY",
    503: "SERVICE_UNAVAILABLE",
    504: "GATEWAY_TIMEOUT",
}


def field_errors_of(exc: RequestValidationError) -> list[FieldError]:
    """Pydantic/FastAPI validation errors as ``FieldError``s (``loc`` without the
    leading ``body``/``query``/``path`` part; a body that is not JSON is ``body``)."""
    out: list[FieldError] = []
    for err in exc.errors():
        message = str(err.get("msg", "invalid"))
        if err.get("type") == "json_invalid":
            out.append(FieldError(field="body", message=message))
            continue
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "header")]
        out.append(FieldError(field=".".join(loc) or "body", message=message))
    return out


def install_error_handlers(app: FastAPI, render: ErrorRenderer, validation_status: int) -> None:
    """Route every error the app can raise through the store's renderer."""

    async def on_store_error(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, StoreError)
        response = render(exc)
        response.headers.update(exc.headers)
        return response

    async def on_http_error(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code = GENERIC_CODE_BY_STATUS.get(exc.status_code, "ERROR")
        message = exc.detail if isinstance(exc.detail, str) else None
        return render(StoreError(exc.status_code, code, message))

    async def on_validation_error(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = field_errors_of(exc)
        return render(
            StoreError(validation_status, "VALIDATION_ERROR", "Validation failed", errors)
        )

    async def on_unexpected(_: Request, exc: Exception) -> Response:
        return render(StoreError(500, "SERVER_ERROR", "Internal server error"))

    app.add_exception_handler(StoreError, on_store_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(Exception, on_unexpected)
