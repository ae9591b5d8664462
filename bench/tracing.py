"""``python -m bench.tracing``: the gateway's CPU per request with tracing off and on.

Starts the stores, then one gateway per mode (one worker each, same stores):

- ``off``: no ``OTEL_*`` variable (the default);
- ``on``: ``OTEL_TRACES_EXPORTER=console`` (every span exported, written to /dev/null);
- ``before`` (with ``--before-src DIR``): the gateway from another checkout (e.g. the
  commit before tracing existed) — what "off" must not be measurably above.

Each mode answers the same requests in alternating rounds (off, on, before, off, …), so
a busy machine weighs on every mode alike; the report gives the median CPU ms per
request over the rounds for two queries: a small cached one (one upstream read, a
cache hit) and the product listing with its relations, cold (cache cleared each
request: seven upstream calls). Results go to ``bench/results/tracing.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx

from bench.run import SMALL_QUERY
from bench.scenarios import SCENARIOS
from bench.servers import Gateway, running_gateway, running_stores

RESULTS = Path(__file__).parent / "results" / "tracing.json"
ROUNDS = 7
SMALL_REQUESTS = 300
LISTING_REQUESTS = 40
LISTING = next(s for s in SCENARIOS if s.name == "product_listing")


async def cpu_per_request(gateway: Gateway, query: str, requests: int, *, cold: bool) -> float:
    """CPU ms the gateway (all its threads: span export too) spent per request over
    ``requests`` sequential requests (cold: each after a cache clear, counted in)."""
    async with httpx.AsyncClient(base_url=gateway.url, timeout=60.0) as client:
        body = {"query": query, "variables": {}}
        await client.post("/graphql", json=body)  # connections and tokens warm
        before = gateway.cpu_seconds()
        for _ in range(requests):
            if cold:
                gateway.clear_cache()
            response = await client.post("/graphql", json=body)
            if response.json().get("errors"):
                raise RuntimeError(response.text[:300])
        await asyncio.sleep(0.2)  # let the batch span processor export what it holds
        spent = gateway.cpu_seconds() - before
    return spent * 1000 / requests


async def measure(gateways: dict[str, Gateway], rounds: int) -> dict[str, Any]:
    samples: dict[str, dict[str, list[float]]] = {
        mode: {"small_cached": [], "listing_cold": []} for mode in gateways
    }
    listing = LISTING.query
    for _ in range(rounds):
        for mode, gateway in gateways.items():
            samples[mode]["small_cached"].append(
                await cpu_per_request(gateway, SMALL_QUERY, SMALL_REQUESTS, cold=False)
            )
            samples[mode]["listing_cold"].append(
                await cpu_per_request(gateway, listing, LISTING_REQUESTS, cold=True)
            )
    return {
        mode: {
            name: {
                "median_cpu_ms": round(statistics.median(values), 3),
                "min_cpu_ms": round(min(values), 3),
                "max_cpu_ms": round(max(values), 3),
            }
            for name, values in by_query.items()
        }
        for mode, by_query in samples.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.tracing", description=__doc__)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--before-src", help="a checkout whose gateway is 'before'")
    args = parser.parse_args(argv)
    modes: dict[str, dict[str, str]] = {"off": {}, "on": {"OTEL_TRACES_EXPORTER": "console"}}
    if args.before_src:
        modes["before"] = {"PYTHONPATH": os.path.abspath(args.before_src)}
    with running_stores() as stores, ExitStack() as stack:
        gateways = {
            mode: stack.enter_context(running_gateway(stores, naive=False, settings=env))
            for mode, env in modes.items()
        }
        report = asyncio.run(measure(gateways, args.rounds))
    report["queries"] = {"small_cached": SMALL_QUERY, "listing_cold": LISTING.name}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2))
    for mode in modes:
        row = report[mode]
        print(
            f"{mode:<7} small cached {row['small_cached']['median_cpu_ms']:>7.3f} ms/request"
            f"   listing cold {row['listing_cold']['median_cpu_ms']:>7.3f} ms/request"
        )
    print(f"written to {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
