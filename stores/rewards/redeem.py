"""``POST /api/redeem``: the body, the checks in their documented order, and
the write.

Checks run in the order of the seed's numbered "Validation Checks", with the
codes the seed lists but does not place put where they are first needed:

1. 40001 ``productId`` missing (absent or null).
2. 40002 invalid product: unknown id, an unpublished draft, or ``startAt`` in
   the future ("exists and is available").
3. 40010 the user has no wallet for the product's reward item (the balance
   must be read before it can be compared).
4. 40003 insufficient points: ``userRewardBalance`` < ``productRewardItemCost``
   (the unit cost — the discounted one when ``hasDiscountedCost`` — times
   ``quantity``).
5. 40004 insufficient product inventory (``inventoryCount`` < ``quantity``;
   for variant products the product count is the sum of its variants).
6. 40005 max redemption count reached: the quantities of the user's orders of
   this product that are not REJECTED, plus ``quantity``, exceed
   ``maxRedemptionCount``.
7. 40006 expired (``expiryAt`` ≤ now).
8. 40007 required badge not earned.
9. The variant ("exists, if SKU provided"): 40011 ``sku`` missing for a
   variant product; 40012 ``sku`` not among the product's variants (also any
   ``sku`` sent for a product without variants); 40004 when that variant's own
   ``inventoryCount`` < ``quantity``.

Every failure is 400 BadRequestError with ``details.errorCode`` and changes
nothing. Success decrements the product's (and the variant's) inventory,
debits the wallet, records a FULFILLED order and answers 200 with the seed's
``{"order": {...}, "userRewardPoints": {...}}``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from stores.common import StoreError
from stores.rewards.data import new_order, unit_cost
from stores.rewards.db import Entity, RewardsDB, User, iso
from stores.rewards.filters import parse_datetime

MAX_QUANTITY = 100


class RedeemRequest(BaseModel):
    """The redeem body: ``productId`` (integer), ``quantity`` (1..100), ``sku``."""

    model_config = ConfigDict(extra="forbid")

    productId: StrictInt | StrictStr | None = None
    quantity: StrictInt = Field(1, ge=1, le=MAX_QUANTITY)
    sku: StrictStr | None = Field(None, min_length=1, max_length=100)


def redeem_error(code: str, message: str, **context: Any) -> StoreError:
    return StoreError(400, code, message, {"errorCode": code, **context})


def redeem(db: RewardsDB, user: User, body: RedeemRequest | None) -> dict[str, Any]:
    """Run every check, then (only then) apply the redemption."""
    now = datetime.now(UTC)
    if body is None or body.productId is None:
        raise redeem_error("40001", "Product ID is required")
    quantity = body.quantity
    product = _available_product(db, body.productId, now)
    item = db.collection("reward-item")[product["reward"]["rewardItem"]]
    balance = user.wallets.get(item["id"])
    if balance is None:
        raise redeem_error(
            "40010",
            "Failed to get user reward points",
            rewardItemId=item["livelikeRewardItemId"],
        )
    cost = unit_cost(product) * quantity
    if balance < cost:
        raise redeem_error(
            "40003",
            "Insufficient reward points",
            userRewardBalance=balance,
            productRewardItemCost=cost,
        )
    if product["inventoryCount"] < quantity:
        raise _no_inventory(product["inventoryCount"], quantity)
    redeemed = sum(
        o["quantity"]
        for o in db.collection("order").values()
        if o["livelikeUserId"] == user.livelike_user_id
        and o["product"] == product["id"]
        and o["status"] != "REJECTED"
    )
    if redeemed + quantity > product["maxRedemptionCount"]:
        raise redeem_error(
            "40005",
            "Maximum redemption limit reached",
            maxRedemptionCount=product["maxRedemptionCount"],
            redeemedCount=redeemed,
        )
    if product["expiryAt"] is not None and parse_datetime(product["expiryAt"]) <= now:
        raise redeem_error("40006", "Product has expired", expiryAt=product["expiryAt"])
    if product["badge"] is not None and product["badge"] not in user.badges:
        badge = db.collection("badge")[product["badge"]]
        raise redeem_error(
            "40007",
            "Required badge not earned",
            badgeId=badge["id"],
            livelikeBadgeId=badge["livelikeBadgeId"],
        )
    variant = _variant(product, body.sku, quantity)
    return _apply(db, user, product, variant, item, quantity, cost, now)


def _available_product(db: RewardsDB, raw: int | str, now: datetime) -> Entity:
    pid = raw if isinstance(raw, int) else int(raw) if raw.isdigit() else None
    product = db.collection("product").get(pid) if pid is not None else None
    if (
        product is None
        or product["publishedAt"] is None
        or (product["startAt"] is not None and parse_datetime(product["startAt"]) > now)
    ):
        raise redeem_error("40002", "Invalid product ID", productId=raw)
    return product


def _no_inventory(available: int, quantity: int, sku: str | None = None) -> StoreError:
    extra = {"sku": sku} if sku else {}
    return redeem_error(
        "40004",
        "Insufficient product inventory",
        inventoryCount=available,
        quantity=quantity,
        **extra,
    )


def _variant(product: Entity, sku: str | None, quantity: int) -> Entity | None:
    if not product["hasProductVariants"]:
        if sku is not None:
            raise redeem_error("40012", "Product variant not found", sku=sku)
        return None
    if sku is None:
        raise redeem_error("40011", "Product variant SKU is required")
    variant = next((v for v in product["variants"] if v["sku"] == sku), None)
    if variant is None:
        raise redeem_error("40012", "Product variant not found", sku=sku)
    if variant["inventoryCount"] < quantity:
        raise _no_inventory(variant["inventoryCount"], quantity, sku)
    return variant


def _apply(
    db: RewardsDB,
    user: User,
    product: Entity,
    variant: Entity | None,
    item: Entity,
    quantity: int,
    cost: int,
    now: datetime,
) -> dict[str, Any]:
    stamp = iso(now)
    product["inventoryCount"] -= quantity
    product["updatedAt"] = stamp
    if variant is not None:
        variant["inventoryCount"] -= quantity
    user.wallets[item["id"]] -= cost
    oid = db.next_id("order")
    order = new_order(
        oid,
        user,
        product,
        item["livelikeRewardItemId"],
        quantity=quantity,
        sku=variant["sku"] if variant else None,
        status="FULFILLED",
        reason=None,
        at=stamp,
    )
    db.collection("order")[oid] = order
    return {
        "order": {
            "id": oid,
            "transactionId": order["transactionId"],
            "status": order["status"],
            "quantity": quantity,
            "totalRewardItemAmount": order["totalRewardItemAmount"],
            "orderRequestedAt": stamp,
            "sku": order["sku"],
            "product": {
                "id": product["id"],
                "name": product["name"],
                "inventoryCount": product["inventoryCount"],
            },
        },
        "userRewardPoints": {
            "currentBalance": user.wallets[item["id"]],
            "rewardItemId": item["livelikeRewardItemId"],
        },
    }
