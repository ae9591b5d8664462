"""Deterministic seed data for Litekart.

Built from ``random.Random(SEED)`` and fixed base timestamps (never ``now()``):
18 categories in a tree, 17 brands, 220 products (the 20 shared items of
``items_for("litekart")`` first, carrying ``sku`` = MPN and ``barcode`` = GTIN),
120 customers, 520 orders with their payments, coupons (percent and fixed, some
expired or inactive), five admin/vendor users and the store settings.
"""

from __future__ import annotations

import hashlib
import random
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from stores.common.seed import snapshot
from stores.common.shared_items import items_for
from stores.litekart.pricing import dec, line, money, totals

SEED = 1_001
BASE = datetime(2025, 1, 1, tzinfo=UTC)
DEMO_PASSWORD = "password123"

Row = dict[str, Any]

# (name, parent name or None)
CATEGORIES: tuple[tuple[str, str | None], ...] = (
    ("Electronics", None),
    ("Home", None),
    ("Kitchen", None),
    ("Sports", None),
    ("Skincare", None),
    ("Grocery", None),
    ("Toys", None),
    ("Audio", "Electronics"),
    ("Wearables", "Electronics"),
    ("Computer Accessories", "Electronics"),
    ("Bedding", "Home"),
    ("Bath", "Home"),
    ("Cookware", "Kitchen"),
    ("Coffee & Tea", "Grocery"),
    ("Running", "Sports"),
    ("Yoga", "Sports"),
    ("Outdoor", "Sports"),
    ("Board Games", "Toys"),
)

BRANDS: tuple[tuple[str, str], ...] = (
    ("Sonora", "Audio gear tuned in Copenhagen."),
    ("Lumière", "Clean skincare from Lyon."),
    ("Stride", "Running and trail equipment."),
    ("Kyoto Leaf", "Japanese teas, sourced direct."),
    ("Forge & Co", "Cookware built to last generations."),
    ("Tempo", "Wearables for everyday training."),
    ("Nestwell", "Soft goods for calmer homes."),
    ("Brewhaus", "Coffee gear and roasted beans."),
    ("Keyforge", "Keyboards and desk accessories."),
    ("Asana", "Yoga props from natural materials."),
    ("Playmade", "Wooden and building toys."),
    ("Northpeak", "Outdoor apparel and camping kit."),
    ("Verdant", "Plant-based pantry staples."),
    ("Halcyon", "Bath and bedding essentials."),
    ("Pixelwave", "Affordable consumer electronics."),
    ("Oakline", "Kitchen tools in hardwood and steel."),
    ("Urbanist", "Compact gear for small spaces."),
)

# Leaf category → (brands, nouns)
CATALOGUE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Audio": (("Sonora", "Pixelwave"), ("Earbuds", "Soundbar", "Headphones", "Speaker", "DAC")),
    "Wearables": (("Tempo", "Pixelwave"), ("Fitness Band", "Smart Watch", "Sleep Tracker")),
    "Computer Accessories": (
        ("Keyforge", "Pixelwave", "Urbanist"),
        ("Keyboard", "Mouse", "USB-C Hub", "Monitor Stand", "Desk Mat"),
    ),
    "Bedding": (("Nestwell", "Halcyon"), ("Duvet", "Pillow", "Sheet Set", "Throw Blanket")),
    "Bath": (("Halcyon", "Nestwell"), ("Towel Set", "Bath Mat", "Bathrobe", "Shower Caddy")),
    "Cookware": (("Forge & Co", "Oakline"), ("Skillet", "Dutch Oven", "Saucepan", "Wok")),
    "Kitchen": (("Oakline", "Urbanist"), ("Cutting Board", "Knife Block", "Spice Rack")),
    "Coffee & Tea": (("Brewhaus", "Kyoto Leaf"), ("Espresso Beans", "Loose Leaf Tea", "Grinder")),
    "Grocery": (("Verdant", "Kyoto Leaf"), ("Granola", "Olive Oil", "Nut Butter", "Pasta")),
    "Running": (("Stride", "Tempo"), ("Running Shoes", "Running Vest", "Water Bottle")),
    "Yoga": (("Asana",), ("Yoga Mat", "Yoga Block", "Yoga Strap", "Meditation Cushion")),
    "Outdoor": (("Northpeak", "Stride"), ("Tent", "Sleeping Bag", "Headlamp", "Daypack")),
    "Skincare": (("Lumière",), ("Cleanser", "Serum", "Moisturiser", "Face Mask", "Toner")),
    "Toys": (("Playmade",), ("Puzzle", "Stacking Blocks", "Kite", "Puppet")),
    "Board Games": (("Playmade", "Urbanist"), ("Strategy Game", "Card Game", "Trivia Game")),
}

