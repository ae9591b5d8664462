"""FreshStore reads beyond the catalogue listing: every GET route of the store reached
from the graph, typed store/settings/analytics values, and the merged roots."""

from __future__ import annotations

from decimal import Decimal

from gateway.sources import Source
from schema.ids import encode_id
from tests.graph.conftest import Graph

EVERYTHING = """{
  freshstore {
    status { up } info { name niche } stats { products offers } dataStats { brands }
    warnings { message action url } locales { code name countryCode currency amazonDomain }
    settings { entries { group key storeKey textValue numberValue booleanValue listValue } }
    storeSettings: settings(group: STORE) { group entries { key storeKey textValue } }
    aiTokenUsage { tokensUsed tokensRemaining resetsAt }
    merchants { key name }
    categoryTree { name children { name } }
    categories(first: 5, filter: {rootsOnly: true}) { totalCount nodes { name } }
    category(id: "2") { name products(first: 2) { totalCount nodes { name } } }
    brands(first: 3) { nodes { name } }
    brand(id: "1") { name productsCount products(first: 1) { totalCount } }
    products(first: 3, filter: {enabled: true}, sort: {field: TITLE, direction: ASC}) {
      nodes { name }
    }
    product(id: "1") { name analytics { visits totalClicks affiliateClicks } }
    offers(first: 2, filter: {merchant: "ebay"}) { totalCount nodes { merchant } }
    offer(id: "1") { merchant price { amount currency } products { name } }
    articles(first: 2) { nodes { title generated categories { title } } }
    article(id: "1") { title publishedAt categories { title parent { title } } }
    articleCategories(first: 3) { nodes { title articlesCount } }
    articleCategory(id: "1") { title articles(first: 2) { totalCount } }
    pages(key: "homepage") { nodes { key title } } page(id: "1") { title meta { title } }
    users(first: 2) { nodes { email roles } } user(id: "1") { firstName email }
    loginLink(email: "jane.doe@example.com")
    analytics {
      visitsSummary(length: 3) { period uniqueVisitors visits actions }
      visits(first: 1, filter: {countryCode: "DE"}) { nodes { city countryCode firstActionAt } }
      visitors(first: 1) { nodes { id matomoVisitorId } }
      visitor(id: "1") { visitsCount actions(first: 2) { totalCount nodes { type } } }
      pages(first: 1) { nodes { label bounceRate } }
      countries(first: 1) { nodes { countryName } } devices(first: 1) { nodes { device } }
      sources(first: 1) { nodes { name } }
      clicksSummary(length: 2) {
        totalClicks affiliateRevenue { amount currency } byMerchant { merchant clicks revenue { amount } }
        periods { period clicks }
      }
      clicks(first: 1, filter: {affiliate: true}) { nodes { affiliate destination price { amount } } }
      checkoutsSummary(length: 2) { today { checkouts revenue { amount } } allTime { checkouts } }
      checkouts(first: 1) { nodes { total { amount currency } items { title quantity price { amount } } } }
      actions(first: 1, filter: {type: "event"}) { nodes { type visitor { visitsCount } } }
    }
  }
}"""


async def test_every_get_route_of_the_store_is_reached(graph: Graph) -> None:
    graph.as_operator()  # people, money and operations data: an admin
    await graph.configure(Source.FRESHSTORE, rate_limit={"limit": 1000, "window_s": 60})
    data = (await graph.data(EVERYTHING))["freshstore"]
    # a product reached by global id alone (no include) reads its offers and categories
    await graph.data(
        "query ($id: ID!) { node(id: $id) { ... on FreshStoreProduct {"
        " price { amount } offers { merchant } categories { name } } } }",
        {"id": encode_id("FreshStoreProduct", "freshstore", "5")},
    )
    app = graph.store_apps[Source.FRESHSTORE]
    documented = {f"GET {p}" for p, methods in app.openapi()["paths"].items() if "get" in methods}
    assert len(documented) == 46
    reached = await graph.stats(Source.FRESHSTORE)
    assert documented <= set(reached["routes"]), documented - set(reached["routes"])
    assert data["status"] == {"up": True} and data["stats"]["products"] == 210
    assert data["offers"]["nodes"] == [{"merchant": "ebay"}] * 2


