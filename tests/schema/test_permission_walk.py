"""A walk over ``schema.graphql``: every field that reaches people, money or operations
data declares who may read it (``@requires``), or sits under a field that does.

Sensitive data is recognised two ways, so a new type cannot slip through by forgetting
its ``@sensitive`` mark: types marked ``@sensitive`` (and interfaces/unions one of whose
types is), and fields whose names say people or money (``email``, ``phone``,
``commission``...) wherever they appear. ``node``/``nodes`` answer per kind: their
guard is each kind's ``NodeKind.requirement`` (checked below against the same marks).
"""

from __future__ import annotations

from collections import deque
from pathlib import Path

import graphql
from graphql import (
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    get_named_type,
)

from schema.build import build_schema
from schema.registry import NODE_KINDS

SDL = Path(__file__).resolve().parents[2] / "schema.graphql"

SENSITIVE_NAMES = frozenset(
    {
        "email",
        "phone",
        "addresses",
        "firstName",
        "lastName",
        "totalSpent",
        "balance",
        "commission",
        "totalCommission",
        "transactionRef",
        "storeEmail",
        "livelikeUserId",
        "password",
        "ipAddress",
        "visitorId",
    }
)
"""Field names that mean people or money, whatever type holds them."""

EXEMPT = {
    "Query.node": "guarded per kind by NodeKind.requirement",
    "Query.nodes": "guarded per kind by NodeKind.requirement",
    "Mutation.loginLitekartCustomer": "answers the caller's own new session",
    "Mutation.registerLitekartCustomer": "answers the caller's own new session",
    "Subscription.storeEvents": "delivers per event by each kind's audience (events.catalog)",
    "Job.subject": "a Node, but only FreshStore categories, articles or pages (checked below)",
}


def _has(node: object, directive: str) -> bool:
    return any(d.name.value == directive for d in getattr(node, "directives", None) or ())


def sensitive_types(schema: GraphQLSchema) -> set[str]:
    marked = {name for name, t in schema.type_map.items() if _has(t.ast_node, "sensitive")}
    for name, t in schema.type_map.items():
        abstract = isinstance(t, GraphQLInterfaceType | GraphQLUnionType) and name != "Node"
        if abstract and {p.name for p in schema.get_possible_types(t)} & marked:
            marked.add(name)
    return marked


def undeclared(sdl: str) -> list[str]:
    """``Type.field`` paths reaching sensitive data with no ``@requires`` on the way."""
    schema = graphql.build_schema(sdl)
    sensitive = sensitive_types(schema)
    roots = [t for t in (schema.query_type, schema.mutation_type, schema.subscription_type) if t]
    queue: deque[tuple[GraphQLNamedType, str]] = deque((t, t.name) for t in roots)
    seen: set[str] = {t.name for t in roots}
    failures: list[str] = []
    while queue:
        parent, path = queue.popleft()
        if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            continue
        for name, field in parent.fields.items():
            where = f"{parent.name}.{name}"
            if _has(field.ast_node, "requires") or where in EXEMPT:
                continue  # guarded: everything below was checked by this field's requirement
            target = get_named_type(field.type)
            if target.name in sensitive or name in SENSITIVE_NAMES:
                failures.append(f"{path}.{name}" if path != parent.name else where)
                continue
            if target.name not in seen:
                seen.add(target.name)
                queue.append((target, f"{path}.{name}"))
                if isinstance(target, GraphQLInterfaceType | GraphQLUnionType):
                    for possible in schema.get_possible_types(target):
                        if possible.name not in seen:
                            seen.add(possible.name)
                            queue.append((possible, f"{path}.{name}<{possible.name}>"))
    return failures


def test_every_people_money_or_operations_field_declares_who_may_read_it() -> None:
    assert undeclared(SDL.read_text()) == []


def test_the_walk_fails_on_an_undeclared_field() -> None:
    sdl = (
        SDL.read_text().replace(
            "type Query {",
            "type Query {\n  leakyCustomer(id: ID!): Customer\n  leakyNote: Note\n",
            1,
        )
        + "\ntype Note { email: String }\n"
    )
    assert undeclared(sdl) == ["Query.leakyCustomer", "Query.leakyNote.email"]


def test_the_walk_sees_a_guard_removed_from_a_real_field() -> None:
    text = SDL.read_text()
    guarded = "): CustomerConnection @requires("
    start = text.index(guarded)
    end = text.index("\n", start)
    unguarded = text[:start] + "): CustomerConnection" + text[end:]
    assert "Query.litekart.customers.nodes" in undeclared(unguarded)


def test_every_sensitive_event_is_kept_from_the_public_by_its_audience() -> None:
    from gateway.events.catalog import BY_FIELD, Audience

    schema = graphql.build_schema(SDL.read_text())
    sensitive = sensitive_types(schema)
    subscription = schema.subscription_type
    assert subscription is not None
    for field_name, kind in BY_FIELD.items():
        event = get_named_type(subscription.fields[field_name].type).name
        if event in sensitive or set(schema.type_map[event].fields) & SENSITIVE_NAMES:
            assert kind.audience is not Audience.PUBLIC, field_name


def test_a_job_s_subject_is_only_ever_public_content() -> None:
    from schema.freshstore.jobs import SUBJECTS

    schema = graphql.build_schema(SDL.read_text())
    made = {convert.__annotations__.get("return") for convert in SUBJECTS.values()}
    names = {str(m).split(".")[-1] for m in made}
    assert names == {"FreshStoreCategory", "Article", "Page"}
    assert not names & sensitive_types(schema)


def test_every_sensitive_kind_fetched_by_node_declares_a_requirement() -> None:
    schema = graphql.build_schema(build_schema().as_str())
    sensitive = sensitive_types(schema)
    unguarded = sorted(n for n, k in NODE_KINDS.items() if n in sensitive and k.requirement is None)
    assert unguarded == []
    assert {"Customer", "StoreOrder", "Payment", "RewardOrder", "FreshStoreUser"} <= sensitive
