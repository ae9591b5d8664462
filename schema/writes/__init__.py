"""The graph's mutations: each store's write declarations (one module per store) and
the factory that makes them mutations.

``STORE_WRITES`` names the modules; each exports ``WRITES`` (its declarations).
:func:`all_writes` is every declaration; :func:`mutation_types` the Mutation types
the schema merges into its root.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

from gateway.writes.spec import Write

STORE_WRITES: tuple[str, ...] = ("catalog", "freshstore", "litekart", "litestore", "rewards")


@cache
def all_writes() -> tuple[Write, ...]:
    modules = [importlib.import_module(f"schema.writes.{name}") for name in STORE_WRITES]
    return tuple(w for m in modules for w in m.WRITES)


def mutation_types() -> list[Any]:
    from schema.writes.factory import mutation_type

    modules = [importlib.import_module(f"schema.writes.{name}") for name in STORE_WRITES]
    return [
        mutation_type(f"{name.title()}Mutation", m.WRITES)
        for name, m in zip(STORE_WRITES, modules, strict=True)
    ]
