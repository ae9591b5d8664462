"""The event bus: messages published on topics, fanned out to subscribers.

A publisher never waits for a subscriber. Each subscriber has a bounded queue;
``publish`` puts the message on every matching queue without blocking, and a
subscriber whose queue is full — it fell ``queue_size`` messages behind — is
closed and dropped from the bus: its next read raises :class:`SubscriberClosed`
with the reason. The others are not delayed by it.

:class:`EventBus` is the interface; :class:`InProcessEventBus` serves the
subscribers of this process. A shared implementation (one Redis stream for every
replica) keeps the same interface, with messages that are JSON-serialisable.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Collection
from typing import Generic, Protocol, TypeVar

T = TypeVar("T")

DEFAULT_QUEUE_SIZE = 100
"""Messages a subscriber may leave unread before it is closed."""
SHUTDOWN_REASON = "The server is shutting down."


class SubscriberClosed(Exception):
    """A subscriber was closed by the bus; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Subscriber(Generic[T]):
    """One subscriber's view of the bus: an async iterator over its messages.

    Iteration ends quietly when the subscriber closes itself (:meth:`close` with no
    reason), and raises :class:`SubscriberClosed` when the bus closed it.
    """

    def __init__(self, bus: InProcessEventBus[T], topics: frozenset[str] | None, size: int) -> None:
        self._bus = bus
        self.topics = topics
        self._queue: asyncio.Queue[T | None] = asyncio.Queue(maxsize=size)
        self.closed = False
        self.reason: str | None = None

    def wants(self, topic: str) -> bool:
        return self.topics is None or topic in self.topics

    def offer(self, message: T) -> bool:
        """Queue ``message`` without waiting; False (and closed) when the queue is full."""
        if self.closed:
            return False
        try:
            self._queue.put_nowait(message)
        except asyncio.QueueFull:
            size = self._queue.maxsize
            self.close(f"This subscriber fell {size} events behind and was closed; resubscribe.")
            return False
        return True

    def close(self, reason: str | None = None) -> None:
        """Stop this subscriber; ``reason`` (the bus's) makes its next read raise."""
        if self.closed:
            return
        self.closed = True
        self.reason = reason
        self._bus.forget(self)
        while not self._queue.empty():  # unread messages go with it
            self._queue.get_nowait()
        self._queue.put_nowait(None)  # wakes a reader waiting on an empty queue

    def __aiter__(self) -> AsyncIterator[T]:
        return self

    async def __anext__(self) -> T:
        if not self.closed:
            message = await self._queue.get()
            if message is not None and not self.closed:
                return message
        if self.reason is not None:
            raise SubscriberClosed(self.reason)
        raise StopAsyncIteration

    @property
    def pending(self) -> int:
        """Messages queued and not read yet."""
        return 0 if self.closed else self._queue.qsize()


class EventBus(Protocol[T]):
    """Publish messages on topics; subscribe to some topics (``None``: every topic)."""

    def publish(self, topic: str, message: T) -> int:
        """Deliver ``message`` to the subscribers of ``topic``; how many got it."""
        ...

    def subscribe(
        self, topics: Collection[str] | None = None, *, queue_size: int = DEFAULT_QUEUE_SIZE
    ) -> Subscriber[T]: ...

    def close(self) -> None:
        """Close every subscriber (shutdown)."""
        ...


class InProcessEventBus(Generic[T]):
    """The bus for the subscribers of this process."""

    def __init__(self) -> None:
        self._subscribers: set[Subscriber[T]] = set()

    def publish(self, topic: str, message: T) -> int:
        delivered = 0
        for subscriber in [s for s in self._subscribers if s.wants(topic)]:
            delivered += subscriber.offer(message)
        return delivered

    def subscribe(
        self, topics: Collection[str] | None = None, *, queue_size: int = DEFAULT_QUEUE_SIZE
    ) -> Subscriber[T]:
        if queue_size < 1:
            raise ValueError("queue_size must be positive")
        wanted = None if topics is None else frozenset(topics)
        subscriber = Subscriber(self, wanted, queue_size)
        self._subscribers.add(subscriber)
        return subscriber

    def forget(self, subscriber: Subscriber[T]) -> None:
        self._subscribers.discard(subscriber)

    def close(self) -> None:
        for subscriber in list(self._subscribers):
            subscriber.close(SHUTDOWN_REASON)

    def __len__(self) -> int:
        return len(self._subscribers)
