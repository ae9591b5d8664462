"""``GraphQLEndpoint``: the graph on ``/graphql`` — GraphQL over HTTP, batches, APQ,
HTTP caching, GraphiQL — with strawberry's subscription transports beside it.

Plain ``GET`` and ``POST`` requests are served here:

1. ``GET`` from a browser asking for HTML, with no operation: the GraphiQL page;
2. the response media type from ``Accept`` (:mod:`gateway.http.negotiation`);
3. the operations from the URL or the body, one or a batch
   (:mod:`gateway.http.operations`);
4. each operation's document from the request or the persisted-query store
   (:mod:`gateway.http.persisted`);
5. every operation executed concurrently on the request's one context, so a batch
   shares its DataLoaders and costs no more upstream calls than one merged query, each
   inside its own record of upstream usage (:func:`gateway.usage.recording`, within the
   request's); a cacheable query is first looked up in the whole-response cache, and a
   hit — which never reaches the schema — is still counted, logged and traced
   (:func:`gateway.telemetry.operation.answered_from_cache`);
   ``GET`` runs queries only (a mutation is ``405``), ``POST`` queries and mutations;
6. the results on the wire (:mod:`gateway.http.results`), request-level refusals as
   GraphQL JSON (:mod:`gateway.http.errors`);
7. ``GET`` answers cacheable by what they used (:mod:`gateway.http.http_cache`), with
   ``ETag`` and ``304``; everything else ``no-store``.

Subscriptions — WebSocket connections (graphql-transport-ws) and ``Accept:
text/event-stream`` requests (graphql-sse) — go to strawberry's own handling of the same
path, with the transports and limits of :mod:`gateway.events.transports`; a
cross-origin WebSocket handshake is accepted from the origins CORS allows.

The endpoint is a plain ASGI app (strawberry's ASGI view, not FastAPI's router) mounted
as one Starlette route: a request's context comes from the app's context getter called
directly, with no per-request dependency solving.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import orjson
from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import MissingQueryError
from strawberry.schema.base import BaseSchema
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError
from strawberry.types.graphql import OperationType
from strawberry.types.unset import UNSET

from gateway import request_scope
from gateway.events.transports import Recognise, SubscriptionTransports, subscription_options
from gateway.http import http_cache
from gateway.http.cors import origin_allowed
from gateway.http.errors import (
    BAD_REQUEST,
    METHOD_NOT_ALLOWED,
    NOT_ACCEPTABLE,
    OPERATION_RESOLUTION_FAILURE,
    RequestError,
)
from gateway.http.graphiql import GraphiQL
from gateway.http.headers import IDENTITY_HEADERS
from gateway.http.negotiation import GRAPHQL_RESPONSE_JSON, JSON, response_media_type
from gateway.http.operations import Operation, Parsed, from_body, from_query_string
from gateway.http.persisted import PersistedQueries
from gateway.http.results import status_of, wire_payload
from gateway.identity import Caller
from gateway.limits.documents import normalised
from gateway.metrics import Metrics
from gateway.operation_cache import OperationCache, identity_class, operation_key
from gateway.settings import Settings
from gateway.state.operations import StoredOperation
from gateway.telemetry.operation import answered_from_cache
from gateway.usage import UpstreamUsage, recording

ALLOWED_OPERATIONS: dict[str, frozenset[OperationType]] = {
    "GET": frozenset({OperationType.QUERY}),
    "POST": frozenset({OperationType.QUERY, OperationType.MUTATION}),
}
SUBSCRIPTIONS_MESSAGE = (
    "Subscriptions are served over WebSocket (graphql-transport-ws) on this path, "
    "not as a plain HTTP request."
)
_SKIPPED_CONTEXT_HEADERS = {"content-length", "content-type"}
_METHODS = ("GET", "POST")
_ALLOW = {"Allow": ", ".join(_METHODS)}
GRAPHQL_PATH_METHODS = "GraphQL is served over GET (queries) and POST."

Outcome = ExecutionResult | RequestError


# strawberry's own ASGI view overrides AsyncBaseHTTPView.websocket_adapter_class with a
# `type: ignore` (an adapter class does not match that attribute's Callable annotation);
# the mixin's adapter is a subclass of the view's, so only that mismatch is silenced
class GraphQLEndpoint(SubscriptionTransports, GraphQL):  # type: ignore[misc]
    """The GraphQL endpoint of the gateway, an ASGI app (see the module docstring)."""

    operations: OperationCache | None = None
    """The whole-response cache (:mod:`gateway.operation_cache`), consulted per operation."""
    metrics: Metrics | None = None
    """Where its lookups are counted (hit/miss)."""

    def __init__(
        self,
        schema: BaseSchema,
        *,
        settings: Settings,
        persisted: PersistedQueries,
        context_getter: Callable[..., Any],
        graphiql: GraphiQL | None = None,
        recognise_connection: Recognise | None = None,
    ) -> None:
        super().__init__(
            schema,
            graphql_ide=None,
            recognise_connection=recognise_connection,
            **subscription_options(settings),
        )
        self.context_getter = context_getter
        self.settings = settings
        self.persisted = persisted
        self.graphiql = graphiql

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await self.run(WebSocket(scope, receive=receive, send=send))
            return
        request = Request(scope, receive)
        if scope["method"] not in _METHODS:
            refused = RequestError(
                GRAPHQL_PATH_METHODS, METHOD_NOT_ALLOWED, status=405, headers=_ALLOW
            )
            response = self._refusal(refused, JSON, _request_id(request))
        else:
            try:
                response = await self.run(request)
            except HTTPException as error:  # strawberry's own refusals (its transports)
                response = PlainTextResponse(error.reason, status_code=error.status_code)
        await response(scope, receive, send)

    async def get_context(self, request: Request | WebSocket, response: Any = None) -> Any:
        """The app's context for the request, holding the request (and, for a websocket,
        its socket; for a streamed subscription, strawberry's sub-response)."""
        context = await self.context_getter(request)
        context.request = request
        context.response = response
        return context

    def is_websocket_origin_allowed(self, request: Any, origin: str) -> bool:
        """A cross-origin WebSocket handshake: the origins CORS allows."""
        return origin_allowed(self.settings, origin)

    def encode_json(self, data: object) -> bytes:
        """orjson, Decimal amounts as strings."""
        return orjson.dumps(data, default=str)

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        # strawberry's choice of a streamed transport reads one header (given alone:
        # it would otherwise decode every header to find it)
        accept = request.headers.get("accept", "")
        streamed = self._get_stream_transport_from_headers({"accept": accept})
        if self.is_websocket_request(request) or streamed is not None:
            return await super().run(request, context, root_value)
        if context is UNSET:
            context = await self.get_context(request)
        return await self._serve(request, context, None if root_value is UNSET else root_value)

    # ------------------------------------------------------------------ HTTP

    async def _serve(self, request: Request, context: Any, root_value: Any) -> Response:
        request_id = _request_id(request)
        media_type = response_media_type(request.headers.get("accept"))
        try:
            if request.method == "GET" and self.graphiql and self.graphiql.wanted(request):
                return self.graphiql.page()
            if media_type is None:
                raise RequestError(
                    f"This endpoint answers {GRAPHQL_RESPONSE_JSON} or {JSON}.",
                    NOT_ACCEPTABLE,
                    status=406,
                )
            if request.method == "GET":
                parsed: list[Parsed] = [from_query_string(request)]
                batched = False
            else:
                parsed, batched = await from_body(request, self.settings.max_batch_operations)
        except RequestError as error:
            return self._refusal(error, media_type or JSON, request_id)

        if len(parsed) == 1:  # no task of its own for a lone operation
            outcomes = [await self._outcome(request, parsed[0], context, root_value)]
        else:
            outcomes = await asyncio.gather(
                *(self._outcome(request, item, context, root_value) for item in parsed)
            )
        usage: UpstreamUsage = getattr(context, "usage", None) or UpstreamUsage()
        upstream = usage.extensions(time.time()) if usage.touched else None
        if batched:
            body = [self._payload(o, request_id, upstream) for o in outcomes]
            return self._respond(request, context, body, 200, media_type)
        (outcome,) = outcomes
        if isinstance(outcome, RequestError):
            return self._refusal(outcome, media_type, request_id, context)
        payload = self._payload(outcome, request_id, upstream)
        status = status_of(payload, media_type)
        if request.method == "GET" and status == 200:
            return self._cacheable(request, context, payload, media_type, usage)
        return self._respond(request, context, payload, status, media_type)

    async def _outcome(
        self, request: Request, item: Parsed, context: Any, root_value: Any
    ) -> Outcome:
        if isinstance(item, RequestError):
            return item
        try:
            return await self._execute(request, item, context, root_value)
        except RequestError as error:
            return error

    async def _execute(
        self, request: Request, operation: Operation, context: Any, root_value: Any
    ) -> ExecutionResult:
        document, register_as = await self.persisted.document(operation)
        with recording() as usage:  # this operation's own record, inside the request's
            return await self._execute_recorded(
                request, operation, document, register_as, context, root_value, usage
            )

    async def _execute_recorded(
        self,
        request: Request,
        operation: Operation,
        document: str,
        register_as: str | None,
        context: Any,
        root_value: Any,
        usage: UpstreamUsage,
    ) -> ExecutionResult:
        started = time.perf_counter()
        key, stored = self.stored(document, operation, context.caller)
        if key is not None:
            self.looked_up(usage, stored)
        if stored is not None:
            self.observe_hit(context, document, operation, started)
            return ExecutionResult(data=stored.data, errors=None)
        try:
            result = await self.schema.execute(
                document,
                variable_values=operation.variables,
                context_value=context,
                root_value=root_value,
                operation_name=operation.operation_name,
                allowed_operation_types=ALLOWED_OPERATIONS[request.method],
                operation_extensions=operation.extensions,
            )
        except CannotGetOperationTypeError as error:
            raise RequestError(
                error.as_http_error_reason(), OPERATION_RESOLUTION_FAILURE, status=None
            ) from None
        except InvalidOperationTypeError as error:
            if error.operation_type is OperationType.MUTATION:
                raise RequestError(
                    "Mutations are only accepted over POST.",
                    METHOD_NOT_ALLOWED,
                    status=405,
                    headers={"Allow": "POST"},
                ) from None
            raise RequestError(SUBSCRIPTIONS_MESSAGE, BAD_REQUEST) from None
        except MissingQueryError:
            raise RequestError("The request's `query` is empty.", BAD_REQUEST) from None
        if register_as is not None and not isinstance(result, PreExecutionError):
            await self.persisted.register(register_as, document)
        if key is not None and self.operations is not None and not context.partial_errors:
            self.operations.offer(key, result.data, result.errors, usage)
        return result

    # ------------------------------------------------------------------ responses

    def _payload(
        self, outcome: Outcome, request_id: str | None, upstream: dict[str, Any] | None
    ) -> dict[str, Any]:
        if isinstance(outcome, RequestError):
            return outcome.body(request_id)
        return wire_payload(outcome, request_id=request_id, upstream=upstream)

    def _refusal(
        self,
        error: RequestError,
        media_type: str,
        request_id: str | None,
        context: Any = None,
    ) -> Response:
        status = error.status
        if status is None:
            status = 400 if media_type == GRAPHQL_RESPONSE_JSON else 200
        response = self._response(error.body(request_id), status, media_type, context)
        response.headers.update(error.headers)
        return response

    def _respond(
        self, request: Request, context: Any, body: Any, status: int, media_type: str
    ) -> Response:
        return self._response(body, status, media_type, context)

    def _response(self, body: Any, status: int, media_type: str, context: Any) -> Response:
        return self._encoded(self.encode_json(body), status, media_type, context)

    def _encoded(self, content: bytes, status: int, media_type: str, context: Any) -> Response:
        response = Response(
            content,
            status_code=status,
            media_type=f"{media_type}; charset=utf-8",
            headers={"Cache-Control": http_cache.NO_STORE, "Vary": http_cache.VARY},
        )
        _merge_context_headers(response, context)
        return response

    def _cacheable(
        self,
        request: Request,
        context: Any,
        payload: dict[str, Any],
        media_type: str,
        usage: UpstreamUsage,
    ) -> Response:
        return self._cacheable_encoded(
            request,
            context,
            self.encode_json(payload),
            media_type,
            usage,
            has_errors=bool(payload.get("errors")),
            etag=lambda: http_cache.entity_tag(payload, media_type),
        )

    def _cacheable_encoded(
        self,
        request: Request,
        context: Any,
        content: bytes,
        media_type: str,
        usage: UpstreamUsage,
        *,
        has_errors: bool,
        etag: Callable[[], str],
    ) -> Response:
        identified = any(request.headers.get(name) for name in IDENTITY_HEADERS)
        policy = http_cache.cache_control(
            usage,
            identified=identified,
            has_errors=has_errors,
            max_age_cap=self.settings.http_cache_max_age_s,
            now=time.time(),
        )
        response = self._encoded(content, 200, media_type, context)
        response.headers["Cache-Control"] = policy
        if policy == http_cache.NO_STORE:
            return response
        tag = etag()
        response.headers["ETag"] = tag
        if http_cache.not_modified(request.headers.get("if-none-match"), tag):
            headers = {k: v for k, v in response.headers.items() if k != "content-length"}
            headers.pop("content-type", None)
            return Response(status_code=304, headers=headers)
        return response

    # ------------------------------------------------------------------ the response cache

    def stored(
        self, document: str, operation: Operation, caller: Caller
    ) -> tuple[str | None, StoredOperation | None]:
        """The operation's whole-response cache key (``None``: never cached) and its fresh
        stored answer, if any — not yet counted (:meth:`looked_up` does that)."""
        if self.operations is None:
            return None, None
        key = operation_key(
            document,
            operation.operation_name,
            operation.variables,
            identity_class(caller),
            max_tokens=self.settings.max_tokens,
        )
        return key, self.operations.entry(key) if key is not None else None

    def looked_up(self, usage: UpstreamUsage, stored: StoredOperation | None) -> None:
        """Count a lookup of a cacheable operation; a hit is reused on its record."""
        usage.response_cache = "miss" if stored is None else "hit"
        if self.metrics is not None:
            self.metrics.response_cache_lookup(hit=stored is not None)
        if stored is not None:
            usage.reused(fresh_until=stored.fresh_until, private=stored.private)

    def observe_hit(
        self, context: Any, document: str, operation: Operation, started: float
    ) -> None:
        """Observe an operation answered whole from the response cache (metrics, the
        request's log line, a span when tracing is on)."""
        name = _operation_name(document, operation, self.settings.max_tokens)
        answered_from_cache(context, name, document, started)

    def stored_answer(
        self, request: Request, stored: StoredOperation, media_type: str, usage: UpstreamUsage
    ) -> Response:
        """The response to a single operation answered whole from the response cache
        (``usage``: the request's record), from its stored bytes — what :meth:`_serve`
        answers for it, byte for byte (the fast path's, :mod:`gateway.http.fast_path`)."""
        if usage.touched:  # something else read a store for this request: say so
            upstream = usage.extensions(time.time())
            payload = self._payload(ExecutionResult(stored.data, None), None, upstream)
            content = self.encode_json(payload)
        else:
            content = b'{"data":' + stored.encoded + b"}"
        if request.method != "GET":
            return self._encoded(content, 200, media_type, None)

        def etag() -> str:
            tag = stored.etags.get(media_type)
            if tag is None:
                tag = stored.etags[media_type] = http_cache.entity_tag(
                    {"data": stored.data}, media_type
                )
            return tag

        return self._cacheable_encoded(
            request, None, content, media_type, usage, has_errors=False, etag=etag
        )


def _operation_name(document: str, operation: Operation, max_tokens: int) -> str | None:
    """The name of the operation a request runs (``None``: unnamed)."""
    if operation.operation_name is not None:
        return operation.operation_name
    found = normalised(document, max_tokens)  # cached: the key was made from it
    names = list(found[1]) if found is not None else []
    return names[0] if len(names) == 1 else None


def _request_id(request: Request) -> str | None:
    return getattr(request.state, "request_id", None) or request_scope.current_request_id()


def _merge_context_headers(response: Response, context: Any) -> None:
    """Headers resolvers set on the context's response (``info.context.response``)."""
    sub_response = getattr(context, "response", None)
    if not isinstance(sub_response, Response):
        return
    for name, value in sub_response.headers.raw:
        if name.decode("latin-1").lower() not in _SKIPPED_CONTEXT_HEADERS:
            response.headers.raw.append((name, value))
