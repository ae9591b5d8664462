"""Stores that answer in waves, so a test can count dependent upstream levels exactly.

Every store call is held on arrival. Once every call released before has been answered
and the gateway has gone quiet (no new call for a number of event-loop turns: it is
waiting on the held ones), the held calls are released together — one wave. A call the
gateway could only make after another call's answer therefore lands in a later wave,
and calls made together land in the same one, however busy the machine is.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

QUIET_TURNS = 50
"""Event-loop turns without a new call after which the gateway is taken to be waiting."""


class Waves:
    def __init__(self) -> None:
        self.count = 0
        self._held: list[asyncio.Future[None]] = []
        self._running = 0
        self._releaser: asyncio.Task[None] | None = None

    def wrap(self, app: ASGIApp) -> ASGIApp:
        async def held(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http" or scope["path"].startswith("/__sim"):
                await app(scope, receive, send)
                return
            gate: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self._held.append(gate)
            if self._releaser is None:
                self._releaser = asyncio.ensure_future(self._release())
            await gate
            try:
                await app(scope, receive, send)
            finally:
                self._running -= 1

        return held

    def wrappers(self, sources: Any) -> dict[Any, Callable[[ASGIApp], ASGIApp]]:
        return {source: self.wrap for source in sources}

    async def _release(self) -> None:
        quiet = 0
        while quiet < QUIET_TURNS:
            before = len(self._held)
            await asyncio.sleep(0)
            quiet = quiet + 1 if len(self._held) == before and self._running == 0 else 0
        wave, self._held = self._held, []
        self._releaser = None
        self.count += 1
        self._running += len(wave)
        for gate in wave:
            gate.set_result(None)
