"""Fixtures for graph tests: the five simulators in-process, the gateway app in
front of them, and helpers to query it and read the stores' call counts."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from gateway.app import create_app
from gateway.identity import Role, mint_operator_token
from gateway.settings import Settings
from gateway.sources import Source
from stores import create_store_app

TEST_JWT_SECRET = "storegraph-tests-operator-secret-0123456789"
"""The operator-token secret of every test gateway (``Graph.mint`` signs with it)."""


@dataclass
class Graph:
    """A gateway over in-process stores, with the stores' control APIs at hand."""

    client: httpx.AsyncClient
    store_apps: dict[Source, Any]
    settings: Settings
    user_token: str | None = None
    operator: str | None = None
    """An operator JWT sent as ``Authorization: Bearer`` with every query (``mint``)."""
    _controls: dict[Source, httpx.AsyncClient] = field(default_factory=dict)

    async def query(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        headers: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        """POST a GraphQL query; the JSON response (data and errors)."""
        sent = dict(headers or {})
        if self.user_token and "livelike-user-token" not in sent:
            sent["livelike-user-token"] = self.user_token
        if self.operator and "authorization" not in {k.lower() for k in sent}:
            sent["Authorization"] = f"Bearer {self.operator}"
        response = await self.client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=sent
        )
        assert response.status_code == 200, response.text
        return _without_request_ids(response)

    async def data(self, query: str, variables: dict[str, Any] | None = None, **kw: Any) -> Any:
        """The ``data`` of a query that must not produce errors."""
        body = await self.query(query, variables, **kw)
        assert not body.get("errors"), body.get("errors")
        return body["data"]

    def mint(self, *roles: Role, **claims: Any) -> str:
        """An operator JWT for ``roles`` signed with the test gateway's secret."""
        return mint_operator_token(self.settings.jwt.secret or TEST_JWT_SECRET, roles, **claims)

    def as_operator(self, *roles: Role) -> Graph:
        """Send every following query as an operator holding ``roles`` (admin if none)."""
        self.operator = self.mint(*(roles or (Role.ADMIN,)))
        return self

    def control(self, source: Source) -> httpx.AsyncClient:
        if source not in self._controls:
            self._controls[source] = httpx.AsyncClient(
                transport=httpx.ASGITransport(app=self.store_apps[source]),
                base_url=f"http://{source.value}.control",
            )
        return self._controls[source]

    async def stats(self, source: Source) -> dict[str, Any]:
        return (await self.control(source).get("/__sim/stats")).json()

    async def calls(self, source: Source | None = None) -> int:
        """Upstream calls made so far (to one store, or to all five)."""
        sources = [source] if source else list(Source)
        return sum([(await self.stats(s))["total"] for s in sources])

    async def reset_stats(self) -> None:
        for source in Source:
            await self.control(source).post("/__sim/reset")

    async def configure(self, source: Source, **config: Any) -> None:
        response = await self.control(source).put("/__sim/config", json=config)
        assert response.status_code == 200, response.text

    async def readiness(self) -> httpx.Response:
        """``/readyz`` once no probe is still out (a probe the answer did not wait for
        finishes behind it; asking again reads its outcome)."""
        for _ in range(200):
            response = await self.client.get("/readyz")
            stores = response.json().get("stores", {})
            if all(state.get("code") != "CHECKING" for state in stores.values()):
                return response
            await asyncio.sleep(0.01)
        raise AssertionError(f"readiness never settled: {response.text}")

    async def credentials(self, source: Source) -> dict[str, Any]:
        return (await self.control(source).get("/__sim/credentials")).json()

    async def aclose(self) -> None:
        await self.client.aclose()
        for control in self._controls.values():
            await control.aclose()


def _without_request_ids(response: httpx.Response) -> dict[str, Any]:
    """The response's JSON, once every error has been checked to carry the request's id
    (``extensions.requestId``, the ``x-request-id`` echoed) — then without it, so tests
    compare the rest of each error exactly."""
    body = response.json()
    request_id = response.headers["x-request-id"]
    for error in body.get("errors") or []:
        extensions = error.get("extensions") or {}
        assert extensions.pop("requestId", None) == request_id, error
    return body


async def make_graph(
    settings: Settings | None = None,
    *,
    wrap: dict[Source, Any] | None = None,
    jwks_transport: httpx.AsyncBaseTransport | None = None,
    tracer_provider: Any = None,
) -> Graph:
    """A gateway over fresh stores; ``wrap`` puts ASGI middleware (a spy, say) in
    front of a store on the gateway's side: ``{source: lambda app: wrapped}``;
    ``tracer_provider`` turns tracing on."""
    settings = settings or Settings.from_env({"STOREGRAPH_JWT_SECRET": TEST_JWT_SECRET})
    store_apps = {source: create_store_app(source.value) for source in Source}
    transports = {
        s: httpx.ASGITransport(app=(wrap or {}).get(s, lambda a: a)(app))
        for s, app in store_apps.items()
    }
    app = create_app(
        settings,
        transports=transports,
        tracer_provider=tracer_provider,
        jwks_transport=jwks_transport,
    )
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gateway")
    graph = Graph(client=client, store_apps=store_apps, settings=settings)
    await app.state.runtime.start()  # connects (reads demo credentials), no store call
    await graph.reset_stats()
    return graph


@pytest.fixture
async def graph() -> AsyncIterator[Graph]:
    graph = await make_graph()
    yield graph
    await graph.aclose()
