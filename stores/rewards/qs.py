"""Bracketed query strings parsed the way Strapi's ``qs`` does.

``filters[categories][id][$in][0]=1&sort[0]=name:asc&populate=*`` becomes
``{"filters": {"categories": {"id": {"$in": ["1"]}}}, "sort": ["name:asc"],
"populate": "*"}``: bracket segments nest, objects whose keys are all indices
become lists (in index order), ``key[]=v`` and repeated keys append.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from stores.common import StoreError

MAX_DEPTH = 12
_SEGMENT = re.compile(r"\[([^\[\]]*)\]")

QueryValue = str | list[Any] | dict[str, Any]


class _Append:
    """Marks a ``key[]`` segment: append to the list at this place."""


def split_key(key: str) -> list[str | type[_Append]]:
    """``a[b][c]`` → ``["a", "b", "c"]``; ``a[]`` → ``["a", _Append]``."""
    head, bracket, _ = key.partition("[")
    if not bracket:
        return [key]
    rest = key[len(head) :]
    segments: list[str | type[_Append]] = [head]
    position = 0
    for match in _SEGMENT.finditer(rest):
        if match.start() != position:
            raise bad_query(f"Malformed query parameter {key!r}")
        segments.append(match.group(1) or _Append)
        position = match.end()
    if position != len(rest) or not head:
        raise bad_query(f"Malformed query parameter {key!r}")
    if len(segments) > MAX_DEPTH:
        raise bad_query(f"Query parameter {key!r} is nested too deeply")
    return segments


def parse_query(pairs: Iterable[tuple[str, str]]) -> dict[str, QueryValue]:
    """Nest the raw ``(key, value)`` pairs of a query string."""
    root: dict[str, Any] = {}
    for key, value in pairs:
        _insert(root, split_key(key), value, key)
    return {k: _listify(v) for k, v in root.items()}


def _insert(node: dict[str, Any], segments: list[Any], value: str, key: str) -> None:
    head, rest = segments[0], segments[1:]
    if head is _Append:
        head = str(_next_index(node))
    if not rest:
        existing = node.get(head)
        if existing is None:
            node[head] = value
        elif isinstance(existing, str):
            node[head] = {"0": existing, "1": value}
        elif isinstance(existing, dict) and all(k.isdigit() for k in existing):
            existing[str(_next_index(existing))] = value
        else:
            raise bad_query(f"Conflicting values for query parameter {key!r}")
        return
    child = node.setdefault(head, {})
    if isinstance(child, str):
        raise bad_query(f"Conflicting values for query parameter {key!r}")
    _insert(child, rest, value, key)


def _next_index(node: dict[str, Any]) -> int:
    indices = [int(k) for k in node if k.isdigit()]
    return max(indices) + 1 if indices else 0


def _listify(value: Any) -> QueryValue:
    if not isinstance(value, dict):
        return value
    converted = {k: _listify(v) for k, v in value.items()}
    if converted and all(k.isdigit() for k in converted):
        return [converted[k] for k in sorted(converted, key=int)]
    return converted


def bad_query(message: str) -> StoreError:
    """A 400 ``BadRequestError`` about the query string."""
    return StoreError(400, "VALIDATION_ERROR", message)
