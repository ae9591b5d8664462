"""The ``Subscription`` root: one field per store event, and ``storeEvents``.

Every field subscribes to the event bus for its kinds and, for each event that
arrives, keeps it only if it matches the field's filters and the caller may hear
it, then starts the event afresh (``GatewayContext.renew``: new loaders and
deadline, so links are read as they are now) and yields its GraphQL type.

Filters take the store's id or the graph's global id of the object. A subscriber
that falls behind (``STOREGRAPH_SUBSCRIPTION_QUEUE_SIZE`` events unread) ends with
a ``SUBSCRIPTION_CLOSED`` error saying so; the others are not slowed by it.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Iterable
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from gateway.events import EVENT_KINDS, EventKind, ReceivedEvent, SubscriptionClosed
from gateway.events.catalog import BY_FIELD, Audience, owner_of
from gateway.state import SubscriberClosed
from schema.events import types as t
from schema.events.audience import check_still_valid, check_subscribe, may_ever_hear, may_hear
from schema.events.audience import requirement as audience_requirement
from schema.ids import decode_id
from schema.permissions import requires

Concern = str
"""What a filter names: ``product``, ``creator``, ``customer``, ``order``, ``content``."""


def _store_id(value: str) -> str:
    """The store id in a filter value: a global id's store part, or the value itself."""
    decoded = decode_id(value)
    return decoded.source_id if decoded else value


def _concerned(event: ReceivedEvent, owner: str | None) -> dict[Concern, set[str]]:
    """The ids of the objects an event is about, by what they are."""
    d = event.data
    ids: dict[Concern, set[str]] = {}
    for concern in ("product", "creator", "customer", "order", "content"):
        value = getattr(d, f"{concern}_id", None)
        ids[concern] = {value} if value else set()
    ids["product"].update(getattr(d, "product_ids", None) or ())
    referrer = getattr(d, "referrer", None)
    if referrer is not None:
        ids["content"].update({referrer.content_id} - {None})
        ids["creator"].update({referrer.creator_id} - {None})
    if owner and event.kind.audience is Audience.CREATOR:
        ids["creator"].add(owner)
    return ids


async def _owner(info: Info, event: ReceivedEvent) -> str | None:
    """Whose the event is; ``content.approved`` names no creator, so its content's."""
    owner = owner_of(event.data)
    content_id = getattr(event.data, "content_id", None)
    if owner is None and event.kind.audience is Audience.CREATOR and content_id:
        content = await t.lookup(info, "CreatorContent", content_id)
        owner = content.creator_id if content is not None else None
    return owner


async def stream(
    info: Info, kinds: Iterable[EventKind], explicit: bool = True, **wanted: Any
) -> AsyncGenerator[t.StoreEvent, None]:
    """The caller's events of ``kinds`` about the ``wanted`` objects, as they arrive."""
    context = info.context
    caller = context.caller
    kinds = list(kinds)
    filters = {k: _store_id(str(v)) for k, v in wanted.items() if v}
    if explicit:
        check_subscribe(caller, kinds, filters)
    else:
        kinds = [k for k in kinds if may_ever_hear(caller, k)]
    subscriber = context.events.subscribe(
        {k.topic for k in kinds}, queue_size=context.settings.subscription_queue_size
    )
    try:
        async for event in subscriber:
            check_still_valid(caller)
            context.renew()
            needs_owner = event.kind.audience is not Audience.PUBLIC or "creator" in filters
            owner = await _owner(info, event) if needs_owner else None
            if not may_hear(caller, event.kind, owner):
                continue
            concerned = _concerned(event, owner)
            if all(value in concerned.get(k, ()) for k, value in filters.items()):
                yield t.event_type(event)
    except SubscriberClosed as closed:
        raise SubscriptionClosed(closed.reason) from None
    finally:
        subscriber.close()


def _kinds(*fields: str) -> list[EventKind]:
    return [BY_FIELD[f] for f in fields]


def _who(field: str) -> Any:
    """The field's ``@requires``: its event kind's audience (``schema.events.audience``);
    per event, delivery narrows further to what the caller may hear."""
    requirement = audience_requirement(BY_FIELD[field])
    if requirement is None:
        raise ValueError(f"everyone hears {field}: it declares no @requires")
    return requires(requirement)


