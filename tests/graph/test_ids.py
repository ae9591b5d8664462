"""Ids work wherever ids are taken: every lookup, filter and mutation input accepts the
object's global id (and the store's own id); a global id of another type or store is
``BAD_USER_INPUT`` naming the argument, never a silent null."""

from __future__ import annotations

import pytest

from gateway.errors import BadUserInput
from gateway.identity import Role
from gateway.sources import Source
from schema.ids import encode_id, store_id
from tests.graph.conftest import Graph
from tests.graph.rewards_helpers import user

LOOKUPS = {
    # store root, lookup, type, one raw id
    Source.LITESTORE: ("litestore", "product", "LitestoreProduct", "prod-001"),
    Source.LITEKART: ("litekart", "product", "LitekartProduct", "prod_0001"),
    Source.FRESHSTORE: ("freshstore", "product", "FreshStoreProduct", "1"),
    Source.REWARDS: ("rewards", "product", "RewardProduct", "3"),
    Source.CATALOG: ("catalog", "product", "CatalogProduct", "prod_100001"),
}


def test_the_helper_reads_global_and_raw_ids_and_refuses_the_rest() -> None:
    gid = encode_id("RewardProduct", "rewards", "7")
    assert store_id(gid, "RewardProduct", Source.REWARDS, field="id") == "7"
    assert store_id("7", "RewardProduct", Source.REWARDS, field="id") == "7"
    legacy = encode_id("Brand", "freshstore", "4")  # minted before FreshStoreBrand
    assert store_id(legacy, "FreshStoreBrand", Source.FRESHSTORE, field="id") == "4"
    cases = {
        encode_id(
            "RewardCategory", "rewards", "7"
        ): "takes a RewardProduct id; this is a RewardCategory id of REWARDS",
        encode_id("RewardProduct", "catalog", "7"): "this is a RewardProduct id of CATALOG",
        "seven": "is not a Rewards id (ASCII digits",
    }
    for value, message in cases.items():
        with pytest.raises(BadUserInput) as refused:
            store_id(value, "RewardProduct", Source.REWARDS, field="input.productId")
        assert message in refused.value.message
        extensions = refused.value.extensions()
        assert (extensions["code"], extensions["field"]) == ("BAD_USER_INPUT", "input.productId")


async def test_every_store_lookup_takes_the_global_id(graph: Graph) -> None:
    for source, (root, lookup, type_name, raw) in LOOKUPS.items():
        gid = encode_id(type_name, source.value, raw)
        query = f"query ($id: ID!) {{ {root} {{ {lookup}(id: $id) {{ id sourceId }} }} }}"
        by_global = (await graph.data(query, {"id": gid}))[root][lookup]
        by_raw = (await graph.data(query, {"id": raw}))[root][lookup]
        assert by_global == by_raw == {"id": gid, "sourceId": raw}, source


async def test_a_global_id_of_another_type_or_store_is_refused_naming_the_argument(
    graph: Graph,
) -> None:
    litekart_gid = encode_id("LitekartProduct", "litekart", "prod_0001")
    for source, (root, lookup, type_name, raw) in LOOKUPS.items():
        wrong = [
            encode_id(type_name, "litekart" if source is not Source.LITEKART else "catalog", raw)
        ]
        if source is not Source.LITEKART:
            wrong.append(litekart_gid)
        for value in wrong:
            body = await graph.query(
                f"query ($id: ID!) {{ {root} {{ {lookup}(id: $id) {{ id }} }} }}", {"id": value}
            )
            assert body["data"][root][lookup] is None
            [error] = body["errors"]
            assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "id"}, source
            assert f"takes a {type_name} id" in error["message"]
    assert await graph.calls() == 0  # refused before any store is asked


async def test_filters_take_global_ids(graph: Graph) -> None:
    graph.as_operator(Role.STAFF)  # Litekart's orders are people and money data
    customer = encode_id("Customer", "litekart", "cus_0001")
    rewards_category = encode_id("RewardCategory", "rewards", "1")
    catalog_category = encode_id("CatalogCategory", "catalog", "electronics")
    data = await graph.data(
        """query ($customer: ID!, $rc: ID!, $cc: ID!) {
          litekart { orders(first: 5, filter: {customerId: $customer}) { nodes { customer { sourceId } } } }
          rewards { products(first: 5, filter: {categoryId: $rc}) { nodes { categories { sourceId } } } }
          catalog { categories(parentId: $cc) { nodes { parent { sourceId } } } }
        }""",
        {"customer": customer, "rc": rewards_category, "cc": catalog_category},
    )
    orders = data["litekart"]["orders"]["nodes"]
    assert orders and {o["customer"]["sourceId"] for o in orders} == {"cus_0001"}
    rewards = data["rewards"]["products"]["nodes"]
    assert rewards and all("1" in {c["sourceId"] for c in r["categories"]} for r in rewards)
    children = data["catalog"]["categories"]["nodes"]
    assert children and {c["parent"]["sourceId"] for c in children} == {"electronics"}

    body = await graph.query(
        "query ($id: ID!) { litekart { orders(filter: {customerId: $id}) { totalCount } } }",
        {"id": rewards_category},
    )
    assert body["errors"][0]["extensions"] == {
        "code": "BAD_USER_INPUT",
        "field": "filter.customerId",
    }


async def test_an_unknown_catalog_parent_is_the_stores_refusal_not_an_empty_list(
    graph: Graph,
) -> None:
    body = await graph.query(
        '{ catalog { categories(parentId: "no-such-category") { totalCount } } }'
    )
    assert body["data"]["catalog"]["categories"] is None
    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "parentId"}
    assert "no category 'no-such-category'" in error["message"]


async def test_redeem_takes_the_global_id(graph: Graph) -> None:
    graph.user_token = await user(graph, 0)
    mutation = """mutation ($id: ID!) { redeemReward(input: {productId: $id}) {
        order { product { sourceId } } userErrors { code field message } } }"""
    gid = encode_id("RewardProduct", "rewards", "13")
    result = (await graph.data(mutation, {"id": gid}))["redeemReward"]
    assert result["userErrors"] == [] and result["order"]["product"]["sourceId"] == "13"
    wrong = encode_id("RewardCategory", "rewards", "13")
    result = (await graph.data(mutation, {"id": wrong}))["redeemReward"]
    [mistake] = result["userErrors"]  # the write path's userError for the wrong id
    assert mistake["code"] == "BAD_USER_INPUT" and mistake["field"] == ["input", "productId"]
