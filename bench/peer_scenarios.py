"""The scenarios both gateways can express, each as a storegraph query and a peer query
asking the same data, and the store operations the peer's composition needs typed.

The peer (Hive Gateway over GraphQL Mesh's OpenAPI composition) has one root field per
store operation and no cross-store merge, so the shared scenarios are the ones a
client can ask per store: a creator's profile, a product's detail page without the
cross-store "same item", the rewards page, and Litekart's order history with each
order's customer and item products (the N+1 case). Its relations (content → products,
order → customer, order item → product) are the gateway config's additional resolvers
(``bench/hive/gateway.config.ts``), calling the stores' by-id operations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bench.peer_openapi import Sampled
from bench.scenarios import REWARDS
from gateway.sources import Source

USER_TOKEN = "{user_token}"
"""Stands for the bench's Rewards end-user token in a sample's headers."""

SAMPLED: dict[Source, list[Sampled]] = {
    Source.LITESTORE: [
        Sampled(
            "/api/creators/content",
            [("/api/creators/content", {"creatorId": "creator-001", "limit": "100"})],
            {"": "ContentPage", "data[]": "Content"},
        ),
        Sampled(
            "/api/analytics/creators/{id}",
            [("/api/analytics/creators/creator-001", {})],
            {"": "CreatorAnalytics"},
        ),
        Sampled(
            "/api/products/{id}",
            [("/api/products/prod-012", {}), ("/api/products/prod-219", {})],
            {"": "Product"},
        ),
        Sampled(
            "/api/products/{id}/reviews",
            [("/api/products/prod-012/reviews", {"limit": "20"})],
            {"": "ReviewPage"},
        ),
        Sampled(
            "/api/analytics/products/{id}",
            [("/api/analytics/products/prod-012", {"period": "30d"})],
            {"": "ProductAnalytics"},
        ),
    ],
    Source.LITEKART: [
        Sampled(
            "/api/orders",
            [("/api/orders", {"limit": "100"})],
            {"": "OrderPage", "data[]": "Order", "data[].items[]": "Item"},
        ),
        Sampled(
            "/api/customers/{id}",
            [("/api/customers/cus_0001", {}), ("/api/customers/cus_0074", {})],
            {"": "CustomerAnswer", "data": "Customer"},
        ),
        Sampled(
            "/api/products/{id}",
            [("/api/products/prod_0105", {}), ("/api/products/prod_0001", {})],
            {"": "ProductAnswer", "data": "Product"},
        ),
    ],
    Source.REWARDS: [
        Sampled(
            "/api/categories",
            [("/api/categories", {"pagination[pageSize]": "100"})],
            {"": "CategoryPage"},
        ),
        Sampled(
            "/api/products",
            [("/api/products", {"populate": "*", "pagination[pageSize]": "100"})],
            {"": "ProductPage"},
        ),
        Sampled(
            "/api/orders",
            [("/api/orders", {"populate": "*", "pagination[pageSize]": "100"})],
            {"": "OrderPage"},
            headers={"livelike-user-token": USER_TOKEN},
        ),
    ],
}


@dataclass(frozen=True)
class SharedScenario:
    """One scenario as each gateway is asked it."""

    name: str
    description: str
    storegraph: str
    peer: str
    count: Callable[[dict[str, Any]], int]
    """Objects of the scenario's main list in a response (the same in both answers)."""
    peer_count: Callable[[dict[str, Any]], int]
    levels: int
    """Dependent upstream levels the data forces (``tests/graph/test_critical_path.py``
    holds storegraph to it for the product detail)."""
    user_token: bool = False
    operator: bool = False
    """storegraph is asked with a staff operator token (analytics, every customer's orders
    are back-office data); the peer has no identity layer and answers anyone."""
    notes: list[str] = field(default_factory=list)


CREATOR_SG = """query {
  litestore { creator(id: "creator-001") {
    analytics { contentCount totalViews totalCommission { amount } }
    content(first: 20) { totalCount nodes { title status products { sourceId name price { amount } } } }
  } }
}"""

CREATOR_PEER = """query {
  analytics: litestore_creator_analytics_api_analytics_creators__id__get(id: "creator-001") {
    ... on litestore_CreatorAnalytics { contentCount totalViews totalCommission }
  }
  content: litestore_list_content_api_creators_content_get(creatorId: "creator-001", limit: 20) {
    ... on litestore_ContentPage { total data { title status
      featuredProducts { ... on litestore_Product { id name price } } } }
  }
}"""

