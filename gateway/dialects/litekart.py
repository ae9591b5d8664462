"""How Litekart is spoken to (seed ``001``): the admin API key, ``success:false`` errors.

- Auth: the admin API key as ``Authorization: Bearer`` (the dialect default). Only the
  admin key sees every customer, order, payment and user, and draft/archived products.
- Errors: ``{"success": false, "error": {"code", "message", "details"}}``; validation
  ``details`` are ``[{"field", "message"}]``. The message shown is the store's message
  followed by each detail (``Invalid query parameters (created_after: must be an ISO
  8601 date or date-time)``), so a caller learns which argument was wrong; the code is
  the store's (``VALIDATION_ERROR``, ``CONFLICT``...).
- Probe: ``GET /api/users?limit=1&fields=id`` — admin-only and tiny, it proves the key is
  the admin key (the public ``/api/products`` would accept a customer token too).
"""

from __future__ import annotations

import httpx
import orjson

PROBE: tuple[str, dict[str, str]] = ("/api/users", {"limit": "1", "fields": "id"})

MAX_DETAILS = 3
"""At most this many ``details`` are added to a message."""


def parse_error(response: httpx.Response) -> tuple[str, str] | None:
    """``(code, message)`` from a Litekart error body, or ``None`` when it has none."""
    try:
        body = orjson.loads(response.content)
    except orjson.JSONDecodeError:
        return None
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return None
    message = error.get("message")
    if not isinstance(message, str) or not message.strip():
        return None
    details = error.get("details")
    notes = [n for n in map(_detail, details if isinstance(details, list) else []) if n]
    if notes:
        message = f"{message.strip()} ({'; '.join(notes[:MAX_DETAILS])})"
    return str(error.get("code") or ""), message.strip()


def _detail(detail: object) -> str | None:
    if not isinstance(detail, dict) or not isinstance(detail.get("message"), str):
        return None
    field = detail.get("field")
    return f"{field}: {detail['message']}" if field else detail["message"]
