"""The per-request upstream-call budget: one request may not make more than its share.

One :class:`CallBudget` is opened per GraphQL operation (:func:`opened`) and is current
for everything the operation runs, including the tasks it spawns (a task copies the
context it was created in). :class:`~gateway.upstream.UpstreamClient` spends one call of
it per exchange it sends (each retry attempt is an exchange; answers from the cache
spend nothing) and refuses to send once it is spent: :class:`CallLimitExceeded`, which
serves a stale entry where one exists, like any other reason not to call. Calls made
outside any operation (``/readyz`` probes, tests driving a client directly) are not
counted.

The budget also notes which stores answered from stale entries, so the response can
say so (``extensions.stale``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from gateway.errors import GatewayError
from gateway.sources import Source

_current: ContextVar[CallBudget | None] = ContextVar("storegraph_call_budget", default=None)


class CallLimitExceeded(GatewayError):
    """The request has made as many upstream calls as it may."""

    code = "UPSTREAM_CALL_LIMIT_EXCEEDED"
    default_message = "This request has made as many upstream calls as it may"

    def __init__(self, limit: int, *, source: Source | None = None) -> None:
        super().__init__(
            f"This request has made the {limit} upstream calls it may; ask for less at once.",
            source=source,
        )
        self.limit = limit

    def extensions(self) -> dict[str, object]:
        return {**super().extensions(), "limit": self.limit}


@dataclass
class CallBudget:
    """How many upstream calls one request may still make."""

    limit: int
    spent: int = 0
    stale: set[Source] = field(default_factory=set)

    def spend(self, source: Source) -> None:
        """Count one call to ``source``, or raise :class:`CallLimitExceeded`."""
        if self.spent >= self.limit:
            raise CallLimitExceeded(self.limit, source=source)
        self.spent += 1


def current() -> CallBudget | None:
    """The budget of the operation running now, if any."""
    return _current.get()


def spend(source: Source) -> None:
    """Count one call against the current operation's budget (none: not counted)."""
    budget = _current.get()
    if budget is not None:
        budget.spend(source)


def served_stale(source: Source) -> None:
    """Note that ``source`` answered the current operation from a stale entry."""
    budget = _current.get()
    if budget is not None:
        budget.stale.add(source)


@contextmanager
def opened(limit: int) -> Iterator[CallBudget]:
    """A fresh budget of ``limit`` calls, current inside the ``with`` block."""
    budget = CallBudget(limit)
    token = _current.set(budget)
    try:
        yield budget
    finally:
        _current.reset(token)