DETAIL_SG = """query {
  litestore { product(id: "prod-012") {
    name price { amount currency } tags
    reviews(first: 5, sort: HELPFUL) { totalCount nodes { rating title author } }
    analytics(period: D30) { views purchases conversionRate }
    creatorContent(first: 5) { nodes { title creator { sourceId } } }
  } }
}"""

DETAIL_PEER = """query {
  product: litestore_get_product_api_products__id__get(id: "prod-012") {
    ... on litestore_Product { name price tags }
  }
  reviews: litestore_list_reviews_api_products__id__reviews_get(id: "prod-012", sort: helpful, limit: 5) {
    ... on litestore_ReviewPage { total data { rating title author } }
  }
  analytics: litestore_product_analytics_api_analytics_products__id__get(id: "prod-012", period: "30d") {
    ... on litestore_ProductAnalytics { views purchases conversionRate }
  }
  content: litestore_list_content_api_creators_content_get(productId: "prod-012", status: "approved", limit: 5) {
    ... on litestore_ContentPage { data { title creatorId } }
  }
}"""

REWARDS_SG = REWARDS  # the bench's own rewards page, unchanged: both gateways express it

REWARDS_PEER = """query {
  categories: rewards_list_category(pagination_LEFT_SQUARE_BRACE_pageSize_RIGHT_SQUARE_BRACE_: 20) {
    ... on rewards_CategoryPage { data { attributes { name categorySequence } } }
  }
  products: rewards_list_product(populate: "*", pagination_LEFT_SQUARE_BRACE_pageSize_RIGHT_SQUARE_BRACE_: 25) {
    ... on rewards_ProductPage { meta { pagination { total } } data { attributes {
      name inventoryCount startAt expiryAt
      reward { rewardItemCost rewardItemDiscountedCost rewardItem { data { attributes { name } } } }
      badge { data { attributes { name } } }
      categories { data { attributes { name } } }
    } } }
  }
  orders: rewards_list_orders_api_orders_get(populate: "*", pagination_LEFT_SQUARE_BRACE_pageSize_RIGHT_SQUARE_BRACE_: 10) {
    ... on rewards_OrderPage { meta { pagination { total } } data { attributes {
      status totalRewardItemAmount createdAt
      product { data { attributes { name } } }
      refund { data }
    } } }
  }
}"""

ORDERS_SG = """query {
  litekart { orders(first: 50) { totalCount nodes {
    number status total { amount currency } customer { email firstName } items { quantity product { name } }
  } } }
}"""

ORDERS_PEER = """query {
  orders: litekart_list_orders_api_orders_get(limit: 50) {
    ... on litekart_OrderPage { pagination { total } data {
      number status total currency
      customer { ... on litekart_CustomerAnswer { data { email first_name } } }
      items { quantity product { ... on litekart_ProductAnswer { data { name } } } }
    } }
  }
}"""


def _dig(path: str) -> Callable[[dict[str, Any]], int]:
    def count(data: dict[str, Any]) -> int:
        node: Any = data
        for part in path.split("."):
            node = node[part]
        return len(node)

    return count


SHARED: list[SharedScenario] = [
    SharedScenario(
        "creator_profile",
        "a creator's analytics and content with the products each features",
        CREATOR_SG,
        CREATOR_PEER,
        _dig("litestore.creator.content.nodes"),
        _dig("content.data"),
        levels=2,
        operator=True,
    ),
    SharedScenario(
        "product_detail",
        "one product with reviews, analytics and creator content (no same-item join)",
        DETAIL_SG,
        DETAIL_PEER,
        _dig("litestore.product.reviews.nodes"),
        _dig("reviews.data"),
        levels=1,
        operator=True,
    ),
    SharedScenario(
        "rewards_page",
        "reward categories, 25 products with cost and badge, the caller's orders",
        REWARDS_SG,
        REWARDS_PEER,
        _dig("rewards.products.nodes"),
        _dig("products.data"),
        levels=1,
        user_token=True,
    ),
    SharedScenario(
        "litekart_orders",
        "50 Litekart orders with each order's customer and item products (the N+1 case)",
        ORDERS_SG,
        ORDERS_PEER,
        _dig("litekart.orders.nodes"),
        _dig("orders.data"),
        levels=2,
        operator=True,
    ),
]
