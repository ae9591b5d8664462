"""A store's refusal of a value the caller gave is the caller's mistake.

A read whose parameters come from the field's arguments (filters, sorts, options) can
be refused by the store (400/422: a search too long, an unknown parent, a locale it
does not have). ``asked`` turns that refusal into ``BAD_USER_INPUT`` naming the
argument the refused parameter came from — the store's message kept — instead of a
store failure. The argument is found by name: the store's parameter
(``price_min``, ``filter[category]``) in camelCase against the field's argument paths
(``filter.priceMin``); paging parameters are ``first``; a field given one argument
names it; otherwise the argument the store's message names.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Iterator
from typing import Any, TypeVar

from strawberry.types import Info
from strawberry.types.nodes import SelectedField

from gateway.errors import BadUpstreamRequest, BadUserInput
from schema.common import camel

T = TypeVar("T")
PAGING = {"page", "limit", "perPage", "offset", "pageSize", "pagination"}
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def _paths(prefix: str, value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _paths(f"{prefix}.{key}" if prefix else key, inner)
    else:
        yield prefix


def argument_paths(info: Info) -> list[str]:
    """The dotted paths of every argument the caller gave the field being resolved."""
    field = info.selected_fields[0] if info.selected_fields else None
    given = field.arguments if isinstance(field, SelectedField) else {}
    return [p for name, value in given.items() for p in _paths(name, value)]


def argument_for(store_field: str | None, paths: list[str], message: str = "") -> str | None:
    """The argument path a store's parameter came from, or ``None`` if unknown (a store
    that names no parameter may still name the argument in its message)."""
    if store_field:
        words = [camel(w) for w in _WORD.findall(store_field)]
        if any(w in PAGING for w in words):
            return "first"
        for word in reversed(words):
            found = [p for p in paths if p.rsplit(".", 1)[-1] in (word, store_field)]
            if len(found) == 1:
                return found[0]
    if len(paths) == 1:
        return paths[0]
    named = [p for p in paths if re.search(rf"\b{re.escape(p.rsplit('.', 1)[-1])}\b", message)]
    return named[0] if len(named) == 1 else None


async def asked(info: Info, pending: Awaitable[T]) -> T:
    """``await pending``; the store's refusal of a parameter is ``BAD_USER_INPUT``."""
    try:
        return await pending
    except BadUpstreamRequest as refused:
        named = refused.field_errors[0][0] if refused.field_errors else None
        field = argument_for(named, argument_paths(info), refused.message)
        raise BadUserInput(refused.message, field=field) from refused
