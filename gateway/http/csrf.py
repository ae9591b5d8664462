"""``CsrfPreventionMiddleware``: no GraphQL operation from a request a browser could
send cross-site without asking first (as Apollo Router and Apollo Server do).

A browser sends a "simple" request — a ``GET``, or a ``POST`` whose content type is
``text/plain``, ``application/x-www-form-urlencoded`` or ``multipart/form-data`` —
from any page, with the user's ambient credentials, without a CORS preflight. Such a
request to a GraphQL path is refused (``400``, GraphQL JSON, code ``CSRF_PREVENTED``)
unless it shows it was preflighted: a ``content-type`` other than those three, or a
non-empty ``apollo-require-preflight`` or ``x-apollo-operation-name`` header. Apollo
clients send ``content-type: application/json``; other non-browser clients (curl, an
audit) add ``apollo-require-preflight: true``.

A ``GET`` that asks for no operation (a browser opening the GraphiQL page) executes
nothing and is let through; so are WebSocket handshakes, which strawberry checks
against their ``Origin``.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.datastructures import Headers, QueryParams
from starlette.types import ASGIApp, Receive, Scope, Send

from gateway import request_scope
from gateway.http.errors import CSRF_PREVENTED, RequestError
from gateway.http.headers import PREFLIGHT_HEADERS
from gateway.http.negotiation import content_media_type

SIMPLE_CONTENT_TYPES = frozenset(
    {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data"}
)
OPERATION_PARAMETERS = ("query", "extensions", "documentId")
MESSAGE = (
    "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). "
    "Please either specify a 'content-type' header (with a type that is not one of "
    "application/x-www-form-urlencoded, multipart/form-data, text/plain) or provide a "
    "non-empty value for one of the following headers: " + ", ".join(PREFLIGHT_HEADERS)
)


def preflighted(headers: Headers) -> bool:
    """The request could only have come from a browser after a CORS preflight."""
    media_type = content_media_type(headers)
    if media_type and media_type not in SIMPLE_CONTENT_TYPES:
        return True
    return any(headers.get(name, "").strip() for name in PREFLIGHT_HEADERS)


class CsrfPreventionMiddleware:
    """Refuses simple (non-preflighted) requests to ``paths`` that carry an operation."""

    def __init__(self, app: ASGIApp, *, paths: Iterable[str]) -> None:
        self.app = app
        self.paths = frozenset(path.rstrip("/") or "/" for path in paths)
        if not self.paths:
            raise ValueError("CsrfPreventionMiddleware needs at least one path to protect")
        if any(not path.startswith("/") for path in self.paths):
            raise ValueError("CSRF-protected paths must start with '/'")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self._allowed(scope):
            await self.app(scope, receive, send)
            return
        error = RequestError(MESSAGE, CSRF_PREVENTED, status=400)
        await error.response(request_scope.current_request_id())(scope, receive, send)

    def _allowed(self, scope: Scope) -> bool:
        if (scope["path"].rstrip("/") or "/") not in self.paths:
            return True
        if scope["method"] == "OPTIONS":
            return True
        headers = Headers(scope=scope)
        if preflighted(headers):
            return True
        if scope["method"] in ("GET", "HEAD"):
            params = QueryParams(scope.get("query_string", b""))
            return not any(name in params for name in OPERATION_PARAMETERS)
        return False
