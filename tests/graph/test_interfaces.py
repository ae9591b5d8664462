"""One type per field across the implementations of a shared interface.

A client writing one fragment per concrete type (``... on A { slug } ... on B { slug }``)
must never meet two shapes for one field name: GraphQL refuses the document
(``FieldsInSetCanMerge``) when ``slug`` is ``String`` on one type and ``String!`` on
another, or an object on one and a string on another. These tests hold every
implementation of the domain interfaces to one response shape per field name, and
every interface field to the interface's own shape (a concrete type may only narrow an
interface or object type to one of its implementations).
"""

from __future__ import annotations

from graphql import (
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    is_composite_type,
    is_leaf_type,
)

from schema.build import build_schema

DOMAIN_INTERFACES = ("Product", "Category", "Brand", "Order", "OrderItem")
"""The interfaces clients build shared UI on. ``Node`` and ``Sourced`` are identity
only: their implementations are unrelated things (a cart's ``status`` is not a
product's), so they are held to nothing beyond their own fields."""


def _schema() -> GraphQLSchema:
    return build_schema()._schema


def same_shape(a: object, b: object, seen: set[tuple[str, str]]) -> bool:
    """Whether two output types merge in one selection (GraphQL's SameResponseShape,
    applied to every sub-field the two types share)."""
    while True:
        if isinstance(a, GraphQLNonNull) != isinstance(b, GraphQLNonNull):
            return False
        if isinstance(a, GraphQLNonNull):
            a, b = a.of_type, b.of_type  # type: ignore[union-attr]
            continue
        if isinstance(a, GraphQLList) != isinstance(b, GraphQLList):
            return False
        if isinstance(a, GraphQLList):
            a, b = a.of_type, b.of_type  # type: ignore[union-attr]
            continue
        break
    if is_leaf_type(a) or is_leaf_type(b):
        return a is b
    assert is_composite_type(a) and is_composite_type(b)
    key = (a.name, b.name)  # type: ignore[union-attr]
    if a is b or key in seen:
        return True
    seen.add(key)
    fields_a = getattr(a, "fields", {})
    fields_b = getattr(b, "fields", {})
    return all(
        same_shape(fields_a[n].type, fields_b[n].type, seen) for n in set(fields_a) & set(fields_b)
    )


def narrows(schema: GraphQLSchema, concrete: object, declared: object) -> bool:
    """Whether ``concrete`` has ``declared``'s wrappers exactly and its named type is the
    same or implements it."""
    while isinstance(declared, GraphQLNonNull | GraphQLList):
        if type(concrete) is not type(declared):
            return False
        concrete, declared = concrete.of_type, declared.of_type  # type: ignore[union-attr]
    if concrete is declared:
        return True
    if isinstance(declared, GraphQLInterfaceType) and isinstance(
        concrete, GraphQLObjectType | GraphQLInterfaceType
    ):
        return schema.is_sub_type(declared, concrete)
    return False


def conflicts(schema: GraphQLSchema, interface: str) -> list[str]:
    found = []
    iface = schema.type_map[interface]
    assert isinstance(iface, GraphQLInterfaceType)
    implementations = schema.get_implementations(iface).objects
    by_name: dict[str, list[tuple[str, object]]] = {}
    for impl in implementations:
        for name, field in impl.fields.items():
            by_name.setdefault(name, []).append((impl.name, field.type))
            if name in iface.fields and not narrows(schema, field.type, iface.fields[name].type):
                found.append(
                    f"{impl.name}.{name}: {field.type} vs {interface}.{name}: {iface.fields[name].type}"
                )
    for name, typed in sorted(by_name.items()):
        first_type, first = typed[0]
        for other_type, other in typed[1:]:
            if not same_shape(first, other, set()):
                found.append(f"{first_type}.{name}: {first} vs {other_type}.{name}: {other}")
    return found


def test_every_domain_interface_exists_with_implementations() -> None:
    schema = _schema()
    for name in DOMAIN_INTERFACES:
        iface = schema.type_map[name]
        assert isinstance(iface, GraphQLInterfaceType), name
        assert len(schema.get_implementations(iface).objects) >= 2, name


def test_implementations_agree_on_every_field_they_share() -> None:
    schema = _schema()
    found = [c for name in DOMAIN_INTERFACES for c in conflicts(schema, name)]
    assert found == []


def test_the_checks_catch_a_drift() -> None:
    """The shape rule itself: nullability, lists, leaf types and nested fields count."""
    from graphql import build_schema as parse

    drifted = parse(
        """
        interface P { id: ID! }
        type V1 { sku: String }
        type V2 { sku: String! }
        type A implements P { id: ID! slug: String v: [V1!] }
        type B implements P { id: ID! slug: String! v: [V2!] }
        type Query { p: P }
        """
    )
    assert conflicts(drifted, "P") == [
        "A.slug: String vs B.slug: String!",
        "A.v: [V1!] vs B.v: [V2!]",
    ]
    narrowed = parse(
        """
        interface C { n: String! }
        type C1 implements C { n: String! }
        interface P { c: [C!]! }
        type A implements P { c: [C1!]! }
        type B implements P { c: [C1!] }
        type Query { p: P }
        """
    )
    assert not narrows(
        narrowed, narrowed.type_map["B"].fields["c"].type, narrowed.type_map["P"].fields["c"].type
    )
    assert narrows(
        narrowed, narrowed.type_map["A"].fields["c"].type, narrowed.type_map["P"].fields["c"].type
    )
