"""Merging one list out of several stores, with cursors that record each store's position.

Each store contributes a ``MergeSource``: its matching records in the requested
order, fetched by (offset, limit), with its total. A page of ``first`` merged
records draws at most ``first`` from each store, so one fetch per store per page
is enough; the k-way merge takes heads in order (ties by store order), and every
record's cursor holds the per-store offsets after it (written when it is asked for:
a page usually shows only its last). Paging is therefore
complete and stable — each record appears exactly once across pages — whatever
each store's own pagination is. A store that fails is left out of the page (its
offset does not move) and its error is returned beside the records.

The cursor also holds each store's total as that page saw it, so the next page asks
a store for no more than it had left (``min(first, total - offset)``, at least one:
its total comes with it) — a window that would reach past a store's end reads no
block beyond it. Should a store's fresh total show it grew meanwhile, that store is
asked again for the full ``first`` before the merge (one more round trip, only then),
so a changed list still pages completely and in order.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar, overload

from gateway.errors import BadUserInput, GatewayError
from resolvers.cursors import NOT_OUR_CURSOR, decode_cursor, encode_cursor

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
CURSOR_VERSION = 1


class MergeSource(Protocol[T_co]):
    """One store's side of a merged list."""

    name: str

    async def fetch(self, offset: int, limit: int) -> tuple[Sequence[T_co], int]:
        """Records ``[offset, offset + limit)`` of this store's matching list, and its total."""
        ...


@dataclass(frozen=True)
class MergeOrder(Generic[T]):
    """How records compare: a key (``None`` sorts last either way) and a direction."""

    key: Callable[[T], Any]
    descending: bool = False


class MergeCursors(Sequence[str]):
    """The cursors of a merged page's records, each encoded when it is read: the
    per-store offsets after the record (``start``, then one more for each store a
    record was taken from, in order) and the page's store totals."""

    def __init__(
        self, start: dict[str, int], taken: list[str], encode: Callable[[dict[str, int]], str]
    ) -> None:
        self._start, self._taken, self._encode = start, taken, encode

    def __len__(self) -> int:
        return len(self._taken)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        at = range(len(self._taken))[index]  # IndexError past either end
        position = dict(self._start)
        for name in self._taken[: at + 1]:
            position[name] += 1
        return self._encode(position)


@dataclass
class MergedPage(Generic[T]):
    records: list[T]
    cursors: Sequence[str]
    has_next: bool
    has_previous: bool
    total: int | None
    errors: list[GatewayError] = field(default_factory=list)


def query_fingerprint(query: object) -> str:
    """A short hash of what a merged list was asked (filter + sort)."""
    raw = json.dumps(query, sort_keys=True, default=str).encode()
    return hashlib.sha256(raw).hexdigest()[:12]


def cursor_encoder(
    fingerprint: str, totals: dict[str, int] | None = None
) -> Callable[[dict[str, int]], str]:
    """Encodes a page's cursors: what all of them share (fingerprint, totals) is
    serialised once per page, each record's offsets once per record."""
    shared: dict[str, Any] = {"q": fingerprint, "v": CURSOR_VERSION}
    if totals:
        shared["t"] = totals
    tail = json.dumps(shared, separators=(",", ":"), sort_keys=True)[1:]  # after "o" sorts

    def encode(offsets: dict[str, int]) -> str:
        return encode_cursor(
            '{"o":' + json.dumps(offsets, separators=(",", ":"), sort_keys=True) + "," + tail
        )

    return encode


def encode_merge_cursor(
    offsets: dict[str, int], fingerprint: str, totals: dict[str, int] | None = None
) -> str:
    return cursor_encoder(fingerprint, totals)(offsets)


def _counts(value: Any) -> bool:
    return isinstance(value, dict) and all(type(v) is int and v >= 0 for v in value.values())


def decode_merge_cursor(
    cursor: str | None, fingerprint: str
) -> tuple[dict[str, int], dict[str, int]]:
    """Per-store offsets from ``after`` and the totals the page before saw (a hint: a
    store's fresh answer decides); both empty for the first page."""
    if cursor is None:
        return {}, {}
    try:
        payload = json.loads(decode_cursor(cursor))
        offsets, totals = payload["o"], payload.get("t", {})
        valid = payload.get("v") == CURSOR_VERSION and _counts(offsets) and _counts(totals)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BadUserInput(NOT_OUR_CURSOR, field="after") from exc
    if not valid:
        raise BadUserInput(NOT_OUR_CURSOR, field="after")
    if payload.get("q") != fingerprint:
        raise BadUserInput(
            "`after` belongs to a different filter or sort; start again without it.",
            field="after",
        )
    return {str(k): v for k, v in offsets.items()}, {str(k): v for k, v in totals.items()}


def _before(a: Any, b: Any, descending: bool) -> bool:
    """Whether key ``a`` comes strictly before key ``b`` (``None`` always last)."""
    if a is None:
        return False
    if b is None:
        return True
    return a > b if descending else a < b


async def merge_page(
    sources: Sequence[MergeSource[T]],
    order: MergeOrder[T],
    *,
    first: int,
    after: str | None,
    fingerprint: str,
) -> MergedPage[T]:
    """One page of the merged list."""
    offsets, seen_totals = decode_merge_cursor(after, fingerprint)
    start = {s.name: offsets.get(s.name, 0) for s in sources}

    def wanted(name: str) -> int:
        """What a store is asked for: ``first``, but no more than it had left when the
        page before was read. Even an empty page asks for one record: the totals come
        with it."""
        left = seen_totals.get(name)
        limit = first if left is None else min(first, left - start[name])
        return max(limit, 1)

    async def fetch(source: MergeSource[T]) -> tuple[Sequence[T], int] | GatewayError:
        try:
            limit = wanted(source.name)
            found, total = await source.fetch(start[source.name], limit)
            if limit < first and total - start[source.name] > limit:
                # it grew since the page before: its head may hold more of this page
                found, total = await source.fetch(start[source.name], first)
            return found, total
        except BadUserInput:
            raise  # the caller's mistake (a currency without a rate): no partial answer
        except GatewayError as error:
            return error

    results = await asyncio.gather(*(fetch(s) for s in sources))
    heads: dict[str, Sequence[T]] = {}
    totals: dict[str, int] = {}
    errors: list[GatewayError] = []
    for source, result in zip(sources, results, strict=True):
        if isinstance(result, GatewayError):
            errors.append(result)
        else:
            heads[source.name], totals[source.name] = result

    names = list(heads)
    encode = cursor_encoder(fingerprint, totals)
    taken = dict.fromkeys(names, 0)
    position = dict(start)
    records: list[T] = []
    taken_from: list[str] = []
    while len(records) < first:
        best: str | None = None
        best_key: Any = None
        for name in names:
            if taken[name] >= len(heads[name]):
                continue
            key = order.key(heads[name][taken[name]])
            if best is None or _before(key, best_key, order.descending):
                best, best_key = name, key
        if best is None:
            break
        records.append(heads[best][taken[best]])
        taken[best] += 1
        position[best] += 1
        taken_from.append(best)

    return MergedPage(
        records=records,
        cursors=MergeCursors(start, taken_from, encode),
        has_next=bool(errors) or any(position[n] < totals[n] for n in names),
        has_previous=any(v > 0 for v in start.values()),
        total=None if errors else sum(totals.values()),
        errors=errors,
    )
