"""GraphQL over HTTP on /graphql: media types, the spec's status codes, GET and POST,
request-level errors as GraphQL JSON, and batches sharing one set of loaders."""

from __future__ import annotations

import pytest

from gateway.settings import Settings
from gateway.sources import Source
from tests.graph.conftest import make_graph
from tests.http.conftest import post

NEW = "application/graphql-response+json"
LEGACY = "application/json"
PREFLIGHTED = {"apollo-require-preflight": "true"}


def media(response) -> str:
    return response.headers["content-type"].split(";")[0]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, LEGACY),
        ("*/*", LEGACY),
        (LEGACY, LEGACY),
        (NEW, NEW),
        (f"{NEW}, {LEGACY};q=0.9", NEW),
        (f"{NEW};q=0.5, {LEGACY}", LEGACY),
        ("text/html, */*;q=0.8", LEGACY),
    ],
)
async def test_the_media_type_follows_accept(graph, accept, expected) -> None:
    headers = {} if accept is None else {"accept": accept}
    response = await post(graph, {"query": "{ __typename }"}, **headers)
    assert response.status_code == 200 and media(response) == expected
    assert response.json() == {"data": {"__typename": "Query"}}


async def test_an_unacceptable_accept_is_406_as_graphql_json(graph) -> None:
    response = await post(graph, {"query": "{ __typename }"}, accept="text/csv")
    assert response.status_code == 406
    assert response.json()["errors"][0]["extensions"]["code"] == "NOT_ACCEPTABLE"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"query": "{"}, "GRAPHQL_PARSE_FAILED"),
        ({"query": "{ noSuchField }"}, "GRAPHQL_VALIDATION_FAILED"),
        (
            {
                "query": "query ($n: Int!) { products(first: $n) { totalCount } }",
                "variables": {"n": "x"},
            },
            "BAD_USER_INPUT",
        ),
        ({"query": "query A { __typename }", "operationName": "B"}, "OPERATION_RESOLUTION_FAILURE"),
    ],
)
async def test_graphql_request_errors_are_400_in_the_new_media_type_and_200_in_legacy(
    graph, body, code
) -> None:
    new = await post(graph, body, accept=NEW)
    assert new.status_code == 400 and media(new) == NEW
    assert "data" not in new.json()
    assert new.json()["errors"][0]["extensions"]["code"] == code
    legacy = await post(graph, body, accept=LEGACY)
    assert legacy.status_code == 200 and media(legacy) == LEGACY
    assert "data" not in legacy.json()
    assert legacy.json()["errors"][0]["extensions"]["code"] == code
    assert await graph.calls() == 0


@pytest.mark.parametrize(
    "body",
    [
        {"notquery": "{ __typename }"},
        {"query": 0},
        {"query": ["{ __typename }"]},
        {"query": ""},
        {"query": "{ __typename }", "variables": "x"},
        {"query": "{ __typename }", "extensions": []},
        {"query": "{ __typename }", "operationName": {}},
    ],
)
async def test_malformed_parameters_are_400_in_both_media_types(graph, body) -> None:
    for accept in (NEW, LEGACY):
        response = await post(graph, body, accept=accept)
        assert response.status_code == 400 and media(response) == accept
        assert "data" not in response.json()
        assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_a_field_error_keeps_data_and_is_200_in_both_media_types(graph) -> None:
    await graph.configure(Source.LITEKART, error_rate=1.0)
    for accept in (NEW, LEGACY):
        response = await post(
            graph, {"query": '{ litekart { product(id: "prod_0001") { name } } }'}, accept=accept
        )
        body = response.json()
        assert response.status_code == 200
        assert body["data"] == {"litekart": {"product": None}}
        assert body["errors"][0]["path"] == ["litekart", "product"]


@pytest.mark.parametrize(
    ("raw", "content_type", "status", "code"),
    [
        (b'{ "not a JSON', "application/json", 400, "BAD_REQUEST"),
        (b"", "application/json", 400, "BAD_REQUEST"),
        (b"[]", "application/json", 400, "BAD_REQUEST"),
        (b"17", "application/json", 400, "BAD_REQUEST"),
        (b'{"query": "{ __typename }"}', None, 415, "UNSUPPORTED_MEDIA_TYPE"),
        (b'{"query": "{ __typename }"}', "application/graphql", 415, "UNSUPPORTED_MEDIA_TYPE"),
    ],
)
async def test_malformed_bodies_are_refused_as_graphql_json(
    graph, raw, content_type, status, code
) -> None:
    headers = PREFLIGHTED if content_type is None else {"content-type": content_type, **PREFLIGHTED}
    response = await graph.client.post("/graphql", content=raw, headers=headers)
    assert response.status_code == status, response.text
    assert media(response) == LEGACY
    assert response.json()["errors"][0]["extensions"]["code"] == code


