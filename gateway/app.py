"""The app factory: FastAPI serving the graph and the operational endpoints.

- ``/graphql``: GraphQL over HTTP (POST and GET, batches, persisted queries — the HTTP
  edge, :mod:`gateway.http`), GraphiQL in the browser, and
  subscriptions over graphql-transport-ws (websocket) and graphql-sse
  (``Accept: text/event-stream``) — ``gateway.events.transports``; GraphiQL and
  introspection off with ``STOREGRAPH_INTROSPECTION=false``; every request's caller is
  recognised from its headers (``gateway.identity``) into ``context.caller``; a
  whole-response cache hit is answered before routing (``gateway.http.fast_path``)
- ``/healthz``: the process is up
- ``/readyz``: the gateway can serve (200), with each store's state — probed through
  the cache, concurrently, waiting at most ``READY_WAIT_S`` (a probe still out is
  ``CHECKING`` and finishes behind the answer); one store's trouble never takes the
  gateway out of rotation: 503 only when it cannot serve at all (its runtime cannot
  start)
- ``/metrics``: Prometheus exposition
- ``POST /webhooks/litestore``, ``POST /webhooks/litekart``: the stores' signed
  webhooks (``gateway.events``); on when the store's webhook secret is set, and
  always for the embedded stores, which are subscribed to them at start
- ``POST /admin/cache/clear``: empties the response cache; exists only when
  ``STOREGRAPH_ADMIN_TOKEN`` is set, and needs it as a bearer token

This module is the composition root: it is where the schema meets the runtime.
"""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

import httpx
import strawberry
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware
from opentelemetry.trace import TracerProvider
from starlette.requests import HTTPConnection

from gateway import http
from gateway.context import GatewayContext
from gateway.dialects import dialect
from gateway.errors import GatewayError
from gateway.events.receiver import WebhookReceiver
from gateway.events.routes import webhook_router
from gateway.http.fast_path import StoredAnswers
from gateway.identity import Caller, operator_auth, recognise_caller
from gateway.limits.body import BodySizeLimit
from gateway.limits.callers import CallerRateLimit, CallerRateLimited
from gateway.runtime import Runtime
from gateway.settings import Settings
from gateway.sources import Source
from gateway.telemetry.tracing import tracer_provider_from_env

CALLER_KEY = "caller"
"""``scope["state"][CALLER_KEY]``: the request's recognised (and admitted) caller."""
READY_WAIT_S = 0.08
"""How long ``/readyz`` waits for the stores' probes (it must answer within 100 ms)."""


