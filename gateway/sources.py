"""The five upstream stores the gateway speaks to, as one enum."""

from __future__ import annotations

from enum import StrEnum


class Source(StrEnum):
    """An upstream store. The value is the lower-case name used in env vars and metrics."""

    LITESTORE = "litestore"
    LITEKART = "litekart"
    FRESHSTORE = "freshstore"
    REWARDS = "rewards"
    CATALOG = "catalog"
