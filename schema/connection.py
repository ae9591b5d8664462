"""Relay connections over whatever pagination a store speaks.

Every list in the graph is a ``Connection`` (``edges { cursor node }``,
``nodes``, ``pageInfo``, ``totalCount``); single-store lists use offset cursors
(``offset_connection``), merged lists carry per-store positions in theirs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

import strawberry

from resolvers.cursors import offset_cursor

T = TypeVar("T")
R = TypeVar("R")


@strawberry.type(description="Relay page information.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="Whether items follow this page.")
    has_previous_page: bool = strawberry.field(description="Whether items precede this page.")
    start_cursor: str | None = strawberry.field(
        description="The first item's cursor; null for an empty page."
    )
    end_cursor: str | None = strawberry.field(
        description="The last item's cursor (pass it as `after` for the next page); null for "
        "an empty page."
    )


@strawberry.type(description="An item in a connection, with its cursor.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(description="Where this item is: `after` it, the next page.")
    node: T = strawberry.field(description="The item.")


def _edges(self: Connection[T]) -> list[Edge[T]]:
    return [Edge(cursor=c, node=n) for n, c in zip(self.nodes, self.cursors, strict=True)]


@strawberry.type(description="A page of a list, with Relay cursors and the list's total size.")
class Connection(Generic[T]):
    """Its edges (and all but the first and last cursor) are made only when asked for."""

    edges: list[Edge[T]] = strawberry.field(
        resolver=_edges, description="The page's items with their cursors."
    )
    nodes: list[T] = strawberry.field(description="The page's items (without cursors).")
    page_info: PageInfo = strawberry.field(description="Whether more pages follow or precede.")
    total_count: int | None = strawberry.field(
        description="How many items the whole list holds; null when a store that failed "
        "leaves it unknown."
    )
    cursors: strawberry.Private[Sequence[str]]


def connection_of(
    nodes: Sequence[T],
    cursors: Sequence[str],
    *,
    has_next: bool,
    has_previous: bool,
    total: int | None,
) -> Connection[T]:
    """A connection from nodes and their cursors (read only when asked for)."""
    if len(nodes) != len(cursors):
        raise ValueError("a connection needs one cursor per node")
    return Connection(
        nodes=list(nodes),
        cursors=cursors,
        page_info=PageInfo(
            has_next_page=has_next,
            has_previous_page=has_previous,
            start_cursor=cursors[0] if cursors else None,
            end_cursor=cursors[-1] if cursors else None,
        ),
        total_count=total,
    )


def offset_connection(
    records: Sequence[R], offset: int, total: int | None, convert: Callable[[R], T]
) -> Connection[T]:
    """A connection over ``records`` (converted) starting at ``offset`` of ``total``."""
    end = offset + len(records)
    return connection_of(
        [convert(r) for r in records],
        [offset_cursor(offset + i) for i in range(len(records))],
        has_next=end < total if total is not None else bool(records),
        has_previous=offset > 0,
        total=total,
    )
