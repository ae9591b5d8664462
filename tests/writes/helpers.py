"""Who the write tests call as: the credential each declaration's access admits."""

from __future__ import annotations

from gateway.identity import Role
from gateway.sources import Source
from schema.writes import all_writes
from tests.graph.conftest import Graph

WRITES = {w.name: w for w in all_writes()}
ADMIN_KEY = {"Authorization": "Bearer lk_demo_admin_key"}
PASSWORD = "password123"
"""Every seeded Litekart customer's password."""


async def operator_headers(graph: Graph, role: str, **claims: str) -> dict[str, str]:
    """An operator holding ``role`` (a gateway JWT)."""
    return {"Authorization": f"Bearer {graph.mint(Role(role), **claims)}"}


_LOGINS: dict[tuple[int, str], dict[str, str]] = {}


async def litekart_customer(graph: Graph, customer_id: str) -> dict[str, str]:
    """A Litekart customer with their own token (one login at the store per graph)."""
    known = _LOGINS.get((id(graph), customer_id))
    if known is not None:
        return known
    control = graph.control(Source.LITEKART)
    customer = (await control.get(f"/api/customers/{customer_id}", headers=ADMIN_KEY)).json()
    login = await control.post(
        "/api/auth/login", json={"email": customer["data"]["email"], "password": PASSWORD}
    )
    headers = {"litekart-customer-token": login.json()["data"]["token"]}
    _LOGINS[(id(graph), customer_id)] = headers
    return headers


async def rewards_user(graph: Graph, index: int = 0) -> dict[str, str]:
    users = (await graph.credentials(Source.REWARDS))["users"]
    return {"livelike-user-token": users[index]["token"]}


async def caller_headers(graph: Graph, name: str) -> dict[str, str]:
    """Headers of a caller the write ``name`` admits: an operator with its first role,
    else its end user, else nobody (a public write)."""
    access = WRITES[name].access
    if access.roles:
        return await operator_headers(graph, sorted(access.roles)[0])
    if Source.REWARDS in access.viewer:
        return await rewards_user(graph)
    return {}