ADJECTIVES = (
    "Classic",
    "Essential",
    "Pro",
    "Compact",
    "Deluxe",
    "Everyday",
    "Premium",
    "Lite",
    "Ultra",
    "Signature",
    "Heritage",
    "Nordic",
    "Studio",
    "Urban",
    "Trail",
    "Organic",
)

VARIANT_SETS = (
    ("Small", "Medium", "Large"),
    ("Black", "White", "Slate"),
    ("250g", "500g", "1kg"),
    ("Standard", "XL"),
)

FIRST_NAMES = (
    "Olivia",
    "Liam",
    "Emma",
    "Noah",
    "Ava",
    "Ethan",
    "Sophia",
    "Lucas",
    "Mia",
    "Mason",
    "Isabella",
    "Logan",
    "Amelia",
    "James",
    "Harper",
    "Elijah",
    "Evelyn",
    "Aiden",
    "Abigail",
    "Jackson",
    "Emily",
    "Sebastian",
    "Ella",
    "Mateo",
    "Chloe",
    "Leo",
    "Grace",
    "Owen",
)
LAST_NAMES = (
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Martinez",
    "Lopez",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Clark",
    "Lewis",
    "Walker",
    "Young",
    "King",
    "Wright",
    "Scott",
    "Green",
    "Baker",
    "Hill",
)
CITIES = (
    ("Portland", "OR", "97205"),
    ("Austin", "TX", "78701"),
    ("Denver", "CO", "80202"),
    ("Chicago", "IL", "60601"),
    ("Boston", "MA", "02108"),
    ("Seattle", "WA", "98101"),
    ("Atlanta", "GA", "30303"),
    ("Madison", "WI", "53703"),
    ("Phoenix", "AZ", "85004"),
)
STREETS = ("Oak St", "Maple Ave", "Pine Rd", "Cedar Ln", "Elm St", "Birch Blvd", "Lake Dr")

ORDER_STATUSES = (
    ("pending_payment", 8),
    ("paid", 12),
    ("processing", 12),
    ("shipped", 18),
    ("completed", 40),
    ("cancelled", 6),
    ("refunded", 4),
)
SPENDING_STATUSES = frozenset({"paid", "processing", "shipped", "completed"})
PAID_STATUSES = SPENDING_STATUSES | {"refunded"}

SETTINGS: Row = {
    "store_name": "Litekart Demo Store",
    "store_email": "support@litekart.test",
    "currency": "USD",
    "timezone": "UTC",
    "tax_rate": 0.08,
    "shipping_flat_rate": 5.99,
    "free_shipping_threshold": 75.0,
    "low_stock_threshold": 5,
    "allow_guest_checkout": False,
    "updated_at": "2025-01-01T00:00:00Z",
}


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def slugify(text: str) -> str:
    text = text.lower().replace("&", "and").replace("è", "e")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def password_hash(customer_id: str, password: str) -> str:
    return hashlib.sha256(f"{customer_id}:{password}".encode()).hexdigest()


@snapshot
def build() -> dict[str, Any]:
    """A fresh copy of every collection, identical on every call (built once per process)."""
    rng = random.Random(SEED)
    categories = _categories()
    brands = _brands()
    products = _products(rng, categories, brands)
    coupons = _coupons()
    customers, passwords = _customers(rng)
    orders, payments = _orders(rng, products, customers, coupons)
    return {
        "categories": categories,
        "brands": brands,
        "products": products,
        "coupons": coupons,
        "customers": customers,
        "passwords": passwords,
        "orders": orders,
        "payments": payments,
        "carts": {},
        "users": _users(),
        "settings": dict(SETTINGS),
    }


def _categories() -> dict[str, Row]:
    by_name: dict[str, str] = {}
    out: dict[str, Row] = {}
    for index, (name, parent) in enumerate(CATEGORIES, start=1):
        cid = f"cat_{index:02d}"
        by_name[name] = cid
        out[cid] = {
            "id": cid,
            "name": name,
            "slug": slugify(name),
            "description": f"Shop {name.lower()} at Litekart.",
            "parent_id": by_name[parent] if parent else None,
            "position": index,
            "created_at": iso(BASE - timedelta(days=400 - index)),
            "updated_at": iso(BASE - timedelta(days=400 - index)),
        }
    return out


def _brands() -> dict[str, Row]:
    out: dict[str, Row] = {}
    for index, (name, description) in enumerate(BRANDS, start=1):
        bid = f"brand_{index:02d}"
        stamp = iso(BASE - timedelta(days=380 - index))
        out[bid] = {
            "id": bid,
            "name": name,
            "slug": slugify(name),
            "description": description,
            "website": f"https://{slugify(name)}.example.com",
            "logo_url": f"https://cdn.litekart.test/brands/{slugify(name)}.png",
            "created_at": stamp,
            "updated_at": stamp,
        }
    return out


def _ean(number: int) -> str:
    body = f"20{number:010d}"
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
    return body + str((10 - total % 10) % 10)


