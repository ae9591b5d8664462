"""Sort arguments for stores that sort by ``sort=field:asc,other:desc`` (Litekart, and
Rewards' Strapi): one enum of the fields a list's store route allows and one input
``{field direction}`` per list, made by the :func:`sort_keys` class decorator, and
:func:`sort_param` turning a caller's keys into the store's ``sort`` value.

The enum is a closed set (the route's whitelist), so a field the store cannot sort by
is a validation error before any call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from typing import Any, TypeVar

import strawberry

from schema.common import SortDirection

T = TypeVar("T")

SORT_DESCRIPTION = "Sort keys in order (the store's `sort=a:asc,b:desc`)"
"""The start of every such ``sort`` argument's description; each adds its default."""


def sort_keys(what: str, fields: Mapping[str, tuple[str, str]]) -> Callable[[type[T]], type[T]]:
    """Makes the decorated class the input ``{field: <Class>Field!, direction}`` sorting
    ``what`` (e.g. "Litekart brands") by ``fields``: ``ENUM_NAME -> (store field,
    description)``. A decorator, so each sort input is a class the type checker knows."""

    def make(cls: type[T]) -> type[T]:
        values = {
            name: strawberry.enum_value(store_field, description=text)
            for name, (store_field, text) in fields.items()
        }
        field_enum = Enum(f"{cls.__name__}Field", values)  # type: ignore[misc]  # members: `fields`
        strawberry.enum(field_enum, description=f"What the store can sort {what} by.")
        cls.__annotations__ = {"field": field_enum, "direction": SortDirection}
        declared = {
            "field": strawberry.field(description="What to sort by."),
            "direction": strawberry.field(
                default=SortDirection.ASC, description="Ascending (the default) or descending."
            ),
        }
        for name, value in declared.items():
            setattr(cls, name, value)
        return strawberry.input(cls, description=f"One sort key of {what}.")

    return make


def sort_param(keys: Iterable[Any] | None, default: str | None = None) -> dict[str, str]:
    """``{"sort": "a:asc,b:desc"}`` from the caller's keys (``default`` without any;
    nothing when there is no default either)."""
    value = ",".join(f"{key.field.value}:{key.direction.value}" for key in keys or ())
    value = value or default or ""
    return {"sort": value} if value else {}
