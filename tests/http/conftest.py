"""Fixtures for the HTTP edge tests: the gateway over in-process stores (as the graph
tests use it), raw HTTP access to it, and a live gateway on loopback for the tools that
need a real server (the graphql-http audit, headless Chromium)."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from gateway.app import create_app
from gateway.settings import Settings
from gateway.sources import Source
from stores import create_store_app
from tests.graph.conftest import Graph, make_graph

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / ".npm-tools" / "node_modules"
JSON_HEADERS = {"content-type": "application/json"}


@pytest.fixture
async def graph() -> AsyncIterator[Graph]:
    graph = await make_graph()
    yield graph
    await graph.aclose()


async def post(graph: Graph, body: Any, **headers: str) -> Any:
    """A raw POST of ``body`` (JSON) to ``/graphql``; the httpx response."""
    return await graph.client.post("/graphql", json=body, headers=headers)


def node_tool(package: str) -> Path:
    """The installed npm package ``package`` (``make node-tools``). Missing, the test is
    skipped — except under CI, where ``.ci/run`` installs it, so it fails."""
    path = NODE_MODULES / package
    if not path.exists() or shutil.which("node") is None:
        message = f"npm package {package!r} is not installed: run `make node-tools`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


class LiveGateway:
    """The gateway over in-process stores, served by uvicorn on a loopback port in a
    thread of this process."""

    def __init__(self, settings: Settings) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        stores = {source: create_store_app(source.value) for source in Source}
        self.rewards_user_token = asyncio.run(_first_user_token(stores[Source.REWARDS]))
        transports = {source: httpx.ASGITransport(app=app) for source, app in stores.items()}
        config = uvicorn.Config(
            create_app(settings, transports=transports),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            access_log=False,
            lifespan="on",
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self._run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _run(self) -> None:
        asyncio.run(self.server.serve())

    def __enter__(self) -> LiveGateway:
        self.thread.start()
        for _ in range(500):
            if self.server.started:
                return self
            if not self.thread.is_alive():
                raise RuntimeError("the live gateway did not start")
            threading.Event().wait(0.02)
        raise RuntimeError("the live gateway did not start in 10 s")

    def __exit__(self, *exc_info: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


async def _first_user_token(rewards: Any) -> str:
    transport = httpx.ASGITransport(app=rewards)
    async with httpx.AsyncClient(transport=transport, base_url="http://rewards") as client:
        credentials = (await client.get("/__sim/credentials")).json()
    return str(credentials["users"][0]["token"])


@pytest.fixture(scope="module")
def live_gateway() -> Iterator[LiveGateway]:
    with LiveGateway(Settings.from_env({})) as gateway:
        yield gateway
