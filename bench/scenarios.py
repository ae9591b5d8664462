"""The bench scenarios: a query each, the minimum upstream calls it can cost, and
its critical path (dependent upstream levels).

Each minimum is derived from the stores' documented capabilities (what one call
can bring: ids per call, include/populate/fields push-down, page sizes) and
computed over what the answer actually holds — a store's relation call counts
only when that store's items are on the page. ``facts`` are the stores' list
sizes, read once before the runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from math import ceil
from typing import Any

BLOCK = 100  # the largest page every store serves
Pages = list[dict[str, Any]]
Facts = dict[str, int]


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    query: str
    minimum: Callable[[Pages, Facts], int]
    levels: int  # dependent upstream round trips on the critical path
    why_minimum: str
    variables: dict[str, Any] = field(default_factory=dict)
    user_token: bool = False  # send a Rewards end-user token
    operator: bool = False  # send a read-only staff operator token (analytics need one)
    walk: str | None = None  # dotted path of a connection to page through to its end


def typenames(value: Any) -> set[str]:
    """Every ``__typename`` in a response."""
    found: set[str] = set()
    if isinstance(value, dict):
        if "__typename" in value:
            found.add(value["__typename"])
        for child in value.values():
            found |= typenames(child)
    elif isinstance(value, list):
        for child in value:
            found |= typenames(child)
    return found


LISTING = """query {
  products(first: 50) {
    totalCount
    edges { cursor node {
      __typename id name price { amount currency } createdAt
      ... on LitekartProduct { brand { name } category { name } }
      ... on FreshStoreProduct { brand { name } offers { merchant price { amount } } categories { name } }
      ... on CatalogProduct { inventory { available } category { name } }
      ... on LitestoreProduct { category { name } tags }
      ... on RewardProduct { cost { amount rewardItem { name } } badge { name } categories { name } }
    } }
  }
}"""


def listing_minimum(pages: Pages, facts: Facts) -> int:
    seen = typenames(pages)
    litestore = ceil(facts["litestore"] / BLOCK)  # cannot sort: the whole list, in blocks
    litekart = 1 + (2 if "LitekartProduct" in seen else 0)  # list + brands ids= + categories ids=
    catalog = 1 + (1 if "CatalogProduct" in seen else 0)  # list + the one categories page
    return litestore + litekart + 1 + 1 + catalog  # FreshStore include=, Rewards populate=


DETAIL = """query {
  litestore { product(id: "prod-012") {
    name price { amount currency } tags
    reviews(first: 5, sort: HELPFUL) { totalCount nodes { rating title author } }
    analytics(period: D30) { views purchases conversionRate }
    creatorContent(first: 5) { nodes { title creator { sourceId } } }
    sameItemElsewhere {
      __typename source name price { amount currency }
      ... on FreshStoreProduct { offers { merchant price { amount currency } stockAvailable } }
      ... on RewardProduct { cost { amount } }
    }
  } }
}"""


def detail_minimum(pages: Pages, facts: Facts) -> int:
    lists = sum(ceil(facts[store] / BLOCK) for store in facts)  # the same-item index
    return 4 + lists + 1  # Litestore's 4 reads, every product list, Litekart's brand list


CREATOR = """query {
  litestore { creator(id: "creator-001") {
    analytics { contentCount totalViews totalCommission { amount } }
    content(first: 20) { totalCount nodes { title status products { sourceId name price { amount } } } }
    products { sourceId name }
  } }
}"""


def creator_minimum(pages: Pages, facts: Facts) -> int:
    creator = pages[0]["litestore"]["creator"]
    featured = {p["sourceId"] for p in creator["products"]}
    return 2 + len(featured)  # analytics + content, then one GET per distinct product


REWARDS = """query {
  rewards {
    categories(first: 20) { nodes { name categorySequence } }
    products(first: 25) { totalCount nodes {
      name isAvailable cost { amount effectiveAmount rewardItem { name } } badge { name } categories { name }
    } }
    me { orders(first: 10) { totalCount nodes { status cost createdAt product { name } refund { amount } } } }
  }
}"""

ORDERS = """query {
  orders(first: 20) { totalCount nodes {
    __typename source status createdAt total { amount currency }
    ... on StoreOrder { number customer { email firstName } items { quantity product { name } } }
    ... on RewardOrder { cost product { name } refund { amount } }
  } }
}"""


def orders_minimum(pages: Pages, facts: Facts) -> int:
    seen = typenames(pages)
    # Litekart's orders + customers ids= + products ids= — when the caller may see Litekart
    # orders at all (a Litekart customer or staff); a Rewards user alone needs no call there
    litekart = 3 if "StoreOrder" in seen else 0
    return litekart + 1  # the caller's reward orders, products and refunds populated


WALK = """query ($after: String) {
  products(first: 100, after: $after, sort: {field: NAME, direction: ASC}) {
    pageInfo { hasNextPage endCursor }
    nodes {
      __typename sourceId name price { amount currency }
      ... on FreshStoreProduct { offers { merchant price { amount } } }
    }
  }
}"""


NO_CACHE_STORES = {"litekart": "LitekartProduct"}
"""Stores whose lists the gateway's credential reads ``private, no-cache``: each reuse of
a block must be revalidated with the store first (a ``304``, but a call)."""


def walk_minimum(pages: Pages, facts: Facts) -> int:
    """Every block of every store once, plus, for a ``no-cache`` store, one revalidation
    per block a later page reuses. At one dependent level per page, a page reads from
    each store the blocks covering the next ``first`` items after its position (which of
    them the merge takes is only known once all stores' heads are in) — up to the
    store's end and no further: the cursor carries each store's total, so no block past
    it is read (a walk that asked ``first`` items of every store read 3 such empty
    blocks here: Rewards', Catalog's and Litekart's one past their ends)."""
    calls = sum(ceil(total / BLOCK) for total in facts.values())
    for store, typename in NO_CACHE_STORES.items():
        read: set[int] = set()
        position = 0
        for page in pages:
            nodes = dig_nodes(page)
            last = min(position + len(nodes), facts[store]) - 1
            needed = set(range(position // BLOCK, max(last, position) // BLOCK + 1))
            calls += len(needed & read)
            read |= needed
            position += sum(1 for node in nodes if node.get("__typename") == typename)
    return calls


def dig_nodes(page: dict[str, Any]) -> list[dict[str, Any]]:
    return page["products"]["nodes"]


SCENARIOS: list[Scenario] = [
    Scenario(
        "product_listing",
        "50 merged products with brand, offers and categories",
        LISTING,
        listing_minimum,
        levels=2,
        why_minimum="Litestore cannot sort: its whole list (3 blocks of 100); Litekart's list, "
        "then its brands and categories by ids= (1 each); FreshStore 1 (include=brand,"
        "categories,offers); Rewards 1 (populate=); Catalog's list and its one categories page.",
    ),
    Scenario(
        "product_detail",
        "one product with reviews, analytics, creator content and the same item elsewhere",
        DETAIL,
        detail_minimum,
        levels=2,
        operator=True,
        why_minimum="Litestore: the product, its reviews, its analytics and its content (4; no "
        "endpoint combines them); the same-item index, by identifiers only, reads every "
        "store's product list once (blocks of 100; FreshStore's with include=, Rewards' with "
        "populate=) and Litekart's brand list (its SKUs join with the brand's name).",
    ),
    Scenario(
        "creator_profile",
        "a creator's analytics, content and the products it features",
        CREATOR,
        creator_minimum,
        levels=2,
        operator=True,
        why_minimum="Litestore has no creator or multi-id endpoint: the creator's analytics "
        "and one content list (together), then one GET per distinct featured product.",
    ),
    Scenario(
        "rewards_page",
        "reward categories, 25 products with cost and badge, the caller's orders",
        REWARDS,
        lambda pages, facts: 3,
        levels=1,
        why_minimum="One call per list: populate= brings every relation of every item.",
        user_token=True,
    ),
    Scenario(
        "order_history",
        "merged orders: Litekart orders with customers and item products, reward orders",
        ORDERS,
        orders_minimum,
        levels=2,
        why_minimum="Litekart: orders, then customers and item products by ids= (1 each); "
        "Rewards: the caller's orders with products and refunds populated (1).",
        user_token=True,
    ),
    Scenario(
        "deep_page_walk",
        "every page of the merged products, by name",
        WALK,
        walk_minimum,
        levels=2,
        why_minimum="Every store's whole list once, in blocks of 100 (3+3+3+1+3 calls), plus "
        "one revalidation per Litekart block a later page reuses: Litekart answers the "
        "gateway's key `private, no-cache`, so each reuse must be checked with it first. At "
        "one dependent level per page each page reads the blocks covering Litekart's next 100 "
        "items, up to its end (no block past a store's end: the cursor holds the totals); a "
        "lazier merge reading a second block only when needed would save ~9 calls and add a "
        "level on some pages.",
        walk="products",
    ),
]

FACTS_QUERY = """{
  litestore { products(first: 1) { totalCount } }
  litekart { products(first: 1) { totalCount } }
  freshstore { products(first: 1) { totalCount } }
  rewards { products(first: 1) { totalCount } }
  catalog { products(first: 1) { totalCount } }
}"""


def facts_from(data: dict[str, Any]) -> Facts:
    return {store: data[store]["products"]["totalCount"] for store in data}
