"""Pieces the per-store write declarations share: results read from the store's answer,
results read back through the loaders, deleted ids, and common field kinds."""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Awaitable, Callable
from typing import Any

import strawberry

from gateway.sources import Source
from gateway.writes.spec import MISSING, Call, Field, Result
from schema.ids import encode_id

Convert = Callable[[Any], Any]


def returned(name: str, graph_type: Any, convert: Convert, description: str) -> Result:
    """The object the store answered (``call.result``), as its graph type."""

    def pick(call: Call, context: Any) -> Any:
        return convert(call.result) if call.result else None

    return Result(name, graph_type, description, pick)


def read_back(
    name: str,
    graph_type: Any,
    convert: Convert,
    description: str,
    load: Callable[[Any, Call], Awaitable[Any] | Any],
) -> Result:
    """An object the store's answer does not carry (a 204, a related object), read
    through the request's loaders — after the write dropped what it made stale, so
    the read is fresh. Only read when selected."""

    async def pick(call: Call, context: Any) -> Any:
        found = load(context, call)
        if inspect.isawaitable(found):
            found = await found
        return convert(found) if found else None

    return Result(name, graph_type, description, pick)


def deleted_id(type_name: str, source: Source, field: str = "id") -> Result:
    """The global id of the object a delete removed."""

    def pick(call: Call, context: Any) -> Any:
        return strawberry.ID(encode_id(type_name, source.value, call.values[field]))

    return Result("deletedId", strawberry.ID, f"The global id of the `{type_name}` deleted.", pick)


def object_id(name: str, type_name: str, description: str, **rules: Any) -> Field:
    """A required id field naming one object of ``type_name``."""
    rules.setdefault("min_length", 1)
    return Field(name, str, description, required=True, id_of=(type_name,), **rules)


def update_of(fields: tuple[Field, ...]) -> tuple[Field, ...]:
    """A create's fields for a partial update: none required, no defaults."""
    return tuple(dataclasses.replace(f, required=False, default=MISSING) for f in fields)
