"""Helpers for the Rewards graph tests: demo users, call counts, and a spy that
records what the gateway asked the Rewards store (path, query, answer status)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from gateway.sources import Source
from tests.graph.conftest import Graph, make_graph


@dataclass(frozen=True)
class Exchange:
    method: str
    path: str
    query: dict[str, str]
    status: int


@dataclass
class Spy:
    """Every exchange between the gateway and the Rewards store (its API, not the
    control paths the gateway reads demo credentials from)."""

    exchanges: list[Exchange] = field(default_factory=list)

    def wrap(self, app: Any) -> Any:
        async def asgi(scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] != "http" or scope["path"].startswith("/__sim"):
                await app(scope, receive, send)
                return
            status: list[int] = []

            async def capture(message: dict[str, Any]) -> None:
                if message["type"] == "http.response.start":
                    status.append(message["status"])
                await send(message)

            await app(scope, receive, capture)
            query = dict(parse_qsl(scope["query_string"].decode(), keep_blank_values=True))
            self.exchanges.append(Exchange(scope["method"], scope["path"], query, status[0]))

        return asgi

    def to(self, path: str) -> list[Exchange]:
        return [e for e in self.exchanges if e.path == path]

    def clear(self) -> None:
        self.exchanges.clear()


@asynccontextmanager
async def spied_graph() -> AsyncIterator[tuple[Graph, Spy]]:
    """A gateway whose calls to the Rewards store are recorded."""
    spy = Spy()
    graph = await make_graph(wrap={Source.REWARDS: spy.wrap})
    try:
        yield graph, spy
    finally:
        await graph.aclose()


async def routes(graph: Graph) -> dict[str, int]:
    """Calls per route template the Rewards store counted since the last reset."""
    return (await graph.stats(Source.REWARDS))["routes"]


async def user(graph: Graph, index: int) -> str:
    """The end-user token of demo user ``index`` (0 is ``user-001``)."""
    return (await graph.credentials(Source.REWARDS))["users"][index]["token"]


async def balance(graph: Graph, index: int) -> int:
    """Demo user ``index``'s Points balance, read from the store's control API."""
    return (await graph.credentials(Source.REWARDS))["users"][index]["balance"]
