"""Every guarded field and node kind, asked by each kind of caller. The list is read from
``schema.graphql`` (each field carrying ``@requires`` outside ``Mutation`` and
``Subscription``; each ``node`` kind with a requirement), so a field guarded tomorrow is
tested here at once — or fails the table test until the test knows how to reach it.

- anonymous: ``null`` at the field with ``UNAUTHENTICATED`` naming a header (the
  ``viewer`` parts: ``null``, no error), and the node kinds likewise;
- admin: a value and no error for everything but what only an end user can ask (their
  own "me");
- staff: the same as admin, but for actions (a sign-in link) — ``FORBIDDEN`` — and
  every guarded mutation is refused to staff before any store call;
- every guarded subscription, by its own field or through ``storeEvents``: refused at
  subscribe time to anonymous callers, and to a Litekart customer unless it is their
  own (another customer's id: ``FORBIDDEN``);
- from the stores' side (a spy at each store's door): answering an anonymous caller, a
  Litekart customer or a Rewards user, no call carried Litekart's admin key and none
  reached a route the public catalogue around the field does not read;
- the other ways in (batches, persisted queries, GET) carry the same caller, and
  `/readyz` tells anyone only whether each store answers.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import graphql
import pytest
import pytest_asyncio
from graphql import GraphQLObjectType, get_named_type, is_composite_type

from gateway.identity import Role
from gateway.sources import Source
from gateway.writes.spec import Write
from schema.build import build_schema
from schema.ids import encode_id
from schema.registry import NODE_KINDS
from schema.writes import all_writes
from tests.graph.conftest import Graph
from tests.graph.identity_helpers import (
    CredentialSpy,
    customer_headers,
    litekart_customers,
    rewards_users,
    spied_graph,
)
from tests.writes.samples import SAMPLES

SDL = Path(__file__).resolve().parents[2] / "schema.graphql"
MODULE_LOOP = pytest.mark.asyncio(loop_scope="module")

PLACES: dict[str, tuple[str, tuple[str | int, ...]]] = {
    "Query": ("{ HERE }", ()),
    "LitekartQuery": ("{ litekart { HERE } }", ("litekart",)),
    "RewardsQuery": ("{ rewards { HERE } }", ("rewards",)),
    "FreshStoreQuery": ("{ freshstore { HERE } }", ("freshstore",)),
    "Viewer": ("{ viewer { HERE } }", ("viewer",)),
    "LitestoreProduct": (
        '{ litestore { product(id: "prod-001") { HERE } } }',
        ("litestore", "product"),
    ),
    "Creator": ('{ litestore { creator(id: "creator-001") { HERE } } }', ("litestore", "creator")),
    "CreatorContent": (
        '{ litestore { creator(id: "creator-001") { content(first: 1) { nodes { HERE } } } } }',
        ("litestore", "creator", "content", "nodes", 0),
    ),
    "FreshStoreProduct": (
        '{ freshstore { product(id: "1") { HERE } } }',
        ("freshstore", "product"),
    ),
}
"""How to reach each type that has a guarded field: a query around ``HERE``, its path."""

ARGUMENTS = {
    "LitekartQuery.customer": 'id: "cus_0001"',
    "LitekartQuery.order": 'id: "ord_000001"',
    "LitekartQuery.cart": 'id: "CART"',  # made by the fixture: carts are not seeded
    "LitekartQuery.payment": 'id: "pay_000001"',
    "LitekartQuery.coupon": 'id: "cpn_01"',
    "LitekartQuery.user": 'id: "usr_01"',
    "RewardsQuery.order": 'id: "1"',
    "RewardsQuery.refund": 'id: "1"',
    "FreshStoreQuery.user": 'id: "1"',
    "FreshStoreQuery.loginLink": 'email: "jane.doe@example.com"',
    "LitestoreProduct.analytics": "period: D7",
}
"""Real values for required arguments (``first`` is always 2)."""

NODE_IDS = {
    "Customer": ("litekart", "cus_0001"),
    "StoreOrder": ("litekart", "ord_000001"),
    "Payment": ("litekart", "pay_000001"),
    "Coupon": ("litekart", "cpn_01"),
    "AdminUser": ("litekart", "usr_01"),
    "Cart": ("litekart", "CART"),
    "FreshStoreUser": ("freshstore", "1"),
    "FreshStoreVisitor": ("freshstore", "VISITOR"),  # read by the fixture
    "Refund": ("rewards", "1"),
    "RewardOrder": ("rewards", "1"),
}
"""A real object of every guarded ``node`` kind (store, store id)."""

STAFF_MAY_NOT = {"FreshStoreQuery.loginLink"}
"""Guarded fields staff may not read: they act (a sign-in link signs its holder in)."""


@dataclass(frozen=True)
class Guarded:
    """One guarded field: ``Type.field``, the query asking it, the path of its value."""

    name: str
    query: str
    path: tuple[str | int, ...]
    roles: frozenset[str]
    viewer_only: bool
    null_when_absent: bool

    def value(self, data: Any) -> Any:
        for step in self.path:
            if data is None:
                return None
            data = data[step]
        return data

    def errors(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        return [e for e in body.get("errors") or [] if tuple(e.get("path") or ()) == self.path]


def _requires(field: graphql.GraphQLField) -> graphql.DirectiveNode | None:
    directives = field.ast_node.directives if field.ast_node else ()
    return next((d for d in directives or () if d.name.value == "requires"), None)


def _argument(directive: graphql.DirectiveNode, name: str) -> Any:
    node = next(a.value for a in directive.arguments if a.name.value == name)
    return graphql.value_from_ast_untyped(node)


def guarded_fields(schema: graphql.GraphQLSchema) -> tuple[list[Guarded], list[str]]:
    """Every guarded read field (and what the test cannot yet ask: a problem list)."""
    skip = {schema.mutation_type, schema.subscription_type}
    found: list[Guarded] = []
    problems: list[str] = []
    for type_name, type_ in sorted(schema.type_map.items()):
        if not isinstance(type_, GraphQLObjectType) or type_ in skip:
            continue
        for field_name, field in type_.fields.items():
            directive = _requires(field)
            if directive is None:
                continue
            name = f"{type_name}.{field_name}"
            if type_name not in PLACES:
                problems.append(f"{name}: add how to reach {type_name} to PLACES")
                continue
            arguments = [ARGUMENTS[name]] if name in ARGUMENTS else []
            for arg_name, arg in field.args.items():
                required = (
                    graphql.is_non_null_type(arg.type) and arg.default_value is graphql.Undefined
                )
                if arg_name == "first":
                    arguments.append("first: 2")
                elif required and name not in ARGUMENTS:
                    problems.append(f"{name}: add a value for `{arg_name}` to ARGUMENTS")
            call = f"{field_name}({', '.join(arguments)})" if arguments else field_name
            if is_composite_type(get_named_type(field.type)):
                call += " { __typename }"
            around, path = PLACES[type_name]
            roles = frozenset(_argument(directive, "roles"))
            found.append(
                Guarded(
                    name,
                    around.replace("HERE", call),
                    (*path, field_name),
                    roles,
                    viewer_only=not roles and not _argument(directive, "creator"),
                    null_when_absent=_argument(directive, "nullWhenAbsent"),
                )
            )
    return found, problems


SCHEMA = graphql.build_schema(SDL.read_text())
GUARDED, PROBLEMS = guarded_fields(SCHEMA)
build_schema()  # registers the node kinds
NODE_KINDS_GUARDED = sorted(name for name, kind in NODE_KINDS.items() if kind.requirement)


@dataclass
class World:
    """A gateway whose stores sit behind a spy, plus the objects the fixture made."""

    graph: Graph
    spy: CredentialSpy
    ids: dict[str, str]

    def ask(self, guarded: Guarded) -> str:
        return guarded.query.replace("CART", self.ids["CART"])

    def node_id(self, kind: str) -> str:
        source, store_id = NODE_IDS[kind]
        return encode_id(kind, source, self.ids.get(store_id, store_id))


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world() -> AsyncIterator[World]:
    async with spied_graph() as (graph, spy):
        admin = {"Authorization": f"Bearer {graph.mint(Role.ADMIN)}"}
        made = await graph.data(
            'mutation { createLitekartCart(input: {customerId: "cus_0001"}) { cart { sourceId } } }',
            headers=admin,
        )
        visitors = await graph.data(
            "{ freshstore { analytics { visitors(first: 1) { nodes { sourceId } } } } }",
            headers=admin,
        )
        ids = {
            "CART": made["createLitekartCart"]["cart"]["sourceId"],
            "VISITOR": visitors["freshstore"]["analytics"]["visitors"]["nodes"][0]["sourceId"],
        }
        yield World(graph, spy, ids)


def test_every_guarded_field_and_node_kind_is_in_the_table() -> None:
    assert PROBLEMS == []
    assert len(GUARDED) >= 30  # the walk found the guarded fields (not an empty table)
    assert sorted(NODE_IDS) == NODE_KINDS_GUARDED


@MODULE_LOOP
@pytest.mark.parametrize("guarded", GUARDED, ids=lambda g: g.name)
async def test_anonymous_gets_null_and_unauthenticated(world: World, guarded: Guarded) -> None:
    body = await world.graph.query(world.ask(guarded))
    assert guarded.value(body["data"]) is None
    errors = guarded.errors(body)
    if guarded.null_when_absent:  # "no credential, no part"
        assert errors == [] and "errors" not in body
        return
    [error] = errors
    assert error["extensions"] == {"code": "UNAUTHENTICATED"}
    assert "`Authorization: Bearer <JWT>`" in error["message"] or "token (`" in error["message"]
    assert len(body["errors"]) == 1  # the public part around it answered


@MODULE_LOOP
@pytest.mark.parametrize("role", [Role.ADMIN, Role.STAFF], ids=str)
@pytest.mark.parametrize("guarded", GUARDED, ids=lambda g: g.name)
async def test_operators_read_every_guarded_field(
    world: World, guarded: Guarded, role: Role
) -> None:
    headers = {"Authorization": f"Bearer {world.graph.mint(role)}"}
    body = await world.graph.query(world.ask(guarded), headers=headers)
    errors = guarded.errors(body)
    if guarded.viewer_only:  # "me": only the end user's own credential answers it
        assert guarded.value(body["data"]) is None
        expected = [] if guarded.null_when_absent else ["UNAUTHENTICATED"]
        assert [e["extensions"]["code"] for e in errors] == expected
    elif role is Role.STAFF and guarded.name in STAFF_MAY_NOT:
        assert guarded.value(body["data"]) is None
        assert [e["extensions"]["code"] for e in errors] == ["FORBIDDEN"]
    else:
        assert "errors" not in body, body["errors"]
        assert guarded.value(body["data"]) is not None


def test_staff_is_refused_only_actions() -> None:
    refused = {g.name for g in GUARDED if g.roles and "STAFF" not in g.roles and not g.viewer_only}
    assert refused == STAFF_MAY_NOT


@MODULE_LOOP
@pytest.mark.parametrize("kind", NODE_KINDS_GUARDED)
async def test_a_guarded_node_kind_is_refused_to_anonymous_and_found_for_admin(
    world: World, kind: str
) -> None:
    query = "query ($id: ID!) { node(id: $id) { __typename id } }"
    variables = {"id": world.node_id(kind)}
    body = await world.graph.query(query, variables)
    assert body["data"] == {"node": None}
    assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]
    admin = {"Authorization": f"Bearer {world.graph.mint(Role.ADMIN)}"}
    body = await world.graph.query(query, variables, headers=admin)
    if NODE_KINDS[kind].requirement.roles:  # type: ignore[union-attr]
        assert body["data"]["node"] == {"__typename": kind, "id": variables["id"]}
    else:  # a reward order is only ever its user's (Rewards needs their token)
        assert body["data"]["node"] is None and body["errors"]


@MODULE_LOOP
async def test_no_call_for_an_end_user_or_anonymous_carries_the_admin_key(world: World) -> None:
    graph, spy = world.graph, world.spy
    spy.clear()
    for around, _ in PLACES.values():  # the public reads around the guarded fields
        await graph.query(around.replace("HERE", "__typename"))
    public = {(c.source, c.method, c.path) for c in spy.calls}
    customer = (await litekart_customers(graph))[0]
    user = (await rewards_users(graph))[0]
    admin_key = f"Bearer {(await graph.credentials(Source.LITEKART))['api_key']}"
    callers = {
        "anonymous": {},
        "customer": customer_headers(customer["token"]),
        "user": {"livelike-user-token": user["token"]},
    }
    for who, headers in callers.items():
        spy.clear()
        for guarded in GUARDED:
            await graph.query(world.ask(guarded), headers=headers)
        for kind in NODE_KINDS_GUARDED:
            query = "query ($id: ID!) { node(id: $id) { id } }"
            await graph.query(query, {"id": world.node_id(kind)}, headers=headers)
        own = {"customer": Source.LITEKART, "user": Source.REWARDS}.get(who)
        assert all(c.authorization != admin_key for c in spy.calls), who
        strays = [
            c
            for c in spy.calls
            if c.source is not own and (c.source, c.method, c.path) not in public
        ]
        assert strays == [], who
        for call in spy.calls:  # the end user's own reads went out as them
            if call.source is own is Source.LITEKART:
                assert call.authorization == f"Bearer {customer['token']}"
            if call.source is own is Source.REWARDS:
                assert call.user_token == user["token"]
        if own is not None:
            assert any(c.source is own for c in spy.calls), who  # not vacuous


def test_no_mutation_admits_staff() -> None:
    assert SCHEMA.mutation_type is not None
    declared = {
        name: frozenset(_argument(directive, "roles"))
        for name, field in SCHEMA.mutation_type.fields.items()
        if (directive := _requires(field)) is not None
    }
    assert len(declared) >= 79
    assert sorted(name for name, roles in declared.items() if "STAFF" in roles) == []


WRITES = [w for w in all_writes() if not w.access.public]


@MODULE_LOOP
@pytest.mark.parametrize("write", WRITES, ids=lambda w: w.name)
async def test_staff_reads_but_cannot_act(world: World, write: Write) -> None:
    """Each guarded mutation, with an input the store would accept, refused to staff
    before any store call."""
    graph = world.graph
    sample = SAMPLES[write.name]
    input = sample if isinstance(sample, dict) else await sample(graph)
    await graph.reset_stats()
    name = write.name
    document = f"mutation ($input: {name[0].upper()}{name[1:]}Input!) {{ {name}(input: $input) {{ userErrors {{ code }} }} }}"
    staff = {"Authorization": f"Bearer {graph.mint(Role.STAFF)}"}
    body = await graph.query(document, {"input": input}, headers=staff)
    assert body["data"] == {name: None}
    # an operator's roles cannot stand in for an end user's own credential (redeemReward)
    expected = "FORBIDDEN" if write.access.roles else "UNAUTHENTICATED"
    assert [e["extensions"]["code"] for e in body["errors"]] == [expected]
    assert await graph.calls() == 0


def _snake(name: str) -> str:
    return "".join(f"_{c}" if c.isupper() else c.upper() for c in name)


assert SCHEMA.subscription_type is not None
GUARDED_EVENTS = {
    name: field
    for name, field in SCHEMA.subscription_type.fields.items()
    if _requires(field) is not None
}


async def subscribe(graph: Graph, query: str, headers: dict[str, str]) -> list[dict[str, Any]]:
    """Subscribe over graphql-sse (POST) and answer the stream's errors; a refusal ends
    the stream at once (an accepted subscription would stay open: not asked here)."""
    response = await graph.client.post(
        "/graphql", json={"query": query}, headers={"Accept": "text/event-stream", **headers}
    )
    assert response.status_code == 200, response.text
    lines = response.text.replace("\r\n", "\n").split("\n")
    kinds = [line for line in lines if line.startswith("event: ")]
    assert kinds == ["event: next", "event: complete"], response.text
    payload = json.loads(lines[lines.index("event: next") + 1].removeprefix("data: "))
    assert payload["data"] is None
    return payload["errors"]


@MODULE_LOOP
@pytest.mark.parametrize("name", sorted(GUARDED_EVENTS))
async def test_a_guarded_event_is_refused_at_subscribe_time(world: World, name: str) -> None:
    """Anonymous: UNAUTHENTICATED, by its own field and through ``storeEvents``. A
    Litekart customer: only their own (another customer's id is FORBIDDEN), and nothing
    they are not an audience of."""
    graph = world.graph
    for query in (
        f"subscription {{ {name} {{ __typename }} }}",
        f"subscription {{ storeEvents(types: [{_snake(name)}]) {{ __typename }} }}",
    ):
        errors = await subscribe(graph, query, {})
        assert [e["extensions"]["code"] for e in errors] == ["UNAUTHENTICATED"], query
    me, other = (await litekart_customers(graph))[:2]
    viewer = _argument(_requires(GUARDED_EVENTS[name]), "viewer")  # type: ignore[arg-type]
    if "LITEKART" in viewer:
        query = f'subscription {{ {name}(customerId: "{other["id"]}") {{ __typename }} }}'
        errors = await subscribe(graph, query, customer_headers(me["token"]))
        assert [e["extensions"]["code"] for e in errors] == ["FORBIDDEN"]
    else:
        query = f"subscription {{ {name} {{ __typename }} }}"
        errors = await subscribe(graph, query, customer_headers(me["token"]))
        assert [e["extensions"]["code"] for e in errors] == ["UNAUTHENTICATED"]


PEOPLE = "{ litekart { customers(first: 1) { nodes { email } } } }"
PUBLIC = '{ catalog { product(id: "prod_100001") { name } } }'


def _refused(body: dict[str, Any]) -> bool:
    codes = [e["extensions"]["code"] for e in body.get("errors") or []]
    return body["data"]["litekart"]["customers"] is None and codes == ["UNAUTHENTICATED"]


@MODULE_LOOP
async def test_batches_persisted_queries_and_get_ask_the_same_question(world: World) -> None:
    """The other ways in carry the same caller: each operation of a batch is refused on
    its own, a persisted query registered by an admin is only a document to anyone else
    (not the admin's answer), and a GET with no credential is anonymous."""
    graph = world.graph
    admin = {"Authorization": f"Bearer {graph.mint(Role.ADMIN)}"}
    batch = await graph.client.post("/graphql", json=[{"query": PUBLIC}, {"query": PEOPLE}])
    public, people = batch.json()
    assert public["data"]["catalog"]["product"]["name"] and "errors" not in public
    assert _refused(people)

    sha = hashlib.sha256(PEOPLE.encode()).hexdigest()
    persisted = {"persistedQuery": {"version": 1, "sha256Hash": sha}}
    registered = await graph.client.post(
        "/graphql", json={"query": PEOPLE, "extensions": persisted}, headers=admin
    )
    assert registered.json()["data"]["litekart"]["customers"]["nodes"][0]["email"]
    again = await graph.client.post("/graphql", json={"extensions": persisted}, headers=admin)
    assert again.json()["data"] == registered.json()["data"]  # the hash alone runs it
    for body in (
        (await graph.client.post("/graphql", json={"extensions": persisted})).json(),
        (
            await graph.client.get(
                "/graphql",
                params={"extensions": json.dumps(persisted)},
                headers={"apollo-require-preflight": "true"},
            )
        ).json(),
        (
            await graph.client.get(
                "/graphql", params={"query": PEOPLE}, headers={"apollo-require-preflight": "true"}
            )
        ).json(),
    ):
        assert _refused(body), body


@MODULE_LOOP
async def test_readiness_tells_anyone_only_whether_each_store_answers(world: World) -> None:
    """``/readyz`` is for probes, asked with no credential: store names and states, never
    a store's address or key."""
    graph = world.graph
    response = await graph.readiness()
    body = response.json()
    assert set(body) == {"ready", "stores"}
    assert set(body["stores"]) == {s.value for s in Source}
    keys = [(await graph.credentials(s)).get("api_key") for s in Source]
    for secret in ["http", *(k for k in keys if k)]:
        assert secret not in response.text
