"""Local validation of a write's input, before any store is asked.

The rules of a :class:`~gateway.writes.spec.Field` (lengths, ranges, list sizes,
patterns, decimals) become a pydantic model, built once per declaration; pydantic's
errors become :class:`Problem` entries with the input path (``["input", "items", 0,
"quantity"]``), a message in the gateway's words and a code (``BAD_USER_INPUT`` unless
the field names its own).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Annotated, Any

import pydantic
from pydantic import ConfigDict, create_model

from gateway.writes.spec import Field, Shape, Write

BAD_USER_INPUT = "BAD_USER_INPUT"
INPUT = "input"

PathItem = str | int


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where, what, and a machine code."""

    field: tuple[PathItem, ...] | None
    message: str
    code: str


def label(name: str) -> str:
    """``productId`` → ``Product id``."""
    words = []
    for part in _split_camel(name):
        words.append(part.lower())
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _split_camel(name: str) -> list[str]:
    out, current = [], ""
    for char in name:
        if char.isupper() and current:
            out.append(current)
            current = char
        else:
            current += char
    if current:
        out.append(current)
    return out


def _python_type(f: Field) -> Any:
    kind = f.kind
    if isinstance(kind, Shape):
        base: Any = model_for(kind.name, kind.fields)
    elif isinstance(kind, type) and issubclass(kind, Enum):
        base = kind
    else:
        base = kind
    constraints: dict[str, Any] = {
        "min_length": f.min_length,
        "max_length": f.max_length,
        "ge": f.ge,
        "gt": f.gt,
        "le": f.le,
        "pattern": f.pattern,
        "decimal_places": f.decimals,
    }
    given = {k: v for k, v in constraints.items() if v is not None}
    if given:
        base = Annotated[base, pydantic.Field(**given)]
    if f.many:
        sizes: dict[str, Any] = {
            k: v
            for k, v in (("min_length", f.min_items), ("max_length", f.max_items))
            if v is not None
        }
        base = Annotated[list[base], pydantic.Field(**sizes)] if sizes else list[base]
    return base


def model_for(name: str, fields: Sequence[Field]) -> type[pydantic.BaseModel]:
    return _model(name, tuple(fields))


@cache
def _model(name: str, fields: tuple[Field, ...]) -> type[pydantic.BaseModel]:
    definitions: dict[str, Any] = {}
    for f in fields:
        annotation = _python_type(f)
        definitions[f.name] = (annotation, ...) if f.required else (annotation | None, None)
    return create_model(
        f"{name}Rules", __config__=ConfigDict(arbitrary_types_allowed=True), **definitions
    )


def problems(write: Write, values: dict[str, Any]) -> list[Problem]:
    """What is wrong with ``values`` (graph names, absent fields left out)."""
    model = model_for(write.name, write.fields)
    try:
        model.model_validate(values)
    except pydantic.ValidationError as error:
        return [_problem(write.fields, e) for e in error.errors()]
    return []


def _field_at(fields: Sequence[Field], loc: Sequence[PathItem]) -> Field | None:
    current: Field | None = None
    scope: Sequence[Field] = fields
    for part in loc:
        if isinstance(part, int):
            continue
        current = next((f for f in scope if f.name == part), None)
        if current is None:
            return None
        scope = current.kind.fields if isinstance(current.kind, Shape) else ()
    return current


def _problem(fields: Sequence[Field], error: Any) -> Problem:
    loc = tuple(error["loc"])
    target = _field_at(fields, loc)
    path = (INPUT, *loc)
    if target is None:
        return Problem(path, error["msg"], BAD_USER_INPUT)
    message = target.message or _message(target, error, loc)
    return Problem(path, message, target.code or BAD_USER_INPUT)


def _message(f: Field, error: Any, loc: Sequence[PathItem]) -> str:
    name = label(f.name)
    kind = error["type"]
    ctx = error.get("ctx") or {}
    list_level = f.many and not isinstance(loc[-1], int)
    if kind in ("too_long", "too_short") and list_level:
        if kind == "too_long":
            return f"{name}: at most {f.max_items} items."
        return f"{name}: at least {f.min_items} item{'s' if f.min_items != 1 else ''}."
    if kind == "string_too_long":
        return f"{name} must be at most {ctx.get('max_length')} characters."
    if kind == "string_too_short":
        if ctx.get("min_length") == 1:
            return f"{name} must not be empty."
        return f"{name} must be at least {ctx.get('min_length')} characters."
    bounds = (f.ge if f.ge is not None else f.gt, f.le)
    if kind in ("greater_than_equal", "less_than_equal", "greater_than") and None not in bounds:
        if f.gt is not None:
            return f"{name} must be more than {_num(f.gt)} and at most {_num(f.le)}."
        return f"{name} must be between {_num(bounds[0])} and {_num(bounds[1])}."
    if kind == "greater_than":
        return f"{name} must be more than {_num(ctx.get('gt'))}."
    if kind == "greater_than_equal":
        return f"{name} must be at least {_num(ctx.get('ge'))}."
    if kind == "less_than_equal":
        return f"{name} must be at most {_num(ctx.get('le'))}."
    if kind == "string_pattern_mismatch":
        return f"{name} is not in the expected format."
    if kind in ("decimal_max_places", "decimal_max_digits"):
        return f"{name} must have at most {f.decimals} decimal places."
    if kind == "missing":
        return f"{name} is required."
    return f"{name}: {error['msg']}."


def _num(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
