"""The garbage collector's pace in a serving process (``storegraph serve``).

CPython collects its youngest generation every 700 new container objects, and a GraphQL
answer makes thousands (every parsed store object, resolved field and result dict), nearly
all freed at once by reference counting, not by the collector: a deep page walk met ~35
young collections per page, each traversing whatever was young at that moment. Serving
raises the young threshold to :data:`YOUNG_THRESHOLD` (the collector still runs, and
catches every cycle, only less often) and freezes what start-up built — modules, the
schema, settings: long-lived by construction — so the old generations' collections do
not traverse them again. Tests and embedding apps keep the interpreter's defaults.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 20_000
"""New container objects between two collections of the youngest generation."""


def pace_for_serving() -> None:
    """Collect once, freeze what survives (start-up's objects) and raise the young
    generation's threshold."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
