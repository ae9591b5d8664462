"""Fixtures of the write tests: the graph tests' gateway over in-process stores (backoff
is off suite-wide: tests/conftest.py)."""

from __future__ import annotations

from tests.graph.conftest import graph

__all__ = ["graph"]
