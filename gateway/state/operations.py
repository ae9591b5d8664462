"""Where whole GraphQL responses are kept: :class:`OperationStore` and its in-process
implementation.

An entry is a finished response's data (and its encoded bytes, so a hit is served
without encoding anything) with the upstream entries (cache keys) and tags
it was built from, and the moment it stops being fresh. Dropping by upstream key or tag
is how writes and webhook events reach it: whatever drops an upstream entry drops every
response built on it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from cachetools import LRUCache


@dataclass(frozen=True, slots=True)
class StoredOperation:
    """One cached response."""

    data: Any
    fresh_until: float
    upstream: frozenset[Hashable]
    """The upstream cache keys it was built from."""
    tags: frozenset[str]
    private: bool = False
    """Some part was private to the credential that read it (HTTP caching: ``private``)."""
    encoded: bytes = b"null"
    """``data`` as the wire carries it (JSON), encoded once when stored."""
    etags: dict[str, str] = field(default_factory=dict, compare=False)
    """Its ``ETag`` per response media type, worked out on the first ``GET`` that needs it."""


class OperationStore(Protocol):
    def get(self, key: str) -> StoredOperation | None: ...

    def put(self, key: str, entry: StoredOperation) -> None: ...

    def drop(self, upstream: Iterable[Hashable] = (), tags: Iterable[str] = ()) -> int: ...

    def upstream_keys(self) -> list[Hashable]: ...

    def clear(self) -> None: ...


class _Evicting(LRUCache):
    """An LRU that tells its owner what it evicts."""

    def __init__(self, maxsize: int, on_evict: Callable[[str, StoredOperation], None]) -> None:
        super().__init__(maxsize=maxsize)
        self._on_evict = on_evict

    def popitem(self) -> tuple[str, StoredOperation]:
        key, entry = super().popitem()
        self._on_evict(key, entry)
        return key, entry


class InProcessOperationStore:
    """An LRU of responses, bounded by count, indexed by upstream key and tag."""

    def __init__(self, max_entries: int, *, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self._entries = _Evicting(max_entries, self._unindex)
        self._by_upstream: dict[Hashable, set[str]] = {}
        self._by_tag: dict[str, set[str]] = {}

    def get(self, key: str) -> StoredOperation | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        if self.clock() >= entry.fresh_until:
            self._forget(key)
            return None
        return entry

    def put(self, key: str, entry: StoredOperation) -> None:
        self._forget(key)
        self._entries[key] = entry
        for upstream in entry.upstream:
            self._by_upstream.setdefault(upstream, set()).add(key)
        for tag in entry.tags:
            self._by_tag.setdefault(tag, set()).add(key)

    def drop(self, upstream: Iterable[Hashable] = (), tags: Iterable[str] = ()) -> int:
        doomed: set[str] = set()
        for item in upstream:
            doomed |= self._by_upstream.get(item, set())
        for tag in tags:
            doomed |= self._by_tag.get(tag, set())
        for key in doomed:
            self._forget(key)
        return len(doomed)

    def upstream_keys(self) -> list[Hashable]:
        """Every upstream key some stored response was built from."""
        return list(self._by_upstream)

    def clear(self) -> None:
        self._entries.clear()
        self._by_upstream.clear()
        self._by_tag.clear()

    def __len__(self) -> int:
        return len(self._entries)

    def _forget(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._unindex(key, entry)

    def _unindex(self, key: str, entry: StoredOperation) -> None:
        for upstream in entry.upstream:
            keys = self._by_upstream.get(upstream)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self._by_upstream[upstream]
        for tag in entry.tags:
            keys = self._by_tag.get(tag)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self._by_tag[tag]
