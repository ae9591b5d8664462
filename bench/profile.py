"""``python -m bench.profile``: where the gateway's CPU goes, as pyinstrument profiles.

Runs the gateway in this process (driven through httpx's ASGI transport, so only the
gateway's own work is sampled) over the stores as HTTP servers in another process, and
profiles two warm workloads: the small cached query (``bench.run.SMALL_QUERY``) many
times, and the deep page walk once through. Each profile is written to
``bench/results/profile-<name>.html`` (pyinstrument's call tree, open in a browser) and
``.speedscope.json`` (a flame graph for https://www.speedscope.app, or any speedscope
viewer), and its top frames are printed.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from pathlib import Path

import httpx
from pyinstrument import Profiler
from pyinstrument.renderers import SpeedscopeRenderer

from bench.run import SMALL_QUERY
from bench.scenarios import SCENARIOS
from bench.servers import gateway_env, running_stores
from gateway.app import create_app
from gateway.settings import Settings

RESULTS = Path(__file__).parent / "results"
WALK = next(s for s in SCENARIOS if s.walk)


async def small_query(client: httpx.AsyncClient, requests: int) -> None:
    for _ in range(requests):
        response = await client.post("/graphql", json={"query": SMALL_QUERY})
        response.raise_for_status()


async def walk(client: httpx.AsyncClient) -> None:
    variables = dict(WALK.variables)
    while True:
        body = (
            await client.post("/graphql", json={"query": WALK.query, "variables": variables})
        ).json()
        page = body["data"]["products"]
        if not page["pageInfo"]["hasNextPage"]:
            return
        variables["after"] = page["pageInfo"]["endCursor"]


def save(profiler: Profiler, name: str) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"profile-{name}.html").write_text(profiler.output_html())
    (RESULTS / f"profile-{name}.speedscope.json").write_text(profiler.output(SpeedscopeRenderer()))
    print(profiler.output_text(unicode=True, color=False, show_all=False)[:6000])


async def profile(requests: int) -> None:
    with running_stores() as stores:
        app = create_app(Settings.from_env(gateway_env(stores)))
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gw") as client:
            await small_query(client, 20)  # warm: tokens, connections, caches
            await walk(client)
            for name, work in (
                ("small-query", lambda: small_query(client, requests)),
                ("walk", lambda: walk(client)),
            ):
                profiler = Profiler(interval=0.0005, async_mode="enabled")
                started = time.perf_counter()
                profiler.start()
                await work()
                profiler.stop()
                print(f"== {name}: {time.perf_counter() - started:.2f} s wall")
                save(profiler, name)
        await app.state.runtime.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    parser.add_argument("--requests", type=int, default=500, help="small queries to profile")
    args = parser.parse_args(argv)
    asyncio.run(profile(args.requests))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
