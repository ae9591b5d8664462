"""Rewards' one write (seed ``003``): ``POST /api/redeem`` as ``redeemReward``.

The caller's ``livelike-user-token`` is forwarded beside the gateway's store token;
the store checks the points, stock, limits, expiry, badges and variants, and each of
its refusal codes (``details.errorCode`` 40001-40012) becomes a stable user error
code on the input field at fault. A redemption drops the caller's cached orders and
refunds, the redeemed product's by-id reads and the product lists.
"""

from __future__ import annotations

from typing import Any

import strawberry

from gateway.sources import Source
from gateway.writes.spec import Access, Call, Field, Naming, Result, Write
from resolvers import rewards as fetch
from schema.rewards import RewardOrder
from schema.writes.kit import returned

SOURCE = Source.REWARDS
MAX_QUANTITY = 100
"""The store takes 1..100 per redemption."""

REDEEM_ERRORS: dict[str, tuple[str, str | None]] = {
    # the store's details.errorCode: (our stable code, the input field at fault)
    "40001": ("PRODUCT_ID_MISSING", "productId"),
    "40002": ("INVALID_PRODUCT", "productId"),
    "40003": ("INSUFFICIENT_POINTS", "quantity"),
    "40004": ("OUT_OF_STOCK", "quantity"),
    "40005": ("REDEMPTION_LIMIT_REACHED", "quantity"),
    "40006": ("EXPIRED", "productId"),
    "40007": ("BADGE_REQUIRED", "productId"),
    "40010": ("NO_BALANCE", "productId"),
    "40011": ("SKU_REQUIRED", "sku"),
    "40012": ("VARIANT_NOT_FOUND", "sku"),
}


@strawberry.type(
    description="The caller's balance in a reward item, as the store reported it after a "
    "redemption. The store has no endpoint that reads a balance: a redemption's answer is "
    "the only place the graph sees one."
)
class RewardBalance:
    current_balance: int = strawberry.field(description="Points left after the redemption.")
    reward_item_id: str | None = strawberry.field(
        description="The reward item (currency) the balance is in."
    )


def _order_from_redeem(order: dict[str, Any]) -> RewardOrder:
    product = order.get("product") or {}
    entity = {
        "id": order["id"],
        "attributes": {
            **{k: v for k, v in order.items() if k not in ("id", "product")},
            "product": {"data": {"id": product.get("id"), "attributes": product}}
            if product
            else {"data": None},
        },
    }
    return RewardOrder.from_json(entity)


def _balance(call: Call, context: Any) -> RewardBalance | None:
    points = (call.body or {}).get("userRewardPoints") or {}
    if not points:
        return None
    return RewardBalance(
        current_balance=points.get("currentBalance", 0),
        reward_item_id=points.get("rewardItemId"),
    )


def _stale_tags(context: Any, call: Call) -> list[str]:
    return [
        fetch.user_tag(context.caller.rewards_user.token),
        fetch.product_tag(call.values["productId"]),
        fetch.PRODUCT_LISTS_TAG,
    ]


def _body(values: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = {"productId": int(values["productId"])}
    body["quantity"] = values.get("quantity", 1)
    if values.get("sku") is not None:
        body["sku"] = values["sku"]
    return body


WRITES: tuple[Write, ...] = (
    Write(
        name="redeemReward",
        description="Redeem a reward for the caller (`livelike-user-token`). The store's "
        "refusals (points, stock, limits, expiry, badges, variants) come back as userErrors.",
        source=SOURCE,
        method="POST",
        path="/api/redeem",
        naming=Naming.CAMEL,
        fields=(
            Field(
                "productId",
                str,
                "The reward product to redeem.",
                required=True,
                id_of=("RewardProduct",),
                code="INVALID_PRODUCT",
                message="Unknown reward product.",
            ),
            Field(
                "quantity",
                int,
                "How many.",
                default=1,
                ge=1,
                le=MAX_QUANTITY,
                code="INVALID_QUANTITY",
                message=f"Quantity must be between 1 and {MAX_QUANTITY}.",
            ),
            Field(
                "sku",
                str,
                "The variant's SKU, for products with variants.",
                min_length=1,
                max_length=100,
            ),
        ),
        results=(
            returned("order", RewardOrder, _order_from_redeem, "The order the redemption made."),
            Result("balance", RewardBalance, "The caller's balance after it.", _balance),
        ),
        access=Access.of(viewer=[SOURCE]),
        body=_body,
        tags=_stale_tags,
        codes=REDEEM_ERRORS,
        unwrap=lambda body: body["order"],
    ),
)
