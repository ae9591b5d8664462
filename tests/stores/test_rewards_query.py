"""Rewards store: the Strapi v4 query language — filters (every operator,
nested relations, ``$in`` batching), populate, sort, pagination, fields,
publicationState, locale."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from stores.rewards import create_app
from stores.rewards.db import Entity
from tests.stores.rewards_support import SEED, client_for, ids, user

PRODUCTS = SEED.collection("product")
LIVE = {i: p for i, p in PRODUCTS.items() if p["publishedAt"] is not None}
ALL = "&pagination[pageSize]=100"


@pytest.fixture
async def client():
    async with client_for(create_app()) as c:
        yield c


def live(predicate: Callable[[Entity], bool]) -> list[int]:
    return [i for i, p in LIVE.items() if predicate(p)]


FILTER_CASES: list[tuple[str, Callable[[Entity], bool]]] = [
    ("filters[inventoryCount][$eq]=0", lambda p: p["inventoryCount"] == 0),
    ("filters[name]=Plush%20Mascot", lambda p: p["name"] == "Plush Mascot"),
    ("filters[name][$eqi]=plush%20mascot", lambda p: p["name"] == "Plush Mascot"),
    ("filters[name][$nei]=plush%20mascot", lambda p: p["name"] != "Plush Mascot"),
    ("filters[hasProductVariants][$ne]=true", lambda p: not p["hasProductVariants"]),
    ("filters[inventoryCount][$lt]=50", lambda p: p["inventoryCount"] < 50),
    ("filters[inventoryCount][$lte]=41", lambda p: p["inventoryCount"] <= 41),
    ("filters[inventoryCount][$gt]=150", lambda p: p["inventoryCount"] > 150),
    ("filters[maxRedemptionCount][$gte]=5", lambda p: p["maxRedemptionCount"] >= 5),
    (
        "filters[id][$in][0]=3&filters[id][$in][1]=7&filters[id][$in][2]=30",
        lambda p: p["id"] in (3, 7),
    ),
    ("filters[id][$in]=3,7,9", lambda p: p["id"] in (3, 7, 9)),
    ("filters[id][$notIn]=1,2", lambda p: p["id"] not in (1, 2)),
    ("filters[name][$contains]=Gift", lambda p: "Gift" in p["name"]),
    ("filters[name][$notContains]=Gift", lambda p: "Gift" not in p["name"]),
    ("filters[name][$containsi]=gift", lambda p: "gift" in p["name"].lower()),
    ("filters[name][$notContainsi]=GIFT", lambda p: "gift" not in p["name"].lower()),
    ("filters[name][$startsWith]=Team", lambda p: p["name"].startswith("Team")),
    ("filters[name][$startsWithi]=team", lambda p: p["name"].lower().startswith("team")),
    ("filters[name][$endsWith]=Pass", lambda p: p["name"].endswith("Pass")),
    ("filters[name][$endsWithi]=PASS", lambda p: p["name"].lower().endswith("pass")),
    ("filters[expiryAt][$null]=true", lambda p: p["expiryAt"] is None),
    ("filters[expiryAt][$notNull]=true", lambda p: p["expiryAt"] is not None),
    (
        "filters[inventoryCount][$between][0]=10&filters[inventoryCount][$between][1]=40",
        lambda p: 10 <= p["inventoryCount"] <= 40,
    ),
    (
        "filters[expiryAt][$lt]=2027-01-01T00:00:00.000Z",
        lambda p: p["expiryAt"] is not None and p["expiryAt"] < "2027",
    ),
    ("filters[startAt][$gt]=2026-01-01", lambda p: (p["startAt"] or "") > "2026"),
    (
        "filters[$or][0][id][$eq]=1&filters[$or][1][name][$eq]=Plush%20Mascot",
        lambda p: p["id"] == 1 or p["name"] == "Plush Mascot",
    ),
    (
        "filters[$and][0][inventoryCount][$gt]=20&filters[$and][1][inventoryCount][$lt]=30",
        lambda p: 20 < p["inventoryCount"] < 30,
    ),
    ("filters[$not][hasProductVariants][$eq]=true", lambda p: not p["hasProductVariants"]),
    ("filters[categories][id][$eq]=1", lambda p: 1 in p["categories"]),
    ("filters[categories][name][$in]=Toys,Home", lambda p: bool({3, 6} & set(p["categories"]))),
    ("filters[badge][name][$eq]=Legend", lambda p: p["badge"] == 9),
    ("filters[badge][$notNull]=true", lambda p: p["badge"] is not None),
    ("filters[badge][$null]=true", lambda p: p["badge"] is None),
    ("filters[reward][rewardItemCost][$lte]=1000", lambda p: p["reward"]["rewardItemCost"] <= 1000),
    ("filters[reward][rewardItem][name][$eq]=Coins", lambda p: p["reward"]["rewardItem"] == 2),
    ("filters[reward][hasDiscountedCost][$eq]=true", lambda p: p["reward"]["hasDiscountedCost"]),
    (
        "filters[variants][sku][$eq]=SON-1000",
        lambda p: any(v["sku"] == "SON-1000" for v in p["variants"]),
    ),
]


@pytest.mark.parametrize(("query", "expected"), FILTER_CASES, ids=[c[0] for c in FILTER_CASES])
async def test_filter_operators(client, query: str, expected: Callable[[Entity], bool]) -> None:
    response = await client.get(f"/api/products?{query}{ALL}")
    assert response.status_code == 200, response.text
    want = live(expected)
    assert want, "a case must match something"
    assert ids(response.json()) == want


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/api/products", {}),
        ("/api/categories", {}),
        ("/api/badges", {}),
        ("/api/reward-items", {}),
        ("/api/orders", user(6)),
        ("/api/refunds", {"Authorization": "Bearer rw_demo_store_token"}),
    ],
)
async def test_in_batches_lookups_everywhere(client, path: str, headers: dict) -> None:
    everything = ids((await client.get(f"{path}?pagination[pageSize]=100", headers=headers)).json())
    wanted = everything[:3][::-1]
    listed = "&".join(f"filters[id][$in][{i}]={v}" for i, v in enumerate(wanted))
    first = await client.get(f"{path}?{listed}", headers=headers)
    comma = await client.get(
        f"{path}?filters[id][$in]={','.join(map(str, wanted))}", headers=headers
    )
    assert ids(first.json()) == sorted(wanted)
    assert comma.json() == first.json()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("filters[nope][$eq]=1", 'Invalid key "nope" in filters: product has no such field'),
        ("filters[name][$like]=x", 'Invalid operator $like on "name"'),
        (
            "filters[inventoryCount][$gt]=lots",
            'Invalid value "lots" for "inventoryCount": expected an integer',
        ),
        (
            "filters[description][$contains]=x",
            'Invalid filter: field "description" cannot be filtered',
        ),
        ("filters[categories][$eq]=1", None),
        ("filters[badge][nope][$eq]=1", 'Invalid key "nope" in filters: badge has no such field'),
        (
            "filters[expiryAt][$null]=maybe",
            'Invalid $null filter on "expiryAt": expected true or false',
        ),
        ("filters[$or]=x", "Invalid $or filter: expected an array of filter objects"),
        ("filter[name]=x", None),
        ("sort=name:up", 'Invalid sort order "up" for "name": use asc or desc'),
        ("sort=nope:asc", None),
        ("sort=categories.name", None),
        ("fields[0]=nope", 'Invalid key "nope" in fields: product has no such attribute'),
        ("fields[0]=categories", None),
        ("populate=nope", None),
        ("populate[categories][bogus]=1", None),
        ("pagination[page]=0", "Invalid 'page' parameter. Expected an integer > 0"),
        ("pagination[pageSize]=0", "Invalid 'pageSize' parameter. Expected an integer > 0"),
        ("pagination[page]=x", "Invalid 'page' parameter. Expected an integer"),
        (
            "pagination[page]=1&pagination[limit]=5",
            "Invalid pagination parameters. Expected either start/limit or page/pageSize",
        ),
        ("pagination[withCount]=maybe", None),
        ("publicationState=draft", 'Invalid publicationState. Expected "live" or "preview"'),
        ("locale=fr", None),
    ],
)
async def test_invalid_queries_are_400(client, query: str, message: str | None) -> None:
    response = await client.get(f"/api/products?{query}")
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["name"] == "BadRequestError"
    if message is not None:
        assert error["message"] == message


async def test_no_populate_returns_attributes_only(client) -> None:
    attrs = (await client.get("/api/products/1")).json()["data"]["attributes"]
    for relation in ("categories", "reward", "badge", "variants", "productImage", "sponsor"):
        assert relation not in attrs


async def test_populate_star_brings_every_relation_one_level(client) -> None:
    attrs = (await client.get("/api/products/13?populate=*")).json()["data"]["attributes"]
    assert attrs["badge"]["data"]["attributes"]["name"] == "Super Fan"
    assert "products" not in attrs["badge"]["data"]["attributes"]
    assert "products" not in attrs["categories"]["data"][0]["attributes"]
    assert attrs["rewardItem"]["data"]["id"] == 1
    assert (
        attrs["reward"]["rewardItem"]["data"]["attributes"]["livelikeRewardItemId"]
        == "reward-item-101"
    )
    assert attrs["variants"] == []


@pytest.mark.parametrize(
    "populate", ["populate=categories,badge", "populate[0]=categories&populate[1]=badge"]
)
async def test_named_populate_brings_only_those(client, populate: str) -> None:
    attrs = (await client.get(f"/api/products/13?{populate}")).json()["data"]["attributes"]
    assert "categories" in attrs and "badge" in attrs
    assert "reward" not in attrs and "variants" not in attrs


async def test_populating_a_component_populates_its_relation(client) -> None:
    attrs = (await client.get("/api/products/1?populate[0]=reward")).json()["data"]["attributes"]
    assert attrs["reward"]["rewardItem"]["data"]["attributes"]["name"] == "Points"
    bare = await client.get(
        "/api/products/1?populate[reward][populate][0]=rewardItem&fields[0]=name"
    )
    assert bare.json()["data"]["attributes"]["reward"]["rewardItem"]["data"]["id"] == 1


@pytest.mark.parametrize(
    "populate",
    [
        "populate[categories][populate]=products",
        "populate=categories.products",
        "populate[categories][populate][0]=products",
    ],
)
async def test_nested_populate(client, populate: str) -> None:
    attrs = (await client.get(f"/api/products/1?{populate}")).json()["data"]["attributes"]
    category = attrs["categories"]["data"][0]
    product_ids = [p["id"] for p in category["attributes"]["products"]["data"]]
    assert 1 in product_ids
    assert product_ids == sorted(i for i, p in LIVE.items() if 1 in p["categories"])


async def test_populate_options_fields_filters_sort(client) -> None:
    query = (
        "populate[products][fields][0]=name&populate[products][sort]=name:desc"
        "&populate[products][filters][inventoryCount][$gt]=0"
    )
    body = (await client.get(f"/api/categories/3?{query}")).json()
    products = body["data"]["attributes"]["products"]["data"]
    names = [p["attributes"]["name"] for p in products]
    assert names == sorted(names, reverse=True)
    assert all(set(p["attributes"]) == {"name"} for p in products)
    expected = [p for p in LIVE.values() if 3 in p["categories"] and p["inventoryCount"] > 0]
    assert len(names) == len(expected)


async def test_populated_relations_hide_drafts_unless_preview(client) -> None:
    # Team Water Bottle (61) is a draft in Sports (2)
    live_ids = [
        p["id"]
        for p in (await client.get("/api/categories/2?populate=products")).json()["data"][
            "attributes"
        ]["products"]["data"]
    ]
    preview = (
        await client.get("/api/categories/2?populate=products&publicationState=preview")
    ).json()
    preview_ids = [p["id"] for p in preview["data"]["attributes"]["products"]["data"]]
    assert 61 not in live_ids and 61 in preview_ids


async def test_sort(client) -> None:
    by_name = (await client.get(f"/api/products?sort=name:asc&fields[0]=name{ALL}")).json()
    names = [r["attributes"]["name"] for r in by_name["data"]]
    assert names == sorted(p["name"] for p in LIVE.values())
    multi = (
        await client.get(f"/api/products?sort[0]=inventoryCount:desc&sort[1]=id:desc{ALL}")
    ).json()
    assert ids(multi) == [
        p["id"] for p in sorted(LIVE.values(), key=lambda p: (-p["inventoryCount"], -p["id"]))
    ]
    comma = (await client.get(f"/api/products?sort=inventoryCount:desc,id:desc{ALL}")).json()
    assert ids(comma) == ids(multi)
    cost = (await client.get(f"/api/products?sort=reward.rewardItemCost:asc{ALL}")).json()
    assert ids(cost) == [
        p["id"]
        for p in sorted(LIVE.values(), key=lambda p: (p["reward"]["rewardItemCost"], p["id"]))
    ]


async def test_sort_puts_nulls_first_ascending(client) -> None:
    body = (await client.get(f"/api/products?sort=expiryAt&fields[0]=expiryAt{ALL}")).json()
    values = [r["attributes"]["expiryAt"] for r in body["data"]]
    nulls = values.count(None)
    assert nulls and values[:nulls] == [None] * nulls
    assert values[nulls:] == sorted(values[nulls:])


async def test_category_sequence_sort(client) -> None:
    body = (await client.get("/api/categories?sort=categorySequence:asc")).json()
    sequences = [c["attributes"]["categorySequence"] for c in body["data"]]
    assert sequences == sorted(sequences) and len(sequences) == 10


async def test_pagination_meta(client) -> None:
    default = (await client.get("/api/products")).json()
    assert default["meta"]["pagination"] == {"page": 1, "pageSize": 25, "pageCount": 3, "total": 61}
    assert len(default["data"]) == 25
    last = (await client.get("/api/products?pagination[page]=3&pagination[pageSize]=25")).json()
    assert len(last["data"]) == 11
    beyond = (await client.get("/api/products?pagination[page]=9")).json()
    assert beyond["data"] == [] and beyond["meta"]["pagination"]["total"] == 61
    pages = []
    for page in (1, 2, 3, 4, 5, 6, 7):
        body = (
            await client.get(f"/api/products?pagination[page]={page}&pagination[pageSize]=10")
        ).json()
        pages.extend(ids(body))
        assert body["meta"]["pagination"]["pageCount"] == math.ceil(61 / 10)
    assert pages == sorted(LIVE)


async def test_page_size_is_clamped_to_100(client) -> None:
    body = (await client.get("/api/orders?pagination[pageSize]=500", headers=user(6))).json()
    assert body["meta"]["pagination"]["pageSize"] == 100
    products = (await client.get("/api/products?pagination[pageSize]=500")).json()
    assert len(products["data"]) == 61


async def test_offset_pagination_and_without_count(client) -> None:
    body = (await client.get("/api/products?pagination[start]=10&pagination[limit]=5")).json()
    assert body["meta"]["pagination"] == {"start": 10, "limit": 5, "total": 61}
    assert ids(body) == sorted(LIVE)[10:15]
    clamped = (await client.get("/api/products?pagination[limit]=1000")).json()
    assert clamped["meta"]["pagination"]["limit"] == 100
    everything = (await client.get("/api/products?pagination[limit]=-1")).json()
    assert len(everything["data"]) == 61
    no_count = (await client.get("/api/products?pagination[withCount]=false")).json()
    assert no_count["meta"]["pagination"] == {"page": 1, "pageSize": 25}


async def test_fields_selection(client) -> None:
    body = (
        await client.get("/api/products?fields[0]=name&fields[1]=inventoryCount&populate=badge")
    ).json()
    assert set(body["data"][0]) == {"id", "attributes"}
    assert set(body["data"][0]["attributes"]) == {"name", "inventoryCount", "badge"}
    comma = (await client.get("/api/products/1?fields=name,startAt")).json()
    assert set(comma["data"]["attributes"]) == {"name", "startAt"}


async def test_publication_state(client) -> None:
    live_body = (await client.get("/api/products?publicationState=live")).json()
    preview = (await client.get("/api/products?publicationState=preview")).json()
    assert live_body["meta"]["pagination"]["total"] == 61
    assert preview["meta"]["pagination"]["total"] == 64
    assert (await client.get("/api/products/30")).status_code == 404
    draft = await client.get("/api/products/30?publicationState=preview")
    assert draft.status_code == 200
    assert draft.json()["data"]["attributes"]["publishedAt"] is None
    categories = (await client.get("/api/categories?publicationState=preview")).json()
    assert categories["meta"]["pagination"]["total"] == 11


async def test_category_locale(client) -> None:
    assert (await client.get("/api/categories?locale=en")).json()["meta"]["pagination"][
        "total"
    ] == 10
    assert (await client.get("/api/categories?locale=all")).json()["meta"]["pagination"][
        "total"
    ] == 10
    assert (await client.get("/api/categories?locale=fr")).json()["data"] == []
    assert (await client.get("/api/categories?locale=!!")).status_code == 400


async def test_single_entry_rejects_list_parameters(client) -> None:
    response = await client.get("/api/products/1?pagination[page]=1")
    assert response.status_code == 400


async def test_nested_filters_on_orders_and_refunds(client) -> None:
    orders = [o for o in SEED.collection("order").values() if o["livelikeUserId"] == "user-006"]
    product_name = PRODUCTS[orders[0]["product"]]["name"]
    body = (
        await client.get(
            f"/api/orders?filters[product][name][$eq]={product_name}{ALL}", headers=user(6)
        )
    ).json()
    assert ids(body) == [o["id"] for o in orders if o["product"] == orders[0]["product"]]
    refunds = (
        await client.get(
            "/api/refunds?filters[order][status][$eq]=REFUNDED&filters[order][id][$notNull]=true",
            headers={"Authorization": "Bearer rw_demo_store_token"},
        )
    ).json()
    assert refunds["meta"]["pagination"]["total"] == len(SEED.collection("refund"))
