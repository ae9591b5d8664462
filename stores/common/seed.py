"""``snapshot``: a store's seed builder run once per process, each call a private copy.

The seed data is deterministic (``random.Random(SEED)`` and fixed base timestamps, never
``now()``), so building it again for every app and every ``POST /__sim/reset?data=true``
repeats the same work. ``@snapshot`` runs the builder once, keeps its result pickled, and
answers every call with an unpickled copy: equal to a fresh build, sharing no mutable
object with the snapshot or any other copy, and several times cheaper than building it
(or than ``copy.deepcopy``). The undecorated builder stays reachable as ``__wrapped__``.
"""

from __future__ import annotations

import functools
import pickle
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def snapshot(build: Callable[[], T]) -> Callable[[], T]:
    """``build`` memoised as pickled bytes; every call returns a fresh deep copy."""
    frozen: list[bytes] = []
    lock = threading.Lock()

    @functools.wraps(build)
    def fresh() -> T:
        if not frozen:
            with lock:
                if not frozen:
                    frozen.append(pickle.dumps(build(), protocol=pickle.HIGHEST_PROTOCOL))
        return pickle.loads(frozen[0])

    return fresh
