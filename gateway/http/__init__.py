"""The HTTP edge: everything between a browser or mobile app and the graph.

One module per job:

- :mod:`~gateway.http.request_scope` — request ids (accepted, made, echoed, sent
  upstream) and the per-request upstream usage record;
- :mod:`~gateway.http.cors` — which origins may call (Starlette's CORS middleware);
- :mod:`~gateway.http.csrf` — no operation from a non-preflighted browser request;
- compression — gzip, brotli and zstd above a size threshold (``starlette-compress``);
- :mod:`~gateway.http.endpoint` — GraphQL over HTTP on ``/graphql``, with
  :mod:`~gateway.http.negotiation`, :mod:`~gateway.http.operations` (batches),
  :mod:`~gateway.http.persisted` and :mod:`~gateway.http.trusted_documents` (APQ and the
  allowlist), :mod:`~gateway.http.results`, :mod:`~gateway.http.errors` and
  :mod:`~gateway.http.http_cache`;
- :mod:`~gateway.http.graphiql` — the GraphiQL page and its vendored assets.

:func:`install` puts the middleware on an app in order (outermost first: request scope,
the request log line, CORS, compression, CSRF) and :func:`graphql_endpoint` builds the endpoint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import BaseRoute, Match, Route, WebSocketRoute
from starlette.types import Scope
from starlette_compress import CompressMiddleware, add_compress_type
from strawberry.schema.base import BaseSchema

from gateway.events.transports import Recognise
from gateway.http.cors import cors_options
from gateway.http.csrf import CsrfPreventionMiddleware
from gateway.http.endpoint import GraphQLEndpoint
from gateway.http.graphiql import GraphiQL
from gateway.http.negotiation import GRAPHQL_RESPONSE_JSON
from gateway.http.persisted import PersistedQueries
from gateway.http.request_scope import RequestScopeMiddleware
from gateway.http.trusted_documents import TrustedDocuments
from gateway.metrics import Metrics
from gateway.operation_cache import OperationCache
from gateway.settings import Settings
from gateway.state.documents import InMemoryDocumentStore
from gateway.telemetry.requests import RequestLogMiddleware

GRAPHQL_PATH = "/graphql"

add_compress_type(GRAPHQL_RESPONSE_JSON)


def install(app: FastAPI, settings: Settings) -> None:
    """The edge's middleware, outermost first: request scope, the request log line
    (:mod:`gateway.telemetry.requests`), CORS, compression, CSRF."""
    if settings.csrf_prevention:
        app.add_middleware(CsrfPreventionMiddleware, paths=[GRAPHQL_PATH])
    app.add_middleware(CompressMiddleware, minimum_size=settings.compression_min_bytes)
    app.add_middleware(CORSMiddleware, **cors_options(settings))
    app.add_middleware(RequestLogMiddleware)  # inside the scope: sees its id, logs refusals
    app.add_middleware(RequestScopeMiddleware)  # added last: the outermost


def graphql_endpoint(
    app: FastAPI,
    schema: BaseSchema,
    settings: Settings,
    context_getter: Callable[..., Any],
    *,
    recognise_connection: Recognise | None = None,
    operations: OperationCache | None = None,
    metrics: Metrics | None = None,
) -> GraphQLEndpoint:
    """The GraphQL endpoint on ``/graphql`` (and GraphiQL's assets, when enabled);
    ``recognise_connection`` finds a websocket's caller in its ``connection_init``;
    ``metrics`` counts the whole-response cache's and APQ's lookups."""
    trusted = (
        TrustedDocuments.load(settings.trusted_documents) if settings.trusted_documents else None
    )
    persisted = PersistedQueries(
        InMemoryDocumentStore(max_bytes=settings.apq_max_bytes, ttl_s=settings.apq_ttl_s),
        trusted,
        trusted_only=settings.trusted_documents_only,
        on_lookup=metrics.apq_lookup if metrics is not None else None,
    )
    # GraphiQL needs introspection: both off together (STOREGRAPH_INTROSPECTION)
    graphiql = GraphiQL(GRAPHQL_PATH) if settings.graphiql and settings.introspection else None
    if graphiql is not None:
        app.mount(graphiql.assets_path, graphiql.assets(), name="graphiql-assets")
    endpoint = GraphQLEndpoint(
        schema,
        settings=settings,
        persisted=persisted,
        context_getter=context_getter,
        graphiql=graphiql,
        recognise_connection=recognise_connection,
    )
    endpoint.operations = operations
    endpoint.metrics = metrics
    # one route for every method and the websocket: the endpoint answers 405 itself
    app.router.routes.append(_Named(Route(GRAPHQL_PATH, endpoint, include_in_schema=False)))
    app.router.routes.append(_Named(WebSocketRoute(GRAPHQL_PATH, endpoint)))
    return endpoint


class _Named(BaseRoute):
    """A route that names itself on the scope it matches (``scope["route"]``, as
    FastAPI's own routes do): the request log and the server span read its template."""

    def __init__(self, route: Route | WebSocketRoute) -> None:
        self.route = route
        self.path_format = route.path_format

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        match, child_scope = self.route.matches(scope)
        if match is not Match.NONE:
            child_scope["route"] = self.route
        return match, child_scope

    async def handle(self, scope: Scope, receive: Any, send: Any) -> None:
        await self.route.handle(scope, receive, send)

    def url_path_for(self, name: str, /, **path_params: Any) -> Any:
        return self.route.url_path_for(name, **path_params)


__all__ = ["GRAPHQL_PATH", "GraphQLEndpoint", "graphql_endpoint", "install"]
