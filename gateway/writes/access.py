"""Who may call a write and with which credential the store is called.

The executor consults a declaration's :class:`~gateway.writes.spec.Access` here, and
only here: :func:`authorize` before anything else, :func:`store_call_options` for the
store call, :func:`caller_scope` for the caller's idempotency keys.
"""

from __future__ import annotations

from typing import Any

from gateway.cache import fingerprint
from gateway.errors import Unauthenticated
from gateway.sources import Source
from gateway.writes.spec import Write

REWARDS_USER_HEADER = "livelike-user-token"


def authorize(context: Any, write: Write) -> None:
    """Raises ``UNAUTHENTICATED``/``FORBIDDEN`` when the caller may not call ``write``."""
    access = write.access
    if access.public or access.roles:
        return
    if Source.REWARDS in access.viewer and context.user_token:
        return
    raise Unauthenticated(
        f"This needs the caller's `{REWARDS_USER_HEADER}` request header.", source=write.source
    )


def store_call_options(context: Any, write: Write) -> dict[str, Any]:
    """The credential keyword arguments of the store call for this caller."""
    if Source.REWARDS in write.access.viewer and context.user_token:
        return {"user_token": context.user_token}
    return {}


def caller_scope(context: Any) -> str:
    """Who owns an idempotency key: a fingerprint of every credential the caller sent."""
    request = getattr(context, "request", None)
    headers = request.headers if request is not None else {}
    sent = [headers.get(name, "") for name in ("authorization", REWARDS_USER_HEADER)]
    return fingerprint("caller", *sent, context.user_token)
