"""The typed store events subscriptions deliver: one GraphQL type per documented
webhook event, all implementing the ``StoreEvent`` interface.

Each type carries what the store sent (its ids as the store's own ids, amounts as
``Money``) and links back into the graph — an ``OrderPlacedEvent``'s ``order`` and
``customer``, a ``ReviewCreatedEvent``'s ``review`` and ``product`` — resolved by
the same lookups ``node(id)`` uses, through the request's loaders and the shared
cache. ``event_type(received)`` turns a received event into its GraphQL type.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

import strawberry
from strawberry.types import Info

from gateway.events import ReceivedEvent
from gateway.events import catalog as c
from schema.common import Money, Source, money
from schema.litekart import Customer, LitekartProduct, Payment, StoreOrder
from schema.litestore import Creator, CreatorContent, LitestoreProduct, LitestoreReview
from schema.registry import NODE_KINDS

STORE_CURRENCY = "USD"
"""Both stores' webhooks send bare amounts in their store currency (USD)."""


async def lookup(info: Info, type_name: str, source_id: str | None) -> Any:
    """The graph object ``type_name`` with store id ``source_id``, as ``node(id)`` finds it
    (``None`` when the store no longer has it)."""
    kind = NODE_KINDS.get(type_name)
    if kind is None or not source_id:
        return None
    found = await kind.fetch(info.context, source_id)
    return None if found is None else kind.convert(found)


def _money(amount: Decimal | None) -> Money | None:
    return money(amount, STORE_CURRENCY)


@strawberry.interface(description="An event a store pushed to the gateway (a signed webhook).")
class StoreEvent:
    id: strawberry.ID = strawberry.field(
        description="The store's id of the event; a store retrying a delivery sends the same id."
    )
    source: Source = strawberry.field(description="The store that sent the event.")
    type: str = strawberry.field(description="The store's name of the event: `order.placed`…")
    occurred_at: datetime = strawberry.field(description="When the store says it happened.")
    received_at: datetime = strawberry.field(description="When the gateway received it.")


def _base(event: ReceivedEvent) -> dict[str, Any]:
    return {
        "id": strawberry.ID(event.id),
        "source": event.source,
        "type": event.kind.name,
        "occurred_at": event.occurred_at,
        "received_at": event.received_at,
    }


# ---------------------------------------------------------------- Litestore


@strawberry.type(description="A creator submitted content for moderation (`content.submitted`).")
class ContentSubmittedEvent(StoreEvent):
    content_id: strawberry.ID = strawberry.field(description="The content's Litestore id.")
    creator_id: strawberry.ID = strawberry.field(description="The creator's Litestore id.")
    product_ids: list[strawberry.ID] = strawberry.field(
        description="Litestore ids of the products the content is about."
    )
    status: str | None = strawberry.field(description="The content's moderation status.")
    submitted_at: datetime | None = strawberry.field(description="When it was submitted.")

    @strawberry.field(description="The content, as it is now.")
    async def content(self, info: Info) -> CreatorContent | None:
        return await lookup(info, "CreatorContent", self.content_id)

    @strawberry.field(description="The creator who submitted it.")
    async def creator(self, info: Info) -> Creator | None:
        return await lookup(info, "Creator", self.creator_id)

    @strawberry.field(description="The products the content is about.")
    async def products(self, info: Info) -> list[LitestoreProduct | None]:
        return [await lookup(info, "LitestoreProduct", pid) for pid in self.product_ids]


@strawberry.type(description="A moderator approved a creator's content (`content.approved`).")
class ContentApprovedEvent(StoreEvent):
    content_id: strawberry.ID = strawberry.field(description="The content's Litestore id.")
    approved_by: str | None = strawberry.field(description="The approving moderator's id.")
    approved_at: datetime | None = strawberry.field(description="When it was approved.")
    commission: Money | None = strawberry.field(
        description="The commission the approval credited to the creator."
    )

    @strawberry.field(description="The approved content, as it is now.")
    async def content(self, info: Info) -> CreatorContent | None:
        return await lookup(info, "CreatorContent", self.content_id)

    @strawberry.field(description="The creator of the content.")
    async def creator(self, info: Info) -> Creator | None:
        content = await lookup(info, "CreatorContent", self.content_id)
        return None if content is None else await lookup(info, "Creator", content.creator_id)


