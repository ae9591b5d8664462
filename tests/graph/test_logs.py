"""Structured logs: a line per upstream retry and failure, JSON, nothing secret in them."""

from __future__ import annotations

import json
import logging

import pytest

from gateway.sources import Source
from gateway.telemetry.logs import configure_logging, get_logger
from tests.conftest import Logged, LogLines
from tests.graph.conftest import Graph

ONE = 'query One { litestore { product(id: "prod-001") { name } } }'


async def test_a_retry_and_a_failure_are_a_line_each(graph: Graph, logged: Logged) -> None:
    await graph.configure(Source.LITESTORE, fail_next={"count": 2, "status": 503})
    await graph.data(ONE)
    retry, again = logged.lines("upstream retry")  # one line per retry
    assert (again["attempt"], again["reason"]) == (2, "503")
    assert not logged.lines("upstream failure")  # the third attempt was answered
    assert retry["level"] == "info" and retry["logger"] == "storegraph.upstream"
    assert {k: retry[k] for k in ("store", "method", "route", "attempt", "reason")} == {
        "store": "litestore",
        "method": "GET",
        "route": "/api/products/{id}",
        "attempt": 1,
        "reason": "503",
    }
    assert isinstance(retry["delay_s"], float) and "timestamp" in retry

    logged.clear()
    await graph.configure(Source.LITESTORE, fail_next={"count": 1, "status": 500})
    await graph.query('query Two { litestore { product(id: "prod-002") { name } } }')
    (failure,) = logged.lines("upstream failure")
    assert failure["level"] == "warning"
    assert {k: failure[k] for k in ("store", "route", "code", "status")} == {
        "store": "litestore",
        "route": "/api/products/{id}",
        "code": "UPSTREAM_ERROR",
        "status": 500,
    }
    for line in logged.lines():  # httpx's own request lines are off (they name URLs)
        text = json.dumps(line)
        assert "http://" not in text and "prod-002" not in text  # no URL, no id


def test_one_pipeline_renders_every_line_and_scrubs_secret_fields(logged: Logged) -> None:
    get_logger("storegraph.scrub").info("login", user_token="llu_demo_user_001", store="rewards")
    get_logger("storegraph.scrub").debug("below the level")
    (line,) = logged.lines()
    assert line["user_token"] == "***" and line["store"] == "rewards"
    assert (line["event"], line["logger"], line["level"]) == ("login", "storegraph.scrub", "info")
    assert line["timestamp"].endswith("Z")
    logged.clear()
    # a standard-library logger's record: bridged into the same pipeline and format
    logging.getLogger("storegraph.events").info("webhook %s", "e-1", extra={"color": "x"})
    try:
        raise ValueError("boom")
    except ValueError as error:
        logging.getLogger("storegraph.errors").error("unexpected", exc_info=error)
    bridged, failed = logged.lines()
    assert bridged.keys() == {"event", "logger", "level", "timestamp"}  # no extra= fields
    assert (bridged["event"], bridged["logger"]) == ("webhook e-1", "storegraph.events")
    assert (failed["level"], failed["logger"]) == ("error", "storegraph.errors")
    assert "ValueError: boom" in failed["exception"]


def test_the_console_format(logged: Logged) -> None:
    console = LogLines()
    configure_logging("console", "WARNING", stream=console)
    try:
        get_logger("storegraph.test").warning("hello", store="rewards")
        logging.getLogger("uvicorn.error").warning("from uvicorn")
        get_logger("storegraph.test").info("below the level")
    finally:
        configure_logging("json", "INFO", stream=logged.watch)
    first, second = console.lines
    assert "hello" in first and "store=rewards" in first and not first.startswith("{")
    assert "from uvicorn" in second
    with pytest.raises(ValueError):
        configure_logging("xml")
    assert logged.lines() == []


async def test_one_line_per_request(graph: Graph, logged: Logged) -> None:
    from tests.graph.test_litestore import LISTING

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
    requests = logged.lines("request")
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
    graph: Graph, logged: Logged
) -> None:
    refused = await graph.client.post(  # no preflight, a form body: CSRF prevention refuses
        "/graphql", content=b"query={__typename}", headers={"content-type": "text/plain"}
    )
    assert refused.status_code == 400
    (line,) = logged.lines("request")
    assert line["status"] == 400 and line["request_id"] == refused.headers["x-request-id"]

    logged.clear()
    await graph.configure(Source.LITESTORE, fail_next={"count": 1, "status": 503})
    served = await graph.client.post("/graphql", json={"query": ONE})
    (retry,) = logged.lines("upstream retry")
    assert retry["request_id"] == served.headers["x-request-id"]


async def test_the_request_line_counts_errors_by_code(graph: Graph, logged: Logged) -> None:
    await graph.configure(Source.LITESTORE, fail_next={"count": 1, "status": 500})
    await graph.query(ONE)
    (line,) = logged.lines("request")
    assert line["operation"] == "One" and line["identity"] == "anonymous"
    assert line["errors"] == {"UPSTREAM_ERROR": 1}
