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
    await graph.configure(Source.LITESTORE, fail_next={"count": 1, "status": 503})
    await graph.data(ONE)
    (retry,) = lines(caplog, "upstream retry")
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
    assert response.status_code == 200
    await graph.client.get("/healthz")  # probes are not logged
    await graph.client.get("/no/such/page/jane.doe@example.com")
    requests = lines(caplog, "request")
    assert len(requests) == 2
    line, unmatched = requests
    assert line["request_id"] == response.headers.get("x-request-id")
    assert {k: line[k] for k in ("method", "route", "status", "operation", "identity")} == {
        "method": "POST",
        "route": "/graphql",
        "status": 200,
        "operation": "SkincareListing",
        "identity": "operator:admin",
    }
    assert line["errors"] == {} and isinstance(line["duration_ms"], float)
    assert line["level"] == "info" and line["logger"] == "storegraph.request"
    # a path the caller made up is not logged as is
    assert unmatched["route"] == "unmatched" and unmatched["status"] == 404
    assert "jane.doe" not in json.dumps(unmatched)


async def test_the_request_line_counts_errors_by_code(graph: Graph, caplog) -> None:
    caplog.set_level(logging.INFO)
    await graph.configure(Source.LITESTORE, fail_next={"count": 1, "status": 500})
    await graph.query(ONE)
    (line,) = lines(caplog, "request")
    assert line["operation"] == "One" and line["identity"] == "anonymous"
    assert line["errors"] == {"UPSTREAM_ERROR": 1}
