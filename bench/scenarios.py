"""The bench scenarios: a query each, the minimum upstream calls it can cost,
and its critical path (dependent upstream levels).

The minimum is derived from the stores' documented capabilities (distinct keys
per store, ids per call, include/populate push-down) and written beside each
scenario; a walk scenario pages a connection until its end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    query: str
    minimum_calls: int
    levels: int  # dependent upstream round trips on the critical path
    why_minimum: str
    variables: dict[str, Any] = field(default_factory=dict)
    user_token: bool = False  # send a Rewards end-user token
    walk: str | None = None  # dotted path of a connection to page through to its end


SCENARIOS: list[Scenario] = []
