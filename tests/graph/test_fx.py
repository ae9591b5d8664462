"""Money compared honestly: the merged list sorts and filters prices after converting
them at the configured rates (``STOREGRAPH_FX_RATES``), shows the converted value
(``priceIn``), and refuses a comparison it has no rate for."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from gateway.fx import DEFAULT_RATES, DEFAULT_RATES_DATE, RateTable, parse_rates
from gateway.settings import Settings, SettingsError
from gateway.sources import Source
from tests.graph.conftest import Graph, make_graph

PRICED = """query ($filter: ProductFilter, $after: String) {
  products(first: 100, after: $after, filter: $filter, sort: {field: PRICE, direction: ASC}) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { source sourceId price { amount currency } priceIn(currency: "USD") { amount currency } }
  }
}"""
GBP_PRODUCTS = {"178": Decimal("29.67"), "182": Decimal("93.91")}
"""FreshStore's products whose only in-stock offers are in pounds (seed data)."""


async def sorted_by_price(graph: Graph, **filter: Any) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    after = None
    while True:
        data = await graph.data(
            PRICED, {"filter": {"sources": ["FRESHSTORE", "LITEKART"], **filter}, "after": after}
        )
        page = data["products"]
        nodes += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            return nodes
        after = page["pageInfo"]["endCursor"]


async def graph_with_rates(rates: str) -> Graph:
    graph = await make_graph(Settings.from_env({"STOREGRAPH_FX_RATES": rates}))
    for source in (Source.FRESHSTORE, Source.LITEKART):
        await graph.configure(source, rate_limit={"limit": 1000, "window_s": 60})
    return graph


def test_the_rate_table_parses_and_refuses_garbage() -> None:
    assert parse_rates("gbp=1.25, EUR=1.1") == {
        "USD": 1,
        "GBP": Decimal("1.25"),
        "EUR": Decimal("1.1"),
    }
    for bad in ("GBP", "GBPX=1", "GBP=-1", "GBP=x", "USD=2"):
        with pytest.raises(SettingsError, match="STOREGRAPH_FX_RATES"):
            Settings.from_env({"STOREGRAPH_FX_RATES": bad})
    table = RateTable()
    assert table.date == DEFAULT_RATES_DATE and table.rates["GBP"] == DEFAULT_RATES["GBP"]
    assert (
        table.convert(Decimal("10"), "GBP", "EUR", field="f")
        == Decimal("10") * DEFAULT_RATES["GBP"] / DEFAULT_RATES["EUR"]
    )


@pytest.mark.parametrize("gbp", ["0.01", "10"])
async def test_a_sort_over_gbp_and_usd_follows_the_converted_amounts(gbp: str) -> None:
    graph = await graph_with_rates(f"GBP={gbp}")
    try:
        nodes = await sorted_by_price(graph)
    finally:
        await graph.aclose()
    priced = [n for n in nodes if n["price"]]
    pounds = [n for n in priced if n["price"]["currency"] == "GBP"]
    assert {n["sourceId"] for n in pounds} == set(GBP_PRODUCTS)
    for node in pounds:  # the converted value used is shown
        expected = (GBP_PRODUCTS[node["sourceId"]] * Decimal(gbp)).quantize(Decimal("0.01"))
        assert node["priceIn"] == {"amount": str(expected), "currency": "USD"}
    converted = [Decimal(n["priceIn"]["amount"]) for n in priced]
    assert converted == sorted(converted)
    raw = [Decimal(n["price"]["amount"]) for n in priced]
    assert raw != sorted(raw)  # compared as one currency, the order would differ
    if gbp == "0.01":
        assert [n["sourceId"] for n in priced[:2]] == ["178", "182"]


async def test_price_bounds_are_in_the_filters_currency() -> None:
    graph = await graph_with_rates("GBP=2")
    try:
        # 60 to 100 pounds = 120 to 200 dollars: FreshStore's 93.91 GBP item, and every
        # dollar price in 120..200 (Litekart's pushed down to the store in dollars)
        nodes = await sorted_by_price(graph, priceMin="60", priceMax="100", priceCurrency="GBP")
    finally:
        await graph.aclose()
    assert (
        nodes
        and "182" in {n["sourceId"] for n in nodes}
        and "178" not in {n["sourceId"] for n in nodes}
    )
    for node in nodes:
        usd = Decimal(node["priceIn"]["amount"])
        assert Decimal("120") - Decimal("0.01") <= usd <= Decimal("200") + Decimal("0.01")
    assert {n["source"] for n in nodes} == {"FRESHSTORE", "LITEKART"}


async def test_a_filter_in_a_currency_without_a_rate_is_refused(graph: Graph) -> None:
    body = await graph.query(
        '{ products(filter: {priceMin: "10", priceCurrency: "XYZ"}) { totalCount } }'
    )
    assert body["data"]["products"] is None
    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "filter.priceCurrency"}
    assert error["message"].startswith("No exchange rate for XYZ")
    assert await graph.calls() == 0


async def test_a_price_in_a_currency_without_a_rate_refuses_the_sort() -> None:
    graph = await graph_with_rates("EUR=1.1")  # no pounds
    try:
        body = await graph.query(PRICED, {"filter": {"sources": ["FRESHSTORE"]}})
    finally:
        await graph.aclose()
    assert body["data"]["products"] is None
    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "sort"}
    assert error["message"].startswith("No exchange rate for GBP")


async def test_price_in_converts_money_and_leaves_points_alone(graph: Graph) -> None:
    data = await graph.data(
        """{ litekart { product(id: "prod_0001") { price { amount } priceIn(currency: "gbp") { amount currency } } }
             rewards { product(id: "3") { price { currency } priceIn(currency: "USD") { amount } } } }"""
    )
    product = data["litekart"]["product"]
    expected = (Decimal(product["price"]["amount"]) / DEFAULT_RATES["GBP"]).quantize(
        Decimal("0.01")
    )
    assert product["priceIn"] == {"amount": str(expected), "currency": "GBP"}
    assert data["rewards"]["product"] == {"price": {"currency": "POINTS"}, "priceIn": None}
    body = await graph.query(
        '{ litekart { product(id: "prod_0001") { priceIn(currency: "XYZ") { amount } } } }'
    )
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "currency"}
