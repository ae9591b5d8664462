"""Structured logs: a line per upstream retry and failure, JSON, nothing secret in them."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from gateway.sources import Source
from gateway.telemetry.logs import formatter
from tests.graph.conftest import Graph

ONE = 'query One { litestore { product(id: "prod-001") { name } } }'


def lines(caplog: pytest.LogCaptureFixture, event: str | None = None) -> list[dict[str, Any]]:
    """The captured records as the gateway writes them: one JSON object each."""
    render = formatter("json")
    parsed = [json.loads(render.format(r)) for r in caplog.records]
    return [line for line in parsed if event is None or line["event"] == event]


async def test_a_retry_and_a_failure_are_a_line_each(graph: Graph, caplog) -> None:
    caplog.set_level(logging.INFO)
    await graph.configure(Source.LITESTORE, fail_next={"count": 2, "status": 503})
    await graph.data(ONE)
    retry, again = lines(caplog, "upstream retry")  # one line per retry
    assert (again["attempt"], again["reason"]) == (2, "503")
    assert not lines(caplog, "upstream failure")  # the third attempt was answered
    assert retry["level"] == "info" and retry["logger"] == "storegraph.upstream"
    assert {k: retry[k] for k in ("store", "method", "route", "attempt", "reason")} == {
        "store": "litestore",
        "method": "GET",
        "route": "/api/products/{id}",
        "attempt": 1,
        "reason": "503",
    }
    assert isinstance(retry["delay_s"], float) and "timestamp" in retry

    caplog.clear()
    await graph.configure(Source.LITESTORE, fail_next={"count": 1, "status": 500})
    await graph.query('query Two { litestore { product(id: "prod-002") { name } } }')
    (failure,) = lines(caplog, "upstream failure")
    assert failure["level"] == "warning"
    assert {k: failure[k] for k in ("store", "route", "code", "status")} == {
        "store": "litestore",
        "route": "/api/products/{id}",
        "code": "UPSTREAM_ERROR",
        "status": 500,
    }
    for line in lines(caplog):  # httpx's own request lines are off (they name URLs)
        text = json.dumps(line)
        assert "http://" not in text and "prod-002" not in text  # no URL, no id


def test_console_format_and_scrubbed_fields() -> None:
    record = logging.LogRecord("storegraph.test", logging.INFO, __file__, 1, "hello", None, None)
    assert "hello" in formatter("console").format(record)
    from gateway.telemetry.logs import get_logger

    logger = logging.getLogger("storegraph.scrub")
    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(formatter("json").format(record))

    logger.addHandler(Keep())
    logger.setLevel(logging.INFO)
    get_logger("storegraph.scrub").info("login", user_token="llu_demo_user_001", store="rewards")
    assert json.loads(seen[0])["user_token"] == "***"
    assert json.loads(seen[0])["store"] == "rewards"
    with pytest.raises(ValueError):
        formatter("xml")


async def test_one_line_per_request(graph: Graph, caplog) -> None:
    from tests.graph.test_litestore import LISTING

    caplog.set_level(logging.INFO)
    graph.as_operator()
    response = await graph.client.post(
        "/graphql",
        json={"query": "query SkincareListing " + LISTING},
        headers={"Authorization": f"Bearer {graph.operator}"},
    )
    assert response.status_code == 200 and not response.json().get("errors")
    stats = {source.value: (await graph.stats(source))["total"] for source in Source}
    await graph.reset_stats()
    # the same answer again, through another document: every read from the gateway's cache
    again = await graph.client.post(
        "/graphql",
        json={
            "query": "query SkincareListing "
            + LISTING.replace("totalCount", "totalCount __typename", 1)
        },
        headers={"Authorization": f"Bearer {graph.operator}"},
    )
    assert not again.json().get("errors") and await graph.calls() == 0
    await graph.client.get("/healthz")  # probes are not logged
    await graph.client.get("/no/such/page/jane.doe@example.com")
    requests = lines(caplog, "request")
    assert len(requests) == 3
    line, cached, unmatched = requests
    assert line["request_id"] == response.headers["x-request-id"]
    assert cached["request_id"] == again.headers["x-request-id"] != line["request_id"]
    assert {k: line[k] for k in ("method", "route", "status", "operation", "identity")} == {
        "method": "POST",
        "route": "/graphql",
        "status": 200,
        "operation": "SkincareListing",
        "identity": "operator:admin",
    }
    assert line["errors"] == {} and line["response_cache"] == {"miss": 1}
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] > 0
    assert line["level"] == "info" and line["logger"] == "storegraph.request"
    # upstream calls by store are the calls the stores counted; nothing from the cache yet
    touched = {store: total for store, total in stats.items() if total}
    assert touched and {s: u["calls"] for s, u in line["upstream"].items()} == touched
    assert all(u["cache_hits"] == 0 for u in line["upstream"].values())
    # the second answer read the same parts, all from the gateway's cache, calling no store
    reads = {
        s.lower(): u["fromStore"] for s, u in response.json()["extensions"]["upstream"].items()
    }
    assert {s: (u["calls"], u["cache_hits"]) for s, u in cached["upstream"].items()} == {
        store: (0, n) for store, n in reads.items()
    }
    # a path the caller made up is not logged as is
    assert unmatched["route"] == "unmatched" and unmatched["status"] == 404
    assert "jane.doe" not in json.dumps(unmatched)
    assert "upstream" not in unmatched and "operation" not in unmatched


async def test_a_refused_request_is_logged_and_lines_below_a_request_carry_its_id(
    graph: Graph, caplog
) -> None:
    caplog.set_level(logging.INFO)
    refused = await graph.client.post(  # no preflight, a form body: CSRF prevention refuses
        "/graphql", content=b"query={__typename}", headers={"content-type": "text/plain"}
    )
    assert refused.status_code == 400
    (line,) = lines(caplog, "request")
    assert line["status"] == 400 and line["request_id"] == refused.headers["x-request-id"]

    caplog.clear()
    await graph.configure(Source.LITESTORE, fail_next={"count": 1, "status": 503})
    served = await graph.client.post("/graphql", json={"query": ONE})
    (retry,) = lines(caplog, "upstream retry")
    assert retry["request_id"] == served.headers["x-request-id"]


async def test_the_request_line_counts_errors_by_code(graph: Graph, caplog) -> None:
    caplog.set_level(logging.INFO)
    await graph.configure(Source.LITESTORE, fail_next={"count": 1, "status": 500})
    await graph.query(ONE)
    (line,) = lines(caplog, "request")
    assert line["operation"] == "One" and line["identity"] == "anonymous"
    assert line["errors"] == {"UPSTREAM_ERROR": 1}
