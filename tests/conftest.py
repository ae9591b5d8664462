"""Suite-wide fixtures: retries without backoff sleeps (stamina's testing mode), the
interpreter's garbage-collector pace around every test (``storegraph serve`` changes it),
and a watch over every log line the whole run writes: none may hold a demo credential, a
token or an email address."""

from __future__ import annotations

import asyncio
import gc
import json
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import stamina

from gateway.sources import Source
from gateway.telemetry.logs import configure_logging, reset_logging

MAX_TEST_ATTEMPTS = 100
"""Caps attempts in testing mode above any policy's, so each keeps its own count."""
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
TOKEN_SHAPES = re.compile(r"eyJ[\w-]{8,}|Bearer\s+\S+", re.IGNORECASE)
"""A JWT (Litekart's logins, any minted token) or an Authorization value."""
NOT_SECRET_KEYS = ("id", "scopes")


@pytest.fixture(scope="session", autouse=True)
def _no_backoff_sleeps() -> Iterator[None]:
    with stamina.set_testing(True, attempts=MAX_TEST_ATTEMPTS, cap=True):
        yield


@pytest.fixture(autouse=True)
def _collector_pace_restored() -> Iterator[None]:
    """A test that runs ``storegraph serve`` paces the collector for serving
    (gateway.collector: frozen objects, a young threshold of 20,000); later tests, the
    memory ones above all, measure under the interpreter's defaults again."""
    threshold = gc.get_threshold()
    yield
    if gc.get_threshold() != threshold or gc.get_freeze_count():
        gc.unfreeze()
        gc.set_threshold(*threshold)


class LogLines:
    """Every line the run logs, as the gateway writes it: the log output's stream
    (``configure_logging(stream=...)``; structlog's ``BytesLogger`` writes a line a call)."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def write(self, line: bytes) -> int:
        self.lines.append(line.decode())
        return len(line)

    def flush(self) -> None:
        pass


class Logged:
    """The lines logged since a test started, parsed (the ``logged`` fixture)."""

    def __init__(self, watch: LogLines) -> None:
        self.watch = watch
        self.start = len(watch.lines)

    def lines(self, event: str | None = None) -> list[dict[str, Any]]:
        parsed = [json.loads(line) for line in self.watch.lines[self.start :]]
        return [line for line in parsed if event is None or line["event"] == event]

    def clear(self) -> None:
        self.start = len(self.watch.lines)


def _credential_strings(value: Any, key: str = "") -> Iterator[str]:
    """Every credential-like string in a ``/__sim/credentials`` answer (not ids, scopes)."""
    if isinstance(value, dict):
        for name, inner in value.items():
            yield from _credential_strings(inner, name)
    elif isinstance(value, list):
        for item in value:
            yield from _credential_strings(item, key)
    elif isinstance(value, str) and key not in NOT_SECRET_KEYS and len(value) >= 6:
        yield value


async def _demo_secrets() -> set[str]:
    from stores import create_store_app
    from tests.events.helpers import SECRETS as WEBHOOK_SECRETS
    from tests.graph.conftest import TEST_JWT_SECRET

    secrets: set[str] = {TEST_JWT_SECRET, *WEBHOOK_SECRETS.values()}
    for source in Source:
        transport = httpx.ASGITransport(app=create_store_app(source.value))
        async with httpx.AsyncClient(transport=transport, base_url="http://store") as client:
            secrets.update(_credential_strings((await client.get("/__sim/credentials")).json()))
    return secrets


@pytest.fixture(scope="session", autouse=True)
def _no_credential_or_email_in_any_log_line() -> Iterator[LogLines]:
    watch = LogLines()
    configure_logging("json", "INFO", stream=watch)  # what `storegraph serve` logs by default
    try:
        yield watch
    finally:
        reset_logging()
    secrets = asyncio.run(_demo_secrets())
    assert len(secrets) > 10  # the demo keys, tokens, passwords and OAuth secrets
    leaks = [
        line
        for line in watch.lines
        if EMAIL.search(line) or TOKEN_SHAPES.search(line) or any(s in line for s in secrets)
    ]
    assert not leaks, f"{len(leaks)} log lines leak a credential or an email: {leaks[:3]}"


@pytest.fixture
def logged(_no_credential_or_email_in_any_log_line: LogLines) -> Logged:
    """The log lines (JSON, parsed) written while the test runs."""
    configure_logging("json", "INFO", stream=_no_credential_or_email_in_any_log_line)
    return Logged(_no_credential_or_email_in_any_log_line)
