"""Fixed vocabularies the seed data is drawn from: categories, brands, merchants, words."""

from __future__ import annotations

# Root category -> {child category -> [leaf categories]}. Three levels deep; the
# "Seasonal" branch is deliberately empty so the store cleaner has work to do.
CATEGORY_TREE: dict[str, dict[str, list[str]]] = {
    "Electronics": {
        "Audio": ["Headphones", "Speakers"],
        "Wearables": ["Smartwatches", "Fitness Trackers"],
        "Computer Accessories": ["Keyboards", "Mice"],
        "Mobile Accessories": ["Power Banks", "Charging Cables"],
    },
    "Skincare": {
        "Face Care": ["Serums", "Moisturisers"],
        "Sun Care": ["Sunscreens", "After Sun"],
        "Body Care": ["Body Lotions", "Hand Creams"],
    },
    "Sports": {
        "Running": ["Running Shoes", "Running Accessories"],
        "Hiking": ["Trekking Poles", "Hydration"],
        "Yoga": ["Yoga Mats", "Yoga Props"],
    },
    "Grocery": {
        "Tea": ["Green Tea", "Herbal Tea"],
        "Coffee": ["Coffee Beans", "Ground Coffee"],
        "Snacks": ["Nuts & Seeds", "Dried Fruit"],
    },
    "Kitchen": {
        "Cookware": ["Skillets", "Saucepans"],
        "Knives": ["Chef Knives", "Knife Sharpeners"],
        "Baking": ["Baking Mats", "Baking Tins"],
        "Coffee Gear": ["Pour-Over", "Grinders"],
    },
    "Home": {
        "Bedding": ["Duvet Covers", "Pillows"],
        "Bath": ["Towels", "Bath Mats"],
        "Home Fragrance": ["Diffusers", "Candles"],
        "Sleep": ["White Noise Machines", "Sleep Masks"],
    },
    "Toys": {
        "Building Toys": ["Building Blocks", "Construction Sets"],
        "Wooden Toys": ["Train Sets", "Puzzles"],
        "Plush": ["Teddy Bears", "Plush Animals"],
    },
    "Seasonal": {"Holiday Gifts": []},
}

# Shared item index -> the leaf category it is filed under.
SHARED_ITEM_LEAF: dict[int, str] = {
    0: "Headphones",
    1: "Speakers",
    2: "Serums",
    3: "Moisturisers",
    4: "Running Shoes",
    5: "Trekking Poles",
    6: "Green Tea",
    7: "Green Tea",
    8: "Chef Knives",
    9: "Skillets",
    10: "Smartwatches",
    11: "Running Accessories",
    12: "Towels",
    13: "Duvet Covers",
    14: "Pour-Over",
    15: "Coffee Beans",
    16: "Keyboards",
    17: "Mice",
    18: "Yoga Mats",
    19: "Yoga Props",
    20: "Building Blocks",
    21: "Train Sets",
    22: "Sunscreens",
    23: "Hydration",
    24: "Power Banks",
    25: "Diffusers",
    26: "Herbal Tea",
    27: "Baking Mats",
    28: "White Noise Machines",
    29: "Teddy Bears",
}

# Brands per root category; the shared items' brands come first.
BRANDS_BY_ROOT: dict[str, list[str]] = {
    "Electronics": ["Sonora", "Tempo", "Keyforge", "Voltix", "Auralis", "Nimbus Tech"],
    "Skincare": ["Lumière", "Dermaveil", "Botanica Pure", "Solene"],
    "Sports": ["Stride", "Asana", "Peakline", "Trailhead", "Zenfit"],
    "Grocery": ["Kyoto Leaf", "Brewhaus", "Harvest Hill", "Roastery Lane", "Nutmeg & Co"],
    "Kitchen": ["Forge & Co", "Copperleaf", "Bakewise", "Steelcraft"],
    "Home": ["Nestwell", "Cosyloom", "Driftwood Home", "Lumen Living"],
    "Toys": ["Playmade", "Tinker Tots", "Bright Cubs", "Woodland Play"],
}

# Brands as they arrive from merchant feeds: messy titles that ``POST /api/brands/clean``
# fixes or removes, each with how many products carry it; one brand has no products.
MESSY_BRANDS: list[tuple[str, int]] = [
    ("Brand: Moonrise, Inc.", 2),
    ("XJZQWV", 1),
    ("generic oem", 1),
    ("Old Mill Goods", 0),
]

MERCHANTS: dict[str, str] = {
    "amazon": "Amazon",
    "ebay": "eBay",
    "walmart": "Walmart",
    "etsy": "Etsy",
    "aliexpress": "AliExpress",
}

MERCHANT_HOSTS: dict[str, str] = {
    "amazon": "https://www.amazon.com/dp/",
    "ebay": "https://www.ebay.com/itm/",
    "walmart": "https://www.walmart.com/ip/",
    "etsy": "https://www.etsy.com/listing/",
    "aliexpress": "https://www.aliexpress.com/item/",
}

ADJECTIVES: list[str] = [
    "Classic",
    "Pro",
    "Essential",
    "Compact",
    "Premium",
    "Everyday",
    "Ultra",
    "Eco",
    "Signature",
    "Studio",
    "Travel",
    "Deluxe",
]

HIGHLIGHT_PHRASES: list[str] = [
    "Backed by a two-year warranty",
    "Thoughtfully designed for daily use",
    "Made from responsibly sourced materials",
    "Ships in plastic-free packaging",
    "Rated highly by thousands of customers",
    "Easy to clean and maintain",
    "Lightweight and travel friendly",
    "Great value for the quality",
]

COUNTRIES: dict[str, str] = {
    "us": "United States",
    "gb": "United Kingdom",
    "de": "Germany",
    "fr": "France",
    "ca": "Canada",
    "au": "Australia",
}

CURRENCY_BY_LOCALE: dict[str, str] = {
    "us": "USD",
    "gb": "GBP",
    "de": "EUR",
    "fr": "EUR",
    "ca": "CAD",
    "au": "AUD",
}
