"""The write declarations against the stores' own OpenAPI documents: every write
route a store documents is declared (or named here as handled elsewhere), and every
declared input carries the store's fields and at least the store's rules — so a local
check never lets through what the store refuses by its document, and a store route
added later fails this test until it is declared."""

from __future__ import annotations

from enum import Enum
from typing import Any

import pytest

from gateway.sources import Source
from gateway.writes.spec import Field, Naming, Shape, Write
from schema.writes import all_writes
from tests.writes.openapi import body_schema, normalise, resolve, write_routes

HANDLED_ELSEWHERE = {
    "POST /api/auth/login": (Source.LITEKART, "identity: a customer's login"),
    "POST /api/auth/register": (Source.LITEKART, "identity: a customer's registration"),
    "POST /api/v1/auth/token": (Source.CATALOG, "the gateway's own OAuth grant"),
    "POST /api/v1/auth/refresh": (Source.CATALOG, "the gateway's own OAuth refresh"),
}
WRITES = all_writes()


def declared_routes(source: Source) -> set[str]:
    return {normalise(w.route) for w in WRITES if w.source is source}


@pytest.mark.parametrize("source", list(Source), ids=lambda s: s.value)
def test_every_documented_write_route_is_declared(source: Source) -> None:
    documented = set(write_routes(source))
    elsewhere = {r for r, (s, _) in HANDLED_ELSEWHERE.items() if s is source}
    assert documented - elsewhere - declared_routes(source) == set()
    assert declared_routes(source) - documented == set()


def test_mutation_names_are_unique_and_follow_the_convention() -> None:
    names = [w.name for w in WRITES]
    assert len(names) == len(set(names))
    for write in WRITES:
        store = {
            Source.LITEKART: "Litekart",
            Source.LITESTORE: "Litestore",
            Source.FRESHSTORE: "FreshStore",
            Source.REWARDS: "Reward",
            Source.CATALOG: "Catalog",
        }[write.source]
        assert store in write.name or write.name in {
            "submitCreatorContent",
            "moderateCreatorContent",
        }, write.name


def _enum_values(kind: Any) -> set[str] | None:
    if isinstance(kind, type) and issubclass(kind, Enum):
        return {str(m.value) for m in kind}
    return None


def _mismatches(
    f: Field, prop: dict[str, Any], source: Source, where: str, naming: Naming
) -> list[str]:
    found: list[str] = []
    prop = resolve(prop, source) or {}
    if prop.get("type") == "array":
        if not f.many:
            found.append(f"{where}: the store takes a list")
        if "maxItems" in prop and (f.max_items is None or f.max_items > prop["maxItems"]):
            found.append(f"{where}: at most {prop['maxItems']} items")
        if "minItems" in prop and (f.min_items or 0) < prop["minItems"]:
            found.append(f"{where}: at least {prop['minItems']} items")
        prop = resolve(prop.get("items"), source) or {}
    checks = (
        ("maxLength", "max_length", lambda store, ours: ours is not None and ours <= store),
        ("minLength", "min_length", lambda store, ours: (ours or 0) >= store),
        ("maximum", "le", lambda store, ours: ours is not None and ours <= store),
        (
            "minimum",
            "ge",
            lambda store, ours: (
                (ours is not None and ours >= store) or (f.gt is not None and f.gt >= store)
            ),
        ),
        ("exclusiveMinimum", "gt", lambda store, ours: ours is not None and ours >= store),
        ("pattern", "pattern", lambda store, ours: ours == store),
    )
    for key, attribute, ok in checks:
        if key in prop and not ok(prop[key], getattr(f, attribute)):
            found.append(f"{where}: the store's {key} is {prop[key]!r}")
    if "enum" in prop and _enum_values(f.kind) != {str(v) for v in prop["enum"]}:
        found.append(f"{where}: the store's values are {prop['enum']}")
    if isinstance(f.kind, Shape) and prop.get("type") == "object" and "properties" not in prop:
        return found  # a free-form object, taken as typed key/value entries
    if isinstance(f.kind, Shape):
        objects = [o for o in prop.get("anyOf") or [] if "properties" in o]
        prop = objects[0] if objects else prop  # a URL or an object: the object
        found += _compare(f.kind.fields, prop, source, where, naming)
    return found