@strawberry.type(description="A shopper reviewed a Litestore product (`review.created`).")
class ReviewCreatedEvent(StoreEvent):
    review_id: strawberry.ID = strawberry.field(description="The review's Litestore id.")
    product_id: strawberry.ID = strawberry.field(description="The product's Litestore id.")
    rating: int | None = strawberry.field(description="The rating given, 1 to 5.")
    verified: bool | None = strawberry.field(description="Whether the purchase was verified.")
    created_at: datetime | None = strawberry.field(description="When the review was written.")

    @strawberry.field(description="The review.")
    async def review(self, info: Info) -> LitestoreReview | None:
        return await lookup(info, "LitestoreReview", f"{self.product_id}:{self.review_id}")

    @strawberry.field(description="The reviewed product.")
    async def product(self, info: Info) -> LitestoreProduct | None:
        return await lookup(info, "LitestoreProduct", self.product_id)


@strawberry.type(description="A Litestore product was bought (`product.purchased`).")
class ProductPurchasedEvent(StoreEvent):
    order_id: strawberry.ID = strawberry.field(description="Litestore's id of the purchase.")
    product_id: strawberry.ID = strawberry.field(description="The product's Litestore id.")
    quantity: int | None = strawberry.field(description="Units bought.")
    revenue: Money | None = strawberry.field(description="What the purchase brought in.")
    referring_content_id: strawberry.ID | None = strawberry.field(
        description="The creator content that referred the buyer, if any."
    )
    referring_creator_id: strawberry.ID | None = strawberry.field(
        description="The creator of that content, if any."
    )
    purchased_at: datetime | None = strawberry.field(description="When it was bought.")

    @strawberry.field(description="The product bought.")
    async def product(self, info: Info) -> LitestoreProduct | None:
        return await lookup(info, "LitestoreProduct", self.product_id)

    @strawberry.field(description="The creator content that referred the buyer, if any.")
    async def referring_content(self, info: Info) -> CreatorContent | None:
        return await lookup(info, "CreatorContent", self.referring_content_id)


@strawberry.type(description="A creator earned commission on a sale (`commission.earned`).")
class CommissionEarnedEvent(StoreEvent):
    commission_id: strawberry.ID = strawberry.field(description="The commission's Litestore id.")
    creator_id: strawberry.ID = strawberry.field(description="The creator's Litestore id.")
    content_id: strawberry.ID | None = strawberry.field(description="The referring content's id.")
    product_id: strawberry.ID | None = strawberry.field(description="The product sold.")
    amount: Money | None = strawberry.field(description="The commission earned.")
    status: str | None = strawberry.field(description="The commission's status (`pending`…).")
    earned_at: datetime | None = strawberry.field(description="When it was earned.")

    @strawberry.field(description="The creator who earned it.")
    async def creator(self, info: Info) -> Creator | None:
        return await lookup(info, "Creator", self.creator_id)

    @strawberry.field(description="The content that referred the sale.")
    async def content(self, info: Info) -> CreatorContent | None:
        return await lookup(info, "CreatorContent", self.content_id)

    @strawberry.field(description="The product sold.")
    async def product(self, info: Info) -> LitestoreProduct | None:
        return await lookup(info, "LitestoreProduct", self.product_id)


# ---------------------------------------------------------------- Litekart


@strawberry.interface(description="An event about one Litekart order.")
class OrderEvent(StoreEvent):
    order_id: strawberry.ID = strawberry.field(description="The order's Litekart id.")
    customer_id: strawberry.ID = strawberry.field(description="Its customer's Litekart id.")

    @strawberry.field(description="The order, as it is now.")
    async def order(self, info: Info) -> StoreOrder | None:
        return await lookup(info, "StoreOrder", self.order_id)

    @strawberry.field(description="The customer who placed it.")
    async def customer(self, info: Info) -> Customer | None:
        return await lookup(info, "Customer", self.customer_id)


@strawberry.type(description="A customer placed a Litekart order (`order.placed`).")
class OrderPlacedEvent(OrderEvent):
    number: str | None = strawberry.field(description="The order's number.")
    status: str | None = strawberry.field(description="Its status when placed.")
    total: Money | None = strawberry.field(description="Its total when placed.")


