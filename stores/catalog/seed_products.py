"""Deterministic seed products: 220 generated items plus the shared items.

Generated products come from per-category templates (brands, styles, nouns,
price range) and per-department attributes, drawn with a fixed
``random.Random``; timestamps count from fixed 2025 dates. Every shared item of
``items_for("catalog")`` is included with its name, brand (``attributes.brand``),
price and identifiers (``attributes.gtin``, ``attributes.mpn``). Generated items
carry GTINs in the GS1 ``50`` prefix range so they never collide with shared ones.
"""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from stores.common.seed import snapshot
from stores.common.shared_items import items_for

SEED = 4015
GENERATED_COUNT = 220
FIRST_PRODUCT_NUMBER = 100001
SEED_START = datetime(2025, 1, 1, 8, 0, tzinfo=UTC)
IMAGE_HOST = "https://cdn.catalog.example.com/images"

# category id -> (brands, nouns, (min price, max price))
TEMPLATES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[int, int]]] = {
    "electronics": (("Voltix", "Sonora"), ("Smart Home Hub", "Streaming Stick"), (29, 149)),
    "electronics-audio": (("Sonora", "Auralis"), ("DAC Amplifier", "Turntable"), (59, 399)),
    "electronics-audio-headphones": (
        ("Sonora", "Auralis"),
        ("Wireless Headphones", "Earbuds", "Studio Headphones"),
        (39, 349),
    ),
    "electronics-audio-speakers": (
        ("Sonora", "Boomwave"),
        ("Bluetooth Speaker", "Soundbar", "Bookshelf Speakers"),
        (35, 499),
    ),
    "electronics-wearables": (("Tempo", "Pulsar"), ("Smart Watch", "Fitness Tracker"), (49, 399)),
    "electronics-computer-accessories": (
        ("Keyforge", "Clicktek"),
        ("Keyboard", "Wireless Mouse", "USB-C Hub", "Webcam"),
        (19, 189),
    ),
    "electronics-mobile-accessories": (
        ("Voltix", "Sonora"),
        ("Power Bank", "Wall Charger", "Charging Cable", "Phone Case"),
        (9, 79),
    ),
    "beauty-skincare": (
        ("Lumière", "Dermalux"),
        ("Face Serum", "Day Cream", "Cleansing Gel", "Eye Cream"),
        (12, 89),
    ),
    "beauty-haircare": (("Silkroot", "Dermalux"), ("Shampoo", "Conditioner", "Hair Oil"), (8, 45)),
    "beauty-fragrance": (
        ("Maison Verre", "Lumière"),
        ("Eau de Parfum", "Eau de Toilette"),
        (39, 160),
    ),
    "sports": (("Stride", "Peakform"), ("Gym Bag", "Sports Towel"), (15, 69)),
    "sports-running": (("Stride", "Fleetfoot"), ("Running Shoes", "Running Jacket"), (39, 189)),
    "sports-fitness": (("Tempo", "Peakform"), ("Jump Rope", "Foam Roller"), (12, 59)),
    "sports-fitness-yoga": (
        ("Asana", "Lotusline"),
        ("Yoga Mat", "Yoga Strap", "Yoga Bolster"),
        (12, 95),
    ),
    "sports-fitness-strength": (
        ("Peakform", "Ironclad"),
        ("Dumbbell Set", "Kettlebell", "Resistance Bands"),
        (19, 249),
    ),
    "sports-outdoor": (("Stride", "Northtrail"), ("Camping Lantern", "Hammock"), (19, 99)),
    "sports-outdoor-hiking": (
        ("Northtrail", "Stride"),
        ("Daypack", "Hiking Poles", "Trail Bottle"),
        (15, 159),
    ),
    "grocery-tea": (("Kyoto Leaf", "Chai & Co"), ("Green Tea", "Black Tea", "Herbal Tea"), (5, 29)),
    "grocery-coffee": (("Brewhaus", "Altura"), ("Coffee Beans", "Ground Coffee"), (9, 39)),
    "grocery-snacks": (("Nutfield", "Crunchway"), ("Trail Mix", "Protein Bar", "Almonds"), (3, 19)),
    "kitchen-cookware": (
        ("Forge & Co", "Cucina"),
        ("Skillet", "Saucepan", "Dutch Oven"),
        (25, 229),
    ),
    "kitchen-cutlery": (
        ("Forge & Co", "Edgeworth"),
        ("Chef Knife", "Knife Set", "Sharpener"),
        (15, 299),
    ),
    "kitchen-bakeware": (
        ("Forge & Co", "Cucina"),
        ("Baking Sheet", "Loaf Pan", "Muffin Tray"),
        (9, 49),
    ),
    "kitchen-coffee-tea": (
        ("Brewhaus", "Altura"),
        ("Coffee Grinder", "Gooseneck Kettle"),
        (25, 179),
    ),
    "home-bedding": (("Nestwell", "Dreamloom"), ("Sheet Set", "Pillow", "Duvet"), (29, 249)),
    "home-bath": (("Nestwell", "Aquaterra"), ("Bath Towel", "Bath Mat", "Bathrobe"), (15, 99)),
    "home-decor": (("Nestwell", "Lumen"), ("Table Lamp", "Scented Candle", "Vase"), (12, 149)),
    "toys-building": (("Playmade", "Brickly"), ("Building Set", "Marble Run"), (15, 99)),
    "toys-plush": (("Playmade", "Cuddleco"), ("Plush Bunny", "Plush Elephant"), (9, 39)),
    "toys-wooden": (
        ("Playmade", "Oakling"),
        ("Puzzle", "Stacking Tower", "Pull-Along Dog"),
        (12, 69),
    ),
    "fashion-men": (
        ("Threadline", "Norden"),
        ("Oxford Shirt", "Chinos", "Crewneck Sweater"),
        (29, 129),
    ),
    "fashion-women": (
        ("Threadline", "Maris"),
        ("Linen Dress", "Cardigan", "Wide-Leg Trousers"),
        (29, 149),
    ),
    "fashion-accessories": (("Norden", "Maris"), ("Leather Belt", "Wool Beanie"), (15, 79)),
    "fashion-accessories-bags": (
        ("Norden", "Carryall"),
        ("Backpack", "Tote Bag", "Wallet"),
        (25, 189),
    ),
    "office-stationery": (
        ("Paperwise", "Inkwell"),
        ("Notebook", "Fountain Pen", "Planner"),
        (5, 59),
    ),
    "office-furniture": (
        ("Deskcraft", "Ergonest"),
        ("Desk Lamp", "Office Chair", "Monitor Stand"),
        (29, 399),
    ),
}

