"""Every webhook event the stores document, declared once.

An :class:`EventKind` says, for one store event (``order.placed`` of Litekart…):

- ``field``: the GraphQL subscription that carries it (``orderPlaced``);
- ``data``: the pydantic model its ``data`` must match (the ids it concerns are
  required and must be plain ids, the rest optional; unknown keys are ignored);
- ``invalidates``: the cache targets it makes stale, from its data
  (:meth:`gateway.cache.ResponseCache.drop`: ``/path`` that path's lists, ``/path*``
  it and everything below, or a tag; ids put in with ``gateway.paths``);
- ``audience``: who may hear it besides ``admin``/``staff`` (who hear every event):
  ``PUBLIC`` (catalogue events: everyone), ``STAFF`` (store operations: no one
  else), ``CUSTOMER`` (the Litekart customer :func:`owner_of` names), ``CREATOR``
  (the creator :func:`owner_of` names; ``content.approved`` names none, so the
  subscription looks the content's creator up).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints
from pydantic.alias_generators import to_camel

from gateway.paths import SLUG, upstream_path
from gateway.sources import Source

StoreId = Annotated[
    str,
    StringConstraints(
        min_length=1, max_length=SLUG.max_length, pattern=rf"^{SLUG.pattern.pattern}$"
    ),
]
"""A Litestore or Litekart id: the stores' id format (``gateway.paths.SLUG``)."""
Text = Annotated[str, StringConstraints(max_length=1000)]


class Audience(Enum):
    """Who may hear an event besides ``admin``/``staff``, who hear every event."""

    PUBLIC = "public"
    STAFF = "staff"
    CUSTOMER = "customer"
    CREATOR = "creator"


class EventData(BaseModel):
    """The base of every event's ``data``: camelCase on the wire, unknown keys ignored."""

    model_config = ConfigDict(
        extra="ignore", frozen=True, alias_generator=to_camel, populate_by_name=True
    )


# ---------------------------------------------------------------- Litestore


class ContentSubmittedData(EventData):
    content_id: StoreId
    creator_id: StoreId
    product_ids: list[StoreId] = []
    status: Text | None = None
    submitted_at: datetime | None = None


class ContentApprovedData(EventData):
    content_id: StoreId
    approved_by: Text | None = None
    approved_at: datetime | None = None
    commission: Decimal | None = None


class ReviewCreatedData(EventData):
    review_id: StoreId
    product_id: StoreId
    rating: int | None = None
    verified: bool | None = None
    created_at: datetime | None = None


class Referrer(EventData):
    type: Text | None = None
    content_id: StoreId | None = None
    creator_id: StoreId | None = None


class ProductPurchasedData(EventData):
    order_id: StoreId
    product_id: StoreId
    quantity: int | None = None
    revenue: Decimal | None = None
    referrer: Referrer | None = None
    purchased_at: datetime | None = None


class CommissionEarnedData(EventData):
    commission_id: StoreId
    creator_id: StoreId
    content_id: StoreId | None = None
    product_id: StoreId | None = None
    amount: Decimal | None = None
    status: Text | None = None
    earned_at: datetime | None = None


# ---------------------------------------------------------------- Litekart


class OrderPlacedData(EventData):
    order_id: StoreId
    customer_id: StoreId
    total: Decimal | None = None
    number: Text | None = None
    status: Text | None = None


class OrderUpdatedData(EventData):
    order_id: StoreId
    customer_id: StoreId
    status: Text | None = None
    previous_status: Text | None = None


class OrderCancelledData(EventData):
    order_id: StoreId
    customer_id: StoreId
    total: Decimal | None = None


class ProductChangedData(EventData):
    product_id: StoreId
    name: Text | None = None
    sku: Text | None = None
    price: Decimal | None = None
    status: Text | None = None
    stock: int | None = None
    changed: list[Text] = []


class CustomerRegisteredData(EventData):
    customer_id: StoreId
    email: Text | None = None


class PaymentCompletedData(EventData):
    payment_id: StoreId
    order_id: StoreId
    customer_id: StoreId
    amount: Decimal | None = None


class InventoryLowData(EventData):
    product_id: StoreId
    variant_id: StoreId | None = None
    sku: Text | None = None
    stock: int | None = None
    threshold: int | None = None


# ---------------------------------------------------------------- the declarations

LS, LK = Source.LITESTORE, Source.LITEKART

Invalidates = Callable[[EventData], tuple[str, ...]]


@dataclass(frozen=True)
class EventKind:
    """One documented webhook event of one store."""

    source: Source
    name: str
    field: str
    data: type[EventData]
    audience: Audience
    invalidates: Invalidates
    description: str

    @property
    def topic(self) -> str:
        return topic(self.source, self.name)


def topic(source: Source, name: str) -> str:
    """The bus topic of a store's event: ``litekart.order.placed``."""
    return f"{source.value}.{name}"


def _under(source: Source, template: str, *ids: str) -> str:
    """``template``'s path with ``ids`` put in as the resolvers do, and everything below."""
    return upstream_path(source, template, *ids) + "*"


