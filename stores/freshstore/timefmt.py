"""Timestamps as the store writes them (Laravel's ``2026-01-01T00:00:00.000000Z``)."""

from __future__ import annotations

from datetime import UTC, datetime

BASE_TIME = datetime(2026, 1, 1, tzinfo=UTC)
"""Seed data is dated from here, never from the wall clock."""


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def now_iso() -> str:
    """The time of a write made through the API."""
    return iso(datetime.now(UTC))
