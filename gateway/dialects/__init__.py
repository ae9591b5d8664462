"""How each store is spoken to: its auth, error bodies, and a cheap readiness probe.

One module per store (``gateway.dialects.<source>``) defines:

- ``make_auth(store: StoreSettings) -> Auth``
- ``parse_error(response: httpx.Response) -> tuple[str | None, str | None] | None``:
  the store's own error code and short message from its documented error body
- ``PROBE: tuple[str, dict[str, str]]``: a cheap GET (path, params) that proves
  the store answers with our credentials
"""

from __future__ import annotations

import importlib
from types import ModuleType

from gateway.sources import Source


def dialect(source: Source) -> ModuleType:
    """The dialect module of ``source``."""
    return importlib.import_module(f"gateway.dialects.{source.value}")
