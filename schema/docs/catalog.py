"""Descriptions of Catalog's types (seed ``004``: the E-Commerce Product API v1)."""

DOCS: dict[str, str] = {
    "CatalogCategory.description": "About the category.",
    "CatalogCategory.level": "Its depth in the tree (1: top level).",
    "CatalogCategory.productCount": "How many products are filed under it, every status.",
    "CatalogCategory.parent": "The parent category; null at the top level.",
    "CatalogCategory.children": "The child categories.",
    "CatalogImage.url": "Where the image is.",
    "CatalogImage.alt": "The image's alternative text.",
    "CatalogImage.isPrimary": "Whether it is the product's main image.",
    "CatalogInventory.available": "Units available to sell.",
    "CatalogInventory.reserved": "Units held for orders.",
    "CatalogInventory.total": "Units on hand.",
    "CatalogProduct.currency": "The price's currency.",
    "CatalogProduct.inventory": "Units available, reserved and on hand.",
    "CatalogProduct.imageDetails": "The product's images with alt text and the primary one.",
    "CatalogProductFilter.status": "Only products in this status.",
    "CatalogProductFilter.search": (
        "Only products with this text, ignoring case, in their name or description (the "
        'store\'s `search`: "Search in product name or description").'
    ),
    "CatalogProductSort": "The order of Catalog products (the store's `sort` and `order`).",
    "CatalogProductSort.field": "What to sort by (the store's default: `created_at`).",
    "CatalogProductSort.direction": "Ascending or descending (the store's default: `desc`).",
    "CatalogSortField.CREATED_AT": "When it was created.",
    "CatalogSortField.UPDATED_AT": "When it last changed.",
    "CatalogSortField.PRICE": "The price, as the store compares it (its own amounts).",
    "CatalogSortField.NAME": "The name.",
    "CatalogQuery.products": "Catalog's products (filters and sort pushed down).",
    "CatalogQuery.product": "A product by id; null if Catalog has none.",
    "CatalogQuery.category": "A category by id; null if Catalog has none.",
}
