"""Every store's seed is built once per process (``stores.common.seed.snapshot``): each
call must still hand out data equal to a fresh build that no other copy shares, and
``POST /__sim/reset?data=true`` must restore exactly the seeded state."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import fields, is_dataclass
from typing import Any

import httpx
import pytest

from stores import create_store_app
from stores.catalog.seed_categories import build_categories
from stores.catalog.seed_products import build_products
from stores.freshstore.data import build_seed
from stores.litekart import data as litekart_data
from stores.litestore.data import _seed as litestore_seed
from stores.rewards.data import build as rewards_build

BUILDERS: dict[str, Callable[[], Any]] = {
    "litestore": litestore_seed,
    "litekart": litekart_data.build,
    "freshstore": build_seed,
    "rewards": rewards_build,
    "catalog-products": build_products,
    "catalog-categories": build_categories,
}


def containers(value: Any) -> Iterator[Any]:
    """Every mutable object reachable from ``value`` (dicts, lists, sets, dataclasses)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(item.values())
        elif isinstance(item, list | set):
            yield item
            stack.extend(item)
        elif isinstance(item, tuple):
            stack.extend(item)
        elif is_dataclass(item) and not isinstance(item, type):
            yield item
            stack.extend(getattr(item, f.name) for f in fields(item))


@pytest.mark.parametrize("name", list(BUILDERS))
def test_each_call_is_an_unshared_copy_of_a_fresh_build(name: str) -> None:
    builder = BUILDERS[name]
    first, second = builder(), builder()
    assert first == builder.__wrapped__()  # the undecorated builder: a real fresh build
    assert first == second
    shared = {id(c) for c in containers(first)} & {id(c) for c in containers(second)}
    assert not shared
    for container in list(containers(first)):  # wreck every part of the first copy...
        if isinstance(container, dict | list | set):
            container.clear()
    assert builder() == builder.__wrapped__()  # ...the next copy is untouched


WRITES: dict[str, Callable[[Any], None]] = {
    "litestore": lambda app: app.state.data.products.clear(),
    "litekart": lambda app: app.state.db.products.clear(),
    "freshstore": lambda app: app.state.db.products.clear(),
    "rewards": lambda app: app.state.rewards.db.collections["product"].clear(),
}
"""Damage done behind the API's back, which a data reset must undo."""


def data_of(name: str, app: Any) -> Any:
    return {
        "litestore": lambda: app.state.data.products,
        "litekart": lambda: app.state.db.products,
        "freshstore": lambda: app.state.db.products,
        "rewards": lambda: app.state.rewards.db,
    }[name]()


@pytest.mark.parametrize("name", list(WRITES))
async def test_data_reset_restores_the_seed(name: str) -> None:
    app = create_store_app(name)
    seeded = data_of(name, app)
    assert seeded, "the seed has data"
    before = {
        "litestore": lambda: litestore_seed.__wrapped__()[0],
        "litekart": lambda: litekart_data.build.__wrapped__()["products"],
        "freshstore": lambda: build_seed.__wrapped__().catalogue.products,
        "rewards": lambda: rewards_build.__wrapped__(),
    }[name]()
    assert seeded == before
    WRITES[name](app)
    assert data_of(name, app) != before
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://store"
    ) as client:
        response = await client.post("/__sim/reset?data=true")
    assert response.status_code == 200
    assert data_of(name, app) == before
