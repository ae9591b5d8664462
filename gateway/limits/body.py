"""``BodySizeLimit``: a GraphQL request body larger than the limit is never read whole.

An ASGI middleware in front of the GraphQL route: a declared ``Content-Length`` over
the limit is refused at once, and one within it is let through as it comes (the server
frames the body by it: no more arrives); a body without one (chunked) is counted as it
arrives and refused as soon as it passes the limit — before any of it is parsed. A body
within the limit is handed on unchanged. The refusal is a request-level error
(:class:`~gateway.http.errors.RequestError`), status ``413``, and the connection is closed::

    {"errors": [{"message": "...",
                 "extensions": {"code": "REQUEST_TOO_LARGE", "limit": N, "requestId": "..."}}]}
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway import request_scope
from gateway.http.errors import RequestError

CODE = "REQUEST_TOO_LARGE"
STATUS = 413


class BodySizeLimit:
    """Refuses request bodies over ``max_bytes`` on paths starting with ``prefix``."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, prefix: str) -> None:
        if max_bytes < 1:
            raise ValueError("max_bytes must be positive")
        self.app = app
        self.max_bytes = max_bytes
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit():
            if int(declared) > self.max_bytes:
                await self._refuse(scope, receive, send)
            else:  # the server delivers at most the declared length
                await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        error = RequestError(
            f"The request body is larger than {self.max_bytes} bytes.",
            CODE,
            status=STATUS,
            headers={"Connection": "close"},
            extensions={"limit": self.max_bytes},
        )
        await error.response(request_scope.current_request_id())(scope, receive, send)
