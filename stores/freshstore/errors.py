"""FreshStore's documented error bodies (Laravel style) for every status.

- 401: the JSON string ``"Unauthorized."`` (exactly the seed's error table)
- 403: ``{"message": "This token does not have write access."}`` and kin
- 404: ``{"message": "The API resource was not found"}``
- 422: ``{"message": "<first error> (and N more errors)", "errors": {"field": ["..."]}}``
- 429: ``{"message": "Too Many Attempts."}``; 500: ``{"message": "Server Error"}``

Pydantic's messages are rewritten into Laravel's validation wording.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from starlette.responses import JSONResponse, Response

from stores.common import FieldError, StoreError

VALIDATION_STATUS = 422

STATUS_MESSAGES: dict[int, str] = {
    404: "The API resource was not found",
    405: "The requested method is not supported for this route.",
    429: "Too Many Attempts.",
    500: "Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


def attribute(field: str) -> str:
    """Laravel's display name of a field: ``api_name`` -> ``api name``."""
    return field.replace("_", " ")


_RULES: list[tuple[re.Pattern[str], Callable[[str, re.Match[str]], str]]] = [
    (re.compile(r"^Field required"), lambda f, m: f"The {f} field is required."),
    (
        re.compile(r"^String should have at most (\d+) character"),
        lambda f, m: f"The {f} field must not be greater than {m[1]} characters.",
    ),
    (
        re.compile(r"^List should have at most (\d+) item"),
        lambda f, m: f"The {f} field must not have more than {m[1]} items.",
    ),
    (
        re.compile(r"^List should have at least 1 item"),
        lambda f, m: f"The {f} field is required.",
    ),
    (
        re.compile(r"^Input should be less than or equal to (\S+)"),
        lambda f, m: f"The {f} field must not be greater than {m[1]}.",
    ),
    (
        re.compile(r"^Input should be greater than or equal to (\S+)"),
        lambda f, m: f"The {f} field must be at least {m[1]}.",
    ),
    (
        re.compile(r"^Input should be a valid integer"),
        lambda f, m: f"The {f} field must be an integer.",
    ),
    (
        re.compile(r"^Input should be a valid boolean"),
        lambda f, m: f"The {f} field must be true or false.",
    ),
    (
        re.compile(r"^Input should be a valid string"),
        lambda f, m: f"The {f} field must be a string.",
    ),
    (
        re.compile(r"^Input should be a valid (list|array)"),
        lambda f, m: f"The {f} field must be an array.",
    ),
    (
        re.compile(r"^Input should be a valid (number|decimal)"),
        lambda f, m: f"The {f} field must be a number.",
    ),
    (
        re.compile(r"^Input should be a valid date"),
        lambda f, m: f"The {f} field must be a valid date.",
    ),
    (
        re.compile(r"^Input should be a valid dictionary"),
        lambda f, m: f"The {f} field must be an object.",
    ),
    (re.compile(r"^Input should be "), lambda f, m: f"The selected {f} is invalid."),
    (re.compile(r"^JSON decode error"), lambda f, m: "The request body must be valid JSON."),
    (re.compile(r"^Value error, (.*)$"), lambda f, m: m[1]),
]


def laravel_message(error: FieldError) -> str:
    """Laravel's wording of one pydantic error (already-worded messages pass through)."""
    if error.message.startswith("The "):
        return error.message
    field = attribute(error.field)
    for pattern, word in _RULES:
        match = pattern.match(error.message)
        if match:
            return word(field, match)
    return f"The {field} field is invalid."


def validation_body(errors: Iterable[FieldError]) -> dict[str, object]:
    grouped: dict[str, list[str]] = {}
    for error in errors:
        field = "body" if error.field.isdigit() else error.field
        grouped.setdefault(field, []).append(laravel_message(FieldError(field, error.message)))
    messages = [m for ms in grouped.values() for m in ms]
    first = messages[0] if messages else "The given data was invalid."
    extra = len(messages) - 1
    if extra:
        first += f" (and {extra} more error{'s' if extra > 1 else ''})"
    return {"message": first, "errors": grouped}


def render_error(error: StoreError) -> Response:
    status = error.status
    if status == 401:
        return JSONResponse("Unauthorized.", status)
    if status in (400, VALIDATION_STATUS):
        details = error.details if isinstance(error.details, list) else []
        return JSONResponse(validation_body(details), VALIDATION_STATUS)
    if status == 403:
        return JSONResponse({"message": error.message or "This action is unauthorized."}, 403)
    message = STATUS_MESSAGES.get(status) or error.message or "Server Error"
    return JSONResponse({"message": message}, status)


def invalid(field: str, message: str) -> StoreError:
    """A 422 for one field with a Laravel-worded ``message``."""
    return StoreError(VALIDATION_STATUS, "VALIDATION_ERROR", message, [FieldError(field, message)])
