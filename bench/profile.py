"""``python -m bench.profile``: where the gateway's CPU goes, as py-spy flame graphs.

Starts the stores and the gateway as the bench does (separate processes on loopback),
warms the gateway, then has py-spy sample the gateway process (only it: the load
generator and the stores are other processes) while this process sends it a workload:
the small cached query (``bench.run.SMALL_QUERY``) over and over, and the deep page walk
pages over and over — or, with ``--scenario NAME`` (repeatable), a bench scenario cold
(the gateway's caches emptied before every run, as the bench's cold runs) at
``--latency`` ms of store latency, one client at a time. Each flame graph is written to
``bench/results/flame-<name>.svg`` (open it in a browser: width is CPU time, hover for
frames) together with py-spy's raw collapsed stacks (``.txt``), and the heaviest frames are printed.
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx

from bench.run import SMALL_QUERY, execute, first_user_token
from bench.scenarios import SCENARIOS, Scenario
from bench.servers import ADMIN_HEADERS, Gateway, running_gateway, running_stores

RESULTS = Path(__file__).parent / "results"
WALK = next(s for s in SCENARIOS if s.walk)
SAMPLE_RATE_HZ = 250
CONCURRENCY = 4
PY_SPY = Path(sys.executable).parent / "py-spy"


async def small_query(client: httpx.AsyncClient) -> None:
    (await client.post("/graphql", json={"query": SMALL_QUERY})).raise_for_status()


async def walk(client: httpx.AsyncClient) -> None:
    variables = dict(WALK.variables)
    while True:
        response = await client.post("/graphql", json={"query": WALK.query, "variables": variables})
        page = response.json()["data"]["products"]
        if not page["pageInfo"]["hasNextPage"]:
            return
        variables["after"] = page["pageInfo"]["endCursor"]


def cold(
    gateway: Gateway, scenario: Scenario, token: str | None
) -> Callable[[httpx.AsyncClient], Awaitable[None]]:
    """``scenario`` run from empty gateway caches."""

    async def work(client: httpx.AsyncClient) -> None:
        (await client.post("/admin/cache/clear", headers=ADMIN_HEADERS)).raise_for_status()
        await execute(client, scenario, token)

    return work


async def load(
    gateway: Gateway,
    work: Callable[[httpx.AsyncClient], Awaitable[None]],
    seconds: float,
    concurrency: int = CONCURRENCY,
) -> int:
    """Run ``work`` from ``concurrency`` clients for ``seconds``; how many times it ran."""
    done = 0
    async with httpx.AsyncClient(base_url=gateway.url, timeout=60.0) as client:
        for _ in range(3):
            await work(client)  # warm
        deadline = time.monotonic() + seconds

        async def worker() -> None:
            nonlocal done
            while time.monotonic() < deadline:
                await work(client)
                done += 1

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return done


def record(
    gateway: Gateway,
    name: str,
    work: Callable[[httpx.AsyncClient], Awaitable[None]],
    seconds: float,
    concurrency: int = CONCURRENCY,
) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    svg, raw = RESULTS / f"flame-{name}.svg", RESULTS / f"flame-{name}.txt"
    common = ["--pid", str(gateway.pid), "--rate", str(SAMPLE_RATE_HZ), "--nonblocking"]
    spies = [
        subprocess.Popen([str(PY_SPY), "record", *common, "-o", str(path), "-f", fmt])
        for path, fmt in ((svg, "flamegraph"), (raw, "raw"))
    ]
    try:
        time.sleep(1.0)  # py-spy attached
        cpu_before = gateway.cpu_seconds()
        runs = asyncio.run(load(gateway, work, seconds, concurrency))
        cpu = gateway.cpu_seconds() - cpu_before
    finally:
        for spy in spies:
            spy.send_signal(2)  # SIGINT: py-spy writes its output and exits
        for spy in spies:
            spy.wait(timeout=60)
    print(f"== {name}: {runs} runs, {cpu * 1000 / max(runs, 1):.2f} ms gateway CPU each -> {svg}")
    print_top(raw)


def print_top(raw: Path, count: int = 25) -> None:
    """The frames with the most samples of their own (py-spy's collapsed stacks)."""
    own: Counter[str] = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, samples = line.rpartition(" ")
        if not stack:
            continue
        n = int(samples)
        total += n
        own[stack.rsplit(";", 1)[-1]] += n
    for frame, n in own.most_common(count):
        print(f"  {100 * n / max(total, 1):5.1f}%  {frame}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    parser.add_argument("--seconds", type=float, default=15.0, help="per workload")
    parser.add_argument("--scenario", action="append", help="a bench scenario, cold; repeatable")
    parser.add_argument("--latency", type=int, default=10, help="ms, for --scenario")
    args = parser.parse_args(argv)
    with running_stores() as stores, running_gateway(stores, naive=False) as gateway:
        if not args.scenario:
            record(gateway, "small-query", small_query, args.seconds)
            record(gateway, "walk", walk, args.seconds)
            return 0
        stores.configure_all(latency_ms=args.latency)
        token = first_user_token(stores)
        for scenario in SCENARIOS:
            if scenario.name in args.scenario:
                work = cold(gateway, scenario, token)
                name = scenario.name.replace("_", "-")
                record(gateway, name, work, args.seconds, concurrency=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
