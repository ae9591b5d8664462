"""Real items sold in several stores under shared identifiers.

Each store's seed data includes a documented subset of these, carrying the
identifiers its API shape can hold (FreshStore ``upc``/``ean``/``mpn``, Catalog
``attributes.gtin``/``attributes.mpn``, Litekart ``sku``/``barcode``, Litestore
``gtin``/``mpn``, Rewards variant ``sku`` = ``mpn``), so the gateway can join them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SharedItem:
    """One real product with its global trade identifiers."""

    index: int
    name: str
    brand: str
    category: str
    price: str  # decimal string, USD
    gtin: str  # GTIN-13 == EAN-13
    upc: str  # UPC-A (12 digits)
    mpn: str

    @property
    def ean(self) -> str:
        return self.gtin


def _check_digit(digits: str) -> str:
    """GS1 check digit for a 12-digit body (GTIN-13) or 11-digit body (UPC-A)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        total += int(char) * (3 if position % 2 == 0 else 1)
    return str((10 - total % 10) % 10)


_CATALOGUE: tuple[tuple[str, str, str, str], ...] = (
    ("Aurora Wireless Noise-Cancelling Headphones", "Sonora", "Electronics", "199.99"),
    ("Pulse 2 Bluetooth Speaker", "Sonora", "Electronics", "79.00"),
    ("Vita C Brightening Serum 30ml", "Lumière", "Skincare", "49.99"),
    ("HydraBalance Night Cream 50ml", "Lumière", "Skincare", "39.50"),
    ("TrailRunner 5 Running Shoes", "Stride", "Sports", "129.95"),
    ("Carbon Pro Trekking Poles", "Stride", "Sports", "89.00"),
    ("Organic Sencha Green Tea 100g", "Kyoto Leaf", "Grocery", "14.50"),
    ("Ceremonial Matcha 30g", "Kyoto Leaf", "Grocery", "24.00"),
    ("Chef 8in Stainless Knife", "Forge & Co", "Kitchen", "64.99"),
    ("Cast Iron Skillet 12in", "Forge & Co", "Kitchen", "44.95"),
    ("SmartFit Fitness Watch", "Tempo", "Electronics", "149.99"),
    ("Tempo Band HR Strap", "Tempo", "Sports", "39.99"),
    ("Bamboo Bath Towel Set", "Nestwell", "Home", "59.00"),
    ("Linen Duvet Cover Queen", "Nestwell", "Home", "119.00"),
    ("Pour-Over Coffee Kit", "Brewhaus", "Kitchen", "54.00"),
    ("Single Origin Ethiopia Beans 1kg", "Brewhaus", "Grocery", "32.00"),
    ("Mechanical Keyboard TKL", "Keyforge", "Electronics", "109.00"),
    ("Ergo Wireless Mouse", "Keyforge", "Electronics", "49.00"),
    ("Yoga Mat Pro 6mm", "Asana", "Sports", "68.00"),
    ("Cork Yoga Block Pair", "Asana", "Sports", "24.50"),
    ("Kids Building Blocks 250pc", "Playmade", "Toys", "34.99"),
    ("Wooden Train Set", "Playmade", "Toys", "59.99"),
    ("Sunscreen SPF50 Fluid", "Lumière", "Skincare", "22.00"),
    ("Insulated Water Bottle 750ml", "Stride", "Sports", "29.95"),
    ("Portable Charger 20000mAh", "Sonora", "Electronics", "45.99"),
    ("Aroma Diffuser Ceramic", "Nestwell", "Home", "38.00"),
    ("Chamomile Herbal Tea 50 bags", "Kyoto Leaf", "Grocery", "7.99"),
    ("Silicone Baking Mat Set", "Forge & Co", "Kitchen", "18.99"),
    ("Noise Machine White", "Tempo", "Home", "49.95"),
    ("Plush Bear Classic", "Playmade", "Toys", "19.99"),
)


def _build() -> tuple[SharedItem, ...]:
    items = []
    for index, (name, brand, category, price) in enumerate(_CATALOGUE):
        body = f"40{index + 1:010d}"  # 12 digits, GS1 prefix 40 (Germany range)
        upc_body = f"0{index + 1:010d}"  # 11 digits
        items.append(
            SharedItem(
                index=index,
                name=name,
                brand=brand,
                category=category,
                price=price,
                gtin=body + _check_digit(body),
                upc=upc_body + _check_digit(upc_body),
                mpn=f"{brand[:3].upper()}-{1000 + index * 7}",
            )
        )
    return tuple(items)


SHARED_ITEMS: tuple[SharedItem, ...] = _build()
"""All shared items, in a fixed order."""

# Which shared items each store sells (indices into SHARED_ITEMS).
ITEMS_BY_STORE: dict[str, tuple[int, ...]] = {
    "litestore": tuple(range(0, 20)),
    "litekart": tuple(range(5, 25)),
    "freshstore": tuple(range(0, 30)),
    "rewards": tuple(range(0, 30, 3)),
    "catalog": tuple(range(10, 30)),
}


def items_for(store: str) -> list[SharedItem]:
    """The shared items a store sells."""
    return [SHARED_ITEMS[i] for i in ITEMS_BY_STORE[store]]
