"""A gateway whose Litestore and Litekart post their signed webhooks to it, in-process,
as real stores would once an operator pointed them at the gateway."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio

from gateway import retry
from gateway.app import create_app
from gateway.settings import Settings
from gateway.sources import Source
from stores import create_store_app
from tests.events.helpers import SECRETS
from tests.graph.conftest import TEST_JWT_SECRET, Graph

GATEWAY_URL = "http://gateway"


class LateASGITransport(httpx.AsyncBaseTransport):
    """An in-process transport to an app made after the transport (the gateway)."""

    def __init__(self) -> None:
        self.app: Any = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await httpx.ASGITransport(app=self.app).handle_async_request(request)


def settings_with_secrets(**env: str) -> Settings:
    secrets = {f"STOREGRAPH_{k.upper()}_WEBHOOK_SECRET": v for k, v in SECRETS.items()}
    return Settings.from_env({"STOREGRAPH_JWT_SECRET": TEST_JWT_SECRET, **secrets, **env})


async def make_live_graph(
    settings: Settings | None = None, *, wrap: dict[Source, Any] | None = None
) -> Graph:
    """Stores whose webhooks reach the gateway at ``GATEWAY_URL`` under ``SECRETS``."""
    settings = settings or settings_with_secrets()
    to_gateway = LateASGITransport()
    store_apps = {
        source: create_store_app(source.value, webhook_transport=to_gateway)
        if source.value in SECRETS
        else create_store_app(source.value)
        for source in Source
    }
    transports = {
        s: httpx.ASGITransport(app=(wrap or {}).get(s, lambda a: a)(app))
        for s, app in store_apps.items()
    }
    app = create_app(settings, transports=transports)
    to_gateway.app = app
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=GATEWAY_URL)
    graph = Graph(client=client, store_apps=store_apps, settings=settings)
    graph.app = app  # type: ignore[attr-defined]
    await graph.query("{ __typename }")
    for store, secret in SECRETS.items():
        hook = {"url": f"{GATEWAY_URL}/webhooks/{store}", "secret": secret}
        await graph.configure(Source(store), webhooks=[hook])
    await graph.reset_stats()
    return graph


async def drain(graph: Graph, source: Source) -> list[dict[str, Any]]:
    """Wait for the store's webhook deliveries to finish; the deliveries made."""
    await graph.store_apps[source].state.webhooks.drain()
    return (await graph.control(source).get("/__sim/webhooks")).json()["deliveries"]


@pytest.fixture(autouse=True)
def no_backoff_sleeps() -> Any:
    retry.set_testing(True)
    yield
    retry.set_testing(False)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def live() -> AsyncIterator[Graph]:
    """One gateway and its stores for a whole module (building the stores is the slow
    part): its tests run on the module's event loop and leave no subscriber behind."""
    graph = await make_live_graph()
    yield graph
    await graph.app.state.runtime.close()  # type: ignore[attr-defined]
    await graph.aclose()
