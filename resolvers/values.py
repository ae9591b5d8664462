"""Reading upstream values: timestamps and decimal amounts."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation


def parse_datetime(value: object) -> datetime | None:
    """An upstream ISO-8601 timestamp (``Z`` or offset) as an aware datetime."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def parse_decimal(value: object) -> Decimal | None:
    """An upstream number or numeric string as a ``Decimal`` (never via float maths)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None
