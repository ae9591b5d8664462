"""Opaque cursors: offset cursors for single-store lists, offset windows, and
the fewest store pages that cover a window."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from gateway.errors import BadUserInput

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
OFFSET_PREFIX = "o:"
NOT_OUR_CURSOR = "`after` is not a cursor this list gave out."


def encode_cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    try:
        return base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise BadUserInput(NOT_OUR_CURSOR, field="after") from exc


def offset_cursor(offset: int) -> str:
    return encode_cursor(f"{OFFSET_PREFIX}{offset}")


@dataclass(frozen=True)
class Window:
    """The slice of a list a (first, after) pair asks for."""

    offset: int
    limit: int


def check_first(first: int, maximum: int = MAX_PAGE_SIZE) -> int:
    if first < 0 or first > maximum:
        raise BadUserInput(f"`first` must be between 0 and {maximum}.", field="first")
    return first


def page_window(first: int, after: str | None, maximum: int = MAX_PAGE_SIZE) -> Window:
    """The offset window of an offset-cursor list."""
    check_first(first, maximum)
    if after is None:
        return Window(0, first)
    raw = decode_cursor(after)
    digits = raw[len(OFFSET_PREFIX) :]
    if not raw.startswith(OFFSET_PREFIX) or not digits.isdigit():
        raise BadUserInput(NOT_OUR_CURSOR, field="after")
    return Window(int(digits) + 1, first)
