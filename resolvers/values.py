"""Reading upstream values: timestamps and decimal amounts.

Both are read for every item of every list a merged page sorts, page after page, from
the same cached upstream answers, so the parsed values (immutable) are memoised.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache

MEMO_SIZE = 65_536
"""Distinct timestamps / amounts remembered (a few MB at most)."""


def parse_datetime(value: object) -> datetime | None:
    """An upstream ISO-8601 timestamp (``Z`` or offset) as an aware datetime."""
    if not isinstance(value, str) or not value:
        return None
    return _parse_timestamp(value)


@lru_cache(maxsize=MEMO_SIZE)
def _parse_timestamp(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def parse_decimal(value: object) -> Decimal | None:
    """An upstream number or numeric string as a ``Decimal`` (never via float maths)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str | int | float):
        return _parse_amount(type(value).__name__, value)
    return _to_decimal(value)


@lru_cache(maxsize=MEMO_SIZE)
def _parse_amount(kind: str, value: str | int | float) -> Decimal | None:
    # the type is part of the key: 1, 1.0 and True hash alike but read differently
    return _to_decimal(value)


def _to_decimal(value: object) -> Decimal | None:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None
