"""The webhook receiver's rules: signature first, then parsing, freshness, replay;
only a new, valid event invalidates the cache and reaches the bus."""

from __future__ import annotations

import pytest

from gateway.cache import CachedResponse, ResponseCache, make_key
from gateway.events import WebhookReceiver
from gateway.sources import Source
from gateway.state import InProcessEventBus, InProcessOnceSet
from tests.events.helpers import (
    CONTENT_APPROVED,
    NOW,
    ORDER_PLACED,
    PRODUCT_UPDATED,
    SECRETS,
    body,
    signed,
)


class Setup:
    def __init__(self, secrets: dict[Source, str] | None = None) -> None:
        given = {Source(k): v for k, v in SECRETS.items()} if secrets is None else secrets
        self.now = NOW
        self.bus: InProcessEventBus = InProcessEventBus()
        self.all = self.bus.subscribe()
        self.cache = ResponseCache(clock=lambda: self.now)
        self.receiver = WebhookReceiver(
            secret_for=given.get,
            seen=InProcessOnceSet(600, clock=lambda: self.now),
            bus=self.bus,
            cache=self.cache,
            tolerance_s=300,
            clock=lambda: self.now,
        )

    def cached(self, source: Source, path: str, params: dict | None = None) -> None:
        entry = CachedResponse.build(
            status=200, headers={}, json={}, body_size=2, default_ttl_s=60, now=self.now
        )
        assert entry is not None
        self.cache.put(make_key(source, "GET", path, params, "fp"), entry)

    def paths(self) -> set[str]:
        return {k.path for k in self.cache._entries}


def test_a_signed_event_is_published_once_with_its_typed_data():
    s = Setup()
    raw = body("order.placed", ORDER_PLACED)
    result = s.receiver.receive(Source.LITEKART, raw, signed("litekart", raw))
    assert (result.status, result.body) == (200, {"received": True})
    event = s.all._queue.get_nowait()
    assert event.topic == "litekart.order.placed" and event.id == "evt_1"
    assert event.data.order_id == "ord_1" and str(event.data.total) == "99.99"
    assert event.kind.field == "orderPlaced"


def test_the_signature_header_may_be_upper_case_hex():
    s = Setup()
    raw = body("order.placed", ORDER_PLACED)
    assert s.receiver.receive(Source.LITEKART, raw, signed("litekart", raw).upper()).status == 200


@pytest.mark.parametrize(
    "signature",
    [None, "", "00" * 32, "not hex at all", "é" * 64],
    ids=["missing", "empty", "wrong", "garbage", "non-ascii"],
)
def test_a_missing_or_wrong_signature_is_401_and_publishes_nothing(signature):
    s = Setup()
    s.cached(Source.LITEKART, "/api/orders")
    raw = body("order.placed", ORDER_PLACED)
    result = s.receiver.receive(Source.LITEKART, raw, signature)
    assert result.status == 401
    assert result.body["error"]["code"] == "INVALID_SIGNATURE"
    assert "x-litekart-signature" in result.body["error"]["message"]
    assert s.all.pending == 0 and s.paths() == {"/api/orders"}


def test_a_signature_under_the_other_stores_secret_is_refused():
    s = Setup()
    raw = body("order.placed", ORDER_PLACED)
    assert s.receiver.receive(Source.LITEKART, raw, signed("litestore", raw)).status == 401


def test_a_signature_of_another_body_is_refused():
    s = Setup()
    raw = body("order.placed", ORDER_PLACED)
    tampered = raw.replace(b"99.99", b"0.01")
    assert s.receiver.receive(Source.LITEKART, tampered, signed("litekart", raw)).status == 401
    assert s.all.pending == 0


def test_a_replayed_event_id_is_200_and_published_once():
    s = Setup()
    raw = body("order.placed", ORDER_PLACED)
    first = s.receiver.receive(Source.LITEKART, raw, signed("litekart", raw))
    again = s.receiver.receive(Source.LITEKART, raw, signed("litekart", raw))
    assert first.status == again.status == 200
    assert again.body == {"received": True, "duplicate": True}
    assert s.all.pending == 1


def test_the_same_id_from_the_other_store_is_another_event():
    s = Setup()
    a = body("order.placed", ORDER_PLACED, id="evt_same")
    b = body("content.approved", CONTENT_APPROVED, id="evt_same")
    s.receiver.receive(Source.LITEKART, a, signed("litekart", a))
    s.receiver.receive(Source.LITESTORE, b, signed("litestore", b))
    assert s.all.pending == 2


