"""OpenTelemetry tracing: off unless the standard ``OTEL_*`` variables ask for it.

:func:`tracer_provider_from_env` gives ``None`` (tracing off: no middleware, no
instrumented client, no span objects — nothing to pay) unless ``OTEL_TRACES_EXPORTER``
names an exporter (``otlp`` — OTLP over HTTP/protobuf to
``OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT`` — or ``console``, comma-separated for both) or an
OTLP endpoint is set; ``OTEL_SDK_DISABLED=true`` turns it off again. The SDK reads the
rest of the standard variables itself (``OTEL_SERVICE_NAME``, ``OTEL_RESOURCE_ATTRIBUTES``,
``OTEL_TRACES_SAMPLER``, ``OTEL_BSP_*``, ``OTEL_EXPORTER_OTLP_HEADERS``…). The provider is
the app's own (never the process-global one), so tests pass theirs to ``create_app``.

With a provider, the app gets:

- a server span per HTTP request (the ASGI instrumentation), continuing the caller's W3C
  ``traceparent``;
- a span per GraphQL operation (:mod:`gateway.telemetry.operation`);
- a span per upstream read or write (:func:`upstream_span`) with the store, the route
  template, the status, the cache outcome, the attempts and the store's remaining
  budget — the attributes are set where :class:`~gateway.metrics.Metrics` observes them;
- under it a client span per HTTP attempt (the httpx instrumentation), which sends the
  ``traceparent`` to the store; its URL attribute is the store's origin and the route
  template (``http://…/api/products/{id}``), never the ids or the query string, which
  can hold personal data (a search for an e-mail address).

Spans carry no credential, no request body and no upstream body.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from contextvars import ContextVar
from typing import Any

import httpx
from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SpanExporter
from opentelemetry.trace import SpanKind, Status, StatusCode, Tracer

from gateway.sources import Source

SERVICE_NAME = "storegraph"
TRACER_NAME = "storegraph"
EXPORTERS_ENV = "OTEL_TRACES_EXPORTER"
ENDPOINT_ENVS = ("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
DISABLED_ENV = "OTEL_SDK_DISABLED"

# Span attributes (OpenTelemetry semantic conventions where one exists).
STORE = "storegraph.store"
ROUTE = "http.route"
METHOD = "http.request.method"
STATUS = "http.response.status_code"
CACHE = "storegraph.cache"
"""``fresh`` / ``revalidated`` / ``stale`` / ``coalesced`` / ``miss``."""
ATTEMPTS = "storegraph.upstream.attempts"
RETRIES = "storegraph.upstream.retries"
REMAINING = "storegraph.rate_limit.remaining"
ERROR_CODE = "storegraph.error.code"


def tracer_provider_from_env(environ: Mapping[str, str] | None = None) -> TracerProvider | None:
    """The provider the ``OTEL_*`` variables ask for, or ``None`` (tracing off)."""
    env = os.environ if environ is None else environ
    if env.get(DISABLED_ENV, "").strip().lower() == "true":
        return None
    names = [n.strip().lower() for n in env.get(EXPORTERS_ENV, "").split(",") if n.strip()]
    if not names and any(env.get(name) for name in ENDPOINT_ENVS):
        names = ["otlp"]
    names = [n for n in names if n != "none"]
    if not names:
        return None
    resource = Resource.create({"service.name": env.get("OTEL_SERVICE_NAME") or SERVICE_NAME})
    provider = TracerProvider(resource=resource)
    for name in names:
        provider.add_span_processor(BatchSpanProcessor(_exporter(name)))
    return provider


def _exporter(name: str) -> SpanExporter:
    if name == "console":
        return ConsoleSpanExporter()
    if name == "otlp":
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        return OTLPSpanExporter()
    raise ValueError(f"{EXPORTERS_ENV}: unknown exporter {name!r} (use otlp, console or none)")


def tracer_of(provider: trace.TracerProvider | None) -> Tracer | None:
    """The gateway's tracer on ``provider`` (``None`` when tracing is off)."""
    return None if provider is None else provider.get_tracer(TRACER_NAME)


def instrument_client(client: httpx.AsyncClient, provider: trace.TracerProvider | None) -> None:
    """A client span per HTTP attempt, sending ``traceparent`` (no-op when off)."""
    if provider is None:
        return
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor

    HTTPXClientInstrumentor.instrument_client(
        client, tracer_provider=provider, request_hook=_url_as_route
    )


_route: ContextVar[str | None] = ContextVar("storegraph_upstream_route", default=None)
URL_ATTRIBUTES = ("http.url", "url.full")
"""Where the httpx instrumentation puts the URL (older and newer conventions)."""


async def _url_as_route(span: Any, request: Any) -> None:
    """The client span's URL: origin + the current upstream call's route template."""
    url = httpx.URL(str(request.url)) if not isinstance(request.url, httpx.URL) else request.url
    route = _route.get() or "/"
    origin = f"{url.scheme}://{url.host}" + (f":{url.port}" if url.port else "")
    attributes = getattr(span, "attributes", None) or {}
    for name in URL_ATTRIBUTES:
        if name in attributes:
            span.set_attribute(name, origin + route)


_NOT_TRACED: AbstractContextManager[None] = nullcontext()


def route_template(path: str) -> str:
    """The route a path belongs to: ``upstream_path``'s template (``/api/products/{id}``)
    for a path holding ids, else the path itself (a literal route) without its query."""
    route = getattr(path, "route", None)
    return route if isinstance(route, str) else path.split("?", 1)[0]


def upstream_span(
    tracer: Tracer | None, source: Source, method: str, path: str
) -> AbstractContextManager[Any]:
    """The span of one upstream read or write, current while it runs (nothing when off)."""
    if tracer is None:
        return _NOT_TRACED
    return _upstream_span(tracer, source, method, path)


@contextmanager
def _upstream_span(tracer: Tracer, source: Source, method: str, path: str) -> Iterator[Any]:
    route = route_template(path)
    attributes = {STORE: source.value, METHOD: method, ROUTE: route, ATTEMPTS: 0}
    token = _route.set(route)
    with tracer.start_as_current_span(
        f"{source.value} {method} {route}",
        kind=SpanKind.INTERNAL,
        attributes=attributes,
        record_exception=False,  # exception messages may hold upstream details
        set_status_on_exception=False,
    ) as span:
        try:
            yield span
        finally:
            _route.reset(token)


def annotate(**attributes: Any) -> None:
    """Set attributes on the current span (the upstream call's, while one runs)."""
    span = trace.get_current_span()
    if span.is_recording():
        span.set_attributes(attributes)


def count_attempt(status: int | str) -> None:
    """One HTTP attempt of the current upstream call ended with ``status``."""
    span = trace.get_current_span()
    if not span.is_recording():
        return
    attempts = getattr(span, "attributes", {}).get(ATTEMPTS, 0) + 1
    span.set_attribute(ATTEMPTS, attempts)
    if isinstance(status, int):
        span.set_attribute(STATUS, status)


def mark_retry(attempt: int, delay_s: float, reason: str) -> None:
    """A retry of the current upstream call is scheduled."""
    span = trace.get_current_span()
    if span.is_recording():
        span.set_attribute(RETRIES, attempt)
        span.add_event("retry", {"attempt": attempt, "delay_s": delay_s, "reason": reason})


def mark_error(code: str) -> None:
    """The current upstream call ended in a gateway error ``code``."""
    span = trace.get_current_span()
    if span.is_recording():
        span.set_attribute(ERROR_CODE, code)
        span.set_status(Status(StatusCode.ERROR, code))