@strawberry.enum(description="The kinds of store event (`storeEvents(types:)`).")
class StoreEventType(Enum):
    _value_: str  # each member's value is the string given to enum_value
    CONTENT_SUBMITTED = strawberry.enum_value(
        "contentSubmitted", description="`content.submitted` (Litestore)."
    )
    CONTENT_APPROVED = strawberry.enum_value(
        "contentApproved", description="`content.approved` (Litestore)."
    )
    REVIEW_CREATED = strawberry.enum_value(
        "reviewCreated", description="`review.created` (Litestore)."
    )
    PRODUCT_PURCHASED = strawberry.enum_value(
        "productPurchased", description="`product.purchased` (Litestore)."
    )
    COMMISSION_EARNED = strawberry.enum_value(
        "commissionEarned", description="`commission.earned` (Litestore)."
    )
    ORDER_PLACED = strawberry.enum_value("orderPlaced", description="`order.placed` (Litekart).")
    ORDER_UPDATED = strawberry.enum_value("orderUpdated", description="`order.updated` (Litekart).")
    ORDER_CANCELLED = strawberry.enum_value(
        "orderCancelled", description="`order.cancelled` (Litekart)."
    )
    PRODUCT_CREATED = strawberry.enum_value(
        "productCreated", description="`product.created` (Litekart)."
    )
    PRODUCT_UPDATED = strawberry.enum_value(
        "productUpdated", description="`product.updated` (Litekart)."
    )
    CUSTOMER_REGISTERED = strawberry.enum_value(
        "customerRegistered", description="`customer.registered` (Litekart)."
    )
    PAYMENT_COMPLETED = strawberry.enum_value(
        "paymentCompleted", description="`payment.completed` (Litekart)."
    )
    INVENTORY_LOW = strawberry.enum_value("inventoryLow", description="`inventory.low` (Litekart).")


assert {e.value for e in StoreEventType} == set(BY_FIELD), "every event kind has an enum value"


def _only(what: str) -> Any:
    return strawberry.argument(description=f"Only events {what} (its store id or global id).")


ID = strawberry.ID
Product = Annotated[ID | None, _only("about this product")]
Creator = Annotated[ID | None, _only("of this creator")]
Customer = Annotated[ID | None, _only("of this customer")]
OrderArg = Annotated[ID | None, _only("about this order")]
Content = Annotated[ID | None, _only("about this content")]
KINDS_WANTED = "The kinds wanted; leave out for every kind you may hear."


