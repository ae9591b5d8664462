"""The bench runner behind ``make bench``.

For every scenario, at each injected store latency, against a gateway with
loaders and cache on (and a naive one with both off), it measures: upstream
calls against the scenario's computed minimum; the dependent levels the gateway
took against the levels the scenario needs; p50/p95/p99 end-to-end latency against
the honest floor, cold (empty cache) and warm (cache hit); then gateway CPU per
request and requests/s for a small query answered from the whole-response cache and
answered by execution (upstream entries cached), and CPU per 1000 returned objects
for the largest walk. The table is printed and written to
``bench/results/latest.json``.

The honest floor of a run is the critical path of the upstream round trips the
gateway actually waited on: the gateway reports each call's send and answer times
(``extensions.upstreamCalls``, asked with ``storegraph-trace: upstream``), each call
weighs the injected latency plus the store's own processing time (its
``Server-Timing``), and the heaviest chain of calls each sent after the previous one
was answered is the floor. p50 / floor is then the gateway's own overhead, however
busy the shared cores make the stores. A walk's floor is the sum of its pages'.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import time
from pathlib import Path
from typing import Any

import httpx

from bench.scenarios import FACTS_QUERY, SCENARIOS, Facts, Scenario, facts_from
from bench.servers import Gateway, Stores, running_gateway, running_stores, staff_token
from bench.stats import percentile, ratio
from gateway.sources import Source
from gateway.usage import UpstreamCall, UpstreamUsage
from schema.usage import TRACE_HEADER, TRACE_VALUE

RESULTS = Path(__file__).parent / "results" / "latest.json"
DEFAULT_RUNS = 20
NAIVE_RUNS = 6
"""The naive baseline shows what batching and caching buy in calls; fewer runs keep
``make bench`` within its 10 minutes (its walk makes ~100 calls a run)."""
WARM_RUNS = 10
"""Warm runs report the most calls a repeat costs and its p50: half the cold runs keep
``make bench`` within its 10 minutes on a 2-core VM where CPython runs about half as fast."""
DEFAULT_LATENCIES_MS = (10, 50)
SMALL_QUERY = '{ catalog { product(id: "prod_100001") { name price { amount currency } } } }'
SMALL_QUERY_REQUESTS = 2000
SMALL_QUERY_CONCURRENCY = 8
NO_RESPONSE_CACHE = {"STOREGRAPH_OPERATION_CACHE_MAX_ENTRIES": "0"}


def count_objects(value: Any) -> int:
    """Objects (dicts) in a GraphQL response's data."""
    if isinstance(value, dict):
        return 1 + sum(count_objects(v) for v in value.values())
    if isinstance(value, list):
        return sum(count_objects(v) for v in value)
    return 0