async def test_store_settings_and_analytics_are_typed(graph: Graph) -> None:
    graph.as_operator()  # people, money and operations data: an admin
    await graph.configure(Source.FRESHSTORE, rate_limit={"limit": 1000, "window_s": 60})
    data = (await graph.data(EVERYTHING))["freshstore"]
    assert data["storeSettings"]["group"] == "STORE"
    name = {"key": "name", "storeKey": "name", "textValue": data["info"]["name"]}
    assert name in data["storeSettings"]["entries"]
    # every setting typed, camelCase, its group split from the store's flat key
    entries = data["settings"]["entries"]
    assert {
        "group": "PRODUCT", "key": "showReviews", "storeKey": "product_show_reviews",
        "textValue": None, "numberValue": None, "booleanValue": True, "listValue": None,
    } in entries  # fmt: skip
    sitemap = next(e for e in entries if e["storeKey"] == "xml_sitemap_change_frequency")
    assert (sitemap["group"], sitemap["key"], sitemap["textValue"]) == (
        "XML_SITEMAP",
        "changeFrequency",
        "daily",
    )
    countries = next(e for e in entries if e["storeKey"] == "store_enabled_countries")
    assert countries["listValue"] == ["US", "GB", "DE"]
    assert all("_" not in e["key"] for e in entries)
    assert {"code": "gb", "name": "United Kingdom", "countryCode": "GB", "currency": "GBP",
            "amazonDomain": "amazon.co.uk"} in data["locales"]  # fmt: skip
    assert data["aiTokenUsage"]["resetsAt"] == "2026-04-01"
    assert [m["key"] for m in data["merchants"]][:2] == ["amazon", "ebay"]
    analytics = data["analytics"]
    periods = [p["period"] for p in analytics["visitsSummary"]]
    assert periods == sorted(periods) and periods[-1] == "2026-03-09"
    assert analytics["visits"]["nodes"][0]["countryCode"] == "DE"
    assert isinstance(analytics["pages"]["nodes"][0]["bounceRate"], float)
    revenue = analytics["clicksSummary"]["affiliateRevenue"]
    assert revenue["currency"] == "USD" and Decimal(revenue["amount"]) > 0
    assert analytics["clicks"]["nodes"][0]["affiliate"] is True
    assert analytics["checkouts"]["nodes"][0]["total"]["currency"] == "USD"
    assert analytics["actions"]["nodes"][0]["type"] == "event"
    assert data["user"] == {"firstName": "Jane", "email": "jane.doe@example.com"}
    assert data["loginLink"].startswith("https://freshstore.example/magiclink/")
    assert data["offer"]["price"] == {"amount": "199.99", "currency": "USD"}


async def test_third_party_credentials_in_settings_are_masked(graph: Graph) -> None:
    graph.as_operator()  # people, money and operations data: an admin
    await graph.control(Source.FRESHSTORE).patch(
        "/api/settings/store",
        json={"pexels_api_key": "px-live-secret-123"},
        headers={"authorization": "Bearer fs_demo_full_key", "user-agent": "Mozilla/5.0 (X11)"},
    )
    data = await graph.data(
        "{ freshstore { settings { entries { storeKey textValue } } "
        "s: settings(group: STORE) { entries { key textValue } } } }"
    )
    every = {e["storeKey"]: e["textValue"] for e in data["freshstore"]["settings"]["entries"]}
    store = {e["key"]: e["textValue"] for e in data["freshstore"]["s"]["entries"]}
    assert every["store_pexels_api_key"] == store["pexelsApiKey"] == "***"
    assert store["pixabayApiKey"] == ""  # unset stays unset
    assert "px-live-secret-123" not in str(data)