@strawberry.type(
    description="Live events from the stores' webhooks, over graphql-transport-ws (websocket) "
    "or graphql-sse (`Accept: text/event-stream`). Each delivers only what the caller may hear."
)
class Subscription:
    @strawberry.subscription(
        description="Content submitted for moderation (creators: their own).",
        extensions=[_who("contentSubmitted")],
    )
    async def content_submitted(
        self, info: Info, creator_id: Creator = None, product_id: Product = None
    ) -> AsyncGenerator[t.ContentSubmittedEvent, None]:
        async for e in stream(
            info, _kinds("contentSubmitted"), creator=creator_id, product=product_id
        ):
            yield e  # type: ignore[misc]

    @strawberry.subscription(
        description="Content approved by a moderator (creators: their own).",
        extensions=[_who("contentApproved")],
    )
    async def content_approved(
        self, info: Info, content_id: Content = None, creator_id: Creator = None
    ) -> AsyncGenerator[t.ContentApprovedEvent, None]:
        async for e in stream(
            info, _kinds("contentApproved"), content=content_id, creator=creator_id
        ):
            yield e  # type: ignore[misc]

    @strawberry.subscription(description="New reviews of Litestore products (public).")
    async def review_created(
        self, info: Info, product_id: Product = None
    ) -> AsyncGenerator[t.ReviewCreatedEvent, None]:
        async for e in stream(info, _kinds("reviewCreated"), product=product_id):
            yield e  # type: ignore[misc]

    @strawberry.subscription(
        description="Litestore purchases (staff; creators: the ones their content referred).",
        extensions=[_who("productPurchased")],
    )
    async def product_purchased(
        self, info: Info, product_id: Product = None, creator_id: Creator = None
    ) -> AsyncGenerator[t.ProductPurchasedEvent, None]:
        async for e in stream(
            info, _kinds("productPurchased"), product=product_id, creator=creator_id
        ):
            yield e  # type: ignore[misc]

    @strawberry.subscription(
        description="Commissions earned (creators: their own).",
        extensions=[_who("commissionEarned")],
    )
    async def commission_earned(
        self, info: Info, creator_id: Creator = None, product_id: Product = None
    ) -> AsyncGenerator[t.CommissionEarnedEvent, None]:
        async for e in stream(
            info, _kinds("commissionEarned"), creator=creator_id, product=product_id
        ):
            yield e  # type: ignore[misc]

    @strawberry.subscription(
        description="New Litekart orders (customers: their own).",
        extensions=[_who("orderPlaced")],
    )
    async def order_placed(
        self, info: Info, customer_id: Customer = None
    ) -> AsyncGenerator[t.OrderPlacedEvent, None]:
        async for e in stream(info, _kinds("orderPlaced"), customer=customer_id):
            yield e  # type: ignore[misc]

    @strawberry.subscription(
        description="Litekart order status changes (customers: their own).",
        extensions=[_who("orderUpdated")],
    )
    async def order_updated(
        self, info: Info, order_id: OrderArg = None, customer_id: Customer = None
    ) -> AsyncGenerator[t.OrderUpdatedEvent, None]:
        async for e in stream(info, _kinds("orderUpdated"), order=order_id, customer=customer_id):
            yield e  # type: ignore[misc]

    @strawberry.subscription(
        description="Cancelled Litekart orders (customers: their own).",
        extensions=[_who("orderCancelled")],
    )
    async def order_cancelled(
        self, info: Info, order_id: OrderArg = None, customer_id: Customer = None
    ) -> AsyncGenerator[t.OrderCancelledEvent, None]:
        async for e in stream(info, _kinds("orderCancelled"), order=order_id, customer=customer_id):
            yield e  # type: ignore[misc]

    @strawberry.subscription(description="Products added to the Litekart catalogue (public).")
    async def product_created(self, info: Info) -> AsyncGenerator[t.ProductCreatedEvent, None]:
        async for e in stream(info, _kinds("productCreated")):
            yield e  # type: ignore[misc]

    @strawberry.subscription(description="Litekart products modified (public).")
    async def product_updated(
        self, info: Info, product_id: Product = None
    ) -> AsyncGenerator[t.ProductUpdatedEvent, None]:
        async for e in stream(info, _kinds("productUpdated"), product=product_id):
            yield e  # type: ignore[misc]

    @strawberry.subscription(
        description="Customers signing up at Litekart (staff; a customer: themself).",
        extensions=[_who("customerRegistered")],
    )
    async def customer_registered(
        self, info: Info, customer_id: Customer = None
    ) -> AsyncGenerator[t.CustomerRegisteredEvent, None]:
        async for e in stream(info, _kinds("customerRegistered"), customer=customer_id):
            yield e  # type: ignore[misc]

    @strawberry.subscription(
        description="Litekart payments (customers: their own).",
        extensions=[_who("paymentCompleted")],
    )
    async def payment_completed(
        self, info: Info, order_id: OrderArg = None, customer_id: Customer = None
    ) -> AsyncGenerator[t.PaymentCompletedEvent, None]:
        async for e in stream(
            info, _kinds("paymentCompleted"), order=order_id, customer=customer_id
        ):
            yield e  # type: ignore[misc]

    @strawberry.subscription(
        description="Litekart stock running low (staff and admins only).",
        extensions=[_who("inventoryLow")],
    )
    async def inventory_low(
        self, info: Info, product_id: Product = None
    ) -> AsyncGenerator[t.InventoryLowEvent, None]:
        async for e in stream(info, _kinds("inventoryLow"), product=product_id):
            yield e  # type: ignore[misc]

    @strawberry.subscription(
        description="Events of several kinds in one subscription (all the caller may hear when "
        "`types` is left out), matching every filter given."
    )
    async def store_events(
        self,
        info: Info,
        types: Annotated[
            list[StoreEventType] | None,
            strawberry.argument(description=KINDS_WANTED),
        ] = None,
        product_id: Product = None,
        creator_id: Creator = None,
        customer_id: Customer = None,
        order_id: OrderArg = None,
        content_id: Content = None,
    ) -> AsyncGenerator[t.StoreEvent, None]:
        kinds = _kinds(*(k.value for k in types)) if types else list(EVENT_KINDS)
        async for e in stream(
            info,
            kinds,
            explicit=bool(types),
            product=product_id,
            creator=creator_id,
            customer=customer_id,
            order=order_id,
            content=content_id,
        ):
            yield e