def dig(data: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        data = data[part]
    return data


def usage_of(calls: list[dict[str, Any]]) -> UpstreamUsage:
    """A request's upstream record rebuilt from its ``extensions.upstreamCalls``."""
    usage = UpstreamUsage(started=0.0)
    for call in calls:
        usage.add(
            UpstreamCall(
                Source(call["source"]),
                call["method"],
                call["startMs"] / 1000,
                call["endMs"] / 1000,
                call["status"],
                call["storeMs"],
            )
        )
    return usage


def honest_floor_ms(usages: list[UpstreamUsage], latency_ms: float) -> float:
    """The critical path of what the gateway waited on: injected latency plus the
    store's own time per call, over the heaviest dependent chain (summed over pages)."""
    return sum(
        usage.critical_path(lambda call: latency_ms + (call.store_ms or 0.0)) for usage in usages
    )


async def execute(
    client: httpx.AsyncClient, scenario: Scenario, token: str | None
) -> tuple[list[Any], list[UpstreamUsage]]:
    """Run a scenario once (a walk pages to the end): the data payloads, and the
    upstream record of each request."""
    headers = {"livelike-user-token": token} if scenario.user_token and token else {}
    if scenario.operator:
        headers["authorization"] = f"Bearer {staff_token()}"
    headers[TRACE_HEADER] = TRACE_VALUE
    variables = dict(scenario.variables)
    pages, usages = [], []
    while True:
        response = await client.post(
            "/graphql", json={"query": scenario.query, "variables": variables}, headers=headers
        )
        body = response.json()
        if body.get("errors"):
            raise RuntimeError(f"{scenario.name}: {body['errors'][:2]}")
        pages.append(body["data"])
        usages.append(usage_of(body.get("extensions", {}).get("upstreamCalls", [])))
        if not scenario.walk:
            return pages, usages
        connection = dig(body["data"], scenario.walk)
        if not connection["pageInfo"]["hasNextPage"]:
            return pages, usages
        variables["after"] = connection["pageInfo"]["endCursor"]


async def measure(
    gateway: Gateway,
    stores: Stores,
    scenario: Scenario,
    runs: int,
    *,
    cold: bool,
    token: str | None,
    facts: Facts,
) -> dict[str, Any]:
    """Latency percentiles, the most upstream calls and dependent levels of ``runs``
    runs, the honest floor and the gateway CPU per request (mean, from
    ``/proc``); cold runs start from an empty cache (tokens and
    connections stay warm)."""
    timings, calls, floors, levels, cpu = [], [], [], [], []
    latency_ms = stores.latency_ms
    async with httpx.AsyncClient(base_url=gateway.url, timeout=120.0) as client:
        pages, _ = await execute(client, scenario, token)
        for _ in range(runs):
            if cold:
                gateway.clear_cache()
            stores.reset_stats()
            cpu_before, started = gateway.cpu_seconds(), time.perf_counter()
            pages, usages = await execute(client, scenario, token)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((gateway.cpu_seconds() - cpu_before) * 1000)
            calls.append(sum(stores.calls().values()))
            floors.append(honest_floor_ms(usages, latency_ms))
            levels.append(max(usage.levels() for usage in usages))
    p50 = percentile(timings, 50)
    floor = percentile(floors, 50)
    return {
        "minimum_calls": scenario.minimum(pages, facts),
        "calls": max(calls),
        "levels": max(levels),
        "p50_ms": round(p50, 2),
        "p95_ms": round(percentile(timings, 95), 2),
        "p99_ms": round(percentile(timings, 99), 2),
        "honest_floor_ms": round(floor, 2),
        "p50_over_floor": ratio(p50, floor),
        "gateway_cpu_ms": round(sum(cpu) / len(cpu), 2),
    }


WIRE_ENCODINGS = ("identity", "gzip", "br", "zstd")


async def bytes_on_the_wire(gateway: Gateway, scenario: Scenario, token: str | None) -> dict:
    """The body bytes of one answer to ``scenario`` per ``Accept-Encoding`` (warm cache)."""
    headers = {"livelike-user-token": token} if scenario.user_token and token else {}
    body = {"query": scenario.query, "variables": dict(scenario.variables)}
    sizes: dict[str, Any] = {"scenario": scenario.name}
    async with httpx.AsyncClient(base_url=gateway.url, timeout=60.0) as client:
        await client.post("/graphql", json=body, headers=headers)
        for encoding in WIRE_ENCODINGS:
            request = client.build_request(
                "POST", "/graphql", json=body, headers={**headers, "accept-encoding": encoding}
            )
            response = await client.send(request, stream=True)
            raw = b"".join([chunk async for chunk in response.aiter_raw()])
            await response.aclose()
            sent = response.headers.get("content-encoding", "identity")
            sizes[encoding] = {"content_encoding": sent, "bytes": len(raw)}
    return sizes


async def small_query_throughput(gateway: Gateway) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=gateway.url, timeout=30.0) as client:
        for _ in range(50):
            await client.post("/graphql", json={"query": SMALL_QUERY})
        cpu_before, started = gateway.cpu_seconds(), time.perf_counter()
        per_worker = SMALL_QUERY_REQUESTS // SMALL_QUERY_CONCURRENCY

        async def worker() -> None:
            for _ in range(per_worker):
                await client.post("/graphql", json={"query": SMALL_QUERY})

        await asyncio.gather(*(worker() for _ in range(SMALL_QUERY_CONCURRENCY)))
        wall = time.perf_counter() - started
        cpu = gateway.cpu_seconds() - cpu_before
    total = per_worker * SMALL_QUERY_CONCURRENCY
    return {
        "query": SMALL_QUERY,
        "requests": total,
        "cpu_ms_per_request": round(cpu * 1000 / total, 3),
        "requests_per_s_measured": round(total / wall),
        "requests_per_s_cpu_bound": round(total / cpu) if cpu else None,
    }


async def cpu_per_thousand_objects(gateway: Gateway, scenario: Scenario, token: str | None) -> dict:
    async with httpx.AsyncClient(base_url=gateway.url, timeout=120.0) as client:
        await execute(client, scenario, token)  # warm: measure the gateway, not the stores
        cpu_before = gateway.cpu_seconds()
        pages, _ = await execute(client, scenario, token)
        cpu = gateway.cpu_seconds() - cpu_before
    objects = sum(count_objects(page) for page in pages)
    return {
        "scenario": scenario.name,
        "objects": objects,
        "cpu_ms": round(cpu * 1000, 1),
        "cpu_ms_per_1000_objects": round(cpu * 1000 * 1000 / objects, 1) if objects else None,
    }


