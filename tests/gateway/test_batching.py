import asyncio

import pytest

from gateway import chunked, fan_out, make_loader
from gateway.batching import Loader


def test_chunked():
    assert chunked(range(5), 2) == [[0, 1], [2, 3], [4]]
    assert chunked([], 3) == []
    with pytest.raises(ValueError):
        chunked([1], 0)


async def test_fan_out_dedupes_keeps_order_and_returns_errors_as_values():
    calls: list[str] = []

    async def fetch(key: str) -> str:
        calls.append(key)
        if key == "missing":
            raise KeyError(key)
        return key.upper()

    results = await fan_out(["a", "b", "a", "missing", "c"], fetch, concurrency=2)
    assert sorted(calls) == ["a", "b", "c", "missing"]
    assert results[:3] == ["A", "B", "A"]
    assert isinstance(results[3], KeyError)
    assert results[4] == "C"


async def test_fan_out_is_bounded_by_concurrency():
    running = peak = 0

    async def fetch(key: int) -> int:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0)
        running -= 1
        return key

    assert await fan_out(list(range(20)), fetch, concurrency=3) == list(range(20))
    assert peak == 3


async def test_loader_caps_batches_and_collapses_duplicates():
    batches: list[list[int]] = []

    async def batch(keys: list[int]) -> list[int]:
        batches.append(keys)
        return [k * 10 for k in keys]

    loader = make_loader(batch, max_batch_size=25)
    keys = list(range(100))
    results = await asyncio.gather(*(loader.load(k) for k in keys + keys[:10]))
    assert len(batches) == 4
    assert all(len(b) == 25 for b in batches)
    assert sorted(k for b in batches for k in b) == keys
    assert results[:100] == [k * 10 for k in keys]
    assert results[100:] == [k * 10 for k in range(10)]


async def test_a_primed_value_is_loaded_without_a_batch_and_the_first_prime_wins() -> None:
    asked: list[list[str]] = []

    async def batch(keys: list[str]) -> list[str]:
        asked.append(list(keys))
        return [f"fetched {k}" for k in keys]

    loader = Loader(batch)
    loader.prime("a", "primed a").prime("a", "later a").prime("b", "primed b")
    assert await loader.load_many(["a", "c"]) == ["primed a", "fetched c"]
    assert asked == [["c"]]
    loader.prime("c", "primed c")  # already loaded: no change
    assert await loader.load("c") == "fetched c"
    loader.clear("b")  # forgets the primed value: fetched when loaded
    assert await loader.load("b") == "fetched b"
    loader.prime("d", "primed d").clear_all()
    assert await loader.load("d") == "fetched d"
    assert asked == [["c"], ["b"], ["d"]]
