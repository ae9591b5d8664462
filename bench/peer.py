"""``make bench-peer``: storegraph and the peer, side by side, over the same stores.

The peer is Hive Gateway serving GraphQL Mesh's composition of the five stores'
OpenAPI documents (``bench/hive/``, installed by ``npm ci`` into its git-ignored
``node_modules``), with its own response cache, HTTP cache and request de-duplication
on. Both gateways run as HTTP servers on loopback over one set of stores; the runner
composes the peer from the stores' ``/openapi.json`` (200 responses typed from samples,
see :mod:`bench.peer_openapi`), then runs each shared scenario
(:mod:`bench.peer_scenarios`) at each injected latency, alternating the two gateways
run by run, and prints per gateway: upstream calls per query (the stores'
``/__sim/stats``), p50/p95 cold (both gateways' caches emptied before each run),
response bytes on the wire, and the calls and p50 of a warm repeat. Results go to
``bench/results/peer.json``. Every process it starts is stopped when it ends.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bench.peer_openapi import merge, schema_of, titled, with_sampled_responses
from bench.peer_scenarios import SAMPLED, SHARED, USER_TOKEN, SharedScenario
from bench.servers import (
    HOST,
    Stores,
    free_port,
    running_gateway,
    running_stores,
    staff_token,
    wait_until_up,
)
from bench.stats import percentile, ratio
from gateway.sources import Source

HIVE = Path(__file__).parent / "hive"
WORK = HIVE / "work"
RESULTS = Path(__file__).parent / "results" / "peer.json"
PEER_ADMIN_TOKEN = "bench-peer-admin-token"
DEFAULT_RUNS = 20
DEFAULT_LATENCIES_MS = (10, 50)
COMPOSE_TIMEOUT_S = 300
PEER_READY_TIMEOUT_S = 120.0


# ---------------------------------------------------------------- composing the peer


def store_headers(stores: Stores, source: Source) -> dict[str, str]:
    """What the peer sends to a store: its key (Catalog: an access token issued now),
    FreshStore's browser User-Agent, the caller's Rewards token forwarded."""
    creds = stores.credentials(source)
    if source is Source.CATALOG:
        response = stores.control(
            source,
            "POST",
            "/api/v1/auth/token",
            json={
                "client_id": creds["client_id"],
                "client_secret": creds["client_secret"],
                "grant_type": "client_credentials",
            },
        )
        token = response.json()["data"]["access_token"]
    else:
        token = str(creds["api_key"])
    headers = {"Authorization": f"Bearer {token}"}
    if source is Source.FRESHSTORE:
        from gateway.settings import BROWSER_USER_AGENT

        headers["User-Agent"] = BROWSER_USER_AGENT
    if source is Source.REWARDS:
        headers["livelike-user-token"] = "{context.headers.livelike-user-token}"
    return headers


def typed_document(stores: Stores, source: Source, headers: dict[str, str], user: str) -> Any:
    """The store's OpenAPI document with the sampled operations' responses typed."""
    document = stores.control(source, "GET", "/openapi.json").json()
    schemas = {}
    sample_headers = {k: v for k, v in headers.items() if "{" not in v}
    for sampled in SAMPLED.get(source, []):
        extra = {k: v.replace(USER_TOKEN, user) for k, v in sampled.headers.items()}
        schema: dict[str, Any] = {}
        for path, params in sampled.samples:
            answer = stores.control(
                source, "GET", path, params=params, headers={**sample_headers, **extra}
            )
            schema = merge(schema, schema_of(answer.json()))
        schemas[sampled.path] = titled(schema, sampled.titles)
    return with_sampled_responses(document, schemas)


def compose(stores: Stores, user_token: str) -> Path:
    """Write the typed documents, run Mesh compose; the supergraph's path."""
    WORK.mkdir(parents=True, exist_ok=True)
    entries = []
    for source in Source:
        headers = store_headers(stores, source)
        path = WORK / f"{source.value}.openapi.json"
        path.write_text(json.dumps(typed_document(stores, source, headers, user_token)))
        entries.append(
            {
                "name": source.value,
                "source": str(path),
                "endpoint": stores.urls[source],
                "headers": headers,
            }
        )
    supergraph = WORK / "supergraph.graphql"
    done = subprocess.run(
        [str(HIVE / "node_modules/.bin/mesh-compose"), "-o", str(supergraph)],
        cwd=HIVE,
        env={**os.environ, "PEER_STORES": json.dumps(entries)},
        timeout=COMPOSE_TIMEOUT_S,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"mesh-compose failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return supergraph


@dataclass
class Peer:
    url: str

    def clear_cache(self) -> None:
        response = httpx.post(
            self.url + "/__bench/cache/clear",
            headers={"authorization": f"Bearer {PEER_ADMIN_TOKEN}"},
            timeout=10.0,
        )
        response.raise_for_status()


@contextmanager
def running_peer(supergraph: Path) -> Iterator[Peer]:
    port = free_port()
    env = {
        **os.environ,
        "PEER_SUPERGRAPH": str(supergraph),
        "PEER_PORT": str(port),
        "PEER_ADMIN_TOKEN": PEER_ADMIN_TOKEN,
        "NODE_ENV": "production",
    }
    process = subprocess.Popen(
        [str(HIVE / "node_modules/.bin/hive-gateway"), "supergraph"],
        cwd=HIVE,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://{HOST}:{port}"
        wait_until_up(url + "/healthcheck", timeout_s=PEER_READY_TIMEOUT_S)
        yield Peer(url)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


# ---------------------------------------------------------------- measuring


@dataclass
class Side:
    """One gateway as the runner drives it."""

    name: str
    url: str
    query_of: str  # "storegraph" or "peer": which of a scenario's queries it is asked
    clear: Any


def post(client: httpx.Client, side: Side, scenario: SharedScenario, token: str) -> httpx.Response:
    headers = {"livelike-user-token": token} if scenario.user_token else {}
    if scenario.operator and side.query_of == "storegraph":
        headers["authorization"] = f"Bearer {staff_token()}"
    query = scenario.storegraph if side.query_of == "storegraph" else scenario.peer
    response = client.post(side.url + "/graphql", json={"query": query}, headers=headers)
    body = response.json()
    if response.status_code != 200 or body.get("errors") or not body.get("data"):
        raise RuntimeError(f"{side.name} {scenario.name}: {str(body)[:500]}")
    count = (scenario.count if side.query_of == "storegraph" else scenario.peer_count)(body["data"])
    if count == 0:
        raise RuntimeError(f"{side.name} {scenario.name}: an empty answer")
    return response


def run(runs: int, latencies: tuple[int, ...], names: set[str] | None) -> dict[str, Any]:
    scenarios = [s for s in SHARED if names is None or s.name in names]
    report: dict[str, Any] = {
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "processor": platform.processor() or platform.machine(),
            "load_average_at_start": os.getloadavg(),
        },
        "runs": runs,
        "rows": [],
    }
    with running_stores() as stores:
        users = stores.credentials(Source.REWARDS).get("users") or []
        token = users[0]["token"]
        supergraph = compose(stores, token)
        with running_gateway(stores, naive=False) as gateway, running_peer(supergraph) as peer:
            sides = [
                Side("storegraph", gateway.url, "storegraph", gateway.clear_cache),
                Side("hive-mesh", peer.url, "peer", peer.clear_cache),
            ]
            with httpx.Client(timeout=120.0) as client:
                for latency in latencies:
                    stores.configure_all(latency_ms=latency)
                    for scenario in scenarios:
                        rows = measure(client, stores, sides, scenario, runs, token)
                        for row in rows:
                            row["latency_ms"] = latency
                            report["rows"].append(row)
                        print(format_pair(rows, latency), flush=True)
    report["load_average_at_end"] = os.getloadavg()
    return report


def measure(
    client: httpx.Client,
    stores: Stores,
    sides: list[Side],
    scenario: SharedScenario,
    runs: int,
    token: str,
) -> list[dict[str, Any]]:
    """``runs`` cold runs per side, alternating which side goes first, then warm runs."""
    timings: dict[str, list[float]] = {s.name: [] for s in sides}
    calls: dict[str, list[int]] = {s.name: [] for s in sides}
    size: dict[str, int] = {}
    for side in sides:  # connections, tokens and the peer's planner warm
        post(client, side, scenario, token)
    for i in range(runs):
        for side in sides if i % 2 == 0 else sides[::-1]:
            side.clear()
            stores.reset_stats()
            started = time.perf_counter()
            response = post(client, side, scenario, token)
            timings[side.name].append((time.perf_counter() - started) * 1000)
            calls[side.name].append(sum(stores.calls().values()))
            size[side.name] = response.num_bytes_downloaded
    warm: dict[str, dict[str, Any]] = {}
    for side in sides:
        post(client, side, scenario, token)
        warm_times, warm_calls = [], []
        for _ in range(max(3, runs // 2)):
            stores.reset_stats()
            started = time.perf_counter()
            post(client, side, scenario, token)
            warm_times.append((time.perf_counter() - started) * 1000)
            warm_calls.append(sum(stores.calls().values()))
        warm[side.name] = {"calls": max(warm_calls), "p50_ms": round(percentile(warm_times, 50), 2)}
    return [
        {
            "scenario": scenario.name,
            "gateway": side.name,
            "calls": max(calls[side.name]),
            "p50_ms": round(percentile(timings[side.name], 50), 2),
            "p95_ms": round(percentile(timings[side.name], 95), 2),
            "bytes": size[side.name],
            "warm": warm[side.name],
        }
        for side in sides
    ]


def format_pair(rows: list[dict[str, Any]], latency: int) -> str:
    ours, theirs = rows
    lines = []
    for row in rows:
        lines.append(
            f"{row['scenario']:<18} {latency:>3} ms {row['gateway']:<11} |"
            f" calls {row['calls']:>4} |"
            f" p50 {row['p50_ms']:>7.1f} p95 {row['p95_ms']:>7.1f} ms | {row['bytes']:>6} B |"
            f" warm {row['warm']['calls']:>3} calls {row['warm']['p50_ms']:>6.1f} ms"
        )
    lines.append(
        f"{'':<18} storegraph p50 / peer p50 = {ratio(ours['p50_ms'], theirs['p50_ms']) or 0:.2f}"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.peer", description=__doc__)
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS)
    parser.add_argument("--latency", type=int, action="append", help="ms; repeatable")
    parser.add_argument("--scenario", action="append", help="only these; repeatable")
    args = parser.parse_args(argv)
    if not (HIVE / "node_modules/.bin/hive-gateway").exists():
        parser.error("the peer is not installed: run `make bench-peer` (npm ci in bench/hive)")
    latencies = tuple(args.latency or DEFAULT_LATENCIES_MS)
    report = run(args.runs, latencies, set(args.scenario) if args.scenario else None)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2))
    print(f"written to {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