STYLES = ("Classic", "Pro", "Lite", "Essential", "Premium", "Eco", "Compact", "Signature", "Urban")
COLORS = ("Black", "White", "Silver", "Navy", "Sage", "Sand", "Charcoal", "Terracotta")

# Shared item name -> the category it is filed under here.
SHARED_CATEGORY: dict[str, str] = {
    "SmartFit Fitness Watch": "electronics-wearables",
    "Tempo Band HR Strap": "sports-fitness",
    "Bamboo Bath Towel Set": "home-bath",
    "Linen Duvet Cover Queen": "home-bedding",
    "Pour-Over Coffee Kit": "kitchen-coffee-tea",
    "Single Origin Ethiopia Beans 1kg": "grocery-coffee",
    "Mechanical Keyboard TKL": "electronics-computer-accessories",
    "Ergo Wireless Mouse": "electronics-computer-accessories",
    "Yoga Mat Pro 6mm": "sports-fitness-yoga",
    "Cork Yoga Block Pair": "sports-fitness-yoga",
    "Kids Building Blocks 250pc": "toys-building",
    "Wooden Train Set": "toys-wooden",
    "Sunscreen SPF50 Fluid": "beauty-skincare",
    "Insulated Water Bottle 750ml": "sports-outdoor-hiking",
    "Portable Charger 20000mAh": "electronics-mobile-accessories",
    "Aroma Diffuser Ceramic": "home-decor",
    "Chamomile Herbal Tea 50 bags": "grocery-tea",
    "Silicone Baking Mat Set": "kitchen-bakeware",
    "Noise Machine White": "home-decor",
    "Plush Bear Classic": "toys-plush",
}