@strawberry.type(description="A Litekart order's status changed (`order.updated`).")
class OrderUpdatedEvent(OrderEvent):
    status: str | None = strawberry.field(description="The new status.")
    previous_status: str | None = strawberry.field(description="The status before.")


@strawberry.type(description="A Litekart order was cancelled (`order.cancelled`).")
class OrderCancelledEvent(OrderEvent):
    total: Money | None = strawberry.field(description="The cancelled order's total.")


@strawberry.interface(description="An event about one Litekart product.")
class LitekartProductEvent(StoreEvent):
    product_id: strawberry.ID = strawberry.field(description="The product's Litekart id.")
    name: str | None = strawberry.field(description="Its name in the event.")
    sku: str | None = strawberry.field(description="Its SKU in the event.")
    price: Money | None = strawberry.field(description="Its price in the event.")
    status: str | None = strawberry.field(description="Its status in the event.")
    stock: int | None = strawberry.field(description="Its stock in the event.")

    @strawberry.field(description="The product, as it is now.")
    async def product(self, info: Info) -> LitekartProduct | None:
        return await lookup(info, "LitekartProduct", self.product_id)


@strawberry.type(description="A product was added to the Litekart catalogue (`product.created`).")
class ProductCreatedEvent(LitekartProductEvent):
    pass


@strawberry.type(description="A Litekart product was modified (`product.updated`).")
class ProductUpdatedEvent(LitekartProductEvent):
    changed: list[str] = strawberry.field(description="The store fields that changed.")


@strawberry.type(description="A customer signed up at Litekart (`customer.registered`).")
class CustomerRegisteredEvent(StoreEvent):
    customer_id: strawberry.ID = strawberry.field(description="The customer's Litekart id.")
    email: str | None = strawberry.field(description="The email they registered with.")

    @strawberry.field(description="The customer.")
    async def customer(self, info: Info) -> Customer | None:
        return await lookup(info, "Customer", self.customer_id)


@strawberry.type(description="A Litekart order was paid (`payment.completed`).")
class PaymentCompletedEvent(OrderEvent):
    payment_id: strawberry.ID = strawberry.field(description="The payment's Litekart id.")
    amount: Money | None = strawberry.field(description="The amount paid.")

    @strawberry.field(description="The payment.")
    async def payment(self, info: Info) -> Payment | None:
        return await lookup(info, "Payment", self.payment_id)


@strawberry.type(
    description="A Litekart product's (or variant's) stock fell below the store's threshold "
    "(`inventory.low`)."
)
class InventoryLowEvent(StoreEvent):
    product_id: strawberry.ID = strawberry.field(description="The product's Litekart id.")
    variant_id: strawberry.ID | None = strawberry.field(description="The variant, if one.")
    sku: str | None = strawberry.field(description="The SKU running low.")
    stock: int | None = strawberry.field(description="Units left.")
    threshold: int | None = strawberry.field(description="The store's low-stock threshold.")

    @strawberry.field(description="The product, as it is now.")
    async def product(self, info: Info) -> LitekartProduct | None:
        return await lookup(info, "LitekartProduct", self.product_id)


# ---------------------------------------------------------------- conversion


def _ids(values: list[str]) -> list[strawberry.ID]:
    return [strawberry.ID(v) for v in values]


def _id(value: str | None) -> strawberry.ID | None:
    return None if value is None else strawberry.ID(value)


def _content_submitted(e: ReceivedEvent, d: Any) -> StoreEvent:
    return ContentSubmittedEvent(
        **_base(e), content_id=d.content_id, creator_id=d.creator_id,
        product_ids=_ids(d.product_ids), status=d.status, submitted_at=d.submitted_at,
    )  # fmt: skip


def _content_approved(e: ReceivedEvent, d: Any) -> StoreEvent:
    return ContentApprovedEvent(
        **_base(e), content_id=d.content_id, approved_by=d.approved_by,
        approved_at=d.approved_at, commission=_money(d.commission),
    )  # fmt: skip


def _review_created(e: ReceivedEvent, d: Any) -> StoreEvent:
    return ReviewCreatedEvent(
        **_base(e), review_id=d.review_id, product_id=d.product_id, rating=d.rating,
        verified=d.verified, created_at=d.created_at,
    )  # fmt: skip


