"""The Catalog's fixed category tree: 9 top-level categories, up to three levels deep.

Ids are slugs that extend their parent's id (``electronics`` → ``electronics-audio`` →
``electronics-audio-headphones``). Categories are read-only through the API.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from stores.common.seed import snapshot

CATEGORIES_CREATED_AT = datetime(2024, 12, 1, 9, 0, tzinfo=UTC)

# (id, name, description, children)
Node = tuple[str, str, str, tuple["Node", ...]]

TREE: tuple[Node, ...] = (
    ("electronics", "Electronics", "Consumer electronics and accessories", (
        ("electronics-audio", "Audio", "Headphones, speakers and sound", (
            ("electronics-audio-headphones", "Headphones", "Over-ear, on-ear and in-ear", ()),
            ("electronics-audio-speakers", "Speakers", "Portable and home speakers", ()),
        )),
        ("electronics-wearables", "Wearables", "Smart watches and fitness trackers", ()),
        ("electronics-computer-accessories", "Computer Accessories", "Keyboards and mice", ()),
        ("electronics-mobile-accessories", "Mobile Accessories", "Chargers and cables", ()),
    )),
    ("beauty", "Beauty", "Skincare, haircare and fragrance", (
        ("beauty-skincare", "Skincare", "Serums, creams and sun care", ()),
        ("beauty-haircare", "Haircare", "Shampoos, conditioners and styling", ()),
        ("beauty-fragrance", "Fragrance", "Perfumes and colognes", ()),
    )),
    ("sports", "Sports", "Sports and outdoor equipment", (
        ("sports-running", "Running", "Running shoes and gear", ()),
        ("sports-fitness", "Fitness", "Training equipment", (
            ("sports-fitness-yoga", "Yoga", "Mats, blocks and straps", ()),
            ("sports-fitness-strength", "Strength", "Weights and resistance", ()),
        )),
        ("sports-outdoor", "Outdoor", "Hiking and camping", (
            ("sports-outdoor-hiking", "Hiking", "Poles, packs and bottles", ()),
        )),
    )),
    ("grocery", "Grocery", "Pantry staples and drinks", (
        ("grocery-tea", "Tea", "Green, black and herbal teas", ()),
        ("grocery-coffee", "Coffee", "Whole beans and ground coffee", ()),
        ("grocery-snacks", "Snacks", "Nuts, bars and crisps", ()),
    )),
    ("kitchen", "Kitchen", "Cookware and kitchen tools", (
        ("kitchen-cookware", "Cookware", "Pans, pots and skillets", ()),
        ("kitchen-cutlery", "Cutlery", "Knives and sharpeners", ()),
        ("kitchen-bakeware", "Bakeware", "Trays, mats and moulds", ()),
        ("kitchen-coffee-tea", "Coffee & Tea Equipment", "Brewers, kettles and grinders", ()),
    )),
    ("home", "Home", "Bedding, bath and decor", (
        ("home-bedding", "Bedding", "Duvet covers, sheets and pillows", ()),
        ("home-bath", "Bath", "Towels and bath accessories", ()),
        ("home-decor", "Decor", "Diffusers, lamps and accents", ()),
    )),
    ("toys", "Toys", "Toys and games for all ages", (
        ("toys-building", "Building Toys", "Blocks and construction sets", ()),
        ("toys-plush", "Plush Toys", "Soft toys", ()),
        ("toys-wooden", "Wooden Toys", "Trains, puzzles and classics", ()),
    )),
    ("fashion", "Fashion", "Clothing and accessories", (
        ("fashion-men", "Men", "Men's clothing", ()),
        ("fashion-women", "Women", "Women's clothing", ()),
        ("fashion-accessories", "Accessories", "Bags, belts and hats", (
            ("fashion-accessories-bags", "Bags", "Backpacks, totes and wallets", ()),
        )),
    )),
    ("office", "Office", "Stationery and workspace", (
        ("office-stationery", "Stationery", "Notebooks, pens and paper", ()),
        ("office-furniture", "Office Furniture", "Desks, chairs and lamps", ()),
    )),
)  # fmt: skip


@snapshot
def build_categories() -> list[dict[str, Any]]:
    """Every category, parents before children (pre-order), as API objects
    without ``product_count`` (computed per response)."""
    stamp = CATEGORIES_CREATED_AT.strftime("%Y-%m-%dT%H:%M:%SZ")
    out: list[dict[str, Any]] = []

    def walk(nodes: tuple[Node, ...], parent: str | None, path: list[str]) -> None:
        for category_id, name, description, children in nodes:
            out.append(
                {
                    "id": category_id,
                    "name": name,
                    "description": description,
                    "parent_id": parent,
                    "level": len(path) + 1,
                    "path": [*path, category_id],
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
            walk(children, category_id, [*path, category_id])

    walk(TREE, None, [])
    return out