def _product(
    index: int, name: str, price: Decimal, sku: str, barcode: str, category: Row, brand: Row
) -> Row:
    pid = f"prod_{index:04d}"
    created = BASE + timedelta(hours=index * 7)
    return {
        "id": pid,
        "name": name,
        "slug": f"{slugify(name)}-{index:04d}",
        "description": f"{name} by {brand['name']}: a {category['name'].lower()} favourite.",
        "price": money(price),
        "compare_at_price": None,
        "currency": "USD",
        "sku": sku,
        "barcode": barcode,
        "category_id": category["id"],
        "brand_id": brand["id"],
        "status": "active",
        "stock": 0,
        "images": [
            {"url": f"https://cdn.litekart.test/products/{pid}/{n}.jpg", "alt": name}
            for n in (1, 2)
        ],
        "variants": [],
        "tags": [slugify(category["name"]), slugify(brand["name"])],
        "created_at": iso(created),
        "updated_at": iso(created + timedelta(days=3)),
    }


def _products(
    rng: random.Random, categories: dict[str, Row], brands: dict[str, Row]
) -> dict[str, Row]:
    cat_by_name = {c["name"]: c for c in categories.values()}
    brand_by_name = {b["name"]: b for b in brands.values()}
    out: dict[str, Row] = {}
    for item in items_for("litekart"):
        index = len(out) + 1
        row = _product(
            index,
            item.name,
            Decimal(item.price),
            item.mpn,
            item.gtin,
            cat_by_name[item.category],
            brand_by_name[item.brand],
        )
        row["stock"] = rng.randint(20, 150)
        row["tags"].append("bestseller")
        out[row["id"]] = row
    leaves = sorted(CATALOGUE)
    variant_no = 0
    while len(out) < 220:
        index = len(out) + 1
        leaf = rng.choice(leaves)
        brand_names, nouns = CATALOGUE[leaf]
        brand = brand_by_name[rng.choice(brand_names)]
        name = f"{brand['name']} {rng.choice(ADJECTIVES)} {rng.choice(nouns)}"
        price = dec(
            rng.choice((9, 14, 19, 24, 29, 39, 49, 69, 89, 129, 179))
            + rng.choice((0.5, 0.95, 0.99))
        )
        sku = f"LK-{slugify(leaf)[:4].upper()}-{index:04d}"
        row = _product(index, name, price, sku, _ean(index), cat_by_name[leaf], brand)
        roll = rng.random()
        row["status"] = "active" if roll < 0.86 else ("draft" if roll < 0.95 else "archived")
        if rng.random() < 0.2:
            row["compare_at_price"] = money(dec(price * Decimal("1.25")))
        stock = rng.choice((0, 2, 3, 4) if rng.random() < 0.1 else (8, 15, 30, 60, 120, 200))
        if rng.random() < 0.3:
            names = rng.choice(VARIANT_SETS)
            for offset, vname in enumerate(names):
                variant_no += 1
                row["variants"].append(
                    {
                        "id": f"var_{variant_no:04d}",
                        "sku": f"{sku}-{slugify(vname).upper()}",
                        "name": vname,
                        "price": money(price + dec(offset * 5)),
                        "stock": stock + offset * 3,
                    }
                )
            row["stock"] = sum(v["stock"] for v in row["variants"])
        else:
            row["stock"] = stock
        out[row["id"]] = row
    return out


def _coupons() -> dict[str, Row]:
    specs = (
        ("WELCOME10", "percent", 10, None, None, None, True),
        ("SAVE20", "percent", 20, 100, None, "2030-12-31T23:59:59Z", True),
        ("FLAT5", "fixed", 5, None, None, None, True),
        ("FLAT15", "fixed", 15, 75, None, "2030-12-31T23:59:59Z", True),
        ("VIP50", "fixed", 50, 250, 100, None, True),
        ("SUMMER25", "percent", 25, None, None, "2025-09-01T00:00:00Z", True),
        ("BLACKFRIDAY30", "percent", 30, 50, None, "2025-12-01T00:00:00Z", True),
        ("SPRING15", "percent", 15, None, None, "2030-06-30T23:59:59Z", False),
    )
    out: dict[str, Row] = {}
    for index, (code, kind, value, minimum, max_uses, expires, active) in enumerate(specs, 1):
        cid = f"cpn_{index:02d}"
        stamp = iso(BASE - timedelta(days=30 - index))
        out[cid] = {
            "id": cid,
            "code": code,
            "type": kind,
            "value": float(value),
            "min_order_amount": float(minimum) if minimum is not None else None,
            "max_uses": max_uses,
            "used_count": 0,
            "starts_at": iso(BASE - timedelta(days=30)),
            "expires_at": expires,
            "active": active,
            "created_at": stamp,
            "updated_at": stamp,
        }
    return out