def _order_targets(d: EventData) -> tuple[str, ...]:
    assert isinstance(d, OrderUpdatedData | OrderCancelledData | OrderPlacedData)
    return (
        _under(LK, "/api/orders/{}", d.order_id),
        "/api/orders",
        _under(LK, "/api/customers/{}", d.customer_id),
        "/api/customers",
        "/api/payments*",
    )


def _product_targets(d: EventData) -> tuple[str, ...]:
    assert isinstance(d, ProductChangedData | InventoryLowData)
    return (_under(LK, "/api/products/{}", d.product_id), "/api/products")


def _litestore_content(d: EventData) -> tuple[str, ...]:
    assert isinstance(d, ContentSubmittedData | ContentApprovedData)
    return ("/api/creators/content", "/api/analytics/creators*")


def _review(d: EventData) -> tuple[str, ...]:
    assert isinstance(d, ReviewCreatedData)
    return (_under(LS, "/api/products/{}", d.product_id), "/api/products")


def _purchase(d: EventData) -> tuple[str, ...]:
    assert isinstance(d, ProductPurchasedData)
    return (_under(LS, "/api/analytics/products/{}", d.product_id),)


def _commission(d: EventData) -> tuple[str, ...]:
    assert isinstance(d, CommissionEarnedData)
    return (_under(LS, "/api/analytics/creators/{}", d.creator_id), "/api/creators/content")


def _new_customer(_: EventData) -> tuple[str, ...]:
    return ("/api/customers",)


def _new_product(_: EventData) -> tuple[str, ...]:
    return ("/api/products",)


def _payment(d: EventData) -> tuple[str, ...]:
    assert isinstance(d, PaymentCompletedData)
    return (
        _under(LK, "/api/payments/{}", d.payment_id),
        "/api/payments",
        _under(LK, "/api/orders/{}", d.order_id),
        "/api/orders",
        _under(LK, "/api/customers/{}", d.customer_id),
        "/api/customers",
    )


def _placed(d: EventData) -> tuple[str, ...]:
    # stock of the ordered products changed; the event does not say which
    return (*_order_targets(d), "/api/products*")


def _cancelled(d: EventData) -> tuple[str, ...]:
    return (*_order_targets(d), "/api/products*")  # stock back


EVENT_KINDS: tuple[EventKind, ...] = (
    EventKind(LS, "content.submitted", "contentSubmitted", ContentSubmittedData,
              Audience.CREATOR, _litestore_content,
              "A creator submitted content for moderation."),
    EventKind(LS, "content.approved", "contentApproved", ContentApprovedData,
              Audience.CREATOR, _litestore_content,
              "A moderator approved a creator's content."),
    EventKind(LS, "review.created", "reviewCreated", ReviewCreatedData,
              Audience.PUBLIC, _review,
              "A shopper reviewed a Litestore product."),
    EventKind(LS, "product.purchased", "productPurchased", ProductPurchasedData,
              Audience.CREATOR, _purchase,
              "A Litestore product was bought (with the creator content that referred it)."),
    EventKind(LS, "commission.earned", "commissionEarned", CommissionEarnedData,
              Audience.CREATOR, _commission,
              "A creator earned commission on a referred purchase."),
    EventKind(LK, "order.placed", "orderPlaced", OrderPlacedData,
              Audience.CUSTOMER, _placed,
              "A customer placed a Litekart order."),
    EventKind(LK, "order.updated", "orderUpdated", OrderUpdatedData,
              Audience.CUSTOMER, _order_targets,
              "A Litekart order's status changed."),
    EventKind(LK, "order.cancelled", "orderCancelled", OrderCancelledData,
              Audience.CUSTOMER, _cancelled,
              "A Litekart order was cancelled."),
    EventKind(LK, "product.created", "productCreated", ProductChangedData,
              Audience.PUBLIC, _new_product,
              "A product was added to the Litekart catalogue."),
    EventKind(LK, "product.updated", "productUpdated", ProductChangedData,
              Audience.PUBLIC, _product_targets,
              "A Litekart product was modified."),
    EventKind(LK, "customer.registered", "customerRegistered", CustomerRegisteredData,
              Audience.CUSTOMER, _new_customer,
              "A customer signed up at Litekart."),
    EventKind(LK, "payment.completed", "paymentCompleted", PaymentCompletedData,
              Audience.CUSTOMER, _payment,
              "A Litekart order was paid."),
    EventKind(LK, "inventory.low", "inventoryLow", InventoryLowData,
              Audience.STAFF, _product_targets,
              "A Litekart product's (or variant's) stock fell below the store's threshold."),
)  # fmt: skip

WEBHOOK_SOURCES: tuple[Source, ...] = (LS, LK)
"""The stores that send webhooks."""

_BY_NAME = {(k.source, k.name): k for k in EVENT_KINDS}
BY_FIELD = {k.field: k for k in EVENT_KINDS}


def owner_of(data: EventData) -> str | None:
    """The customer or creator an event belongs to, when its data says so."""
    for name in ("customer_id", "creator_id"):
        value = getattr(data, name, None)
        if value:
            return str(value)
    referrer = getattr(data, "referrer", None)
    return referrer.creator_id if isinstance(referrer, Referrer) else None


def kind_of(source: Source, name: str) -> EventKind | None:
    """The declaration of ``source``'s event ``name`` (``None``: not one it documents)."""
    return _BY_NAME.get((source, name))
