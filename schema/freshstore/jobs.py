"""``Job``: a FreshStore background job (a fill, an import, AI copy), pollable through
``node(id)`` or ``freshstore.job(id)`` until what it makes is in the graph.

The store reports no job, so a job's id carries what it asked for and every read of
its state observes the store afresh (``resolvers.freshstore.jobs``): one observation
per job per request, however many of its fields are selected.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from gateway.sources import Source as SourceName
from resolvers.freshstore import jobs as observe
from resolvers.freshstore.fetch import SOURCE
from schema.freshstore.catalogue import FreshStoreProduct, category_of, product_of
from schema.freshstore.content import article_of, page_of
from schema.ids import decode_id, encode_id
from schema.interfaces import Node, Sourced
from schema.registry import NodeKind, register_node

SUBJECTS = {"category": category_of, "article": article_of, "page": page_of}


@strawberry.enum(description="What a background job does.")
class JobKind(Enum):
    IMPORT_LINKS = strawberry.enum_value("import", description="Imports products from links.")
    FILL_CATEGORIES = strawberry.enum_value(
        "fill", description="Fills categories with products from a merchant's API."
    )
    AI_CONTENT = strawberry.enum_value("ai", description="Writes an object's copy with AI.")


@strawberry.enum(description="Where a background job stands, as the store's data shows it.")
class JobState(Enum):
    RUNNING = strawberry.enum_value(
        "running", description="Not everything it was asked for is in the store yet."
    )
    COMPLETED = strawberry.enum_value(
        "completed", description="Everything it was asked for is in the store (and the graph)."
    )


@strawberry.type(
    description="A FreshStore background job. Poll it (`node(id)`, `freshstore.job(id)`) "
    "until `state` is COMPLETED; each read observes the store afresh."
)
class Job(Node, Sourced):
    kind: JobKind = strawberry.field(description="What it does.")
    submitted_at: datetime = strawberry.field(description="When the gateway queued it.")
    expected_products: int | None = strawberry.field(
        description="How many products it should bring (imports and fills)."
    )
    spec: strawberry.Private[observe.JobSpec]

    @strawberry.field(description="Where it stands now.")
    async def state(self, info: Info) -> JobState:
        seen = await _observed(info, self.spec)
        return JobState.COMPLETED if seen.done else JobState.RUNNING

    @strawberry.field(description="The products it has imported so far (imports and fills).")
    async def products(self, info: Info) -> list[FreshStoreProduct]:
        seen = await _observed(info, self.spec)
        return [product_of(p) for p in seen.products]

    @strawberry.field(description="The object whose copy it writes (AI content), as it is now.")
    async def subject(self, info: Info) -> Node | None:
        seen = await _observed(info, self.spec)
        if self.spec.subject is None or seen.subject is None:
            return None
        return SUBJECTS[self.spec.subject[0]](seen.subject)


def job_of(spec: observe.JobSpec) -> Job:
    encoded = spec.encode()
    return Job(
        id=strawberry.ID(encode_id("Job", SOURCE.value, encoded)),
        source=SOURCE,
        source_id=encoded,
        kind=JobKind(spec.kind),
        submitted_at=datetime.fromtimestamp(spec.submitted_at, UTC),
        expected_products=spec.expected,
        spec=spec,
    )


async def _observed(info: Info, spec: observe.JobSpec) -> observe.Observation:
    async def batch(keys: list[observe.JobSpec]) -> list[Any]:
        return [await observe.observe(info.context, key) for key in keys]

    return await info.context.loader("freshstore.jobs", batch).load(spec)


def job_by_id(value: str) -> Job | None:
    """The job a global id names, or ``None``."""
    decoded = decode_id(value)
    if decoded is None or decoded.type_name != "Job" or decoded.source != SOURCE.value:
        return None
    spec = observe.JobSpec.decode(decoded.source_id)
    return job_of(spec) if spec is not None else None


async def _fetch(context: Any, source_id: str) -> observe.JobSpec | None:
    return observe.JobSpec.decode(source_id)


register_node("Job", NodeKind(_fetch, job_of))

TYPES: tuple[type, ...] = (Job,)

__all__ = ["TYPES", "Job", "JobKind", "JobState", "SourceName", "job_by_id", "job_of"]