def _customers(rng: random.Random) -> tuple[dict[str, Row], dict[str, str]]:
    out: dict[str, Row] = {}
    passwords: dict[str, str] = {}
    for index in range(1, 121):
        cid = f"cus_{index:04d}"
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        addresses = []
        for n in range(rng.choice((1, 1, 2))):
            city, state, postal = rng.choice(CITIES)
            addresses.append(
                {
                    "id": f"addr_{index:04d}_{n + 1}",
                    "label": ("Home", "Work")[n],
                    "line1": f"{rng.randint(10, 9999)} {rng.choice(STREETS)}",
                    "line2": None,
                    "city": city,
                    "state": state,
                    "postal_code": postal,
                    "country": "US",
                    "is_default": n == 0,
                }
            )
        created = BASE - timedelta(days=200) + timedelta(hours=index * 29)
        out[cid] = {
            "id": cid,
            "email": f"{first}.{last}{index}@example.com".lower(),
            "first_name": first,
            "last_name": last,
            "phone": f"+1-555-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
            "addresses": addresses,
            "orders_count": 0,
            "total_spent": 0.0,
            "created_at": iso(created),
            "updated_at": iso(created),
        }
        passwords[cid] = password_hash(cid, DEMO_PASSWORD)
    return out, passwords


def _orders(
    rng: random.Random, products: dict[str, Row], customers: dict[str, Row], coupons: dict[str, Row]
) -> tuple[dict[str, Row], dict[str, Row]]:
    sellable = [p for p in products.values() if p["status"] == "active"]
    customer_ids = list(customers)
    statuses = [s for s, _ in ORDER_STATUSES]
    weights = [w for _, w in ORDER_STATUSES]
    usable_coupons = [c for c in coupons.values() if c["active"] and c["min_order_amount"] is None]
    orders: dict[str, Row] = {}
    payments: dict[str, Row] = {}
    for index in range(1, 521):
        customer = customers[rng.choice(customer_ids)]
        lines = []
        for product in rng.sample(sellable, rng.randint(1, 4)):
            variant = rng.choice(product["variants"]) if product["variants"] else None
            lines.append(line(product, variant, rng.randint(1, 3)))
        coupon = rng.choice(usable_coupons) if rng.random() < 0.15 else None
        status = rng.choices(statuses, weights)[0]
        created = BASE + timedelta(days=40) + timedelta(minutes=index * 877)
        oid = f"ord_{index:06d}"
        order = {
            "id": oid,
            "number": f"LK-{100000 + index}",
            "customer_id": customer["id"],
            "status": status,
            "items": lines,
            **totals(lines, coupon, SETTINGS),
            "currency": "USD",
            "coupon_code": coupon["code"] if coupon else None,
            "shipping_address": default_address(customer),
            "created_at": iso(created),
            "updated_at": iso(created + timedelta(hours=rng.randint(1, 96))),
        }
        orders[oid] = order
        customer["orders_count"] += 1
        if coupon:
            coupon["used_count"] += 1
        if status in SPENDING_STATUSES:
            customer["total_spent"] = money(dec(customer["total_spent"]) + dec(order["total"]))
        if status in PAID_STATUSES:
            pid = f"pay_{len(payments) + 1:06d}"
            payments[pid] = {
                "id": pid,
                "order_id": oid,
                "customer_id": customer["id"],
                "amount": order["total"],
                "currency": "USD",
                "method": rng.choice(("card", "card", "paypal", "bank_transfer")),
                "status": "refunded" if status == "refunded" else "completed",
                "transaction_ref": f"txn_{rng.getrandbits(48):012x}",
                "created_at": iso(created + timedelta(minutes=10)),
            }
    return orders, payments


def default_address(customer: Row) -> Row | None:
    """A customer's default address as an order's shipping address."""
    for address in customer["addresses"]:
        if address["is_default"]:
            return {k: v for k, v in address.items() if k not in ("id", "label", "is_default")}
    return None


def _users() -> dict[str, Row]:
    specs = (
        ("Avery Admin", "admin@litekart.test", "admin", "active"),
        ("Morgan Ops", "ops@litekart.test", "admin", "active"),
        ("Riley Vendor", "riley@sonora.example.com", "vendor", "active"),
        ("Jordan Vendor", "jordan@forgeco.example.com", "vendor", "active"),
        ("Casey Vendor", "casey@playmade.example.com", "vendor", "suspended"),
    )
    out: dict[str, Row] = {}
    for index, (name, email, role, status) in enumerate(specs, start=1):
        uid = f"usr_{index:02d}"
        stamp = iso(BASE - timedelta(days=365 - index))
        out[uid] = {
            "id": uid,
            "email": email,
            "name": name,
            "role": role,
            "status": status,
            "created_at": stamp,
            "updated_at": stamp,
        }
    return out
