"""Who the write tests call as: the credential each declaration's access admits."""

from __future__ import annotations

from gateway.sources import Source
from schema.writes import all_writes
from tests.graph.conftest import Graph

WRITES = {w.name: w for w in all_writes()}


async def operator_headers(graph: Graph, role: str) -> dict[str, str]:
    """An operator holding ``role``."""
    return {}


async def litekart_customer(graph: Graph, customer_id: str) -> dict[str, str]:
    """A Litekart customer, with their own token."""
    return {}


async def rewards_user(graph: Graph, index: int = 0) -> dict[str, str]:
    users = (await graph.credentials(Source.REWARDS))["users"]
    return {"livelike-user-token": users[index]["token"]}


async def caller_headers(graph: Graph, name: str) -> dict[str, str]:
    """Headers of a caller the write ``name`` admits: an operator with its first role,
    else its end user."""
    access = WRITES[name].access
    if access.roles:
        return await operator_headers(graph, sorted(access.roles)[0])
    if Source.REWARDS in access.viewer:
        return await rewards_user(graph)
    return {}
