"""A cached document keeps its operations' costs per size: a repeated operation is not
measured again, and a different size (a ``first`` or an ``ids`` list given as a variable)
is never answered with another size's cost."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from gateway.limits import operation
from gateway.settings import Settings
from tests.graph.conftest import Graph, make_graph

PAGE = "query Page($n: Int!) { litestore { products(first: $n) { nodes { id } } } }"
NODES = "query Some($ids: [ID!]!) { nodes(ids: $ids) { id } }"


@pytest.fixture
async def strict() -> AsyncIterator[Graph]:
    graph = await make_graph(Settings.from_env({"STOREGRAPH_MAX_COST": "50"}))
    yield graph
    await graph.aclose()


@pytest.fixture
def walks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per cost walk over a document (the other limits' walk, once per
    document before validation, reads no variables and is not counted)."""
    measured: list[int] = []
    real = operation.measure

    def counting(*args: Any, **kwargs: Any) -> Any:
        if len(args) > 2:
            measured.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(operation, "measure", counting)
    return measured


async def cost_refusal(graph: Graph, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    body = await graph.query(query, variables)
    assert body.get("data") is None, body
    [error] = body["errors"]
    return error["extensions"]


async def test_each_size_gets_its_own_cost_and_a_repeat_is_not_measured_again(
    strict: Graph, walks: list[int]
) -> None:
    assert (await cost_refusal(strict, PAGE, {"n": 60}))["actual"] == 62
    assert len((await strict.data(PAGE, {"n": 3}))["litestore"]["products"]["nodes"]) == 3
    assert len(walks) == 2
    for _ in range(3):  # the same two sizes again: the kept costs, no walk
        assert (await cost_refusal(strict, PAGE, {"n": 60}))["code"] == "COST_LIMIT_EXCEEDED"
        assert len((await strict.data(PAGE, {"n": 3}))["litestore"]["products"]["nodes"]) == 3
    assert len(walks) == 2
    # another size is measured, not answered with a kept one
    assert (await cost_refusal(strict, PAGE, {"n": 49}))["actual"] == 51
    assert len(walks) == 3


async def test_an_ids_list_costs_by_its_length(strict: Graph) -> None:
    few = await strict.data(NODES, {"ids": ["a", "b"]})
    assert few == {"nodes": [None, None]}
    refused = await cost_refusal(strict, NODES, {"ids": [f"x{i}" for i in range(60)]})
    assert refused == {"code": "COST_LIMIT_EXCEEDED", "limit": 50, "actual": 60}
    assert await strict.data(NODES, {"ids": ["c"]}) == {"nodes": [None]}
    assert await strict.calls() == 0


async def test_a_size_left_out_costs_as_the_field_default(strict: Graph, walks: list[int]) -> None:
    """``$n`` left out is not ``$n: 3``: it costs the field's default page, measured for
    itself."""
    optional = PAGE.replace("Int!", "Int")
    assert len((await strict.data(optional, {"n": 3}))["litestore"]["products"]["nodes"]) == 3
    assert (await cost_refusal(strict, optional, {"n": 60}))["actual"] == 62
    default = await strict.data(optional, {})
    assert len(default["litestore"]["products"]["nodes"]) == 20  # the default page
    assert len(walks) == 3
    assert (await cost_refusal(strict, optional, {"n": 60}))["actual"] == 62
    assert len((await strict.data(optional, {}))["litestore"]["products"]["nodes"]) == 20
    assert len(walks) == 3