def gs1_check_digit(body: str) -> str:
    """The GS1 check digit for the digits of a GTIN without its last digit."""
    total = sum(int(c) * (3 if i % 2 == 0 else 1) for i, c in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


def department_attributes(category_id: str, rng: random.Random) -> dict[str, Any]:
    """Realistic attributes for a product of ``category_id``'s department."""
    department = category_id.split("-", 1)[0]
    if department == "electronics":
        return {
            "color": rng.choice(COLORS),
            "weight": f"{rng.randrange(40, 900, 5)}g",
            "connectivity": rng.choice(("Bluetooth 5.3", "USB-C", "Wi-Fi", "Bluetooth 5.0")),
            "warranty": rng.choice(("1 year", "2 years")),
        }
    if department == "beauty":
        return {
            "volume": f"{rng.choice((30, 50, 100, 250))}ml",
            "skin_type": rng.choice(("All", "Dry", "Oily", "Sensitive")),
            "vegan": rng.random() < 0.6,
        }
    if department == "grocery":
        return {
            "net_weight": f"{rng.choice((50, 100, 250, 500, 1000))}g",
            "origin": rng.choice(("Japan", "India", "Ethiopia", "Colombia", "Kenya", "USA")),
            "organic": rng.random() < 0.5,
        }
    if department in ("kitchen", "home", "office"):
        return {
            "material": rng.choice(("Stainless steel", "Cotton", "Oak", "Ceramic", "Bamboo")),
            "color": rng.choice(COLORS),
            "dimensions": f"{rng.randint(10, 80)} x {rng.randint(10, 60)} cm",
        }
    if department == "toys":
        return {
            "age_range": rng.choice(("0-2 years", "3-5 years", "6-9 years", "10+ years")),
            "material": rng.choice(("Wood", "Plastic", "Polyester")),
        }
    return {  # sports, fashion
        "color": rng.choice(COLORS),
        "size": rng.choice(("XS", "S", "M", "L", "XL", "One size")),
        "material": rng.choice(("Polyester", "Cotton", "Nylon", "Merino wool", "Leather")),
    }


def images_for(slug: str, name: str, count: int) -> list[dict[str, Any]]:
    views = ("front view", "side view", "detail view")
    return [
        {
            "url": f"{IMAGE_HOST}/{slug}-{index + 1}.jpg",
            "alt": f"{name} {views[index]}",
            "is_primary": index == 0,
        }
        for index in range(count)
    ]


def inventory_of(rng: random.Random) -> dict[str, int]:
    roll = rng.random()
    total = 0 if roll < 0.08 else rng.randint(1, 40) if roll < 0.4 else rng.randint(40, 500)
    reserved = rng.randint(0, min(total, 8))
    return {"available": total - reserved, "reserved": reserved, "total": total}


@snapshot
def build_products() -> list[dict[str, Any]]:
    """The seed products (with ``category_id``, not the embedded category), in id order."""
    rng = random.Random(SEED)
    drafts: list[dict[str, Any]] = []
    names: set[str] = set()
    categories = list(TEMPLATES)
    serial = 0
    while len(drafts) < GENERATED_COUNT:
        category_id = categories[serial % len(categories)]
        serial += 1
        brands, nouns, (low, high) = TEMPLATES[category_id]
        brand, noun = rng.choice(brands), rng.choice(nouns)
        name = f"{brand} {rng.choice(STYLES)} {noun}"
        if name.lower() in names:
            continue
        names.add(name.lower())
        attributes = {"brand": brand, **department_attributes(category_id, rng)}
        number = len(drafts) + 1
        gtin_body = f"50{number:010d}"
        attributes["gtin"] = gtin_body + gs1_check_digit(gtin_body)
        attributes["mpn"] = f"{brand[:3].upper()}-{7000 + number * 13}"
        drafts.append(
            {
                "name": name,
                "description": f"{name}: {noun.lower()} by {brand}, "
                f"{rng.choice(('built to last', 'designed for everyday use', 'our best seller', 'thoughtfully made', 'a customer favourite'))}.",  # noqa: E501
                "price": round(round(rng.uniform(low, high)) - 0.01, 2),
                "category_id": category_id,
                "attributes": attributes,
                "status": rng.choices(("active", "draft", "archived"), (85, 10, 5))[0],
            }
        )
    for item in items_for("catalog"):
        drafts.append(
            {
                "name": item.name,
                "description": f"{item.name} by {item.brand}.",
                "price": float(item.price),
                "category_id": SHARED_CATEGORY[item.name],
                "attributes": {"brand": item.brand, "gtin": item.gtin, "mpn": item.mpn},
                "status": "active",
            }
        )
    # Interleave shared items among generated ones by a fixed shuffle, then number.
    rng.shuffle(drafts)
    products = []
    for offset, draft in enumerate(drafts):
        created = SEED_START + timedelta(hours=offset * 31, minutes=rng.randint(0, 59))
        updated = created + timedelta(days=rng.randint(0, 90), minutes=rng.randint(0, 600))
        slug = re.sub(r"[^a-z0-9]+", "-", draft["name"].lower().replace("è", "e")).strip("-")
        products.append(
            {
                "id": f"prod_{FIRST_PRODUCT_NUMBER + offset}",
                **draft,
                "currency": "USD",
                "inventory": inventory_of(rng),
                "images": images_for(slug, draft["name"], rng.randint(1, 3)),
                "created_at": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "updated_at": updated.strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
        )
    return products
