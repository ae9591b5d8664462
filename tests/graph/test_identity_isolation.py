"""Randomised isolation: thousands of interleaved requests from anonymous callers, two
Litekart customers, two Rewards users and two operators, over the shared caches (store
reads and whole answers, both shown to be in play) — and no response ever holds another
identity's data. Then, step by step, which callers a whole cached answer reaches."""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from gateway.identity import Role
from gateway.settings import Settings
from gateway.sources import Source
from tests.graph.conftest import TEST_JWT_SECRET, Graph, make_graph
from tests.graph.identity_helpers import litekart_customers, rewards_users

REQUESTS = 5_000
CONCURRENCY = 10
PATIENT = {  # a loaded machine must not turn into timeouts: timing decides nothing here
    "STOREGRAPH_JWT_SECRET": TEST_JWT_SECRET,
    "STOREGRAPH_DEADLINE_S": "300",
    "STOREGRAPH_CALLER_RATE_LIMIT": "0",  # one test client's address sends all 5,000
    **{f"STOREGRAPH_{s.name}_TIMEOUT_S": "120" for s in Source},
}
SEED = 20261201

QUERIES = [
    "{ viewer { litekartCustomer { sourceId email } rewardsUser { orders(first: 3) { nodes { livelikeUserId } } } } }",
    "{ litekart { orders(first: 3) { nodes { sourceId customer { sourceId email } } } } }",
    "{ rewards { me { orders(first: 3) { nodes { livelikeUserId } } refunds(first: 3) { nodes { id } } } } }",
    "{ orders(first: 3) { nodes { source ... on StoreOrder { customer { sourceId } } ... on RewardOrder { livelikeUserId } } } }",
    "{ viewer { orders(first: 3) { nodes { ... on StoreOrder { customer { sourceId } } ... on RewardOrder { livelikeUserId } } } } }",
    "{ litekart { payments(first: 3) { nodes { sourceId order { customer { sourceId } } } } } }",
    '{ litekart { a: customer(id: "CUS_A") { sourceId email } b: customer(id: "CUS_B") { sourceId email } } }',
    "{ litekart { products(first: 3) { nodes { sourceId name } } } rewards { products(first: 3) { nodes { name } } } }",
    "{ viewer { operator { subject roles } } rewards { products(first: 2) { nodes { name } } } }",
]


@dataclass
class Identity:
    name: str
    headers: dict[str, str]
    customer: tuple[str, str] | None = None  # (id, email)
    user: str | None = None  # livelikeUserId
    operator: str | None = None  # the operator token's subject
    own_data_seen: int = 0


@dataclass
class Seen:
    customers: set[str] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)
    users: set[str] = field(default_factory=set)
    subjects: set[str] = field(default_factory=set)


def walk(value: Any, seen: Seen, key: str | None = None) -> None:
    if isinstance(value, dict):
        if key in ("customer", "litekartCustomer", "a", "b") and value.get("sourceId"):
            seen.customers.add(value["sourceId"])
        for k, v in value.items():
            if k == "email" and v:
                seen.emails.add(v)
            elif k == "livelikeUserId" and v:
                seen.users.add(v)
            elif k == "subject" and v:
                seen.subjects.add(v)
            else:
                walk(v, seen, k)
    elif isinstance(value, list):
        for item in value:
            walk(item, seen, key)


def leaks(identity: Identity, body: dict[str, Any]) -> list[str]:
    """What in ``body`` belongs to someone else than ``identity``."""
    seen = Seen()
    walk(body.get("data"), seen)
    found = []
    own_customer = {identity.customer[0]} if identity.customer else set()
    own_email = {identity.customer[1]} if identity.customer else set()
    if not identity.operator:
        found += [f"customer {c}" for c in seen.customers - own_customer]
        found += [f"email {e}" for e in seen.emails - own_email]
    found += [
        f"reward user {u}" for u in seen.users - ({identity.user} if identity.user else set())
    ]
    found += [f"operator {s}" for s in seen.subjects - {identity.operator}]
    own_user = identity.user is not None and identity.user in seen.users
    own_operator = identity.operator is not None and identity.operator in seen.subjects
    if (seen.customers & own_customer) or own_user or own_operator:
        identity.own_data_seen += 1
    return found


async def identities(graph: Graph) -> list[Identity]:
    a, b = (await litekart_customers(graph))[:2]
    x, y = (await rewards_users(graph))[:2]

    def staff(subject: str) -> dict[str, str]:  # two operators with the same roles
        return {"Authorization": f"Bearer {graph.mint(Role.STAFF, subject=subject)}"}

    return [
        Identity("anonymous", {}),
        Identity(
            "customer A", {"litekart-customer-token": a["token"]}, customer=(a["id"], a["email"])
        ),
        Identity(
            "customer B", {"litekart-customer-token": b["token"]}, customer=(b["id"], b["email"])
        ),
        Identity("user X", {"livelike-user-token": x["token"]}, user=x["id"]),
        Identity("user Y", {"livelike-user-token": y["token"]}, user=y["id"]),
        Identity("staff 1", staff("ops-1@example.com"), operator="ops-1@example.com"),
        Identity("staff 2", staff("ops-2@example.com"), operator="ops-2@example.com"),
        Identity(
            "customer A + user Y",
            {"litekart-customer-token": a["token"], "livelike-user-token": y["token"]},
            customer=(a["id"], a["email"]),
            user=y["id"],
        ),
    ]


