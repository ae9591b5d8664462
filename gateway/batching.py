"""Helpers resolvers use to turn many ids into few upstream calls.

- :func:`chunked` cuts ids into the batch size a store accepts per call.
- :func:`fan_out` fetches ids one by one, de-duplicated and concurrently but bounded
  (for stores without a multi-id endpoint); a failing id yields its exception as a value
  so one missing id never fails the batch.
- :class:`Loader` is the ``aiodataloader.DataLoader`` every request uses: a primed value
  costs one dict entry until it is loaded (aiodataloader makes a resolved future per
  primed key, and each list response primes hundreds); :func:`make_loader` builds one
  capped at the store's batch size.

``aiodataloader.DataLoader`` binds the running event loop when it is constructed:
create loaders per GraphQL request, inside the running loop (the context getter), never
at import time or in an object shared between requests.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Iterable, Sequence
from typing import Any, TypeVar

from aiodataloader import DataLoader

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

DEFAULT_FAN_OUT_CONCURRENCY = 8


def chunked(keys: Iterable[K], size: int) -> list[list[K]]:
    """``keys`` in consecutive lists of at most ``size``."""
    if size < 1:
        raise ValueError("size must be at least 1")
    items = list(keys)
    return [items[i : i + size] for i in range(0, len(items), size)]


async def fan_out(
    keys: Sequence[K],
    fetch_one: Callable[[K], Awaitable[V]],
    *,
    concurrency: int = DEFAULT_FAN_OUT_CONCURRENCY,
) -> list[V | BaseException]:
    """``fetch_one`` for every distinct key, at most ``concurrency`` at a time.

    Results come back in the order of ``keys`` (duplicates share one result); a key
    whose fetch raised gets the exception as its value.
    """
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    distinct = list(dict.fromkeys(keys))
    if len(distinct) == 1:  # nothing to bound or run side by side
        try:
            one_result: V | BaseException = await fetch_one(distinct[0])
        except Exception as exc:
            one_result = exc
        return [one_result] * len(keys)
    semaphore = asyncio.Semaphore(concurrency)

    async def one(key: K) -> V | BaseException:
        async with semaphore:
            try:
                return await fetch_one(key)
            except Exception as exc:
                return exc

    results = await asyncio.gather(*(one(key) for key in distinct))
    by_key = dict(zip(distinct, results, strict=True))
    return [by_key[key] for key in keys]


class Loader(DataLoader):
    """A DataLoader whose primed values wait in a plain dict until first loaded.

    Same semantics as aiodataloader's: the first prime of a key wins, a key already
    loaded is not re-primed, ``clear``/``clear_all`` forget primed values too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._primed: dict[Any, Any] = {}

    def prime(self, key: Any, value: Any) -> Loader:
        cache_key = self.get_cache_key(key)
        if cache_key not in self._cache:
            self._primed.setdefault(cache_key, value)
        return self

    def load(self, key: Any) -> asyncio.Future[Any]:
        if self._primed and key is not None:
            cache_key = self.get_cache_key(key)
            if cache_key in self._primed:
                super().prime(key, self._primed.pop(cache_key))
        return super().load(key)

    def clear(self, key: Any) -> Loader:
        self._primed.pop(self.get_cache_key(key), None)
        super().clear(key)
        return self

    def clear_all(self) -> Loader:
        self._primed.clear()
        super().clear_all()
        return self


def make_loader(
    batch_fn: Callable[[list[Any]], Awaitable[Sequence[Any]]],
    *,
    max_batch_size: int,
    cache: bool = True,
) -> DataLoader:
    """A DataLoader calling ``batch_fn`` with at most ``max_batch_size`` distinct keys.

    Must be called inside the running event loop, once per request (see module doc).
    """
    if max_batch_size < 1:
        raise ValueError("max_batch_size must be at least 1")

    async def load(keys: list[Any]) -> Sequence[Any]:
        return await batch_fn(list(keys))

    return Loader(load, max_batch_size=max_batch_size, cache=cache)
