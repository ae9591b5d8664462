"""Opaque global ids — ``base64url("<Type>:<source>:<upstream id>")`` — and the one way
an argument or input field that takes an object's id reads it.

Clients treat global ids as opaque; ``node(id)`` decodes them to route to the store
that owns the object (a malformed id decodes to ``None``).

``store_id(value, type_name, source, field=...)`` is what every id argument and id
input field uses (lookups, filters, mutation inputs): it takes the object's global id,
or the store's own raw id where that is unambiguous (the field belongs to one store
and one type), checks it against the store's id format with the path-segment module's
``check_id`` (``gateway.paths``, whose ``upstream_path`` then encodes any id that
reaches a URL), and answers the store's id. A global id of another type or store, or
a value that is neither, is ``BAD_USER_INPUT`` naming the field — never a silent null.
"""

from __future__ import annotations

import base64
import binascii
from typing import NamedTuple

import strawberry

from gateway.errors import BadUserInput
from gateway.paths import IdFormat, check_id
from gateway.sources import Source


class GlobalId(NamedTuple):
    """The parts of a global id."""

    type_name: str
    source: str
    source_id: str


LEGACY_TYPE_NAMES = {"Brand": "FreshStoreBrand"}
"""Type names in ids minted before a type was renamed → the type's name now."""

_SOURCES = frozenset(s.value for s in Source)


def encode_id(type_name: str, source: str, source_id: object) -> str:
    raw = f"{type_name}:{source}:{source_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_id(value: str) -> GlobalId | None:
    """The parts of ``value``, or ``None`` if it is not one of our ids."""
    try:
        padded = value + "=" * (-len(value) % 4)
        raw = base64.urlsafe_b64decode(padded.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    type_name, sep1, rest = raw.partition(":")
    source, sep2, source_id = rest.partition(":")
    if not (sep1 and sep2 and type_name and source and source_id):
        return None
    return GlobalId(type_name, source, source_id)


def graph_id(value: str) -> GlobalId | None:
    """``value``'s parts if it is a global id the graph minted (its store part names one
    of the stores), with a renamed type's current name; ``None`` for anything else."""
    parts = decode_id(value)
    if parts is None or parts.source not in _SOURCES:
        return None
    return parts._replace(type_name=LEGACY_TYPE_NAMES.get(parts.type_name, parts.type_name))


def store_id(
    value: object,
    type_name: str,
    source: Source,
    *,
    field: str,
    raw: bool = True,
    id_format: IdFormat | None = None,
) -> str:
    """The store id that ``value`` names, for a field that takes a ``type_name`` of
    ``source``: its global id or (``raw``) the store's own id. The id is then checked
    against the store's id format (``gateway.paths.check_id``; ``id_format`` for a
    field with another). Anything else is ``BAD_USER_INPUT`` with ``field`` (``id``,
    ``filter.categoryId``, ``input.productId``)."""
    text = str(value)
    parts = graph_id(text)
    if parts is not None:
        if parts.type_name == type_name and parts.source == source.value:
            return check_id(source, parts.source_id, field=field, id_format=id_format)
        raise BadUserInput(
            f"`{field}` takes a {type_name} id; this is a {parts.type_name} id "
            f"of {parts.source.upper()}.",
            field=field,
        )
    if raw:
        return check_id(source, value, field=field, id_format=id_format)
    raise BadUserInput(f"`{field}` is not a {type_name} id.", field=field)


def optional_store_id(
    value: object,
    type_name: str,
    source: Source,
    *,
    field: str,
    raw: bool = True,
    id_format: IdFormat | None = None,
) -> str | None:
    """:func:`store_id` for an optional field: ``None`` when left out (or null)."""
    if value is None or value is strawberry.UNSET:
        return None
    return store_id(value, type_name, source, field=field, raw=raw, id_format=id_format)