MERGED = """query ($filter: ProductFilter, $sort: ProductSort, $after: String) {
  products(first: 10, filter: $filter, sort: $sort, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { name price { amount } priceIn(currency: "USD") { amount } status
            ... on FreshStoreProduct { categories { name } } }
  }
}"""


async def test_merged_products_push_down_what_the_store_can(graph: Graph) -> None:
    only = {"sources": ["FRESHSTORE"]}
    data = await graph.data(
        MERGED,
        {
            "filter": {**only, "categoryName": "headphones", "status": "ACTIVE"},
            "sort": {"field": "NAME", "direction": "ASC"},
        },
    )
    page = data["products"]
    names = [n["name"] for n in page["nodes"]]
    assert names == sorted(names, key=str.casefold) and page["totalCount"] == len(names)
    assert all("Headphones" in [c["name"] for c in n["categories"]] for n in page["nodes"])
    assert await graph.stats(Source.FRESHSTORE) == {
        "total": 2,
        "routes": {"GET /api/categories": 1, "GET /api/products": 1},
    }
    await graph.reset_stats()
    draft = await graph.data(MERGED, {"filter": {**only, "status": "DRAFT"}})
    assert draft["products"]["totalCount"] == 12
    assert {n["status"] for n in draft["products"]["nodes"]} == {"DRAFT"}
    archived = await graph.data(MERGED, {"filter": {**only, "status": "ARCHIVED"}})
    assert archived["products"]["totalCount"] == 0
    assert await graph.calls(Source.FRESHSTORE) == 1


async def test_merged_price_filter_and_sort_walk_every_product_once(graph: Graph) -> None:
    variables = {
        "filter": {"sources": ["FRESHSTORE"], "priceMin": "50", "priceMax": "150"},
        "sort": {"field": "PRICE", "direction": "ASC"},
    }
    seen: list[tuple[str, Decimal]] = []
    after = None
    for _ in range(30):
        page = (await graph.data(MERGED, {**variables, "after": after}))["products"]
        # compared in dollars: the few products priced in pounds are converted
        seen += [(n["name"], Decimal(n["priceIn"]["amount"])) for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    prices = [p for _, p in seen]
    assert prices == sorted(prices) and all(Decimal(50) <= p <= Decimal(150) for p in prices)
    assert len(seen) == page["totalCount"] > 10
    assert len({name for name, _ in seen}) == len(seen)
    # the whole matching list once (3 blocks of 100, include=offers), then the cache
    assert await graph.stats(Source.FRESHSTORE) == {
        "total": 3,
        "routes": {"GET /api/products": 3},
    }


async def test_the_same_item_is_found_in_the_other_stores(graph: Graph) -> None:
    data = await graph.data(
        '{ freshstore { product(id: "1") { name sameItemElsewhere { id source name } } } }'
    )
    product = data["freshstore"]["product"]
    assert (await graph.stats(Source.FRESHSTORE))["routes"]["GET /api/products"] == 3
    elsewhere = product["sameItemElsewhere"]
    assert "FRESHSTORE" not in {p["source"] for p in elsewhere} and len(elsewhere) >= 2
    assert all(p["name"] == product["name"] for p in elsewhere)
    await graph.reset_stats()
    data = await graph.data(
        "query ($id: ID!) { node(id: $id) { ... on Product { sameItemElsewhere { source"
        " ... on FreshStoreProduct { sourceId price { amount } brand { name } } } } } }",
        {"id": elsewhere[0]["id"]},
    )
    mine = [p for p in data["node"]["sameItemElsewhere"] if p["source"] == "FRESHSTORE"]
    assert mine == [{"source": "FRESHSTORE", "sourceId": "1", "price": mine[0]["price"],
                     "brand": {"name": "Sonora"}}]  # fmt: skip
    assert mine[0]["price"]["amount"]
    # the same-item index read the product list (210 products, blocks of 100) with the
    # price and the brand in the same calls (include=brand,offers,categories); the
    # cache still holds it, so the second product's matches cost nothing
    assert (await graph.stats(Source.FRESHSTORE))["routes"] == {}