def _product_purchased(e: ReceivedEvent, d: Any) -> StoreEvent:
    referrer = d.referrer
    return ProductPurchasedEvent(
        **_base(e), order_id=d.order_id, product_id=d.product_id, quantity=d.quantity,
        revenue=_money(d.revenue), purchased_at=d.purchased_at,
        referring_content_id=_id(referrer.content_id if referrer else None),
        referring_creator_id=_id(referrer.creator_id if referrer else None),
    )  # fmt: skip


def _commission_earned(e: ReceivedEvent, d: Any) -> StoreEvent:
    return CommissionEarnedEvent(
        **_base(e), commission_id=d.commission_id, creator_id=d.creator_id,
        content_id=_id(d.content_id), product_id=_id(d.product_id), amount=_money(d.amount),
        status=d.status, earned_at=d.earned_at,
    )  # fmt: skip


def _order_placed(e: ReceivedEvent, d: Any) -> StoreEvent:
    return OrderPlacedEvent(
        **_base(e), order_id=d.order_id, customer_id=d.customer_id, number=d.number,
        status=d.status, total=_money(d.total),
    )  # fmt: skip


def _order_updated(e: ReceivedEvent, d: Any) -> StoreEvent:
    return OrderUpdatedEvent(
        **_base(e), order_id=d.order_id, customer_id=d.customer_id, status=d.status,
        previous_status=d.previous_status,
    )  # fmt: skip


def _order_cancelled(e: ReceivedEvent, d: Any) -> StoreEvent:
    return OrderCancelledEvent(
        **_base(e), order_id=d.order_id, customer_id=d.customer_id, total=_money(d.total)
    )


def _product_fields(d: Any) -> dict[str, Any]:
    return {
        "product_id": d.product_id, "name": d.name, "sku": d.sku, "price": _money(d.price),
        "status": d.status, "stock": d.stock,
    }  # fmt: skip


def _product_created(e: ReceivedEvent, d: Any) -> StoreEvent:
    return ProductCreatedEvent(**_base(e), **_product_fields(d))


def _product_updated(e: ReceivedEvent, d: Any) -> StoreEvent:
    return ProductUpdatedEvent(**_base(e), **_product_fields(d), changed=list(d.changed))


def _customer_registered(e: ReceivedEvent, d: Any) -> StoreEvent:
    return CustomerRegisteredEvent(**_base(e), customer_id=d.customer_id, email=d.email)


def _payment_completed(e: ReceivedEvent, d: Any) -> StoreEvent:
    return PaymentCompletedEvent(
        **_base(e), payment_id=d.payment_id, order_id=d.order_id, customer_id=d.customer_id,
        amount=_money(d.amount),
    )  # fmt: skip


def _inventory_low(e: ReceivedEvent, d: Any) -> StoreEvent:
    return InventoryLowEvent(
        **_base(e), product_id=d.product_id, variant_id=_id(d.variant_id), sku=d.sku,
        stock=d.stock, threshold=d.threshold,
    )  # fmt: skip


CONVERTERS: dict[str, Callable[[ReceivedEvent, Any], StoreEvent]] = {
    "contentSubmitted": _content_submitted,
    "contentApproved": _content_approved,
    "reviewCreated": _review_created,
    "productPurchased": _product_purchased,
    "commissionEarned": _commission_earned,
    "orderPlaced": _order_placed,
    "orderUpdated": _order_updated,
    "orderCancelled": _order_cancelled,
    "productCreated": _product_created,
    "productUpdated": _product_updated,
    "customerRegistered": _customer_registered,
    "paymentCompleted": _payment_completed,
    "inventoryLow": _inventory_low,
}
assert set(CONVERTERS) == {k.field for k in c.EVENT_KINDS}, "every event kind has a type"


def event_type(event: ReceivedEvent) -> StoreEvent:
    """The GraphQL object of a received event."""
    return CONVERTERS[event.kind.field](event, event.data)


TYPES: list[type] = [
    ContentSubmittedEvent, ContentApprovedEvent, ReviewCreatedEvent, ProductPurchasedEvent,
    CommissionEarnedEvent, OrderPlacedEvent, OrderUpdatedEvent, OrderCancelledEvent,
    ProductCreatedEvent, ProductUpdatedEvent, CustomerRegisteredEvent, PaymentCompletedEvent,
    InventoryLowEvent,
]  # fmt: skip
