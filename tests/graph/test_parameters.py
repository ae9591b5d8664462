"""Every documented read parameter is an argument (enums for closed sets), a store's
refusal of a value is ``BAD_USER_INPUT`` naming the argument, and no snake_case key
leaks through a JSON scalar."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from graphql import GraphQLInterfaceType, GraphQLObjectType, GraphQLScalarType, get_named_type

from gateway.identity import Role
from gateway.sources import Source
from schema.build import build_schema
from tests.graph.conftest import Graph
from tests.graph.rewards_helpers import user


async def test_litekart_users_coupons_and_orders_take_their_documented_parameters(
    graph: Graph,
) -> None:
    graph.as_operator(Role.ADMIN)  # back-office users, coupons and orders: operators only
    data = await graph.data(
        """{ litekart {
          vendors: users(role: VENDOR) { totalCount nodes { role } }
          suspended: users(status: SUSPENDED) { nodes { status } }
          everyone: users(first: 100) { totalCount }
          active: coupons(active: true, first: 100) { totalCount nodes { active } }
          inactive: coupons(active: false, first: 100) { totalCount nodes { active } }
          orders(first: 20, sort: [{field: TOTAL, direction: DESC}]) { nodes { total { amount } } }
        } }"""
    )
    kart = data["litekart"]
    assert kart["vendors"]["nodes"] and {u["role"] for u in kart["vendors"]["nodes"]} == {"VENDOR"}
    assert kart["vendors"]["totalCount"] < kart["everyone"]["totalCount"]
    assert {u["status"] for u in kart["suspended"]["nodes"]} <= {"SUSPENDED"}
    assert {c["active"] for c in kart["active"]["nodes"]} == {True}
    assert {c["active"] for c in kart["inactive"]["nodes"]} <= {False}
    totals = [Decimal(o["total"]["amount"]) for o in kart["orders"]["nodes"]]
    assert totals == sorted(totals, reverse=True)


async def test_rewards_locale_publication_state_and_order_status(graph: Graph) -> None:
    graph.user_token = await user(graph, 0)
    data = await graph.data(
        """{ rewards {
          en: categories(locale: "en") { totalCount }
          live: products(first: 1) { totalCount }
          preview: products(first: 1, filter: {publicationState: PREVIEW}) { totalCount }
          me { orders(status: FULFILLED) { nodes { storeStatus } } }
        } }"""
    )
    rewards = data["rewards"]
    assert rewards["en"]["totalCount"] > 0
    assert rewards["preview"]["totalCount"] > rewards["live"]["totalCount"]  # drafts too
    assert {o["storeStatus"] for o in rewards["me"]["orders"]["nodes"]} == {"FULFILLED"}


async def test_a_stores_refusal_names_the_argument(graph: Graph) -> None:
    graph.as_operator(Role.STAFF)  # Litekart's customers are people data
    cases = {
        '{ rewards { categories(locale: "not a locale", first: 5) { totalCount } } }': "locale",
        '{ litekart { customers(search: "%s", first: 5) { totalCount } } }' % ("x" * 201): "search",
        '{ litestore { product(id: "prod-001") { reviews(rating: 9) { totalCount } } } }': "rating",
    }
    for query, field in cases.items():
        body = await graph.query(query)
        [error] = body["errors"]
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}, query


async def test_litestore_analytics_metrics_are_a_closed_set(graph: Graph) -> None:
    graph.as_operator(Role.STAFF)  # analytics are the store's operations data
    data = await graph.data(
        """{ litestore { product(id: "prod-001") {
             analytics(metrics: [VIEWS, PURCHASES]) { views purchases conversionRate } } } }"""
    )
    analytics = data["litestore"]["product"]["analytics"]
    assert analytics["views"] is not None and analytics["purchases"] is not None
    assert analytics["conversionRate"] is None  # not asked for
    body = await graph.query(
        '{ litestore { product(id: "prod-001") { analytics(metrics: [VIEWZ]) { views } } } }'
    )
    assert "VIEWZ" in body["errors"][0]["message"]
    assert await graph.calls(Source.LITESTORE) <= 2


def test_no_json_scalar_and_no_snake_case_field_anywhere() -> None:
    """JSON only where the caller writes free-form data (a write's input); no answer
    hands a store's own keys through a JSON scalar."""
    schema = build_schema()._schema
    for type_ in schema.type_map.values():
        if type_.name.startswith("__"):
            continue
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
            for name, field in type_.fields.items():
                named = get_named_type(field.type)
                assert not isinstance(named, GraphQLScalarType) or named.name != "JSON", (
                    f"{type_.name}.{name}"
                )
        for name in getattr(type_, "fields", {}) or {}:
            assert "_" not in name, f"{type_.name}.{name}"
        if isinstance(type_, GraphQLObjectType):
            for field_name, field in type_.fields.items():
                for arg in field.args:
                    assert "_" not in arg, f"{type_.name}.{field_name}({arg})"


async def test_catalog_attributes_are_camel_case_key_value_pairs(graph: Graph) -> None:
    data = await graph.data(
        "{ catalog { products(first: 20) { nodes { attributes { key value } } } } }"
    )
    pairs = [a for n in data["catalog"]["products"]["nodes"] for a in n["attributes"]]
    assert pairs and all("_" not in a["key"] and isinstance(a["value"], str) for a in pairs)
    assert {"gtin", "mpn", "brand"} <= {a["key"] for a in pairs}


async def test_every_refund_is_listed_for_staff_only(graph: Graph) -> None:
    query = "{ rewards { refunds(first: 100) { totalCount nodes { sourceId } } } }"
    anonymous = await graph.query(query)
    assert anonymous["data"]["rewards"]["refunds"] is None
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    graph.user_token = await user(graph, 0)
    mine = await graph.data("{ rewards { me { refunds(first: 100) { totalCount } } } }")
    graph.user_token = None
    graph.as_operator(Role.SUPPORT)
    every = (await graph.data(query))["rewards"]["refunds"]
    assert every["totalCount"] > mine["rewards"]["me"]["refunds"]["totalCount"]
    ids = [int(n["sourceId"]) for n in every["nodes"]]
    assert ids == sorted(ids, reverse=True)


async def test_every_litekart_list_sorts_as_asked(graph: Graph) -> None:
    """Each list's documented ``sort`` is an argument, pushed down in one call each."""
    graph.as_operator(Role.ADMIN)
    data = await graph.data(
        """{ litekart {
          brands(first: 100, sort: [{field: NAME, direction: DESC}]) { nodes { name } }
          categories(first: 100, sort: [{field: NAME}]) { nodes { name } }
          customers(first: 100, sort: [{field: TOTAL_SPENT, direction: DESC}]) {
            nodes { totalSpent { amount } } }
          payments(first: 100, sort: [{field: AMOUNT}]) { nodes { amount { amount } } }
          coupons(first: 100, sort: [{field: CODE, direction: DESC}]) { nodes { code } }
          users(first: 100, sort: [{field: EMAIL}]) { nodes { email } }
          products(first: 100, sort: [{field: SKU}]) { nodes { sku } }
        } }"""
    )
    kart = data["litekart"]

    def column(name: str, pick: Any) -> list[Any]:
        values = [pick(n) for n in kart[name]["nodes"]]
        assert len(values) > 1, name
        return values

    brands = column("brands", lambda n: n["name"])
    assert brands == sorted(brands, reverse=True)
    assert column("categories", lambda n: n["name"]) == sorted(
        column("categories", lambda n: n["name"])
    )
    spent = column("customers", lambda n: Decimal(n["totalSpent"]["amount"]))
    assert spent == sorted(spent, reverse=True)
    paid = column("payments", lambda n: Decimal(n["amount"]["amount"]))
    assert paid == sorted(paid)
    codes = column("coupons", lambda n: n["code"])
    assert codes == sorted(codes, reverse=True)
    emails = column("users", lambda n: n["email"])
    assert emails == sorted(emails)
    skus = column("products", lambda n: n["sku"])
    assert skus == sorted(skus)
    assert await graph.calls(Source.LITEKART) == 7


async def test_a_customers_orders_take_the_documented_filters_and_sort(graph: Graph) -> None:
    graph.as_operator(Role.STAFF)
    data = await graph.data(
        """{ litekart { customers(first: 100, sort: [{field: ORDER_COUNT, direction: DESC}]) {
             nodes { sourceId orderCount } } } }"""
    )
    busiest = data["litekart"]["customers"]["nodes"][0]
    assert busiest["orderCount"] > 1
    query = """query($id: ID!, $status: LitekartOrderStatus) { litekart { customer(id: $id) {
        every: orders(first: 100, sort: [{field: TOTAL}]) { totalCount nodes { storeStatus
          total { amount } } }
        some: orders(first: 100, filter: {status: $status}) { totalCount nodes { storeStatus } }
    } } }"""
    every = (await graph.data(query, {"id": busiest["sourceId"]}))["litekart"]["customer"]
    totals = [Decimal(o["total"]["amount"]) for o in every["every"]["nodes"]]
    assert totals == sorted(totals) and len(totals) == busiest["orderCount"]
    status = every["every"]["nodes"][0]["storeStatus"]
    wanted = status.upper()
    some = (await graph.data(query, {"id": busiest["sourceId"], "status": wanted}))["litekart"]
    kept = some["customer"]["some"]
    assert kept["totalCount"] == sum(o["storeStatus"] == status for o in every["every"]["nodes"])
    assert {o["storeStatus"] for o in kept["nodes"]} == {status}


async def test_rewards_categories_and_orders_sort_as_asked(graph: Graph) -> None:
    graph.user_token = await user(graph, 0)
    data = await graph.data(
        """{ rewards {
          byName: categories(first: 100, sort: [{field: NAME, direction: DESC}]) {
            nodes { name } }
          shown: categories(first: 100) { nodes { categorySequence } }
          me { oldest: orders(first: 100, sort: [{field: CREATED_AT}]) { nodes { placedAt } }
               newest: orders(first: 100) { nodes { placedAt } } }
        } }"""
    )
    rewards = data["rewards"]
    names = [c["name"] for c in rewards["byName"]["nodes"]]
    assert len(names) > 1 and names == sorted(names, reverse=True)
    sequence = [c["categorySequence"] for c in rewards["shown"]["nodes"]]
    assert sequence == sorted(sequence)
    oldest = [o["placedAt"] for o in rewards["me"]["oldest"]["nodes"]]
    assert len(oldest) > 1 and oldest == sorted(oldest)
    assert [o["placedAt"] for o in rewards["me"]["newest"]["nodes"]] == oldest[::-1]
