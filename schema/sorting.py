"""Sort arguments for stores that sort by ``sort=field:asc,other:desc`` (Litekart, and
Rewards' Strapi): one enum of the fields a list's store route allows and one input
``{field direction}`` per list, made by :func:`sort_keys`, and :func:`sort_param`
turning a caller's keys into the store's ``sort`` value.

The enum is a closed set (the route's whitelist), so a field the store cannot sort by
is a validation error before any call.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any

import strawberry

from schema.common import SortDirection

SORT_DESCRIPTION = "Sort keys in order (the store's `sort=a:asc,b:desc`)"
"""The start of every such ``sort`` argument's description; each adds its default."""


def sort_keys(type_name: str, what: str, fields: Mapping[str, tuple[str, str]]) -> type:
    """The input ``<type_name>`` ``{field: <type_name>Field!, direction}`` sorting
    ``what`` (e.g. "Litekart brands") by ``fields``: ``ENUM_NAME -> (store field,
    description)``."""
    values = {
        name: strawberry.enum_value(store_field, description=text)
        for name, (store_field, text) in fields.items()
    }
    field_enum: Any = strawberry.enum(
        Enum(f"{type_name}Field", values),  # type: ignore[misc]
        description=f"What the store can sort {what} by.",
    )
    namespace = {
        "__annotations__": {"field": field_enum, "direction": SortDirection},
        "__module__": __name__,
        "field": strawberry.field(description="What to sort by."),
        "direction": strawberry.field(
            default=SortDirection.ASC, description="Ascending (the default) or descending."
        ),
    }
    return strawberry.input(type(type_name, (), namespace), description=f"One sort key of {what}.")


def sort_param(keys: Iterable[Any] | None, default: str | None = None) -> dict[str, str]:
    """``{"sort": "a:asc,b:desc"}`` from the caller's keys (``default`` without any;
    nothing when there is no default either)."""
    value = ",".join(f"{key.field.value}:{key.direction.value}" for key in keys or ())
    value = value or default or ""
    return {"sort": value} if value else {}
