"""A read that was on its way while a write changed the store: its answer (which may be
the old value) reaches the caller who asked before the write, but it is not stored, and
no read asked after the write joins its call — so the next reads show the write.

The store's answer is held on the gateway's side of the transport (the store has
already answered with the old value) until the write is done: ordering, not timing."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from gateway.sources import Source
from tests.graph.conftest import Graph, make_graph
from tests.writes.helpers import operator_headers

pytestmark = pytest.mark.asyncio(loop_scope="module")
PRODUCT = "/api/v1/products/prod_100060"
HANG_S = 30.0
"""Not a timing bound: a read that joined the held call would wait for ever."""
READ = '{ catalog { product(id: "prod_100060") { price { amount } } } }'


class Hold:
    """Holds the store's next answer to ``GET path`` until released."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.armed = False
        self.answered = asyncio.Event()
        self.release = asyncio.Event()

    def wrap(self, app: Any) -> Any:
        async def asgi(scope: Any, receive: Any, send: Any) -> None:
            if not (
                self.armed
                and scope["type"] == "http"
                and scope["method"] == "GET"
                and scope["path"] == self.path
            ):
                await app(scope, receive, send)
                return
            self.armed = False
            messages: list[Any] = []

            async def keep(message: Any) -> None:
                messages.append(message)

            await app(scope, receive, keep)  # the store answers now, with what it holds
            self.answered.set()
            await self.release.wait()
            for message in messages:
                await send(message)

        return asgi


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def held() -> AsyncIterator[tuple[Graph, Hold]]:
    hold = Hold(PRODUCT)
    graph = await make_graph(wrap={Source.CATALOG: hold.wrap})
    yield graph, hold
    await graph.aclose()


async def price(graph: Graph) -> str:
    return (await graph.data(READ))["catalog"]["product"]["price"]["amount"]


async def test_a_read_on_its_way_during_a_write_is_not_kept(held: tuple[Graph, Hold]) -> None:
    graph, hold = held
    editor = await operator_headers(graph, "catalog_editor")
    await graph.data('{ catalog { product(id: "prod_100061") { name } } }')  # token granted
    hold.armed = True
    before = asyncio.create_task(price(graph))
    await hold.answered.wait()  # the store has answered the old price; not delivered yet
    await graph.data(
        f'mutation {{ updateCatalogProduct(input: {{id: "{PRODUCT.rsplit("/", 1)[1]}", price: "61.61"}}) {{ userErrors {{ code }} }} }}',
        headers=editor,
    )
    after = asyncio.create_task(price(graph))  # asked after the write: joins no older call
    done, _ = await asyncio.wait([after], timeout=HANG_S)
    hold.release.set()  # whatever happened: nothing stays held
    assert done, "the read after the write joined the call from before it"
    assert after.result() == "61.61"
    old = await before
    assert old != "61.61"  # asked before the write: the old price is a fair answer
    await graph.reset_stats()
    assert await price(graph) == "61.61"  # the late old answer was not stored
    assert await price(graph) == "61.61"
