"""Starts what a bench run measures: the five stores as HTTP servers, and the
gateway as its own HTTP server (one worker) pointed at them.

Each runs in its own process on free loopback ports; the gateway's CPU time is
read from ``/proc/<pid>/stat``. Everything is stopped when the run ends.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

import httpx

from gateway.identity import Role, mint_operator_token
from gateway.sources import Source

HOST = "127.0.0.1"
READY_TIMEOUT_S = 30.0
ADMIN_TOKEN = "bench-admin-token"
ADMIN_HEADERS = {"authorization": f"Bearer {ADMIN_TOKEN}"}
"""What the bench sends to the gateway's admin endpoints (clearing its caches)."""
JWT_SECRET = "storegraph-bench-operator-secret-0123456789"
"""The bench gateway's operator-token secret: scenarios reading analytics send a staff token."""
UNLIMITED = {"limit": 1_000_000, "window_s": 60}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, timeout_s: float = READY_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            if httpx.get(url, timeout=1.0).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not come up in {timeout_s:.0f}s")
        time.sleep(0.1)


@dataclass
class Stores:
    urls: dict[Source, str]
    latency_ms: float = 0.0
    """The latency last injected into every store."""

    def control(self, source: Source, method: str, path: str, **kw: object) -> httpx.Response:
        response = httpx.request(method, self.urls[source] + path, timeout=10.0, **kw)  # type: ignore[arg-type]
        response.raise_for_status()
        return response

    def configure_all(self, **config: object) -> None:
        for source in Source:
            self.control(source, "PUT", "/__sim/config", json=config)
        if "latency_ms" in config:
            self.latency_ms = float(config["latency_ms"])  # type: ignore[arg-type]

    def reset_stats(self) -> None:
        for source in Source:
            self.control(source, "POST", "/__sim/reset")

    def calls(self) -> dict[str, int]:
        return {s.value: self.control(s, "GET", "/__sim/stats").json()["total"] for s in Source}

    def credentials(self, source: Source) -> dict[str, object]:
        return self.control(source, "GET", "/__sim/credentials").json()


@dataclass
class Gateway:
    url: str
    pid: int

    def cpu_seconds(self) -> float:
        """User + system CPU the gateway process has used so far."""
        with open(f"/proc/{self.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks

    def clear_cache(self) -> None:
        response = httpx.post(
            self.url + "/admin/cache/clear",
            headers=ADMIN_HEADERS,
            timeout=10.0,
        )
        response.raise_for_status()


def _spawn(args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "gateway.cli", *args],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@contextmanager
def running_stores() -> Iterator[Stores]:
    ports = {source: free_port() for source in Source}
    args = ["stores", "--host", HOST]
    for source, port in ports.items():
        args += [f"--{source.value}-port", str(port)]
    process = _spawn(args, {})
    try:
        urls = {source: f"http://{HOST}:{port}" for source, port in ports.items()}
        for url in urls.values():
            wait_until_up(url + "/__sim/stats")
        stores = Stores(urls)
        stores.configure_all(rate_limit=UNLIMITED)
        yield stores
    finally:
        process.terminate()
        process.wait(timeout=10)


@cache
def staff_token() -> str:
    """A read-only staff operator token for the bench gateway (one per run, as a client
    keeps its token)."""
    return mint_operator_token(JWT_SECRET, [Role.STAFF], ttl_s=24 * 3600, subject="bench")


def gateway_env(stores: Stores) -> dict[str, str]:
    """The gateway's environment for these stores: their URLs and credentials (and no
    per-caller limit: the bench is one caller sending thousands of requests)."""
    env: dict[str, str] = {"STOREGRAPH_CALLER_RATE_LIMIT": "0"}
    for source, url in stores.urls.items():
        prefix = f"STOREGRAPH_{source.value.upper()}"
        creds = stores.credentials(source)
        env[f"{prefix}_URL"] = url
        for key, var in (
            ("api_key", "API_KEY"),
            ("client_id", "CLIENT_ID"),
            ("client_secret", "CLIENT_SECRET"),
        ):
            if creds.get(key):
                env[f"{prefix}_{var}"] = str(creds[key])
    return env


@contextmanager
def running_gateway(
    stores: Stores, *, naive: bool, settings: dict[str, str] | None = None
) -> Iterator[Gateway]:
    """The gateway over ``stores``; ``settings``: extra ``STOREGRAPH_*`` variables."""
    port = free_port()
    env = {
        **gateway_env(stores),
        "STOREGRAPH_ADMIN_TOKEN": ADMIN_TOKEN,
        "STOREGRAPH_TRACE_UPSTREAM": "1",
        "STOREGRAPH_JWT_SECRET": JWT_SECRET,
        **(settings or {}),
    }
    if naive:
        env["STOREGRAPH_LOADERS"] = "0"
        env["STOREGRAPH_CACHE"] = "0"
    process = _spawn(["serve", "--host", HOST, "--port", str(port)], env)
    try:
        url = f"http://{HOST}:{port}"
        wait_until_up(url + "/healthz")
        yield Gateway(url=url, pid=process.pid)
    finally:
        process.terminate()
        process.wait(timeout=10)
