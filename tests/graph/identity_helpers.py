"""Helpers for the identity tests: demo callers' headers, and a spy recording which
credential every store call carried (admin key, customer JWT, user token, none)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from gateway.sources import Source
from tests.graph.conftest import Graph, make_graph


@dataclass(frozen=True)
class Call:
    source: Source
    method: str
    path: str
    authorization: str
    user_token: str


@dataclass
class CredentialSpy:
    """Every store call the gateway made (control paths excluded), with its credentials."""

    calls: list[Call] = field(default_factory=list)

    def wrap(self, source: Source) -> Any:
        def wrapper(app: Any) -> Any:
            async def asgi(scope: Any, receive: Any, send: Any) -> None:
                if scope["type"] == "http" and not scope["path"].startswith("/__sim"):
                    headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
                    self.calls.append(
                        Call(
                            source,
                            scope["method"],
                            scope["path"],
                            headers.get("authorization", ""),
                            headers.get("livelike-user-token", ""),
                        )
                    )
                await app(scope, receive, send)

            return asgi

        return wrapper

    def clear(self) -> None:
        self.calls.clear()


@asynccontextmanager
async def spied_graph() -> AsyncIterator[tuple[Graph, CredentialSpy]]:
    spy = CredentialSpy()
    graph = await make_graph(wrap={source: spy.wrap(source) for source in Source})
    spy.clear()
    try:
        yield graph, spy
    finally:
        await graph.aclose()


async def litekart_customers(graph: Graph) -> list[dict[str, Any]]:
    """The demo customers with their JWTs (``id``, ``email``, ``token``)."""
    return (await graph.credentials(Source.LITEKART))["users"]


async def rewards_users(graph: Graph) -> list[dict[str, Any]]:
    return (await graph.credentials(Source.REWARDS))["users"]


def customer_headers(token: str) -> dict[str, str]:
    return {"litekart-customer-token": token}
