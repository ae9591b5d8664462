"""FreshStore's deterministic seed data.

``build_seed()`` returns every table, generated from a fixed ``random.Random``
and dated from 2026-01-01, so two apps (and every ``reset?data=true``) start
from identical data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from stores.common.seed import snapshot
from stores.freshstore.data.analytics import Analytics, build_analytics
from stores.freshstore.data.catalog import Catalogue, build_catalogue
from stores.freshstore.data.content import Content, build_content

SEED = 20260102


@dataclass
class Seed:
    catalogue: Catalogue
    content: Content
    analytics: Analytics


@snapshot
def build_seed() -> Seed:
    """Every seed table (built once per process; each call a private copy)."""
    rng = random.Random(SEED)
    catalogue = build_catalogue(rng)
    content = build_content(rng)
    analytics = build_analytics(rng, catalogue)
    return Seed(catalogue, content, analytics)
