"""Gateway metrics: requests by bounded operation name and outcome, latency, errors by code."""

from __future__ import annotations

from gateway.metrics import OTHER, Metrics, OperationNames
from gateway.sources import Source
from tests.graph.conftest import Graph
from tests.graph.test_litestore import LISTING


def runtime_metrics(graph: Graph) -> Metrics:
    return graph.client._transport.app.state.runtime.metrics  # type: ignore[attr-defined]


async def post(graph: Graph, body: dict) -> dict:
    response = await graph.client.post("/graphql", json=body)
    return response.json() if response.headers.get("content-type", "").endswith("json") else {}


async def test_requests_latency_and_errors_by_code(graph: Graph) -> None:
    metrics = runtime_metrics(graph)
    metrics.graphql_requests.clear()  # the fixture's own first query
    graph.as_operator()  # the listing's analytics are for operators
    await graph.data("query SkincareListing " + LISTING)
    # another document of the same name (the whole-response cache answers a repeat itself)
    await graph.data(
        "query SkincareListing " + LISTING.replace("totalCount", "totalCount __typename", 1)
    )
    await graph.data("{ __typename }")
    await graph.configure(Source.LITESTORE, fail_next={"count": 1, "status": 500})
    broken = await graph.query('query One { litestore { product(id: "prod-001") { name } } }')
    assert broken["data"] == {"litestore": {"product": None}}
    await post(graph, {"query": "{ litestore { nope } }"})
    await post(graph, {"query": "query {"})

    def requests(operation: str, outcome: str, kind: str = "query") -> float:
        return metrics.value(
            "storegraph_graphql_requests_total", operation=operation, type=kind, outcome=outcome
        )

    assert requests("SkincareListing", "ok") == 2
    assert requests("anonymous", "ok") == 1
    assert requests("One", "partial") == 1
    assert requests("anonymous", "error") == 1  # the unknown field
    assert requests("unknown", "error", kind="unknown") == 1  # did not parse
    assert (
        metrics.value("storegraph_graphql_request_seconds_count", operation="SkincareListing") == 2
    )
    assert metrics.value("storegraph_graphql_errors_total", code="UPSTREAM_ERROR") == 1
    assert metrics.value("storegraph_graphql_errors_total", code="GRAPHQL_VALIDATION_FAILED") == 1
    assert metrics.value("storegraph_graphql_errors_total", code="GRAPHQL_PARSE_FAILED") == 1
    assert metrics.value("storegraph_graphql_in_flight") == 0

    text = (await graph.client.get("/metrics")).text
    assert (
        'storegraph_graphql_requests_total{operation="SkincareListing",outcome="ok",type="query"} 2.0'
        in text
    )
    assert "storegraph_graphql_request_seconds_bucket" in text
    assert "_created" not in text
    assert "storegraph_upstream_requests_total" in text  # beside the upstream ones


async def test_operation_names_a_client_makes_up_are_bucketed(graph: Graph) -> None:
    metrics = runtime_metrics(graph)
    metrics.operation_names.limit = 3
    for n in range(6):
        await graph.data(f"query Made{n} {{ __typename }}")
    await graph.data("{ __typename }")  # no name: the reserved label, never bucketed
    # an operationName the document does not define is not a label (the router refuses it)
    await post(graph, {"query": "query Real { __typename }", "operationName": "x" * 500})
    labels = {
        s.labels["operation"]
        for m in metrics.registry.collect()
        if m.name == "storegraph_graphql_requests"
        for s in m.samples
    }
    assert labels == {"Made0", "Made1", "Made2", OTHER, "anonymous", "unknown"}
    assert metrics.value("storegraph_graphql_errors_total", code="BAD_REQUEST") == 1


def test_operation_names_bound() -> None:
    names = OperationNames(limit=2)
    assert [names.label(n) for n in ("a", "b", "c", "a", "d")] == ["a", "b", OTHER, "a", OTHER]


def test_cache_and_apq_lookups_and_subscriptions() -> None:
    metrics = Metrics()
    metrics.response_cache_lookup(hit=True)
    metrics.response_cache_lookup(hit=False)
    metrics.apq_lookup(hit=True)
    text = metrics.render().decode()
    assert 'storegraph_response_cache_total{result="hit"} 1.0' in text
    assert 'storegraph_response_cache_total{result="miss"} 1.0' in text
    assert 'storegraph_apq_total{result="hit"} 1.0' in text
