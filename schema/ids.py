"""Opaque global ids: ``base64url("<Type>:<source>:<upstream id>")``.

Clients treat them as opaque; the gateway decodes them to route ``node(id)`` to
the store that owns the object. A malformed id decodes to ``None``.
"""

from __future__ import annotations

import base64
import binascii
from typing import NamedTuple


class GlobalId(NamedTuple):
    """The parts of a global id."""

    type_name: str
    source: str
    source_id: str


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
