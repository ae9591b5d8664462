"""The per-caller request limit: one caller cannot spend the stores' budgets for everyone.

Each caller's GraphQL requests are counted in fixed windows
(``STOREGRAPH_CALLER_RATE_LIMIT`` per ``STOREGRAPH_CALLER_RATE_WINDOW_S``; 0 turns it
off). Past the limit the request is answered ``429`` with ``Retry-After`` and a
request-level error (:class:`~gateway.http.errors.RequestError`: ``RATE_LIMITED``,
``retryAfter``, the ``limit``, ``requestId``) before anything runs.

A caller is who is asking (:func:`caller_key`): a verified operator by its JWT's subject;
anyone else — anonymous, or an end user whose token only its store can check — by the
client's address. An unverified token is never a key: a caller could mint a fresh one
per request. The counts live behind :class:`~gateway.state.windows.RateWindows`.
"""

from __future__ import annotations

from starlette.responses import Response

from gateway import request_scope
from gateway.http.errors import RequestError
from gateway.identity import Caller
from gateway.state.windows import InProcessRateWindows, RateWindows

STATUS = 429
CODE = "RATE_LIMITED"


class CallerRateLimited(Exception):
    """This caller has made its requests for the window."""

    def __init__(self, limit: int, retry_after_s: int) -> None:
        super().__init__(f"Too many requests from this caller; retry in {retry_after_s} s.")
        self.limit = limit
        self.retry_after_s = retry_after_s

    def response(self) -> Response:
        """The refusal: ``429``, ``Retry-After``, the request-level error."""
        error = RequestError(
            str(self),
            CODE,
            status=STATUS,
            headers={"Retry-After": str(self.retry_after_s)},
            extensions={"retryAfter": self.retry_after_s, "limit": self.limit},
        )
        return error.response(request_scope.current_request_id())


def caller_key(caller: Caller, address: str | None) -> str:
    """Whose count a request adds to (see the module docstring)."""
    if caller.operator is not None:
        return f"operator:{caller.operator.subject}"
    return f"address:{address or 'unknown'}"


class CallerRateLimit:
    """At most ``limit`` requests per caller per ``window_s`` (``limit`` 0: no limit)."""

    def __init__(self, limit: int, window_s: float, windows: RateWindows | None = None) -> None:
        if limit < 0 or window_s <= 0:
            raise ValueError("limit must be >= 0 and window_s > 0")
        self.limit = limit
        self.window_s = window_s
        self.windows = windows if windows is not None else InProcessRateWindows()

    def admit(self, caller: Caller, address: str | None) -> None:
        """Count one request of this caller, or raise :class:`CallerRateLimited`."""
        if self.limit == 0:
            return
        decision = self.windows.hit(caller_key(caller, address), self.limit, self.window_s)
        if not decision.allowed:
            raise CallerRateLimited(self.limit, decision.retry_after_s)