def create_app(
    settings: Settings | None = None,
    *,
    transports: Mapping[Source, httpx.AsyncBaseTransport] | None = None,
    schema: strawberry.Schema | None = None,
    jwks_transport: httpx.AsyncBaseTransport | None = None,
    tracer_provider: TracerProvider | None = None,
) -> FastAPI:
    """The gateway app. ``transports`` replace the network per store (tests, bench);
    ``jwks_transport`` the network to the operator-token issuer's JWKS URL (tests);
    ``tracer_provider`` turns tracing on (default: as the ``OTEL_*`` variables say).
    ``app.state.operator_auth.generated_secret`` is the embedded default's operator
    secret when none was configured (``storegraph serve`` prints it)."""
    settings = settings or Settings.from_env()
    if tracer_provider is None:
        tracer_provider = tracer_provider_from_env()
    if schema is None:
        from schema.build import build_schema

        schema = build_schema(
            introspection=settings.introspection,
            field_spans=settings.trace_fields and tracer_provider is not None,
        )
    runtime = Runtime(settings, transports, tracer_provider)
    operators = operator_auth(settings, jwks_transport=jwks_transport)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await runtime.start()
        yield
        await runtime.close()
        if operators.verifier is not None:
            await operators.verifier.aclose()

    callers = CallerRateLimit(settings.caller_rate_limit, settings.caller_rate_window_s)

    async def identify(request: HTTPConnection) -> Caller:
        """The request's caller, recognised and admitted once per request (the fast
        path's, when it looked first, is kept on the scope for the context)."""
        state = request.scope.setdefault("state", {})
        caller = state.get(CALLER_KEY)
        if caller is None:
            caller = await recognise_caller(request.headers, operators.verifier)
            if request.scope["type"] == "http":  # a subscription's socket is one request
                callers.admit(caller, request.client.host if request.client else None)
            state[CALLER_KEY] = caller
        return caller

    async def get_context(request: HTTPConnection) -> GatewayContext:
        await runtime.start()
        caller = await identify(request)
        return GatewayContext(
            clients=runtime.clients,
            settings=runtime.settings,
            caller=caller,
            idempotency=runtime.idempotency,
            events=runtime.bus,
            request_id=getattr(request.state, "request_id", None),
            usage=getattr(request.state, "usage", None),
        )

    app = FastAPI(
        title="storegraph",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        # tracing is the gateway's own (OpenTelemetryMiddleware below, on its provider):
        # FastAPI's native telemetry would ask for global providers on every request
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    endpoint = http.graphql_endpoint(
        app,
        schema,
        settings,
        get_context,
        recognise_connection=lambda headers: recognise_caller(headers, operators.verifier),
        operations=runtime.operations,
        metrics=runtime.metrics,
    )
    if runtime.operations is not None and settings.operation_cache_fast_path:
        # added first: the innermost middleware, every other one runs around its answers
        app.add_middleware(
            StoredAnswers, endpoint=endpoint, identify=identify, path=http.GRAPHQL_PATH
        )
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes, prefix=http.GRAPHQL_PATH)
    if tracer_provider is not None:
        # the server span per request, continuing the caller's traceparent
        app.add_middleware(
            OpenTelemetryMiddleware,
            tracer_provider=tracer_provider,
            exclude_spans=["receive", "send"],
        )

    @app.exception_handler(CallerRateLimited)
    async def caller_rate_limited(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, CallerRateLimited)
        return exc.response()

    app.state.runtime = runtime
    app.state.operator_auth = operators
    runtime.gateway_app = app

    async def webhook_receiver() -> WebhookReceiver:
        await runtime.start()
        return runtime.webhooks

    app.include_router(webhook_router(webhook_receiver))
    http.install(app, settings)

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz")
    async def readyz() -> JSONResponse:
        try:
            await runtime.start()
        except Exception:
            return JSONResponse({"ready": False, "stores": {}}, status_code=503)
        probes = {source: asyncio.ensure_future(_probe(runtime, source)) for source in Source}
        await asyncio.wait(probes.values(), timeout=READY_WAIT_S)
        stores: dict[str, dict[str, Any]] = {}
        for source, probe in probes.items():
            state = probe.result() if probe.done() else {"ready": False, "code": "CHECKING"}
            if not probe.done():
                runtime.keep(probe)  # finishes behind the answer (and primes the cache)
            runtime.metrics.store_ready(source, bool(state["ready"]))
            stores[source.value] = state
        return JSONResponse({"ready": True, "stores": stores})

    @app.post("/admin/cache/clear", include_in_schema=False)
    async def clear_cache(request: Request) -> JSONResponse:
        token = runtime.settings.admin_token
        sent = request.headers.get("authorization", "")
        if not token or not hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
            return JSONResponse({"error": "not found"}, status_code=404)
        runtime.cache.clear()
        return JSONResponse({"cleared": True})

    @app.get("/metrics")
    async def metrics() -> Response:
        return Response(runtime.metrics.render(), media_type="text/plain; version=0.0.4")

    return app


async def _probe(runtime: Runtime, source: Source) -> dict[str, Any]:
    path, params = dialect(source).probe
    try:
        response = await runtime.clients[source].get_json(path, params)
    except GatewayError as error:
        state: dict[str, Any] = {"ready": False, "code": error.code}
        if error.retry_after is not None:
            state["retryAfter"] = error.retry_after
        return state
    if response.stale:  # the store did not answer: its last good answer stood in
        return {"ready": False, "code": "SERVING_STALE"}
    return {"ready": True}
