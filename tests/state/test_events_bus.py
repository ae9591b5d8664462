"""The in-process event bus: topics, fan-out, bounded queues, closing slow subscribers."""

from __future__ import annotations

import asyncio

import pytest

from gateway.state import InProcessEventBus, SubscriberClosed


async def test_a_message_reaches_every_subscriber_of_its_topic_only():
    bus: InProcessEventBus[str] = InProcessEventBus()
    orders = bus.subscribe({"litekart.order.placed"})
    everything = bus.subscribe()
    products = bus.subscribe({"litekart.product.updated"})
    assert bus.publish("litekart.order.placed", "o1") == 2
    assert await anext(orders) == "o1"
    assert await anext(everything) == "o1"
    assert products.pending == 0


async def test_a_reader_waiting_gets_the_next_message():
    bus: InProcessEventBus[int] = InProcessEventBus()
    subscriber = bus.subscribe()
    reader = asyncio.create_task(anext(subscriber))
    await asyncio.sleep(0)
    bus.publish("t", 7)
    assert await asyncio.wait_for(reader, 1) == 7


async def test_a_subscriber_that_falls_behind_is_closed_and_the_others_are_not_delayed():
    bus: InProcessEventBus[int] = InProcessEventBus()
    slow = bus.subscribe(queue_size=3)
    fast = bus.subscribe(queue_size=3)
    received = []
    for n in range(10):
        bus.publish("t", n)  # never waits, whoever reads or not
        received.append(await anext(fast))
    assert received == list(range(10))
    assert slow.closed and len(bus) == 1
    with pytest.raises(SubscriberClosed, match="fell 3 events behind"):
        await anext(slow)
    with pytest.raises(SubscriberClosed):  # and stays closed
        await anext(slow)


async def test_closing_oneself_ends_iteration_quietly_and_leaves_the_bus():
    bus: InProcessEventBus[int] = InProcessEventBus()
    subscriber = bus.subscribe()
    reader = asyncio.create_task(anext(subscriber))
    await asyncio.sleep(0)
    subscriber.close()
    with pytest.raises(StopAsyncIteration):
        await asyncio.wait_for(reader, 1)
    assert len(bus) == 0 and bus.publish("t", 1) == 0


async def test_shutdown_closes_every_subscriber_with_a_reason():
    bus: InProcessEventBus[int] = InProcessEventBus()
    first, second = bus.subscribe(), bus.subscribe({"x"})
    bus.close()
    for subscriber in (first, second):
        with pytest.raises(SubscriberClosed, match="shutting down"):
            await anext(subscriber)


def test_queue_size_must_be_positive():
    with pytest.raises(ValueError):
        InProcessEventBus().subscribe(queue_size=0)