async def read_facts(gateway: Gateway) -> Facts:
    async with httpx.AsyncClient(base_url=gateway.url, timeout=60.0) as client:
        body = (await client.post("/graphql", json={"query": FACTS_QUERY})).json()
    return facts_from(body["data"])


def first_user_token(stores: Stores) -> str | None:
    users = stores.credentials(Source.REWARDS).get("users") or []
    return users[0]["token"] if users else None


async def run(runs: int, latencies: tuple[int, ...], names: set[str] | None) -> dict[str, Any]:
    scenarios = [s for s in SCENARIOS if names is None or s.name in names]
    report: dict[str, Any] = {
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "processor": platform.processor() or platform.machine(),
        },
        "runs": runs,
        "scenarios": [],
    }
    with running_stores() as stores:
        token = first_user_token(stores)
        for naive in (False, True):
            with running_gateway(stores, naive=naive) as gateway:
                facts = await read_facts(gateway)
                report["facts"] = facts
                for latency in latencies:
                    stores.configure_all(latency_ms=latency)
                    for scenario in scenarios:
                        mode = "naive" if naive else "storegraph"
                        cold = await measure(
                            gateway,
                            stores,
                            scenario,
                            min(runs, NAIVE_RUNS) if naive else runs,
                            cold=True,
                            token=token,
                            facts=facts,
                        )
                        minimum = cold.pop("minimum_calls")
                        row = {
                            "scenario": scenario.name,
                            "latency_ms": latency,
                            "mode": mode,
                            "minimum_calls": minimum,
                            "levels_needed": scenario.levels,
                            "latency_floor_ms": scenario.levels * latency,
                            "cold": cold,
                            "calls_ratio": ratio(cold["calls"], minimum),
                            "p50_ratio": cold["p50_over_floor"],
                        }
                        if not naive:
                            warm = await measure(
                                gateway,
                                stores,
                                scenario,
                                min(runs, WARM_RUNS),
                                cold=False,
                                token=token,
                                facts=facts,
                            )
                            warm.pop("minimum_calls")
                            row["warm"] = warm
                        report["scenarios"].append(row)
                        print(format_row(row), flush=True)
                if not naive:
                    stores.configure_all(latency_ms=0)
                    report["small_query_cache_hit"] = await small_query_throughput(gateway)
                    listing = [s for s in scenarios if s.name == "product_listing"]
                    if listing:
                        report["wire_bytes"] = await bytes_on_the_wire(gateway, listing[0], token)
                    walks = [s for s in scenarios if s.walk]
                    if walks:
                        report["large_query"] = await cpu_per_thousand_objects(
                            gateway, walks[-1], token
                        )
        # the same small query answered by execution (upstream entries cached, the
        # whole-response cache off): the CPU of a response-cache miss
        stores.configure_all(latency_ms=0)
        with running_gateway(stores, naive=False, settings=NO_RESPONSE_CACHE) as gateway:
            report["small_query_cache_miss"] = await small_query_throughput(gateway)
    report["scenario_notes"] = [
        {
            "name": s.name,
            "description": s.description,
            "levels": s.levels,
            "why_minimum": s.why_minimum,
            "query": s.query,
        }
        for s in scenarios
    ]
    return report


def format_row(row: dict[str, Any]) -> str:
    warm = row.get("warm")
    warm_text = f"warm {warm['calls']:>3} calls {warm['p50_ms']:>7.1f} ms" if warm else ""
    cold = row["cold"]
    return (
        f"{row['mode']:<10} {row['scenario']:<22} {row['latency_ms']:>3} ms | calls "
        f"{cold['calls']:>4} / min {row['minimum_calls']:>3} = {row['calls_ratio'] or 0:>5.2f} | "
        f"levels {cold['levels']} / {row['levels_needed']} | "
        f"p50 {cold['p50_ms']:>7.1f} p95 {cold['p95_ms']:>7.1f} ms"
        f" / floor {cold['honest_floor_ms']:>6.1f} = {row['p50_ratio'] or 0:>5.2f} | "
        f"cpu {cold['gateway_cpu_ms']:>6.1f} ms | {warm_text}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS)
    parser.add_argument("--latency", type=int, action="append", help="ms; repeatable")
    parser.add_argument("--scenario", action="append", help="only these; repeatable")
    args = parser.parse_args(argv)
    latencies = tuple(args.latency or DEFAULT_LATENCIES_MS)
    report = asyncio.run(run(args.runs, latencies, set(args.scenario) if args.scenario else None))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2))
    for key in ("small_query_cache_hit", "small_query_cache_miss", "large_query", "wire_bytes"):
        if key in report:
            print(f"{key}: {json.dumps(report[key])}")
    print(f"written to {RESULTS}")
    return 0