async def test_get_runs_queries_with_json_variables(graph) -> None:
    response = await graph.client.get(
        "/graphql",
        params={
            "query": "query T($name: String!) { __type(name: $name) { name } }",
            "variables": '{"name": "Money"}',
            "operationName": "T",
        },
        headers=PREFLIGHTED,
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"__type": {"name": "Money"}}}


async def test_a_mutation_over_get_is_405_and_changes_nothing(graph) -> None:
    mutation = (
        'mutation { redeemReward(input: {productId: "1", quantity: 1}) { userErrors { code } } }'
    )
    response = await graph.client.get(
        "/graphql", params={"query": mutation}, headers={**PREFLIGHTED, "accept": NEW}
    )
    assert response.status_code == 405 and response.headers["allow"] == "POST"
    assert response.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"
    assert await graph.calls() == 0


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "HEAD"])
async def test_other_methods_are_405_naming_get_and_post(graph, method) -> None:
    body = '{"query": "{ litestore { products(first: 1) { nodes { id } } } }"}'
    response = await graph.client.request(
        method, "/graphql", content=body, headers={**PREFLIGHTED, "content-type": LEGACY}
    )
    assert response.status_code == 405 and response.headers["allow"] == "GET, POST"
    if method != "HEAD":
        [error] = response.json()["errors"]
        assert error["extensions"]["code"] == "METHOD_NOT_ALLOWED"
        assert error["extensions"]["requestId"] == response.headers["x-request-id"]
    assert await graph.calls() == 0


async def test_bad_variables_json_in_a_get_is_a_request_error(graph) -> None:
    response = await graph.client.get(
        "/graphql",
        params={"query": "{ __typename }", "variables": "{nope"},
        headers={**PREFLIGHTED, "accept": NEW},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


# --------------------------------------------------------------------------- batches

LOOKUPS = [f'{{ litekart {{ product(id: "prod_000{n}") {{ id name }} }} }}' for n in range(1, 6)]
MERGED = (
    "{ "
    + " ".join(
        f'p{n}: litekart {{ product(id: "prod_000{n}") {{ id name }} }}' for n in range(1, 6)
    )
    + " }"
)


async def test_a_batch_of_five_queries_costs_the_upstream_calls_of_one_merged_query(graph) -> None:
    response = await post(graph, [{"query": q} for q in LOOKUPS])
    assert response.status_code == 200
    answers = response.json()
    assert isinstance(answers, list) and len(answers) == 5
    names = [a["data"]["litekart"]["product"]["name"] for a in answers]
    assert all(names) and len(set(names)) == 5
    batch_calls = await graph.calls()

    fresh = await make_graph()
    try:
        merged = await fresh.data(MERGED)
        merged_calls = await fresh.calls()
    finally:
        await fresh.aclose()
    assert [merged[f"p{n}"]["product"]["name"] for n in range(1, 6)] == names
    assert batch_calls == merged_calls == 1  # five ids, one `ids=` call


LISTING = "{ products(first: 5) { edges { node { name price { amount } } } } }"


async def test_five_copies_of_a_listing_cost_what_one_costs(graph) -> None:
    response = await post(graph, [{"query": LISTING}] * 5)
    answers = response.json()
    assert len({str(a["data"]) for a in answers}) == 1 and not any("errors" in a for a in answers)
    batch_calls = await graph.calls()
    fresh = await make_graph()
    try:
        await fresh.data(LISTING)
        single_calls = await fresh.calls()
    finally:
        await fresh.aclose()
    assert batch_calls == single_calls > 0


async def test_a_malformed_entry_fails_alone_and_the_batch_is_bounded() -> None:
    graph = await make_graph(Settings(max_batch_operations=3))
    try:
        response = await post(graph, [{"query": "{ __typename }"}, {"query": 5}, {"query": "{"}])
        first, second, third = response.json()
        assert first == {"data": {"__typename": "Query"}}
        assert second["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
        assert third["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
        too_many = await post(graph, [{"query": "{ __typename }"}] * 4, accept=NEW)
        assert too_many.status_code == 400
        assert too_many.json()["errors"][0]["extensions"]["code"] == "TOO_MANY_OPERATIONS"
    finally:
        await graph.aclose()
