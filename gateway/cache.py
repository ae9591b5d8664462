"""The shared upstream response cache.

One :class:`ResponseCache` lives for the whole process and is shared by every request.
It is an LRU (cachetools) bounded both by entry count and by total bytes of the
responses it holds.

Keys (:class:`CacheKey`) are (source, method, path, normalised query, credential
fingerprint). The fingerprint hashes the gateway's credential *and* the end user's
token when one is forwarded (Rewards' ``livelike-user-token``), so every entry is private
to the identity that fetched it: one user's data is never served to another. That is
why ``Cache-Control: private`` responses may be stored here — keys always include the
fingerprint.

Freshness (:func:`freshness_of`), from the upstream response:

- ``no-store`` → never stored;
- ``max-age=N`` → fresh for N seconds;
- ``no-cache`` or ``max-age=0`` with an ``ETag`` → stored, but revalidated with
  ``If-None-Match`` before each use (a ``304`` refreshes it); without an ETag, not stored;
- no ``Cache-Control`` → the store's default TTL.

After it goes stale an entry is still kept for a while (``stale_until``: ``STALE_FACTOR``
times its TTL, at most ``MAX_STALE_S``) so it can be served when the store's rate-limit
budget is gone or the store is down.

A ``404`` is remembered too, briefly (:meth:`CachedResponse.negative`): asking again for
an id that does not exist costs no call until it expires — or until a write or an event
at that store (every :meth:`ResponseCache.drop` forgets the store's remembered 404s: a
change may have made any of them exist, a created object's id, a new slug).

Invalidation (:meth:`ResponseCache.drop`) is the one way writes and webhook events
forget what they changed: by path (a subtree, or one path's lists) or by tag. An answer
that was on its way while its store's entries were dropped (:meth:`ResponseCache.changes`
moved) is not stored, and no later read joins its call: it may predate the change.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

import httpx
from cachetools import Cache, LRUCache

from gateway.settings import DEFAULT_CACHE_MAX_BYTES, DEFAULT_CACHE_MAX_ENTRIES
from gateway.sources import Source

STALE_FACTOR = 10
"""An entry may be served stale for this many times its TTL…"""
MAX_STALE_S = 600.0
"""…but never longer than this after it went stale."""
KEPT_HEADERS = ("content-type", "etag", "cache-control", "last-modified")
"""The response headers a cache entry keeps."""
ENTRY_OVERHEAD_BYTES = 256
"""Bookkeeping bytes counted per entry on top of its body."""
InvalidationListener = Callable[
    [list["CacheKey"], list[str], bool, "Callable[[CacheKey], bool] | None"], None
]
"""Told ``(keys, tags, everything, covered)`` of every invalidation: the keys dropped, the
tags named, whether it was ``clear``, and for a path invalidation which keys it covers
(whether or not this cache still held them)."""

Query = tuple[tuple[str, str], ...]
QueryInput = Mapping[str, Any] | Iterable[tuple[str, Any]] | httpx.QueryParams | None


class CacheKey(NamedTuple):
    """What identifies a cached upstream response."""

    source: Source
    method: str
    path: str
    query: Query
    fingerprint: str


def normalise_query(params: QueryInput) -> Query:
    """Query items sorted by name; repeated names kept, in their original order."""
    if params is None:
        return ()
    items = httpx.QueryParams(params).multi_items()  # type: ignore[arg-type]
    return tuple(sorted(items, key=lambda item: item[0]))


def make_key(
    source: Source, method: str, path: str, params: QueryInput, fingerprint: str
) -> CacheKey:
    return CacheKey(source, method.upper(), path, normalise_query(params), fingerprint)


def fingerprint(*secrets: str | None) -> str:
    """A stable, non-reversible identity for a set of credentials (sha256, 16 hex)."""
    digest = hashlib.sha256()
    for secret in secrets:
        digest.update((secret or "").encode())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Freshness:
    """How long a response may be used: fresh for ``ttl_s``, then stale for ``stale_s``."""

    ttl_s: float
    stale_s: float
    must_revalidate: bool = False


def parse_cache_control(value: str | None) -> dict[str, str | None]:
    """``Cache-Control`` directives, lower-cased: ``{"max-age": "60", "private": None}``."""
    directives: dict[str, str | None] = {}
    for part in (value or "").split(","):
        name, sep, arg = part.strip().partition("=")
        if name:
            directives[name.lower()] = arg.strip().strip('"') if sep else None
    return directives


def freshness_of(headers: Mapping[str, str], default_ttl_s: float) -> Freshness | None:
    """How long a response may be cached (``None``: it may not be stored)."""
    directives = parse_cache_control(headers.get("cache-control"))
    if "no-store" in directives:
        return None
    ttl = default_ttl_s
    if "max-age" in directives:
        try:
            ttl = max(0.0, float(directives["max-age"] or ""))
        except ValueError:
            ttl = 0.0
    must_revalidate = "no-cache" in directives or ttl == 0
    if must_revalidate:
        if not headers.get("etag"):
            return None
        ttl = 0.0
    stale = min(STALE_FACTOR * max(ttl, default_ttl_s), MAX_STALE_S)
    return Freshness(ttl_s=ttl, stale_s=stale, must_revalidate=must_revalidate)


@dataclass(frozen=True, slots=True)
class Reuse:
    """How an upstream answer may be reused by what was built from it (a whole GraphQL
    response): until ``fresh_until``, never when the store asks to ``revalidate`` it
    before each use; ``private`` answers belong to the credentials in ``key``."""

    key: CacheKey
    fresh_until: float
    revalidate: bool
    private: bool
    tags: frozenset[str]


@dataclass(frozen=True)
class CachedResponse:
    """A stored upstream response: parsed JSON plus what is needed to reuse it."""

    status: int
    headers: dict[str, str]
    json: Any
    size: int
    etag: str | None
    stored_at: float
    fresh_until: float
    stale_until: float
    tags: frozenset[str] = field(default_factory=frozenset)

    def is_fresh(self, now: float) -> bool:
        return now < self.fresh_until

    @property
    def is_negative(self) -> bool:
        """A remembered ``404``: the object did not exist when last asked."""
        return self.status == 404

    @classmethod
    def negative(cls, now: float, ttl_s: float, tags: Iterable[str] = ()) -> CachedResponse:
        """A ``404`` remembered for ``ttl_s`` (never served once stale)."""
        return cls(
            status=404,
            headers={},
            json=None,
            size=ENTRY_OVERHEAD_BYTES,
            etag=None,
            stored_at=now,
            fresh_until=now + ttl_s,
            stale_until=now + ttl_s,
            tags=frozenset(tags),
        )

    def is_usable_stale(self, now: float) -> bool:
        """Past its freshness but still within the stale window."""
        return now < self.stale_until

    def reuse(self, key: CacheKey) -> Reuse:
        """How what is built from this entry may be reused."""
        directives = parse_cache_control(self.headers.get("cache-control"))
        return Reuse(
            key=key,
            fresh_until=self.fresh_until,
            revalidate="no-cache" in directives or self.fresh_until <= self.stored_at,
            private="private" in directives,
            tags=self.tags,
        )

    @classmethod
    def build(
        cls,
        *,
        status: int,
        headers: Mapping[str, str],
        json: Any,
        body_size: int,
        default_ttl_s: float,
        now: float,
        tags: Iterable[str] = (),
    ) -> CachedResponse | None:
        """An entry for a response, or ``None`` when its headers forbid storing it."""
        fresh = freshness_of(headers, default_ttl_s)
        if fresh is None:
            return None
        kept = {name: headers[name] for name in KEPT_HEADERS if name in headers}
        return cls(
            status=status,
            headers=kept,
            json=json,
            size=body_size + ENTRY_OVERHEAD_BYTES,
            etag=headers.get("etag"),
            stored_at=now,
            fresh_until=now + fresh.ttl_s,
            stale_until=now + fresh.ttl_s + fresh.stale_s,
            tags=frozenset(tags),
        )

    def refreshed(
        self, headers: Mapping[str, str], default_ttl_s: float, now: float
    ) -> CachedResponse:
        """This entry after a ``304 Not Modified`` carrying ``headers``."""
        merged = {**self.headers, **{k: headers[k] for k in KEPT_HEADERS if k in headers}}
        fresh = freshness_of(merged, default_ttl_s) or Freshness(0.0, 0.0, True)
        return replace(
            self,
            headers=merged,
            etag=merged.get("etag", self.etag),
            stored_at=now,
            fresh_until=now + fresh.ttl_s,
            stale_until=now + fresh.ttl_s + fresh.stale_s,
        )


class _BoundedLRU(LRUCache):
    """An LRU bounded by total entry size (cachetools) and by entry count."""

    def __init__(self, max_entries: int, max_bytes: int) -> None:
        super().__init__(maxsize=max_bytes, getsizeof=lambda entry: entry.size)
        self.max_entries = max_entries

    def __setitem__(self, key: Any, value: Any) -> None:
        super().__setitem__(key, value)
        while len(self) > self.max_entries:
            self.popitem()


class ResponseCache:
    """Upstream responses shared across requests, bounded by entries and bytes."""

    def __init__(
        self,
        *,
        max_entries: int = DEFAULT_CACHE_MAX_ENTRIES,
        max_bytes: int = DEFAULT_CACHE_MAX_BYTES,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if max_entries < 1 or max_bytes < 1:
            raise ValueError("max_entries and max_bytes must be positive")
        self.clock = clock
        self._entries = _BoundedLRU(max_entries, max_bytes)
        self._listeners: list[InvalidationListener] = []
        self._changes: dict[Source, int] = {}

    def on_invalidate(self, listener: InvalidationListener) -> None:
        """Call ``listener(keys, tags, everything)`` whenever entries are invalidated (by
        path prefix, by tags, or all: ``clear``) — so what was built from them goes too."""
        self._listeners.append(listener)

    def _invalidated(
        self,
        keys: Iterable[CacheKey],
        tags: Iterable[str] = (),
        everything: bool = False,
        covered: Callable[[CacheKey], bool] | None = None,
    ) -> None:
        dropped, named = list(keys), list(tags)
        for listener in self._listeners:
            listener(dropped, named, everything, covered)

    def get(self, key: CacheKey) -> CachedResponse | None:
        """The entry for ``key`` — fresh or stale — or ``None`` (stale windows past: dropped)."""
        entry: CachedResponse | None = self._entries.get(key)
        if entry is not None and not entry.is_usable_stale(self.clock()):
            self._entries.pop(key, None)
            return None
        return entry

    def changes(self, source: Source) -> int:
        """How many times ``source``'s entries were dropped (:meth:`drop`, :meth:`clear`):
        a fetch that began at another count may hold what the drop replaced."""
        return self._changes.get(source, 0)

    def put(self, key: CacheKey, entry: CachedResponse) -> bool:
        """Store ``entry``; False when it alone is larger than the byte bound."""
        try:
            self._entries[key] = entry
        except ValueError:  # cachetools: value too large
            self._entries.pop(key, None)
            return False
        return True

    def invalidate(self, source: Source, path_prefix: str = "") -> int:
        """Drop every entry of ``source`` at ``path_prefix`` or below it, in whole segments:
        ``/api/orders`` covers ``/api/orders`` and ``/api/orders/7``, not
        ``/api/orders-archive``; ``/api/orders/`` only what is below; ``""`` everything."""
        if path_prefix.endswith("/") or not path_prefix:
            covered = lambda path: path.startswith(path_prefix)  # noqa: E731
        else:
            below = path_prefix + "/"
            covered = lambda path: path == path_prefix or path.startswith(below)  # noqa: E731
        doomed = [k for k in list(self._entries) if k.source == source and covered(k.path)]
        for key in doomed:
            self._entries.pop(key, None)
        self._invalidated(doomed, covered=lambda k: k.source == source and covered(k.path))
        return len(doomed)

    def invalidate_paths(
        self, source: Source, paths: Iterable[str], fingerprint: str | None = None
    ) -> int:
        """Drop every entry of ``source`` whose path is one of ``paths`` (whatever its
        query: a list read under any filter), of every identity or only ``fingerprint``'s.
        """
        wanted = set(paths)
        if not wanted:
            return 0

        def hit(k: CacheKey) -> bool:
            return (
                k.source == source
                and k.path in wanted
                and (fingerprint is None or k.fingerprint == fingerprint)
            )

        doomed = [k for k in list(self._entries) if hit(k)]
        for key in doomed:
            self._entries.pop(key, None)
        self._invalidated(doomed, covered=hit)
        return len(doomed)

    def drop(self, source: Source, targets: Iterable[str]) -> int:
        """Drop what a change touched — the one invalidation of writes and webhook events.

        Each target is one of:

        - ``/api/products`` — entries at exactly that path, whatever their query (a
          resource's lists), every user's;
        - ``/api/products/7*`` — that path and everything below it, every user's;
        - ``rewards:product:7`` (no leading ``/``) — every entry carrying that tag.

        And always the store's remembered ``404``s: whatever changed may have created
        what they say is missing (the id a create was given is not known before).
        """
        self._changes[source] = self.changes(source) + 1
        dropped = self._forget_missing(source)
        exact: list[str] = []
        tags: list[str] = []
        for target in targets:
            if target.startswith("/") and target.endswith("*"):
                dropped += self.invalidate(source, target[:-1])
            elif target.startswith("/"):
                exact.append(target)
            else:
                tags.append(target)
        return dropped + self.invalidate_paths(source, exact) + self.invalidate_tags(tags)

    def _forget_missing(self, source: Source) -> int:
        entries = self._entries
        doomed = [
            k
            for k in list(entries)
            if k.source == source and Cache.__getitem__(entries, k).is_negative
        ]
        for key in doomed:
            self._entries.pop(key, None)
        self._invalidated(doomed)
        return len(doomed)

    def invalidate_tags(self, tags: Iterable[str]) -> int:
        """Drop every entry tagged with any of ``tags``."""
        wanted = set(tags)
        if not wanted:
            return 0
        entries = self._entries
        # Cache.__getitem__ reads without touching the LRU order.
        doomed = [k for k in list(entries) if Cache.__getitem__(entries, k).tags & wanted]
        for key in doomed:
            self._entries.pop(key, None)
        self._invalidated(doomed, wanted)
        return len(doomed)

    def clear(self) -> None:
        for source in Source:
            self._changes[source] = self.changes(source) + 1
        self._entries.clear()
        self._invalidated((), (), everything=True)

    @property
    def total_bytes(self) -> int:
        return int(self._entries.currsize)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries
