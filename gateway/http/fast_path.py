"""``StoredAnswers``: whole-response cache hits answered in front of the router.

A small ASGI middleware, the innermost of the edge's (request scope, CORS, compression,
CSRF, the request log and the body limit all run around it exactly as for any other
request). For a plain ``GET`` or ``POST`` on ``/graphql`` holding one operation it does
what :class:`~gateway.http.endpoint.GraphQLEndpoint` does before executing — the
response media type, the operation from the URL or the JSON body, its document (APQ,
trusted documents), the caller recognised and admitted by the caller rate limit — and
looks the operation up in the whole-response cache (:meth:`GraphQLEndpoint.stored`, the
same key). A fresh entry is counted and observed as the endpoint does for a hit (its
operation's usage record, the lookup metric, the request log's operation summary, a span
when tracing is on) and answered from its stored bytes
(:meth:`GraphQLEndpoint.stored_answer`: the same body, ``Cache-Control``, ``ETag``/
``304``, ``Vary`` as the endpoint's own answer), with no FastAPI routing or dependency
solving and no strawberry at all.

Anything else — a miss, a batch, a mutation, a subscription, GraphiQL, a request the
endpoint would refuse, an APQ document still to register — goes on to the router
unchanged (its body replayed), with the caller already recognised on
``scope["state"]`` so it is recognised and counted once.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import orjson
from starlette.requests import HTTPConnection, Request
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway import usage
from gateway.http.endpoint import GraphQLEndpoint
from gateway.http.errors import RequestError
from gateway.http.negotiation import content_media_type, response_media_type
from gateway.http.operations import JSON_MEDIA_TYPE, Operation, from_query_string, operation_from
from gateway.identity import Caller
from gateway.limits.callers import CallerRateLimited

Identify = Callable[[HTTPConnection], Awaitable[Caller]]
"""Recognises a request's caller and admits it (once per request; see ``gateway.app``)."""


class StoredAnswers:
    """Answers whole-response cache hits before routing (see the module docstring)."""

    def __init__(
        self, app: ASGIApp, *, endpoint: GraphQLEndpoint, identify: Identify, path: str
    ) -> None:
        self.app = app
        self.endpoint = endpoint
        self.identify = identify
        self.path = path
        self.route = Route(path, endpoint=self, methods=["GET", "POST"])
        """What ``scope["route"]`` names for a request answered here (the request log's
        route template)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["path"] != self.path
            or scope["method"] not in ("GET", "POST")
            or self.endpoint.operations is None
        ):
            await self.app(scope, receive, send)
            return
        body = await _body(scope, receive) if scope["method"] == "POST" else None
        request = Request(scope, receive)
        if not await self._answer(request, body, scope, receive, send):
            await self.app(scope, _replaying(body, receive) if body is not None else receive, send)

    async def _answer(
        self, request: Request, body: bytes | None, scope: Scope, receive: Receive, send: Send
    ) -> bool:
        """Whether the request was answered here (a hit, or a caller over its limit)."""
        started = time.perf_counter()
        endpoint = self.endpoint
        headers = request.headers
        accept = headers.get("accept")
        # strawberry's own choice of a streamed transport, from the one header it reads
        if endpoint._get_stream_transport_from_headers({"accept": accept or ""}) is not None:
            return False
        media_type = response_media_type(accept)
        if media_type is None:
            return False
        operation = _operation(request, body, endpoint)
        if operation is None:
            return False
        try:
            document, register_as = await endpoint.persisted.document(operation, counted=False)
        except RequestError:
            return False
        if register_as is not None:
            return False
        try:
            caller = await self.identify(request)
        except CallerRateLimited as limited:
            await limited.response()(scope, receive, send)
            return True
        _, stored = endpoint.stored(document, operation, caller)
        if stored is None:
            return False  # the endpoint looks it up again, and counts the miss
        request_usage = usage.current()
        if request_usage is None:
            request_usage = usage.UpstreamUsage()
        with usage.recording() as operation_usage:  # the operation's record, as executed
            endpoint.looked_up(operation_usage, stored)
        endpoint.persisted.found(operation)
        endpoint.observe_hit(_Asking(request, caller), document, operation, started)
        response = endpoint.stored_answer(request, stored, media_type, request_usage)
        scope["route"] = self.route
        await response(scope, receive, send)
        return True


@dataclass(frozen=True, slots=True)
class _Asking:
    """What the hit's observation reads of a request's context: the request and caller."""

    request: Request
    caller: Caller


def _operation(request: Request, body: bytes | None, endpoint: GraphQLEndpoint) -> Operation | None:
    """The request's one operation, or ``None`` when the endpoint must see it (GraphiQL,
    a batch, anything it would refuse)."""
    try:
        if body is None:
            if endpoint.graphiql is not None and endpoint.graphiql.wanted(request):
                return None
            return from_query_string(request)
        if content_media_type(request.headers) != JSON_MEDIA_TYPE:
            return None
        data: Any = orjson.loads(body)
        return operation_from(data) if isinstance(data, dict) else None
    except (RequestError, orjson.JSONDecodeError):
        return None


async def _body(scope: Scope, receive: Receive) -> bytes:
    """The whole request body (the body limit, outside, has bounded it)."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replaying(body: bytes, receive: Receive) -> Receive:
    """``receive`` for the router, the body already read here handed on first."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
