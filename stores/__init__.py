"""The five upstream store APIs as runnable FastAPI simulators.

Each sub-package exposes ``create_app(*, control=True, webhook_transport=None)``
returning a FastAPI app that implements its seed document. Nothing here imports
the gateway: the stores are peers reached over HTTP (or httpx's ASGI transport).
"""

from __future__ import annotations

import importlib
from typing import Any

STORE_NAMES: tuple[str, ...] = ("litestore", "litekart", "freshstore", "rewards", "catalog")

DEFAULT_PORTS: dict[str, int] = {
    "litestore": 8101,
    "litekart": 8102,
    "freshstore": 8103,
    "rewards": 8104,
    "catalog": 8105,
}


def create_store_app(name: str, **options: Any) -> Any:
    """Build the named store's app; ``options`` go to its ``create_app``."""
    if name not in STORE_NAMES:
        raise ValueError(f"unknown store {name!r}; expected one of {', '.join(STORE_NAMES)}")
    module = importlib.import_module(f"stores.{name}")
    return module.create_app(**options)
