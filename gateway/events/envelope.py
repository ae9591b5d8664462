"""One received webhook event: the envelope every store sends, validated.

Both stores post ``{"id", "event", "data", "timestamp"}``. :func:`parse_event`
turns a verified raw body into a :class:`ReceivedEvent` (or raises
:class:`MalformedEvent` with a message safe to answer with); an event type the
store does not document raises :class:`UnknownEvent`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

import orjson
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from gateway.events.catalog import EventData, EventKind, kind_of
from gateway.sources import Source

EventId = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class MalformedEvent(ValueError):
    """The body is not a well-formed event; ``str()`` is safe to show the sender."""


class UnknownEvent(ValueError):
    """A well-formed event of a type this store does not document."""


class _Envelope(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: EventId
    event: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    data: dict[str, Any]
    timestamp: datetime


@dataclass(frozen=True)
class ReceivedEvent:
    """A verified, validated store event as it travels on the event bus."""

    id: str
    source: Source
    kind: EventKind
    data: EventData
    occurred_at: datetime
    received_at: datetime

    @property
    def topic(self) -> str:
        return self.kind.topic


def parse_event(source: Source, body: bytes, *, now: datetime | None = None) -> ReceivedEvent:
    """The event in ``body`` (already verified); raises on anything malformed."""
    try:
        raw = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise MalformedEvent("The body is not JSON.") from None
    try:
        envelope = _Envelope.model_validate(raw)
    except ValidationError as error:
        raise MalformedEvent(f"Not an event envelope: {_first_problem(error)}.") from None
    kind = kind_of(source, envelope.event)
    if kind is None:
        raise UnknownEvent(f"{source.value} does not send {envelope.event!r} events.")
    try:
        data = kind.data.model_validate(envelope.data)
    except ValidationError as error:
        raise MalformedEvent(f"Bad {envelope.event} data: {_first_problem(error)}.") from None
    occurred = envelope.timestamp
    if occurred.tzinfo is None:
        occurred = occurred.replace(tzinfo=UTC)
    return ReceivedEvent(
        id=envelope.id,
        source=source,
        kind=kind,
        data=data,
        occurred_at=occurred,
        received_at=now or datetime.now(UTC),
    )


def _first_problem(error: ValidationError) -> str:
    """The first problem's location and message — never the offending value."""
    first = error.errors(include_url=False, include_input=False)[0]
    where = ".".join(str(part) for part in first.get("loc", ())) or "body"
    return f"{where}: {first.get('msg', 'invalid')}"