def _compare(
    fields: tuple[Field, ...], schema: dict[str, Any], source: Source, where: str, naming: Naming
) -> list[str]:
    properties = schema.get("properties", {})
    declared = {f.store_name(naming): f for f in fields}
    found = [f"{where}.{name}: not declared" for name in properties.keys() - declared.keys()]
    found += [
        f"{where}.{name}: the store has no such field"
        for name in declared.keys() - properties.keys()
    ]
    for name in schema.get("required", []):
        f = declared.get(name)
        if f is not None and not f.required:
            found.append(f"{where}.{name}: the store requires it")
    for name, f in declared.items():
        if name in properties:
            found += _mismatches(f, properties[name], source, f"{where}.{name}", naming)
    return found


@pytest.mark.parametrize("write", [w for w in WRITES if w.body_fields], ids=lambda w: w.name)
def test_each_input_carries_the_stores_fields_and_rules(write: Write) -> None:
    schema = body_schema(write.source, normalise(write.route))
    assert schema is not None, "the store takes no body"
    if "properties" not in schema and schema.get("additionalProperties"):
        # a free map of settings: typed key/value entries carry it
        [entries] = [f for f in write.body_fields if f.many and isinstance(f.kind, Shape)]
        assert {"key", "textValue"} <= {f.name for f in entries.kind.fields}
        return
    assert _compare(write.body_fields, schema, write.source, write.name, write.naming) == []


@pytest.mark.parametrize("write", [w for w in WRITES if not w.body_fields], ids=lambda w: w.name)
def test_writes_without_input_fields_send_no_body(write: Write) -> None:
    schema = body_schema(write.source, normalise(write.route))
    assert schema is None or not schema.get("required")


NAMED_IN_THE_ISSUE = (
    "createLitekartCart",
    "addLitekartCartItem",
    "updateLitekartCartItem",
    "removeLitekartCartItem",
    "applyLitekartCoupon",
    "checkoutLitekartCart",
    "payLitekartOrder",
    "cancelLitekartOrder",
    "submitLitestoreReview",
    "markLitestoreReviewHelpful",
    "submitCreatorContent",
    "moderateCreatorContent",
    "redeemReward",
    "createCatalogProduct",
    "updateCatalogProduct",
    "deleteCatalogProduct",
    "createFreshStoreProduct",
    "updateFreshStoreProduct",
    "deleteFreshStoreProduct",
    "importFreshStoreLinks",
    "fillFreshStoreCategories",
)
"""Mutation names clients were promised (issue 11): renaming one breaks them."""


def test_each_write_is_one_mutation_with_one_input_and_its_payload() -> None:
    from graphql import GraphQLList, GraphQLNonNull, GraphQLObjectType, get_named_type

    from schema.build import build_schema

    mutation = build_schema()._schema.mutation_type
    assert mutation is not None
    assert set(NAMED_IN_THE_ISSUE) <= {w.name for w in WRITES}
    for write in WRITES:
        field = mutation.fields[write.name]
        assert list(field.args) == ["input"], write.name
        assert isinstance(field.args["input"].type, GraphQLNonNull), write.name
        payload = field.type
        assert isinstance(payload, GraphQLObjectType), write.name  # nullable: refusals
        assert payload.name == f"{write.name[0].upper()}{write.name[1:]}Payload"
        errors = payload.fields["userErrors"].type
        assert isinstance(errors, GraphQLNonNull) and isinstance(errors.of_type, GraphQLList)
        assert {"field", "message", "code"} <= set(get_named_type(errors).fields)
        assert {r.name for r in write.results} <= set(payload.fields), write.name
