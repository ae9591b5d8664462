"""Descriptions for the schema elements that do not carry their own.

Most elements are described where they are declared (``description=`` on the field,
enum value or type; an argument with ``Annotated[T, strawberry.argument(description=...)]``
— every argument is, except the shared ``ARGUMENTS``). The rest are described here, once:

- ``ARGUMENTS``: arguments whose meaning is the same on every field that takes them
  (``first``, ``after``, ``id``, ``filter``, ``sort``);
- ``FIELDS``: field names that mean the same on every type (``createdAt``, ``meta``);
- one table per store (and ``shared``) keyed by ``Type``, ``Type.field``,
  ``Enum.VALUE`` or ``Input.field``, worded after the seeds' documentation where they
  say it.

``document(schema)`` fills every element still without a description from these —
specific entries before the defaults, a declared description always winning — when the
schema is built, so the SDL, introspection and GraphiQL's docs show them.
``tests/graph/test_descriptions.py`` fails on any element left undescribed and on any
table entry that names no element.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
)

from schema.common import camel
from schema.docs import catalog, freshstore, litekart, litestore, rewards, shared

ARGUMENTS: dict[str, str] = {
    "first": "How many items to return (at most 100).",
    "after": "Start after this cursor (an edge's `cursor`, or `pageInfo.endCursor`).",
    "id": "The object's id: its global id, or the store's own id.",
    "filter": "Only the items that pass every filter given.",
    "sort": "The order of the items.",
}
FIELDS: dict[str, str] = {
    "createdAt": "When the store created it.",
    "updatedAt": "When the store last changed it.",
    "meta": "Its SEO metadata (title, keywords, description).",
    "subtitle": "Its subtitle.",
    "linkTitle": "The title its links show.",
    "contentBottom": "HTML shown below the main content.",
    "contentTop": "HTML shown above the main content.",
    "enabled": "Whether the store shows it.",
    "sortOrder": "Its position among its siblings.",
}
TABLES: tuple[dict[str, str], ...] = (
    shared.DOCS,
    litestore.DOCS,
    litekart.DOCS,
    freshstore.DOCS,
    rewards.DOCS,
    catalog.DOCS,
)
ENTRIES: dict[str, str] = {key: text for table in TABLES for key, text in table.items()}


def elements(schema: GraphQLSchema) -> Iterator[tuple[str, Any, str]]:
    """``(key, element, default)`` for every type, field, argument, enum value and
    input field (built-in and introspection types left out)."""
    for type_ in schema.type_map.values():
        if type_.name.startswith("__") or type_.name in ("String", "Int", "Float", "Boolean", "ID"):
            continue
        yield type_.name, type_, ""
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
            for name, field in type_.fields.items():
                yield f"{type_.name}.{name}", field, FIELDS.get(name, "")
                for arg_name, arg in field.args.items():
                    key = f"{type_.name}.{name}({arg_name})"
                    yield key, arg, ARGUMENTS.get(arg_name, "")
        elif isinstance(type_, GraphQLInputObjectType):
            for name, field in type_.fields.items():
                yield f"{type_.name}.{name}", field, ""
        elif isinstance(type_, GraphQLEnumType):
            for name, value in type_.values.items():
                yield f"{type_.name}.{name}", value, ""


def _directive_arguments(schema: GraphQLSchema) -> Iterator[tuple[str, Any, str]]:
    """Our schema directives' arguments (``@requires(roles)``) with the description
    their definition declares (strawberry keeps it off the GraphQL argument)."""
    for directive in schema.directives:
        definition = (directive.extensions or {}).get("strawberry-definition")
        if definition is None:
            continue
        declared = {camel(f.name): getattr(f, "description", None) for f in definition.fields}
        for name, arg in directive.args.items():
            yield f"@{directive.name}({name})", arg, declared.get(name) or ""


def document(schema: GraphQLSchema) -> None:
    """Describe every element that has no description of its own."""
    for key, element, default in (*elements(schema), *_directive_arguments(schema)):
        if not element.description:
            element.description = ENTRIES.get(key) or default or None


def undocumented(schema: GraphQLSchema) -> list[str]:
    """The elements (and our directives' arguments) without a description."""
    every = (*elements(schema), *_directive_arguments(schema))
    return [key for key, element, _ in every if not element.description]


def stale_entries(schema: GraphQLSchema) -> list[str]:
    """Table entries that name no element of the schema."""
    keys = {key for key, _, _ in elements(schema)}
    return sorted(set(ENTRIES) - keys)