def plan(people: list[Identity], queries: list[str]) -> Iterator[tuple[Identity, str]]:
    rng = random.Random(SEED)
    for _ in range(REQUESTS):
        yield rng.choice(people), rng.choice(queries)


@pytest.fixture
async def graph() -> AsyncIterator[Graph]:
    graph = await make_graph(Settings.from_env(PATIENT))
    yield graph
    await graph.aclose()


async def test_no_response_holds_another_identity_s_data(graph: Graph) -> None:
    for source in (Source.LITEKART, Source.REWARDS):  # thousands of calls per credential
        await graph.configure(source, rate_limit={"limit": 1_000_000, "window_s": 3600})
    people = await identities(graph)
    a_id, b_id = people[1].customer[0], people[2].customer[0]  # type: ignore[index]
    queries = [q.replace("CUS_A", a_id).replace("CUS_B", b_id) for q in QUERIES]
    found: list[tuple[str, str, list[str]]] = []
    codes: Counter[str] = Counter()
    gate = asyncio.Semaphore(CONCURRENCY)

    async def ask(identity: Identity, query: str) -> None:
        async with gate:
            body = await graph.query(query, headers=identity.headers)
        codes.update(e.get("extensions", {}).get("code", "?") for e in body.get("errors") or [])
        leaked = leaks(identity, body)
        if leaked:
            found.append((identity.name, query, leaked))

    await asyncio.gather(*(ask(who, what) for who, what in plan(people, queries)))
    assert found == []
    assert set(codes) <= {"UNAUTHENTICATED", "FORBIDDEN"}, codes  # refusals, never faults
    for identity in people:  # not vacuous: everyone with data of their own did see it
        if identity.customer or identity.user or identity.operator:
            assert identity.own_data_seen > 0, identity.name
    hits = await graph.client.get("/metrics")
    assert 'storegraph_cache_hits_total{kind="fresh"' in hits.text  # the caches were in play:
    runtime = graph.client._transport.app.state.runtime  # type: ignore[attr-defined]
    assert runtime.operations.hits >= 100  # whole answers too, not only store reads


WHO = """{ viewer { anonymous litekartCustomer { sourceId } operator { subject } }
  catalog { product(id: "prod_100001") { name } } }"""


async def test_a_whole_cached_answer_reaches_its_own_identity_class_only(graph: Graph) -> None:
    """The whole-response cache, step by step, on an answer that depends on the caller
    without any private store read (so it is stored): anonymous callers share theirs,
    an operator's is their own (same roles, another subject: not theirs), a customer is
    never given the anonymous entry, and a refused token is never answered from one."""
    runtime = graph.client._transport.app.state.runtime  # type: ignore[attr-defined]
    a = (await litekart_customers(graph))[0]

    async def ask(headers: dict[str, str]) -> tuple[dict[str, Any], int]:
        before = runtime.operations.hits
        body = await graph.query(WHO, headers=headers)
        return body, runtime.operations.hits - before

    def staff(subject: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {graph.mint(Role.STAFF, subject=subject)}"}

    nobody = {"anonymous": True, "litekartCustomer": None, "operator": None}
    assert (await ask({}))[0]["data"]["viewer"] == nobody
    body, hit = await ask({})
    assert hit == 1 and body["data"]["viewer"] == nobody  # shared by every anonymous caller
    body, hit = await ask({"litekart-customer-token": a["token"]})
    assert hit == 0 and body["data"]["viewer"]["litekartCustomer"] == {"sourceId": a["id"]}
    assert body["data"]["viewer"]["anonymous"] is False
    one, two = staff("ops-1"), staff("ops-2")
    for headers, subject, expected_hit in ((one, "ops-1", 0), (one, "ops-1", 1), (two, "ops-2", 0)):
        body, hit = await ask(headers)
        assert body["data"]["viewer"]["operator"] == {"subject": subject}
        assert hit == expected_hit, subject
    for bad in ("not.a.jwt", a["token"][:-4] + "AAAA"):  # malformed; forged signature
        body, hit = await ask({"litekart-customer-token": bad})
        assert hit == 0 and body["data"]["viewer"]["litekartCustomer"] is None
        assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]
        assert body["errors"][0]["message"].startswith("`litekart-customer-token`")
    routes = (await graph.stats(Source.CATALOG))["routes"]
    assert routes["GET /api/v1/products/{product_id}"] == 1  # the public read, shared by all
