"""The Catalog's error body and code table.

Every error answers ``{"status": "error", "error": {"code", "message", "details"},
"meta": {"request_id", "timestamp"}}``; a 429 adds ``meta.rate_limit {limit,
remaining, reset}``. ``details`` is a list of ``{field, message}`` for field
problems and a sentence otherwise. The framework's generic codes map onto the
seed's codes by status.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse

from stores.catalog.envelope import meta
from stores.common import FieldError, StoreError

# code -> (status, message, default details), as the seed's Error Codes Reference.
CODES: dict[str, tuple[int, str, str]] = {
    "validation_error": (400, "Request parameter validation failed", "Invalid request"),
    "invalid_json": (400, "Invalid JSON format", "Request body is not valid JSON"),
    "invalid_product_data": (400, "Product data is invalid", "Product data breaks a rule"),
    "invalid_category_id": (400, "Category ID is invalid", "Category ID does not exist"),
    "invalid_image_url": (400, "Image URL is invalid", "Image URL is incorrectly formatted"),
    "inventory_error": (400, "Inventory error", "Inventory can't be negative"),
    "unauthorized": (
        401,
        "Authentication failed",
        "The provided API key is invalid or expired",
    ),
    "token_expired": (401, "Token has expired", "The access token has expired"),
    "forbidden": (403, "Insufficient permissions", "Operation not permitted"),
    "not_found": (404, "Resource not found", "The requested resource does not exist"),
    "method_not_allowed": (405, "Method not allowed", "Method not allowed on this resource"),
    "duplicate_product": (409, "Product already exists", "A matching product already exists"),
    "rate_limit_exceeded": (
        429,
        "Rate limit exceeded",
        "Maximum of {limit} requests per minute allowed, please try again later",
    ),
    "internal_error": (500, "Internal server error", "An unexpected error occurred"),
    "service_unavailable": (
        503,
        "Service unavailable",
        "Server temporarily unable to handle request",
    ),
}

GENERIC_TO_CODE: dict[str, str] = {
    "VALIDATION_ERROR": "validation_error",
    "AUTHENTICATION_ERROR": "unauthorized",
    "AUTHORIZATION_ERROR": "forbidden",
    "NOT_FOUND": "not_found",
    "METHOD_NOT_ALLOWED": "method_not_allowed",
    "CONFLICT": "duplicate_product",
    "RATE_LIMITED": "rate_limit_exceeded",
    "SERVER_ERROR": "internal_error",
}


def code_of(error: StoreError) -> str:
    if error.code in CODES:
        return error.code
    if error.code in GENERIC_TO_CODE:
        return GENERIC_TO_CODE[error.code]
    if error.status >= 500:
        return "internal_error" if error.status == 500 else "service_unavailable"
    return {
        401: "unauthorized",
        403: "forbidden",
        404: "not_found",
        429: "rate_limit_exceeded",
    }.get(error.status, "validation_error")


def details_of(details: Any, default: str) -> Any:
    if details is None:
        return default
    if isinstance(details, list):
        return [
            {"field": d.field, "message": d.message} if isinstance(d, FieldError) else d
            for d in details
        ]
    return details


def render_error(error: StoreError) -> JSONResponse:
    """Any ``StoreError`` (store-specific or generic) as the seed's error body."""
    code = code_of(error)
    _, message, default_details = CODES[code]
    body_meta = meta()
    if code == "rate_limit_exceeded":
        rate = {
            "limit": int(error.headers.get("X-RateLimit-Limit", 0)),
            "remaining": int(error.headers.get("X-RateLimit-Remaining", 0)),
            "reset": int(error.headers.get("X-RateLimit-Reset", 0)),
        }
        body_meta["rate_limit"] = rate
        default_details = default_details.format(limit=rate["limit"])
    own_message = error.code in CODES and error.message
    body = {
        "status": "error",
        "error": {
            "code": code,
            "message": error.message if own_message else message,
            "details": details_of(error.details, default_details),
        },
        "meta": body_meta,
    }
    headers = {"Cache-Control": "no-store"}
    if code == "token_expired":
        headers["WWW-Authenticate"] = 'Bearer error="invalid_token", error_description="expired"'
    elif error.status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="catalog"'
    return JSONResponse(body, status_code=error.status, headers=headers)


def fail(code: str, details: Any = None, message: str | None = None) -> StoreError:
    """A ``StoreError`` for one of the seed's codes (status from the table)."""
    return StoreError(CODES[code][0], code, message, details)
