"""Deterministic seed data of the Rewards store.

- 64 products (ids 1..64). Ids 1..10 are the shared items of
  ``items_for("rewards")``: variant products (``hasProductVariants: true``)
  with one variant whose ``sku`` is the item's MPN and whose name is the item's
  name, sponsored by the item's brand, in the category named like the item's,
  costing ``price * 100`` Points. The rest: gift cards, experiences, tier
  benefits (Coins), Gems products, multi-variant merchandise.
  Expired: 16, 35, 50. Future start: 22, 57. Out of stock: 19, 42.
  Badge-gated: 13, 26, 33, 45, 59. Unpublished drafts: 30, 61, 64.
  Discounted: every id divisible by 6. Product 31 (hoodie) has an
  out-of-stock variant.
- 11 categories (id 11 is a draft), 3 reward items (1 Points, 2 Coins,
  3 Gems), 9 badges.
- 12 users ``user-001``..``user-012`` (token ``llu_demo_user_001``...): all
  have a Points wallet; users whose number is divisible by 3 have no Coins
  wallet, even-numbered users no Gems wallet; ``user-001`` is rich and holds
  badges 1..8 (not 9), ``user-012`` has 50 Points.
- 160 orders in all four statuses, and a refund for every REFUNDED order.

Everything comes from ``random.Random(SEED)`` and fixed timestamps.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from stores.common.seed import snapshot
from stores.common.shared_items import items_for
from stores.rewards.db import Entity, RewardsDB, User, iso

SEED = 3003
BASE = datetime(2025, 9, 1, 10, 0, tzinfo=UTC)
ORDER_NAMESPACE = uuid.UUID("6f1d9d0e-3b7a-4c55-9d2e-2f0c5b7a1e03")
STARTED = "2025-01-01T00:00:00.000Z"
FUTURE_START = "2030-06-01T00:00:00.000Z"
EXPIRED_AT = "2026-03-31T23:59:59.000Z"
EXPIRY_CHOICES = (None, "2030-12-31T23:59:59.000Z", "2031-06-30T23:59:59.000Z")

POINTS, COINS, GEMS = 1, 2, 3
EXPIRED_IDS = frozenset({16, 35, 50})
FUTURE_IDS = frozenset({22, 57})
OUT_OF_STOCK_IDS = frozenset({19, 42})
BADGE_BY_PRODUCT = {13: 2, 26: 4, 33: 6, 45: 8, 59: 9}
DRAFT_IDS = frozenset({30, 61, 64})
USER_COUNT = 12
ORDER_COUNT = 160

REWARD_ITEMS = (
    ("Points", "reward-item-101"),
    ("Coins", "reward-item-102"),
    ("Gems", "reward-item-103"),
)

# name, description, categorySequence, categoryType, draft
CATEGORIES = (
    ("Electronics", "Electronic devices and accessories", 3, None, False),
    ("Sports", "Gear for training, running and the great outdoors", 5, None, False),
    ("Home", "Comfort and decor for every room", 7, None, False),
    ("Kitchen", "Cookware and tools for home chefs", 6, None, False),
    ("Grocery", "Treats, coffee and tea", 8, None, False),
    ("Toys", "Games and toys for all ages", 9, None, False),
    ("Skincare", "Care and grooming essentials", 4, None, False),
    ("Gift Cards", "Digital gift cards and credits", 1, None, False),
    ("Experiences", "Once-in-a-lifetime moments", 2, None, False),
    ("Tier Benefits", "Perks unlocked by your membership tier", 10, "TIER_BENEFIT", False),
    ("Holiday Specials", "Seasonal rewards, coming soon", 11, None, True),
)

BADGES = (
    ("Rookie", "Joined the community"),
    ("Super Fan", "Attended ten live events"),
    ("Season Ticket Holder", "Held a season ticket"),
    ("Trivia Champ", "Won a trivia round"),
    ("Early Bird", "Checked in before kickoff five times"),
    ("Streak Master", "Played thirty days in a row"),
    ("Top Predictor", "Finished a season in the top 10 of predictions"),
    ("Community Hero", "Helped a hundred fans"),
    ("Legend", "Reached the highest tier"),
)

# name, categories, cost, reward item, variant names (None: no variants)
CATALOGUE: tuple[tuple[str, tuple[str, ...], int, int, tuple[str, ...] | None], ...] = (
    ("$10 Coffee Shop Gift Card", ("Gift Cards",), 1000, POINTS, None),
    ("$25 Bookstore Gift Card", ("Gift Cards",), 2500, POINTS, None),
    ("$50 Grocery Gift Card", ("Gift Cards", "Grocery"), 5000, POINTS, None),
    ("$15 Streaming Credit", ("Gift Cards",), 1500, POINTS, None),
    ("$20 Rideshare Credit", ("Gift Cards",), 2000, POINTS, None),
    ("$100 Travel Voucher", ("Gift Cards",), 10000, POINTS, None),
    ("$30 Cinema Gift Card", ("Gift Cards",), 3000, POINTS, None),
    ("Stadium Behind-the-Scenes Tour", ("Experiences",), 12000, POINTS, None),
    ("Meet the Team Session", ("Experiences",), 50, GEMS, None),
    ("Courtside Seats Upgrade", ("Experiences",), 80, GEMS, None),
    ("Cooking Class for Two", ("Experiences", "Kitchen"), 9000, POINTS, None),
    ("Hot Air Balloon Ride", ("Experiences",), 30000, POINTS, None),
    ("Wine Tasting Evening", ("Experiences",), 8000, POINTS, None),
    ("Sunset Kayak Tour", ("Experiences", "Sports"), 7000, POINTS, None),
    ("Signed Match Ball", ("Experiences", "Sports"), 120, GEMS, None),
    ("Priority Boarding Pass", ("Tier Benefits",), 200, COINS, None),
    ("VIP Lounge Day Pass", ("Tier Benefits",), 350, COINS, None),
    ("Free Shipping for a Year", ("Tier Benefits",), 500, COINS, None),
    ("Double Points Weekend", ("Tier Benefits",), 100, COINS, None),
    ("Birthday Bonus Pack", ("Tier Benefits",), 150, COINS, None),
    ("Team Logo Hoodie", ("Sports",), 4500, POINTS, ("S", "M", "L", "XL")),
    ("Classic Fan T-Shirt", ("Sports",), 2500, POINTS, ("S", "M", "L")),
    ("Embroidered Cap", ("Sports",), 1800, POINTS, ("Navy", "Red", "Black")),
    ("Knit Winter Scarf", ("Sports", "Home"), 1500, POINTS, None),
    ("Wireless Earbuds Lite", ("Electronics",), 6000, POINTS, None),
    ("Smart Home Plug 2-Pack", ("Electronics", "Home"), 2200, POINTS, None),
    ("USB-C Fast Charger 65W", ("Electronics",), 3000, POINTS, None),
    ("Tablet Sleeve 11in", ("Electronics",), 1400, POINTS, None),
    ("Action Camera Mini", ("Electronics",), 15000, POINTS, None),
    ("Scented Soy Candle Trio", ("Home",), 1600, POINTS, None),
    ("Weighted Throw Blanket", ("Home",), 5200, POINTS, None),
    ("Ceramic Plant Pot Set", ("Home",), 1900, POINTS, None),
    ("Photo Frame Collage", ("Home",), 1200, POINTS, None),
    ("French Press 1L", ("Kitchen",), 2600, POINTS, None),
    ("Chef's Apron", ("Kitchen",), 1100, POINTS, None),
    ("Spice Rack Starter Kit", ("Kitchen",), 2100, POINTS, None),
    ("Electric Milk Frother", ("Kitchen",), 1700, POINTS, None),
    ("Artisan Chocolate Box", ("Grocery",), 1300, POINTS, None),
    ("Gourmet Popcorn Sampler", ("Grocery",), 900, POINTS, None),
    ("Cold Brew Concentrate 4-Pack", ("Grocery",), 1500, POINTS, None),
    ("Hot Sauce Trio", ("Grocery",), 1000, POINTS, None),
    ("Puzzle 1000 Pieces", ("Toys",), 1400, POINTS, None),
    ("Remote Control Racer", ("Toys",), 4800, POINTS, None),
    ("Plush Mascot", ("Toys",), 20, GEMS, None),
    ("Board Game Night Pack", ("Toys",), 3500, POINTS, None),
    ("Hydrating Face Mask Set", ("Skincare",), 1800, POINTS, None),
    ("Lip Balm Collection", ("Skincare",), 700, POINTS, None),
    ("Bath Bomb Gift Box", ("Skincare",), 1600, POINTS, None),
    ("Travel Grooming Kit", ("Skincare",), 2400, POINTS, None),
    ("Early Access Pass", ("Tier Benefits",), 250, COINS, None),
    ("Team Water Bottle", ("Sports",), 1200, POINTS, None),
    ("Season Highlights Blu-ray", ("Electronics",), 1600, POINTS, None),
    ("Stadium Parking Pass", ("Tier Benefits",), 300, COINS, None),
    ("Charity Donation $10", ("Gift Cards",), 1000, POINTS, None),
)

SPONSORS = ("Acme Airlines", "Northwind Bank", "Globex Energy", "Initech Mobile")
PROVIDERS = ("METS", "TANGO", "INTERNAL")
REJECT_REASONS = (
    "Inventory provider unavailable",
    "Fraud check failed",
    "Invalid shipping address",
)
REFUND_REASONS = ("Item out of stock at provider", "Customer request", "Delivery failed")


def blocks(*paragraphs: str) -> list[dict[str, Any]]:
    """Strapi rich-text blocks, one paragraph per string."""
    return [
        {"type": "paragraph", "children": [{"type": "text", "text": text}]} for text in paragraphs
    ]


def slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


@snapshot
def build() -> RewardsDB:
    """The seed database (same every call: built once per process, a private copy each)."""
    rng = random.Random(SEED)
    db = RewardsDB()
    db.collections["reward-item"] = _reward_items()
    db.collections["category"] = _categories()
    db.collections["badge"] = _badges()
    db.collections["product"] = _products(rng, db.collections["category"])
    db.users = _users(rng)
    db.collections["order"] = _orders(rng, db)
    db.collections["refund"] = _refunds(db.collections["order"], db.collection("product"))
    return db


def _stamp(offset_hours: float) -> str:
    return iso(BASE + timedelta(hours=offset_hours))


def _reward_items() -> dict[int, Entity]:
    out = {}
    for i, (name, livelike_id) in enumerate(REWARD_ITEMS, start=1):
        created = _stamp(-200 + i)
        out[i] = {
            "id": i,
            "name": name,
            "livelikeRewardItemId": livelike_id,
            "createdAt": created,
            "updatedAt": created,
        }
    return out


def _categories() -> dict[int, Entity]:
    out = {}
    for i, (name, description, sequence, ctype, draft) in enumerate(CATEGORIES, start=1):
        created = _stamp(-100 + i)
        out[i] = {
            "id": i,
            "name": name,
            "description": description,
            "categorySequence": sequence,
            "categoryType": ctype,
            "locale": "en",
            "createdAt": created,
            "updatedAt": created,
            "publishedAt": None if draft else created,
        }
    return out


def _badges() -> dict[int, Entity]:
    return {
        i: {
            "id": i,
            "name": name,
            "description": description,
            "livelikeBadgeId": f"badge-{i:03d}",
            "createdAt": _stamp(-150 + i),
            "updatedAt": _stamp(-150 + i),
        }
        for i, (name, description) in enumerate(BADGES, start=1)
    }


def _templates() -> list[tuple[str, tuple[str, ...], int, int, tuple[str, ...] | None, Any]]:
    shared = [
        (item.name, (item.category,), int(Decimal(item.price) * 100), POINTS, (item.name,), item)
        for item in items_for("rewards")
    ]
    return shared + [(*row, None) for row in CATALOGUE]


def _products(rng: random.Random, categories: dict[int, Entity]) -> dict[int, Entity]:
    category_ids = {c["name"]: c["id"] for c in categories.values()}
    products: dict[int, Entity] = {}
    variant_id = 0
    for pid, (name, cats, cost, item_id, variant_names, shared) in enumerate(_templates(), 1):
        created = BASE + timedelta(hours=7 * pid)
        variants = []
        for v_name in variant_names or ():
            variant_id += 1
            prefix = slug(name).upper()[:12].strip("-")
            sku = shared.mpn if shared else f"{prefix}-{slug(v_name).upper()}"
            stock = rng.randint(5, 60)
            if pid == 31 and v_name == "M":
                stock = 0
            variants.append({"id": variant_id, "sku": sku, "name": v_name, "inventoryCount": stock})
        inventory = sum(v["inventoryCount"] for v in variants) if variants else rng.randint(3, 200)
        if pid in OUT_OF_STOCK_IDS:
            inventory = 0
        discounted = pid % 6 == 0
        if shared:
            sponsor = {
                "id": pid,
                "name": shared.brand,
                "website": f"https://{slug(shared.brand)}.example",
            }
        elif rng.random() < 0.4:
            brand = rng.choice(SPONSORS)
            sponsor = {"id": pid, "name": brand, "website": f"https://{slug(brand)}.example"}
        else:
            sponsor = None
        category = cats[0]
        products[pid] = {
            "id": pid,
            "name": name,
            "description": blocks(
                f"{name}: a reward from our {category} collection.",
                "Redeem with your reward balance; delivery details follow by email.",
            ),
            "maxRedemptionCount": 2 if shared else rng.choice((1, 1, 2, 3, 5, 10)),
            "inventoryCount": inventory,
            "inventoryProvider": rng.choice(PROVIDERS),
            "startAt": FUTURE_START if pid in FUTURE_IDS else rng.choice((STARTED, STARTED, None)),
            "expiryAt": EXPIRED_AT if pid in EXPIRED_IDS else rng.choice(EXPIRY_CHOICES),
            "hasProductVariants": bool(variants),
            "redemptionSuccessMessage": blocks(f"Enjoy your {name}! Check your inbox for details."),
            "redemptionFailureMessage": (
                blocks(f"We could not redeem {name}. Your balance was not charged.")
                if rng.random() < 0.7
                else None
            ),
            "createdAt": iso(created),
            "updatedAt": iso(created + timedelta(hours=rng.randint(1, 48))),
            "publishedAt": None if pid in DRAFT_IDS else iso(created + timedelta(hours=1)),
            "productImage": {
                "id": pid,
                "name": f"product_{pid}.jpg",
                "alternativeText": name,
                "width": 800,
                "height": 800,
                "mime": "image/jpeg",
                "url": f"/uploads/product_{pid}.jpg",
            },
            "categories": [category_ids[c] for c in cats],
            "reward": {
                "id": pid,
                "rewardItemCost": cost,
                "hasDiscountedCost": discounted,
                "rewardItemDiscountedCost": cost * 8 // 10 if discounted else None,
                "rewardItem": item_id,
            },
            "rewardItem": item_id,
            "badge": BADGE_BY_PRODUCT.get(pid),
            "variants": variants,
            "sponsor": sponsor,
        }
    return products


def _users(rng: random.Random) -> dict[str, User]:
    users = {}
    for n in range(1, USER_COUNT + 1):
        wallets = {POINTS: rng.randint(1000, 60000)}
        if n % 3:
            wallets[COINS] = rng.randint(100, 3000)
        if n % 2:
            wallets[GEMS] = rng.randint(10, 500)
        badges = {b for b in range(1, len(BADGES) + 1) if rng.random() < 0.35}
        if n == 1:
            wallets = {POINTS: 250_000, COINS: 5_000, GEMS: 300}
            badges = set(range(1, 9))
        if n == USER_COUNT:
            wallets[POINTS] = 50
        user_id = f"user-{n:03d}"
        users[user_id] = User(user_id, f"llu_demo_user_{n:03d}", f"member-{n:03d}", wallets, badges)
    return users


def unit_cost(product: Entity) -> int:
    """What one unit costs: the discounted cost when the product has one."""
    reward = product["reward"]
    if reward["hasDiscountedCost"] and reward["rewardItemDiscountedCost"] is not None:
        return int(reward["rewardItemDiscountedCost"])
    return int(reward["rewardItemCost"])


def _orders(rng: random.Random, db: RewardsDB) -> dict[int, Entity]:
    products = [
        p
        for p in db.collection("product").values()
        if p["publishedAt"] is not None and p["startAt"] != FUTURE_START
    ]
    items = db.collection("reward-item")
    user_ids = sorted(db.users)
    redeemed: dict[tuple[str, int], int] = {}
    orders: dict[int, Entity] = {}
    moment = BASE
    while len(orders) < ORDER_COUNT:
        moment += timedelta(minutes=rng.randint(20, 900))
        user = db.users[rng.choice(user_ids)]
        product = rng.choice(products)
        quantity = 1 if rng.random() < 0.8 else 2
        status = rng.choices(
            ("FULFILLED", "PENDING", "REJECTED", "REFUNDED"), weights=(60, 12, 15, 13)
        )[0]
        key = (user.livelike_user_id, product["id"])
        if product["reward"]["rewardItem"] not in user.wallets or (
            product["badge"] is not None and product["badge"] not in user.badges
        ):
            continue
        if status != "REJECTED":
            if redeemed.get(key, 0) + quantity > product["maxRedemptionCount"]:
                continue
            redeemed[key] = redeemed.get(key, 0) + quantity
        oid = len(orders) + 1
        sku = rng.choice(product["variants"])["sku"] if product["variants"] else None
        reason = None
        if status == "REJECTED":
            reason = rng.choice(REJECT_REASONS)
        elif status == "REFUNDED":
            reason = rng.choice(REFUND_REASONS)
        orders[oid] = new_order(
            oid,
            user,
            product,
            items[product["reward"]["rewardItem"]]["livelikeRewardItemId"],
            quantity=quantity,
            sku=sku,
            status=status,
            reason=reason,
            at=iso(moment),
        )
    return orders


def new_order(
    oid: int,
    user: User,
    product: Entity,
    reward_item_id: str,
    *,
    quantity: int,
    sku: str | None,
    status: str,
    reason: str | None,
    at: str,
) -> Entity:
    """An order record as the store keeps it (seed and ``POST /api/redeem``)."""
    return {
        "id": oid,
        "transactionId": str(uuid.uuid5(ORDER_NAMESPACE, f"order-{oid}")),
        "livelikeUserId": user.livelike_user_id,
        "customId": user.custom_id,
        "status": status,
        "quantity": quantity,
        "totalRewardItemAmount": unit_cost(product) * quantity,
        "totalBaseRewardItemAmount": int(product["reward"]["rewardItemCost"]) * quantity,
        "rewardItemId": reward_item_id,
        "inventoryProvider": product["inventoryProvider"],
        "orderRequestedAt": at,
        "expiryAt": product["expiryAt"],
        "sku": sku,
        "reason": reason,
        "referenceId": f"ref-{oid:06d}",
        "createdAt": at,
        "updatedAt": at,
        "product": product["id"],
    }


def _refunds(orders: dict[int, Entity], products: dict[int, Entity]) -> dict[int, Entity]:
    refunds: dict[int, Entity] = {}
    for order in orders.values():
        if order["status"] != "REFUNDED":
            continue
        rid = len(refunds) + 1
        at = iso(datetime.fromisoformat(order["orderRequestedAt"]) + timedelta(days=2))
        refunds[rid] = {
            "id": rid,
            "livelikeUserId": order["livelikeUserId"],
            "rewardItemId": order["rewardItemId"],
            "productName": products[order["product"]]["name"],
            "inventoryProvider": order["inventoryProvider"],
            "amount": order["totalRewardItemAmount"],
            "quantity": order["quantity"],
            "sku": order["sku"],
            "reason": order["reason"],
            "createdAt": at,
            "updatedAt": at,
            "order": order["id"],
        }
    return refunds
