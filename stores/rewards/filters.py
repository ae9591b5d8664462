"""``filters[...]``: Strapi's filter language compiled into predicates.

``compile_filter(obj, ctype)`` validates the whole filter tree up front
(unknown fields, unknown operators, values of the wrong type → 400) and returns
a predicate over stored entities. Supported: ``$eq $eqi $ne $nei $lt $lte $gt
$gte $in $notIn $contains $notContains $containsi $notContainsi $startsWith
$startsWithi $endsWith $endsWithi $null $notNull $between`` on attributes,
``$and``/``$or`` (arrays) and ``$not`` anywhere, and nested filters through
relations and components (``filters[categories][id][$eq]=1``: an entity matches
when *any* related entity does). A bare value means ``$eq``; ``$in``/``$notIn``
take an array or a comma-separated list. Comparisons with a missing (null)
value are false, as in SQL.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from stores.rewards.db import Entity, RewardsDB, related
from stores.rewards.qs import bad_query
from stores.rewards.schema import ContentType, Field, target_of

Predicate = Callable[[RewardsDB, Entity], bool]

COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "$eq": lambda a, b: a == b,
    "$ne": lambda a, b: a != b,
    "$lt": lambda a, b: a < b,
    "$lte": lambda a, b: a <= b,
    "$gt": lambda a, b: a > b,
    "$gte": lambda a, b: a >= b,
}
TEXT_MATCHES: dict[str, Callable[[str, str], bool]] = {
    "$eqi": lambda a, b: a.lower() == b.lower(),
    "$nei": lambda a, b: a.lower() != b.lower(),
    "$contains": lambda a, b: b in a,
    "$notContains": lambda a, b: b not in a,
    "$containsi": lambda a, b: b.lower() in a.lower(),
    "$notContainsi": lambda a, b: b.lower() not in a.lower(),
    "$startsWith": lambda a, b: a.startswith(b),
    "$startsWithi": lambda a, b: a.lower().startswith(b.lower()),
    "$endsWith": lambda a, b: a.endswith(b),
    "$endsWithi": lambda a, b: a.lower().endswith(b.lower()),
}
SETS = ("$in", "$notIn")
NULLS = ("$null", "$notNull")
LOGICAL = ("$and", "$or", "$not")
OPERATORS = frozenset([*COMPARISONS, *TEXT_MATCHES, *SETS, *NULLS, *LOGICAL, "$between"])

_INTEGER = re.compile(r"^-?\d+$")
TRUE_WORDS = ("true", "t", "1")
FALSE_WORDS = ("false", "f", "0")


def compile_filter(obj: Any, ctype: ContentType) -> Predicate:
    """A predicate for a ``filters`` object on ``ctype`` (400 if invalid)."""
    if not isinstance(obj, dict):
        raise bad_query("Invalid filters: expected an object such as filters[field][$eq]=value")
    predicates: list[Predicate] = []
    for key, value in obj.items():
        if key in ("$and", "$or"):
            parts = [compile_filter(item, ctype) for item in _as_list(key, value)]
            predicates.append(_combine(key, parts))
        elif key == "$not":
            inner = compile_filter(value, ctype)
            predicates.append(lambda db, e, inner=inner: not inner(db, e))
        elif key.startswith("$"):
            raise bad_query(f"Invalid operator {key} in filters: expected a field name")
        else:
            f = ctype.get(key)
            if f is None:
                raise bad_query(f'Invalid key "{key}" in filters: {ctype.name} has no such field')
            if f.kind == "scalar":
                predicates.append(_scalar_filter(key, f, value))
            else:
                predicates.append(_relation_filter(key, f, value))
    return lambda db, e: all(p(db, e) for p in predicates)


def _combine(op: str, parts: list[Predicate]) -> Predicate:
    if op == "$and":
        return lambda db, e: all(p(db, e) for p in parts)
    return lambda db, e: any(p(db, e) for p in parts)


def _as_list(op: str, value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        return [value]
    raise bad_query(f"Invalid {op} filter: expected an array of filter objects")


def _relation_filter(name: str, f: Field, value: Any) -> Predicate:
    target = target_of(f)
    if isinstance(value, str):  # filters[badge]=3 → the related id
        value = {"id": {"$eq": value}}
    if not isinstance(value, dict):
        raise bad_query(f'Invalid filter on relation "{name}": expected nested filters')
    checks: list[Callable[[list[Entity]], bool]] = []
    nested: dict[str, Any] = {}
    for key, operand in value.items():
        if key in NULLS:
            wanted = _boolean(name, key, operand)
            empty = (key == "$null") == wanted
            checks.append(lambda rel, empty=empty: (len(rel) == 0) == empty)
        elif key.startswith("$") and key not in LOGICAL:
            raise bad_query(
                f'Invalid operator {key} on relation "{name}": filter on its fields, '
                f"e.g. filters[{name}][id][$eq]=1"
            )
        else:
            nested[key] = operand
    inner = compile_filter(nested, target) if nested else None

    def predicate(db: RewardsDB, entity: Entity) -> bool:
        rel = related(db, entity, name, f)
        if not all(check(rel) for check in checks):
            return False
        return inner is None or any(inner(db, r) for r in rel)

    return predicate


def _scalar_filter(name: str, f: Field, value: Any) -> Predicate:
    if f.type in ("blocks", "json"):
        raise bad_query(f'Invalid filter: field "{name}" cannot be filtered')
    if isinstance(value, str):
        value = {"$eq": value}
    elif isinstance(value, list):
        value = {"$in": value}
    if not isinstance(value, dict):
        raise bad_query(f'Invalid filter on "{name}"')
    predicates = [_operator(name, f, op, operand) for op, operand in value.items()]
    return lambda db, e: all(p(db, e) for p in predicates)


def _operator(name: str, f: Field, op: str, operand: Any) -> Predicate:
    if op not in OPERATORS:
        if op.startswith("$"):
            raise bad_query(f'Invalid operator {op} on "{name}"')
        raise bad_query(f'Invalid key "{op}" in filters: "{name}" is not a relation')
    if op in ("$and", "$or"):
        parts = [_scalar_filter(name, f, item) for item in _as_list(op, operand)]
        return _combine(op, parts)
    if op == "$not":
        inner = _scalar_filter(name, f, operand)
        return lambda db, e: not inner(db, e)
    if op in NULLS:
        is_null = (op == "$null") == _boolean(name, op, operand)
        return lambda _db, e: (e.get(name) is None) == is_null
    if op in SETS:
        items = operand.split(",") if isinstance(operand, str) else operand
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise bad_query(f'Invalid {op} filter on "{name}": expected a list of values')
        wanted = {coerce(name, f, i) for i in items}
        inside = op == "$in"
        return lambda _db, e: (v := _value(name, f, e)) is not None and (v in wanted) == inside
    if op == "$between":
        if not isinstance(operand, list) or len(operand) != 2:
            raise bad_query(f'Invalid $between filter on "{name}": expected two values')
        low, high = (coerce(name, f, str(i)) for i in operand)
        return lambda _db, e: (v := _value(name, f, e)) is not None and low <= v <= high
    if not isinstance(operand, str):
        raise bad_query(f'Invalid {op} filter on "{name}": expected a single value')
    if op in TEXT_MATCHES:
        match = TEXT_MATCHES[op]
        return lambda _db, e: e.get(name) is not None and match(_text(e.get(name)), operand)
    compare = COMPARISONS[op]
    expected = coerce(name, f, operand)
    return lambda _db, e: (v := _value(name, f, e)) is not None and compare(v, expected)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _value(name: str, f: Field, entity: Entity) -> Any:
    raw = entity.get(name)
    if raw is None or f.type != "datetime":
        return raw
    return parse_datetime(raw)


def _boolean(name: str, op: str, operand: Any) -> bool:
    if isinstance(operand, str) and operand.lower() in TRUE_WORDS:
        return True
    if isinstance(operand, str) and operand.lower() in FALSE_WORDS:
        return False
    raise bad_query(f'Invalid {op} filter on "{name}": expected true or false')


def coerce(name: str, f: Field, raw: str) -> Any:
    """A query-string value as the field's type (400 when it is not one)."""
    if f.type == "integer":
        if not _INTEGER.match(raw.strip()):
            raise bad_query(f'Invalid value "{raw}" for "{name}": expected an integer')
        return int(raw)
    if f.type == "boolean":
        return _boolean(name, "$eq", raw)
    if f.type == "datetime":
        try:
            return parse_datetime(raw)
        except ValueError:
            raise bad_query(
                f'Invalid value "{raw}" for "{name}": expected an ISO 8601 date or date-time'
            ) from None
    return raw


def parse_datetime(raw: str) -> datetime:
    moment = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
