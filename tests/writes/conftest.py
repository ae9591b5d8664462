"""Fixtures of the write tests: the graph tests' gateway over in-process stores."""

from __future__ import annotations

from tests.graph.conftest import graph, no_backoff_sleeps

__all__ = ["graph", "no_backoff_sleeps"]
