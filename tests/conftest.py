"""Suite-wide fixtures: retries without backoff sleeps, stamina's testing mode."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import stamina

MAX_TEST_ATTEMPTS = 100
"""Caps attempts in testing mode above any policy's, so each keeps its own count."""


@pytest.fixture(autouse=True)
def _no_backoff_sleeps() -> Iterator[None]:
    with stamina.set_testing(True, attempts=MAX_TEST_ATTEMPTS, cap=True):
        yield
