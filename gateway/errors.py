"""Errors the gateway raises when an upstream call fails.

Every error carries a client-safe ``message`` and a machine ``code`` that ends up in
GraphQL ``errors[].extensions`` (see :meth:`GatewayError.extensions`). Messages never
contain raw upstream bodies, credentials or stack traces.

::

    GatewayError                      code
    ├── NotFound                      NOT_FOUND             404
    ├── Unauthenticated               UNAUTHENTICATED       401
    ├── Forbidden                     FORBIDDEN             403
    ├── BadUpstreamRequest            BAD_REQUEST           400, 409, 422 (store's short message)
    ├── RateLimited                   RATE_LIMITED          429 or own budget exhausted
    ├── UpstreamError                 UPSTREAM_ERROR        5xx, unparseable body
    ├── UpstreamTimeout               UPSTREAM_TIMEOUT      httpx.TimeoutException, deadline
    └── UpstreamUnavailable           UPSTREAM_UNAVAILABLE  connection refused, DNS
"""

from __future__ import annotations

from typing import Any, ClassVar

from gateway.sources import Source

MAX_MESSAGE_LENGTH = 200
"""Store-provided messages are cut to this many characters."""


class GatewayError(Exception):
    """Base of every error the gateway reports to its clients."""

    code: ClassVar[str] = "INTERNAL_ERROR"
    default_message: ClassVar[str] = "Upstream request failed"

    def __init__(
        self,
        message: str | None = None,
        *,
        source: Source | None = None,
        retry_after: float | None = None,
        status: int | None = None,
    ) -> None:
        self.message = _clean(message) or self.default_message
        self.source = source
        self.retry_after = retry_after
        self.status = status
        self.upstream_code: str | None = None
        """The store's own error code, when it sent one (not shown to clients)."""
        self.field_errors: list[tuple[str, str]] = []
        """The store's ``(field, message)`` validation details of a refused request."""
        super().__init__(self.message)

    def extensions(self) -> dict[str, Any]:
        """``{"code", "source", "retryAfter"}`` for GraphQL ``extensions``, without Nones."""
        ext: dict[str, Any] = {"code": self.code}
        if self.source is not None:
            ext["source"] = self.source.name
        if self.retry_after is not None:
            ext["retryAfter"] = self.retry_after
        return ext

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, source={self.source!r})"


class NotFound(GatewayError):
    code = "NOT_FOUND"
    default_message = "Not found"


class Unauthenticated(GatewayError):
    code = "UNAUTHENTICATED"
    default_message = "The store rejected the gateway's credentials"


class Forbidden(GatewayError):
    code = "FORBIDDEN"
    default_message = "The store denied access to this resource"


class BadUpstreamRequest(GatewayError):
    code = "BAD_REQUEST"
    default_message = "The store rejected the request"


class RateLimited(GatewayError):
    code = "RATE_LIMITED"
    default_message = "The store's rate limit is exhausted"


class UpstreamError(GatewayError):
    code = "UPSTREAM_ERROR"
    default_message = "The store failed to answer"


class UpstreamTimeout(GatewayError):
    code = "UPSTREAM_TIMEOUT"
    default_message = "The store did not answer in time"


class UpstreamUnavailable(GatewayError):
    code = "UPSTREAM_UNAVAILABLE"
    default_message = "The store is unreachable"


class BadUserInput(GatewayError):
    """The caller's own input is wrong (a bad cursor, a limit exceeded): nothing was asked
    of any store. ``field`` names the argument."""

    code = "BAD_USER_INPUT"
    default_message = "Invalid input"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message  # the gateway's own words, shown as written
        self.field = field

    def extensions(self) -> dict[str, Any]:
        ext = super().extensions()
        if self.field:
            ext["field"] = self.field
        return ext


_BY_STATUS: dict[int, type[GatewayError]] = {
    400: BadUpstreamRequest,
    401: Unauthenticated,
    403: Forbidden,
    404: NotFound,
    409: BadUpstreamRequest,
    410: NotFound,
    422: BadUpstreamRequest,
    429: RateLimited,
    504: UpstreamTimeout,
}


def error_for_status(
    source: Source | None,
    status: int,
    message: str | None = None,
    retry_after: float | None = None,
) -> GatewayError:
    """The error for an upstream HTTP status.

    ``message`` is a short, client-safe message (for 4xx: the store's own). For 5xx it
    is ignored: a server failure's details stay in the logs, not in client errors.
    """
    if status >= 500:
        cls = _BY_STATUS.get(status, UpstreamError)
        return cls(source=source, status=status, retry_after=retry_after)
    cls = _BY_STATUS.get(status, BadUpstreamRequest)
    if cls is RateLimited:
        return cls(message, source=source, retry_after=retry_after, status=status)
    return cls(message, source=source, status=status)


def _clean(message: str | None) -> str | None:
    if not message:
        return None
    text = " ".join(str(message).split())
    if len(text) > MAX_MESSAGE_LENGTH:
        text = text[: MAX_MESSAGE_LENGTH - 1] + "…"
    return text or None
