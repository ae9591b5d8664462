"""FreshStore's background jobs, observed: the store answers ``202`` for
``categories/fill`` and ``products/import-links`` (and runs AI copy after a create
with ``generate_ai_content``) but has no endpoint that reports a job. A job is
therefore described by what it asked for — carried in its global id, so any gateway
replica can answer ``node(id)`` with no shared state — and its state is read from
the store's data:

- an import is done when every link it queued has its product (an Amazon offer with
  the ASIN as its merchant offer id);
- a fill is done when each queued category gained ``quantity`` products from the
  merchant since the job was submitted (the store may find fewer: it then stays
  ``RUNNING``);
- AI copy is done when the object's meta description is written (articles: the
  ``generated`` flag).

Each observation reads the store fresh (never the cache), and when it finds imported
products it drops the cached product lists, so the rest of the graph shows them too.
"""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

from gateway.context import GatewayContext
from gateway.errors import NotFound
from gateway.sources import Source
from resolvers.freshstore.fetch import MAX_PER_PAGE, Json

SOURCE = Source.FRESHSTORE
RECENT_PAGES = 5
"""At most this many pages of newest products are read per observation."""
CLOCK_SLACK_S = 5.0
"""Products created this long before the job was submitted still count (clock skew)."""
SUBJECT_PATHS = {
    "category": "/api/categories/{}",
    "article": "/api/articles/{}",
    "page": "/api/pages/{}",
}


@dataclass(frozen=True)
class JobSpec:
    """What a job asked for: ``kind`` is ``import``, ``fill`` or ``ai``."""

    kind: str
    submitted_at: float
    asins: tuple[str, ...] = ()
    merchant: str = "amazon"
    categories: tuple[int, ...] | None = None
    quantity: int = 0
    queued: int = 0
    subject: tuple[str, str] | None = None

    def encode(self) -> str:
        data: dict[str, Any] = {"k": self.kind, "t": round(self.submitted_at, 3)}
        if self.kind == "import":
            data["a"] = list(self.asins)
        elif self.kind == "fill":
            data |= {"m": self.merchant, "q": self.quantity, "n": self.queued}
            data["c"] = list(self.categories) if self.categories is not None else None
        elif self.subject is not None:
            data["s"] = list(self.subject)
        return base64.urlsafe_b64encode(orjson.dumps(data)).decode().rstrip("=")

    @staticmethod
    def decode(text: str) -> JobSpec | None:
        try:
            data = orjson.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
            kind = data["k"]
            submitted = float(data["t"])
            if kind == "import":
                return JobSpec(kind, submitted, asins=tuple(str(a) for a in data["a"]))
            if kind == "fill":
                categories = data.get("c")
                return JobSpec(
                    kind,
                    submitted,
                    merchant=str(data["m"]),
                    categories=tuple(int(c) for c in categories) if categories else None,
                    quantity=int(data["q"]),
                    queued=int(data["n"]),
                )
            if kind == "ai":
                subject_kind, subject_id = data["s"]
                if subject_kind in SUBJECT_PATHS and str(subject_id).isdigit():
                    return JobSpec(kind, submitted, subject=(subject_kind, str(subject_id)))
        except (ValueError, KeyError, TypeError, orjson.JSONDecodeError):
            return None
        return None

    @property
    def expected(self) -> int | None:
        if self.kind == "import":
            return len(self.asins)
        if self.kind == "fill":
            return self.queued * self.quantity
        return None


@dataclass
class Observation:
    """What the store shows of a job now."""

    done: bool
    products: list[Json] = field(default_factory=list)
    subject: Json | None = None


def import_job(answer: Json, now: float | None = None) -> JobSpec | None:
    """The job an import-links answer queued (``None`` when it queued nothing)."""
    asins = tuple(
        link["asin"] for link in answer.get("links") or [] if link.get("status") == "importing"
    )
    return JobSpec("import", now or time.time(), asins=asins) if asins else None


def fill_job(answer: Json, categories: list[int] | None, now: float | None = None) -> JobSpec:
    return JobSpec(
        "fill",
        now or time.time(),
        merchant=str(answer.get("api_name") or "amazon"),
        categories=tuple(categories) if categories else None,
        quantity=int(answer.get("quantity_per_category") or 0),
        queued=int(answer.get("categories_queued") or 0),
    )


def ai_job(kind: str, subject_id: object, now: float | None = None) -> JobSpec:
    return JobSpec("ai", now or time.time(), subject=(kind, str(subject_id)))


async def _fresh(context: GatewayContext, path: str, params: dict[str, Any]) -> Any:
    response = await context.client(SOURCE).get_json(
        path, params, deadline=context.deadline, max_age=0
    )
    return response.json


def _created(product: Json) -> float:
    try:
        moment = datetime.fromisoformat(str(product.get("created_at")).replace("Z", "+00:00"))
    except ValueError:
        return 0.0
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


async def _recent_products(context: GatewayContext, since: float) -> list[Json]:
    """Products created since ``since``, newest first, with offers and categories."""
    found: list[Json] = []
    for page in range(1, RECENT_PAGES + 1):
        params = {
            "sort_by": "id",
            "sort_dir": "desc",
            "per_page": MAX_PER_PAGE,
            "page": page,
            "include": "offers,categories",
        }
        body = await _fresh(context, "/api/products", params)
        items = list(body.get("data") or [])
        recent = [p for p in items if _created(p) >= since - CLOCK_SLACK_S]
        found += recent
        if len(recent) < len(items) or len(items) < MAX_PER_PAGE:
            break
    return found


def _offers_of(product: Json, merchant: str) -> list[Json]:
    return [o for o in product.get("offers") or [] if o.get("merchant") == merchant]


async def observe(context: GatewayContext, spec: JobSpec) -> Observation:
    """How far ``spec`` has got, read fresh from the store."""
    if spec.kind == "ai":
        assert spec.subject is not None
        kind, subject_id = spec.subject
        try:
            body = await _fresh(context, SUBJECT_PATHS[kind].format(subject_id), {})
        except NotFound:
            return Observation(done=True)
        subject = body.get("data") or {}
        written = subject.get("generated") if kind == "article" else subject.get("meta_description")
        done = bool(written)
        return Observation(done=done, subject=subject)
    recent = await _recent_products(context, spec.submitted_at)
    if spec.kind == "import":
        wanted = set(spec.asins)
        products = [
            p
            for p in recent
            if any(o.get("merchant_offer_id") in wanted for o in _offers_of(p, "amazon"))
        ]
        seen = {o.get("merchant_offer_id") for p in products for o in _offers_of(p, "amazon")}
        done = wanted <= seen
    else:
        allowed = set(spec.categories) if spec.categories is not None else None
        products = [
            p
            for p in recent
            if _offers_of(p, spec.merchant)
            and (allowed is None or {int(c["id"]) for c in p.get("categories") or []} & allowed)
        ]
        done = spec.expected is not None and len(products) >= spec.expected
    if products:
        context.client(SOURCE).cache.drop(SOURCE, ["/api/products", "/api/categories/*"])
    return Observation(done=done, products=products)
