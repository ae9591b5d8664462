"""Rewards (Strapi v4): errors are ``{"error": {"status", "name", "message", "details"}}``;
a redeem failure's own code (40001-40012) is ``details.errorCode``.

Auth and probe are the defaults: the store's API token as ``Authorization: Bearer``
(the end user's ``livelike-user-token`` is added per call by the resolvers that need
it), and ``GET /api/categories?pagination[pageSize]=1`` — public, but a token that is
sent must be valid, so it proves the gateway's credential.
"""

from __future__ import annotations

import httpx
import orjson


def parse_error(response: httpx.Response) -> tuple[str, str] | None:
    try:
        error = orjson.loads(response.content).get("error")
    except (orjson.JSONDecodeError, AttributeError):
        return None
    if not isinstance(error, dict) or not isinstance(error.get("message"), str):
        return None
    details = error.get("details")
    if not isinstance(details, dict):
        details = {}
    code = details.get("errorCode") or error.get("name") or ""
    return str(code), error["message"]
