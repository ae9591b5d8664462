"""One input per write that the store accepts (over the seeded data), some made by
first writing what they need through the graph — the coverage test runs each.

A sample is an input dict, or an async function of the graph answering one. Samples
touch distinct seeded objects, so they may run in any order over one set of stores.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from tests.graph.conftest import Graph

Sample = dict[str, Any] | Callable[[Graph], Awaitable[dict[str, Any]]]


async def mutate(graph: Graph, name: str, input: dict[str, Any], selection: str) -> Any:
    """Run mutation ``name`` and answer its payload (no user errors allowed)."""
    from tests.writes.helpers import caller_headers

    document = f"mutation ($input: {name[0].upper()}{name[1:]}Input!) {{ {name}(input: $input) {{ {selection} userErrors {{ field message code }} }} }}"
    data = await graph.data(document, {"input": input}, headers=await caller_headers(graph, name))
    payload = data[name]
    assert payload["userErrors"] == [], payload["userErrors"]
    return payload


async def new_cart(graph: Graph, product: str = "prod_0004") -> tuple[str, str]:
    """A cart with one line: ``(cart id, item id)``."""
    cart = await mutate(
        graph,
        "createLitekartCart",
        {"customerId": "cus_0005", "items": [{"productId": product}]},
        "cart { sourceId items { id } }",
    )
    return cart["cart"]["sourceId"], cart["cart"]["items"][0]["id"]


async def created(graph: Graph, name: str, input: dict[str, Any], field: str) -> str:
    payload = await mutate(graph, name, input, f"{field} {{ sourceId }}")
    return payload[field]["sourceId"]


async def _cart_item(graph: Graph) -> dict[str, Any]:
    cart, item = await new_cart(graph)
    return {"cartId": cart, "itemId": item, "quantity": 2}


async def _remove_item(graph: Graph) -> dict[str, Any]:
    cart, item = await new_cart(graph)
    return {"cartId": cart, "itemId": item}


async def _add_item(graph: Graph) -> dict[str, Any]:
    cart, _ = await new_cart(graph)
    return {"cartId": cart, "productId": "prod_0007"}


async def _coupon(graph: Graph) -> dict[str, Any]:
    cart, _ = await new_cart(graph)
    return {"cartId": cart, "code": "WELCOME10"}


async def _checkout(graph: Graph) -> dict[str, Any]:
    cart, _ = await new_cart(graph, "prod_0008")
    return {"cartId": cart}


async def _pay(graph: Graph) -> dict[str, Any]:
    order = await graph.data(
        '{ litekart { order(id: "ord_000006") { total { amount } } } }',
        headers=await _operator(graph),
    )
    return {"orderId": "ord_000006", "amount": order["litekart"]["order"]["total"]["amount"]}


async def _operator(graph: Graph) -> dict[str, str]:
    from tests.writes.helpers import operator_headers

    return await operator_headers(graph, "admin")


def _delete_after(create: str, input: dict[str, Any], field: str) -> Sample:
    async def sample(graph: Graph) -> dict[str, Any]:
        return {"id": await created(graph, create, input, field)}

    return sample


SAMPLES: dict[str, Sample] = {
    # Litekart: carts, checkout, payment, orders
    "createLitekartCart": {"customerId": "cus_0001"},
    "addLitekartCartItem": _add_item,
    "updateLitekartCartItem": _cart_item,
    "removeLitekartCartItem": _remove_item,
    "applyLitekartCoupon": _coupon,
    "checkoutLitekartCart": _checkout,
    "payLitekartOrder": _pay,
    "cancelLitekartOrder": {"orderId": "ord_000004"},
    "placeLitekartOrder": {"customerId": "cus_0002", "items": [{"productId": "prod_0003"}]},
    "updateLitekartOrderStatus": {"id": "ord_000010", "status": "SHIPPED"},
    "validateLitekartCoupon": {"code": "WELCOME10", "subtotal": "50"},
    # Litekart: the catalogue, people, coupons, settings
    "createLitekartProduct": {"name": "Writes Lamp", "price": "19.99", "sku": "WT-LAMP-1"},
    "updateLitekartProduct": {"id": "prod_0010", "price": "21.00"},
    "deleteLitekartProduct": {"id": "prod_0150"},
    "createLitekartCategory": {"name": "Writes Category"},
    "updateLitekartCategory": {"id": "cat_01", "description": "Updated by a test."},
    "deleteLitekartCategory": _delete_after(
        "createLitekartCategory", {"name": "Short-lived"}, "category"
    ),
    "createLitekartBrand": {"name": "Writes Brand"},
    "updateLitekartBrand": {"id": "brand_01", "website": "https://example.com"},
    "deleteLitekartBrand": _delete_after("createLitekartBrand", {"name": "Gone Brand"}, "brand"),
    "createLitekartCustomer": {"email": "w@example.com", "firstName": "Wren", "lastName": "Tan"},
    "updateLitekartCustomer": {"id": "cus_0003", "phone": "555-0100"},
    "deleteLitekartCustomer": _delete_after(
        "createLitekartCustomer",
        {"email": "gone@example.com", "firstName": "Gone", "lastName": "Soon"},
        "customer",
    ),
    "createLitekartCoupon": {"code": "WRITES5", "type": "FIXED", "value": "5"},
    "updateLitekartCoupon": {"id": "cpn_03", "active": False},
    "deleteLitekartCoupon": _delete_after(
        "createLitekartCoupon", {"code": "GONE10", "type": "PERCENT", "value": "10"}, "coupon"
    ),
    "createLitekartUser": {
        "email": "ops@example.com",
        "name": "Ops",
        "role": "VENDOR",
        "password": "long-enough",
    },
    "updateLitekartUser": {"id": "usr_02", "name": "Renamed"},
    "deleteLitekartUser": _delete_after(
        "createLitekartUser",
        {"email": "gone@example.com", "name": "Gone", "role": "VENDOR", "password": "long-enough"},
        "user",
    ),
    "updateLitekartSettings": {"storeName": "Writes Store"},
    # Litestore
    "createLitestoreProduct": {"name": "Writes Serum", "price": "12.50"},
    "updateLitestoreProduct": {"id": "prod-002", "price": "13.00"},
    "deleteLitestoreProduct": {"id": "prod-050"},
    "submitCreatorContent": {
        "creatorId": "creator-003",
        "title": "My take",
        "products": ["prod-001"],
    },
    "moderateCreatorContent": {"id": "content-003", "action": "APPROVE"},
    "submitLitestoreReview": {
        "productId": "prod-001",
        "rating": 5,
        "title": "Great",
        "content": "Loved it.",
    },
    "markLitestoreReviewHelpful": {"id": "review-0718"},
    "generateLitestoreProductDescription": {"productName": "Desk Lamp"},
    "analyzeLitestoreContent": {"content": "This lamp is great."},
    "suggestLitestoreCategories": {"productTitle": "Organic Green Tea"},
    # Rewards
    "redeemReward": {"productId": "13"},
    # Catalog
    "createCatalogProduct": {
        "name": "Writes Gadget",
        "description": "A gadget.",
        "price": "9.99",
        "categoryId": "electronics-audio",
    },
    "updateCatalogProduct": {"id": "prod_100010", "price": "10.50"},
    "deleteCatalogProduct": {"id": "prod_100020"},
    # FreshStore: catalogue
    "createFreshStoreProduct": {"title": "Writes Widget"},
    "updateFreshStoreProduct": {"id": "5", "summary": "Better."},
    "deleteFreshStoreProduct": {"id": "6"},
    "setFreshStoreProductCategories": {"id": "7", "categoryIds": ["1", "2"]},
    "createFreshStoreOffer": {
        "merchant": "amazon",
        "title": "An offer",
        "merchantOfferId": "WRITES0001",
        "urlDetail": "https://www.amazon.com/dp/WRITES0001",
    },
    "updateFreshStoreOffer": {"id": "1", "price": "9.99"},
    "deleteFreshStoreOffer": {"id": "2"},
    "setFreshStoreOfferProducts": {"id": "3", "productIds": ["5"]},
    "createFreshStoreCategory": {"title": "Writes Category"},
    "updateFreshStoreCategory": {"id": "1", "subtitle": "Updated."},
    "deleteFreshStoreCategory": {"id": "3"},
    "suggestFreshStoreCategoryTree": {"niche": "cycling gear"},
    "fillFreshStoreCategories": {
        "categories": ["1"],
        "apiName": "AMAZON",
        "locale": "us",
        "quantity": 1,
    },
    "createFreshStoreBrand": {"title": "Writes Brand"},
    "updateFreshStoreBrand": {"id": "1", "subtitle": "Updated."},
    "deleteFreshStoreBrand": {"id": "2"},
    "cleanFreshStoreBrands": {"niche": "tech", "keepTop": 5},
    "importFreshStoreLinks": {"links": ["B0WRITES01"]},
    # FreshStore: content, people, settings, maintenance
    "createFreshStoreArticle": {"title": "Writes Article"},
    "updateFreshStoreArticle": {"id": "1", "subtitle": "Updated."},
    "deleteFreshStoreArticle": {"id": "2"},
    "fillFreshStoreArticleImages": {"id": "1"},
    "suggestFreshStoreArticleTopics": {"count": 2},
    "createFreshStoreArticleCategory": {"title": "Writes Topics"},
    "updateFreshStoreArticleCategory": {"id": "1", "subtitle": "Updated."},
    "deleteFreshStoreArticleCategory": {"id": "2"},
    "createFreshStorePage": {"title": "About us"},
    "updateFreshStorePage": {"id": "1", "subtitle": "Updated."},
    "deleteFreshStorePage": {"id": "3"},
    "createFreshStoreUser": {"email": "writer@example.com"},
    "updateFreshStoreUser": {"id": "2", "firstName": "Jo"},
    "updateFreshStoreSettings": {
        "settings": [{"group": "STORE", "key": "name", "textValue": "Writes Store"}]
    },
    "updateFreshStoreSettingGroup": {
        "group": "STORE",
        "settings": [{"key": "niche", "textValue": "tech"}],
    },
    "cleanFreshStore": {"operations": ["EMPTY_BRANDS"]},
    "regenerateFreshStoreStockTexts": {},
    "pickFreshStoreLogoIcon": {"niche": "indoor herb gardening"},
    "generateFreshStoreLogo": {"niche": "indoor herb gardening"},
}
