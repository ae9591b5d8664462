"""How FreshStore is spoken to (seed ``002``): bearer key, browser User-Agent, Laravel errors.

- Auth: the full API key as ``Authorization: Bearer`` (the dialect default). The browser
  User-Agent the WAF asks for is not auth: it is the store's ``user_agent`` setting (a
  browser string by default for FreshStore, see ``gateway.settings``), sent on every
  request by the client.
- Errors: Laravel bodies ``{"message": "...", "errors": {field: [...]}}`` (no codes of
  its own: a 422 is ``validation_error``, the fields stay in the error's field list, so
  a client switching on the code meets one value), and the bare JSON string
  ``"Unauthorized."`` of a 401.
- Probe: ``GET /api/store/info`` — unlike the public ``/api/store/status`` it proves the
  key is accepted as well as that the WAF lets the gateway through.
"""

from __future__ import annotations

import httpx
import orjson

PROBE: tuple[str, dict[str, str]] = ("/api/store/info", {})

UNAUTHORIZED_CODE = "unauthorized"
VALIDATION_CODE = "validation_error"
ERROR_CODE = "error"


def parse_error(response: httpx.Response) -> tuple[str, str] | None:
    """``(code, message)`` from a FreshStore error body, or ``None`` when it has none."""
    try:
        body = orjson.loads(response.content)
    except orjson.JSONDecodeError:
        return None
    if isinstance(body, str) and body.strip():
        return UNAUTHORIZED_CODE if response.status_code == 401 else ERROR_CODE, body.strip()
    if not isinstance(body, dict):
        return None
    message = body.get("message")
    if not isinstance(message, str) or not message.strip():
        return None
    errors = body.get("errors")
    if isinstance(errors, dict) and errors:
        return VALIDATION_CODE, message.strip()
    return ERROR_CODE, message.strip()
