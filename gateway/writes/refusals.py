"""A store's refusal of a write, as user errors on the caller's input.

The store's own code is kept (``VALIDATION_ERROR``, ``invalid_product_data``, a
declaration's mapping of Rewards' ``40003`` to ``INSUFFICIENT_POINTS``...). The
store's field paths (``items.0.product_id``, ``body.quantity``, ``links.3``) are
turned back into the input's: the declaration's fields are walked, each store name
replaced by the graph name, list indexes kept. A store field no input field matches
lands on the declaration's ``fallback_field`` (or on no field).
"""

from __future__ import annotations

from collections.abc import Sequence

from gateway.errors import GatewayError, NotFound
from gateway.writes.spec import Field, Naming, Shape, Write
from gateway.writes.validate import INPUT, PathItem, Problem, label

BODY_PREFIXES = ("body",)
"""Leading segments some stores put before a body field (FastAPI's ``loc``)."""
REFUSED = "REJECTED"
"""The code of a refusal the store gave without one of its own."""


def input_path(write: Write, store_field: str | None) -> tuple[PathItem, ...] | None:
    """The input path of a store's field name, or ``None`` when no field matches."""
    if not store_field:
        return None
    parts: list[str] = [p for p in store_field.replace("[", ".").replace("]", "").split(".") if p]
    while parts and parts[0] in BODY_PREFIXES:
        parts = parts[1:]
    path: list[PathItem] = [INPUT]
    scope: Sequence[Field] = write.fields
    for part in parts:
        if part.isdigit():
            path.append(int(part))
            continue
        match = _by_store_name(scope, part, write.naming)
        if match is None:
            return None
        path.append(match.name)
        scope = match.kind.fields if isinstance(match.kind, Shape) else ()
    return tuple(path) if len(path) > 1 else None


def _by_store_name(fields: Sequence[Field], name: str, naming: Naming) -> Field | None:
    return next((f for f in fields if f.store_name(naming) == name or f.name == name), None)


def _fallback(write: Write, name: str | None) -> tuple[PathItem, ...] | None:
    return (INPUT, name) if name else None


def refusal_problems(write: Write, error: GatewayError) -> list[Problem]:
    """The user errors of a refused write (a 400/404/409/422 answer)."""
    store_code = error.upstream_code or ""
    code, mapped_field = write.codes.get(store_code, (store_code or REFUSED, None))
    if isinstance(error, NotFound) and not mapped_field:
        mapped_field = write.not_found_field or (write.path_fields or (None,))[0]
        code = code if store_code else "NOT_FOUND"
    default_path = _fallback(write, mapped_field) or _fallback(write, write.fallback_field)
    found: list[Problem] = []
    for store_field, message in error.field_errors:
        path = input_path(write, store_field) if not mapped_field else None
        text = f"{store_field}: {message}" if path is None and store_field else message
        found.append(Problem(path or default_path, text, code))
    if not found:
        message = error.message
        if isinstance(error, NotFound):  # a 404's body is not shown: say it in our words
            message = f"{label(mapped_field)} not found." if mapped_field else "Not found."
        found.append(Problem(default_path, message, code))
    return found
