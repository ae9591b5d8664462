"""Tracing: one span per operation, a child per upstream call, traceparent both ways."""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

from gateway.app import create_app
from gateway.identity import Role
from gateway.paths import upstream_path
from gateway.settings import Settings
from gateway.sources import Source
from gateway.telemetry.tracing import route_template, tracer_provider_from_env
from tests.graph.conftest import make_graph
from tests.graph.test_litestore import LISTING

NAMED_LISTING = "query SkincareListing " + LISTING
CLIENT_TRACE = "0af7651916cd43dd8448eb211c80319c"
CLIENT_SPAN = "b7ad6b7169203331"


class Spy:
    """ASGI middleware in front of a store, keeping each request's ``traceparent``."""

    def __init__(self) -> None:
        self.traceparents: list[str | None] = []

    def __call__(self, app: Any) -> Any:
        async def spied(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope["type"] == "http":
                value = dict(scope["headers"]).get(b"traceparent")
                self.traceparents.append(value.decode() if value else None)
            await app(scope, receive, send)

        return spied


@pytest.fixture
def exporter() -> InMemorySpanExporter:
    return InMemorySpanExporter()


@pytest.fixture
async def traced(exporter: InMemorySpanExporter) -> Any:
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    spy = Spy()
    graph = await make_graph(tracer_provider=provider, wrap={Source.LITESTORE: spy})
    graph.as_operator()  # the listing's analytics are for operators
    exporter.clear()
    spy.traceparents.clear()
    yield graph, spy
    await graph.aclose()
    provider.shutdown()


def only(spans: list[Any], name: str) -> Any:
    found = [s for s in spans if s.name == name]
    assert len(found) == 1, [s.name for s in spans]
    return found[0]


def children(spans: list[Any], parent: Any) -> list[Any]:
    return [s for s in spans if s.parent is not None and s.parent.span_id == parent.context.span_id]


async def test_one_operation_span_with_a_child_per_upstream_call(traced, exporter) -> None:
    graph, spy = traced
    assert "errors" not in await graph.query(NAMED_LISTING)
    spans = list(exporter.get_finished_spans())
    operation = only(spans, "query SkincareListing")
    assert operation.attributes["graphql.operation.name"] == "SkincareListing"
    assert operation.attributes["graphql.operation.type"] == "query"
    assert (
        operation.attributes["graphql.document.sha256"]
        == hashlib.sha256(NAMED_LISTING.encode()).hexdigest()
    )
    assert operation.attributes["storegraph.identity"] == "operator:admin"
    assert operation.attributes["graphql.errors.count"] == 0

    upstream = children(spans, operation)
    stats = await graph.stats(Source.LITESTORE)
    assert len(upstream) == stats["total"] == 21
    routes = Counter(
        f"{s.attributes['http.request.method']} {s.attributes['http.route']}" for s in upstream
    )
    assert routes == Counter(stats["routes"])  # the span's route is the store's template
    for span in upstream:
        assert span.name == f"litestore GET {span.attributes['http.route']}"
        assert span.attributes["storegraph.store"] == "litestore"
        assert span.attributes["http.response.status_code"] == 200
        assert span.attributes["storegraph.cache"] == "miss"
        assert span.attributes["storegraph.upstream.attempts"] == 1
        assert isinstance(span.attributes["storegraph.rate_limit.remaining"], int)
        (http,) = children(spans, span)  # one client span per HTTP attempt
        assert http.kind is SpanKind.CLIENT

    # each store request carried the traceparent of its own client span
    client_spans = {
        f"00-{s.context.trace_id:032x}-{s.context.span_id:016x}-{s.context.trace_flags:02x}"
        for s in spans
        if s.kind is SpanKind.CLIENT
    }
    assert len(spy.traceparents) == 21 and set(spy.traceparents) == client_spans
    assert {s.context.trace_id for s in spans} == {operation.context.trace_id}


async def test_cached_reads_are_spans_without_a_call(traced, exporter) -> None:
    graph, spy = traced
    await graph.query(NAMED_LISTING)
    exporter.clear()
    # another document over the same reads: the whole-response cache does not answer it
    await graph.query(NAMED_LISTING.replace("totalCount", "totalCount __typename", 1))
    spans = list(exporter.get_finished_spans())
    upstream = children(spans, only(spans, "query SkincareListing"))
    assert len(upstream) == 21
    assert {s.attributes["storegraph.cache"] for s in upstream} == {"fresh"}
    assert {s.attributes["storegraph.upstream.attempts"] for s in upstream} == {0}
    assert not [s for s in spans if s.kind is SpanKind.CLIENT]
    assert len(spy.traceparents) == 21  # all from the first query


async def test_the_clients_traceparent_is_continued(traced, exporter) -> None:
    graph, _ = traced
    header = f"00-{CLIENT_TRACE}-{CLIENT_SPAN}-01"
    await graph.query("{ __typename }", headers={"traceparent": header})
    spans = list(exporter.get_finished_spans())
    operation = only(spans, "query")
    assert f"{operation.context.trace_id:032x}" == CLIENT_TRACE
    server = [s for s in spans if s.kind is SpanKind.SERVER]
    assert len(server) == 1 and f"{server[0].parent.span_id:016x}" == CLIENT_SPAN


async def test_a_retry_is_an_attempt_and_an_event_on_the_call(traced, exporter) -> None:
    graph, spy = traced
    await graph.configure(Source.LITESTORE, fail_next={"count": 1, "status": 503})
    body = await graph.query('query One { litestore { product(id: "prod-001") { name } } }')
    assert body["data"]["litestore"]["product"]["name"]
    spans = list(exporter.get_finished_spans())
    (call,) = children(spans, only(spans, "query One"))
    assert call.attributes["storegraph.upstream.attempts"] == 2
    assert call.attributes["storegraph.upstream.retries"] == 1
    assert call.attributes["http.response.status_code"] == 200
    assert [e.attributes["reason"] for e in call.events if e.name == "retry"] == ["503"]
    assert len(children(spans, call)) == 2 == len(spy.traceparents)


async def test_an_error_is_on_both_spans(traced, exporter) -> None:
    graph, _ = traced
    await graph.configure(Source.LITESTORE, fail_next={"count": 1, "status": 500})
    body = await graph.query('query Broken { litestore { product(id: "prod-001") { name } } }')
    assert [e["extensions"]["code"] for e in body["errors"]] == ["UPSTREAM_ERROR"]
    spans = list(exporter.get_finished_spans())
    operation = only(spans, "query Broken")
    (call,) = children(spans, operation)
    assert call.attributes["http.response.status_code"] == 500
    assert call.attributes["storegraph.upstream.attempts"] == 1  # a 500 is not retried
    assert call.attributes["storegraph.error.code"] == "UPSTREAM_ERROR"
    assert call.status.status_code is StatusCode.ERROR
    assert operation.attributes["graphql.errors.count"] == 1
    assert operation.attributes["storegraph.outcome"] in {"partial", "error"}


async def test_the_callers_class_is_on_the_operation_never_who(traced, exporter) -> None:
    graph, _ = traced
    await graph.as_operator(Role.SUPPORT, Role.STAFF).query("query Ops { __typename }")
    graph.operator = None
    await graph.query(
        "query Mine { __typename }", headers={"livelike-user-token": "llu_demo_user_001"}
    )
    await graph.query("query Nobody { __typename }")
    spans = list(exporter.get_finished_spans())
    assert only(spans, "query Mine").attributes["storegraph.identity"] == "rewards_user"
    assert only(spans, "query Ops").attributes["storegraph.identity"] == "operator:staff,support"
    assert only(spans, "query Nobody").attributes["storegraph.identity"] == "anonymous"
    for span in spans:  # no token, subject or id in any attribute
        text = repr(dict(span.attributes or {}))
        assert "llu_demo_user_001" not in text and "eyJ" not in text


async def test_tracing_is_off_by_default(monkeypatch) -> None:
    for name in ("OTEL_TRACES_EXPORTER", "OTEL_EXPORTER_OTLP_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    spy = Spy()
    graph = await make_graph(wrap={Source.LITESTORE: spy})
    try:
        runtime = graph.client._transport.app.state.runtime  # type: ignore[attr-defined]
        assert runtime.tracer is None and not runtime.metrics.traced
        assert all(c.tracer is None for c in runtime.clients.values())
        await graph.query(NAMED_LISTING)
        assert spy.traceparents and set(spy.traceparents) == {None}
    finally:
        await graph.aclose()
    assert not [
        m for m in create_app(Settings.from_env({})).user_middleware if "Telemetry" in str(m)
    ]


@pytest.mark.parametrize(
    ("env", "on"),
    [
        ({}, False),
        ({"OTEL_TRACES_EXPORTER": "none"}, False),
        ({"OTEL_TRACES_EXPORTER": "console"}, True),
        ({"OTEL_TRACES_EXPORTER": "otlp,console"}, True),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318"}, True),
        ({"OTEL_TRACES_EXPORTER": "console", "OTEL_SDK_DISABLED": "true"}, False),
    ],
)
def test_the_standard_variables_turn_tracing_on(env, on) -> None:
    provider = tracer_provider_from_env(env)
    assert (provider is not None) is on
    if provider is not None:
        provider.shutdown()


def test_an_unknown_exporter_is_refused() -> None:
    with pytest.raises(ValueError, match="OTEL_TRACES_EXPORTER: unknown exporter 'zipkin'"):
        tracer_provider_from_env({"OTEL_TRACES_EXPORTER": "zipkin"})


def test_route_templates() -> None:
    assert route_template("/api/products?page=2") == "/api/products"
    path = upstream_path(Source.LITESTORE, "/api/products/{}/reviews", "prod-001")
    assert path == "/api/products/prod-001/reviews"
    assert route_template(path) == "/api/products/{id}/reviews"


ONE = 'query One { litestore { product(id: "prod-001") { name } } }'


async def test_no_field_spans_unless_asked(traced, exporter) -> None:
    graph, _ = traced
    await graph.data(ONE)
    spans = list(exporter.get_finished_spans())
    assert spans and not [s for s in spans if s.name.startswith("GraphQL Resolving")]
    (upstream,) = children(spans, only(spans, "query One"))
    assert upstream.name == "litestore GET /api/products/{id}"


async def test_field_spans_for_debugging_hang_under_the_operation_without_arguments() -> None:
    from tests.graph.conftest import TEST_JWT_SECRET

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    settings = Settings.from_env(
        {"STOREGRAPH_JWT_SECRET": TEST_JWT_SECRET, "STOREGRAPH_TRACE_FIELDS": "true"}
    )
    graph = await make_graph(settings, tracer_provider=provider)
    try:
        exporter.clear()
        await graph.data(ONE)
    finally:
        await graph.aclose()
        provider.shutdown()
    spans = list(exporter.get_finished_spans())
    operation = only(spans, "query One")
    product = only(spans, "GraphQL Resolving: product")
    assert product.parent.span_id == operation.context.span_id
    assert product.attributes["graphql.path"] == "litestore.product"
    assert product.attributes["graphql.parentType"] == "LitestoreQuery"
    assert not [k for s in spans for k in s.attributes if k.startswith("graphql.param")]
    fields = [s for s in spans if s.name.startswith("GraphQL Resolving")]
    assert "prod-001" not in repr([dict(s.attributes) for s in fields])  # no argument value
    assert not [s for s in spans if s.name == "GraphQL Resolving: name"]  # a plain attribute
    (upstream,) = [s for s in spans if s.name == "litestore GET /api/products/{id}"]
    assert upstream.parent.span_id == product.context.span_id  # the call under its field
    # one operation span: strawberry's own operation/parse/validation spans are not made
    assert not [s for s in spans if s.name.startswith("GraphQL Query")]
    assert not [s for s in spans if s.name in ("GraphQL Parsing", "GraphQL Validation")]


async def test_client_spans_name_the_route_not_the_ids_or_query_in_the_url(
    traced, exporter
) -> None:
    graph, spy = traced
    await graph.data(ONE)
    await graph.data(
        '{ litestore { products(first: 2, filter: {search: "jane.doe@example.com"}) { totalCount } } }'
    )
    client = [s for s in exporter.get_finished_spans() if s.kind is SpanKind.CLIENT]
    assert len(client) == len(spy.traceparents) >= 2
    attributes = repr([dict(s.attributes) for s in client])
    assert "prod-001" not in attributes and "jane.doe" not in attributes
    assert "/api/products/{id}" in attributes  # the route template stands for the path
