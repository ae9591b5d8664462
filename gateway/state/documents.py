"""Where automatic persisted queries (APQ) keep their documents.

:class:`DocumentStore` is the interface (async, so a networked store fits behind it);
:class:`InMemoryDocumentStore` keeps documents in this process, bounded by total bytes
(least recently used first out) and by age (``ttl_s`` after registration).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import Protocol

from cachetools import TTLCache


class DocumentStore(Protocol):
    """Persisted GraphQL documents by the sha256 (hex) of their text."""

    async def get(self, sha256: str) -> str | None:
        """The document registered under ``sha256``, or ``None``."""
        ...

    async def put(self, sha256: str, document: str) -> None:
        """Register ``document`` (the caller has checked that ``sha256`` is its hash)."""
        ...


class InMemoryDocumentStore:
    """A :class:`DocumentStore` in this process's memory, bounded by bytes and age."""

    def __init__(
        self, *, max_bytes: int, ttl_s: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if max_bytes < 1 or ttl_s <= 0:
            raise ValueError("max_bytes and ttl_s must be positive")
        self._documents: TTLCache[str, str] = TTLCache(
            maxsize=max_bytes, ttl=ttl_s, timer=clock, getsizeof=_size
        )

    async def get(self, sha256: str) -> str | None:
        return self._documents.get(sha256)

    async def put(self, sha256: str, document: str) -> None:
        with contextlib.suppress(ValueError):  # larger than the whole bound: not kept
            self._documents[sha256] = document

    def __len__(self) -> int:
        return len(self._documents)


def _size(document: str) -> int:
    return len(document.encode())