@pytest.mark.parametrize("offset", [-301, 301, -86_400 * 365])
def test_an_event_outside_the_tolerance_is_refused(offset):
    s = Setup()
    s.cached(Source.LITEKART, "/api/orders")
    raw = body("order.placed", ORDER_PLACED, at=NOW + offset)
    result = s.receiver.receive(Source.LITEKART, raw, signed("litekart", raw))
    assert result.status == 400 and result.body["error"]["code"] == "STALE_EVENT"
    assert s.all.pending == 0 and s.paths() == {"/api/orders"}


def test_an_event_within_the_tolerance_is_accepted():
    s = Setup()
    raw = body("order.placed", ORDER_PLACED, at=NOW - 299)
    assert s.receiver.receive(Source.LITEKART, raw, signed("litekart", raw)).status == 200


def test_a_refused_stale_event_does_not_burn_its_id():
    s = Setup()
    raw = body("order.placed", ORDER_PLACED, at=NOW + 400)
    assert s.receiver.receive(Source.LITEKART, raw, signed("litekart", raw)).status == 400
    s.now += 200  # the store's clock was ahead; now the event is within the tolerance
    assert s.receiver.receive(Source.LITEKART, raw, signed("litekart", raw)).status == 200


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"not json", "not JSON"),
        (b"[1, 2]", "Not an event envelope"),
        (b'{"id": "e", "event": "order.placed", "data": {}}', "timestamp"),
        (
            b'{"id": "", "event": "order.placed", "data": {}, "timestamp": "2027-01-15T08:00:00Z"}',
            "id",
        ),
        (
            b'{"id": "e", "event": "order.placed", "data": {"orderId": "o"}, "timestamp": "2027-01-15T08:00:00Z"}',
            "customerId",
        ),
        (
            b'{"id": "e", "event": "order.placed", "data": {"orderId": "../x", "customerId": "c"}, "timestamp": "2027-01-15T08:00:00Z"}',
            "orderId",
        ),
        (
            b'{"id": "e", "event": "order.placed", "data": [], "timestamp": "2027-01-15T08:00:00Z"}',
            "data",
        ),
    ],
    ids=[
        "not-json",
        "not-object",
        "no-timestamp",
        "empty-id",
        "missing-id",
        "path-in-id",
        "data-list",
    ],
)
def test_a_malformed_body_is_400_naming_the_problem(raw, problem):
    s = Setup()
    result = s.receiver.receive(Source.LITEKART, raw, signed("litekart", raw))
    assert result.status == 400 and result.body["error"]["code"] == "MALFORMED_EVENT"
    assert problem in result.body["error"]["message"]
    assert s.all.pending == 0


def test_an_event_type_the_store_does_not_document_is_acknowledged_and_ignored():
    s = Setup()
    raw = body("order.placed", ORDER_PLACED)  # a Litekart event, sent to Litestore's receiver
    result = s.receiver.receive(Source.LITESTORE, raw, signed("litestore", raw))
    assert result.status == 200 and "ignored" in result.body
    assert s.all.pending == 0


def test_without_a_secret_the_receiver_is_off():
    s = Setup(secrets={Source.LITEKART: SECRETS["litekart"]})
    raw = body("content.approved", CONTENT_APPROVED)
    assert not s.receiver.enabled(Source.LITESTORE)
    assert s.receiver.receive(Source.LITESTORE, raw, signed("litestore", raw)).status == 404
    assert not s.receiver.enabled(Source.FRESHSTORE)
    assert s.receiver.receive(Source.FRESHSTORE, raw, "x").status == 404


def test_product_updated_drops_that_product_and_the_product_lists_only():
    s = Setup()
    s.cached(Source.LITEKART, "/api/products/prod_0001")
    s.cached(Source.LITEKART, "/api/products", {"page": 1, "sort": "price:asc"})
    s.cached(Source.LITEKART, "/api/products", {"ids": "prod_0001,prod_0002"})
    s.cached(Source.LITEKART, "/api/products/prod_0002")
    s.cached(Source.LITEKART, "/api/orders")
    s.cached(Source.LITESTORE, "/api/products/prod_0001")
    raw = body("product.updated", PRODUCT_UPDATED)
    s.receiver.receive(Source.LITEKART, raw, signed("litekart", raw))
    assert s.paths() == {"/api/products/prod_0002", "/api/orders", "/api/products/prod_0001"}
    assert all(
        k.source is Source.LITESTORE for k in s.cache._entries if k.path.endswith("prod_0001")
    )


def test_order_placed_drops_orders_the_customer_and_stock():
    s = Setup()
    for path in ("/api/orders", "/api/customers/cus_1/orders", "/api/customers/cus_2",
                 "/api/products/prod_0003", "/api/categories"):  # fmt: skip
        s.cached(Source.LITEKART, path)
    raw = body("order.placed", ORDER_PLACED)
    s.receiver.receive(Source.LITEKART, raw, signed("litekart", raw))
    assert s.paths() == {"/api/customers/cus_2", "/api/categories"}
