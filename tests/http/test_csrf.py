"""CSRF prevention: no operation runs from a request a browser could send cross-site
without a preflight."""

from __future__ import annotations

import pytest

from gateway.http.csrf import CsrfPreventionMiddleware
from gateway.settings import Settings
from tests.graph.conftest import make_graph

MUTATION = 'mutation { redeemReward(input: {productId: "1", quantity: 1}) { userErrors { code } } }'


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", None],
)
async def test_a_simple_post_is_refused_and_reaches_no_store(graph, content_type) -> None:
    headers = {} if content_type is None else {"content-type": content_type}
    response = await graph.client.post(
        "/graphql", content=f'{{"query": "{MUTATION}"}}'.encode(), headers=headers
    )
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "CSRF_PREVENTED"
    assert "Cross-Site Request Forgery" in error["message"]
    assert await graph.calls() == 0


async def test_a_get_with_an_operation_needs_a_preflight_header(graph) -> None:
    query = {"query": "{ litestore { products(first: 1) { totalCount } } }"}
    refused = await graph.client.get("/graphql", params=query)
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["extensions"]["code"] == "CSRF_PREVENTED"
    assert await graph.calls() == 0
    for header in ("apollo-require-preflight", "x-apollo-operation-name"):
        allowed = await graph.client.get("/graphql", params=query, headers={header: "1"})
        assert allowed.status_code == 200 and allowed.json()["data"]
    empty = await graph.client.get(
        "/graphql", params=query, headers={"apollo-require-preflight": " "}
    )
    assert empty.status_code == 400


async def test_json_posts_and_the_graphiql_page_pass(graph) -> None:
    ok = await graph.client.post("/graphql", json={"query": "{ __typename }"})
    assert ok.status_code == 200
    page = await graph.client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")


async def test_it_can_be_switched_off_for_trusted_networks() -> None:
    graph = await make_graph(Settings(csrf_prevention=False))
    try:
        response = await graph.client.get("/graphql", params={"query": "{ __typename }"})
        assert response.status_code == 200
    finally:
        await graph.aclose()


def test_the_middleware_checks_its_paths() -> None:
    with pytest.raises(ValueError, match="at least one path"):
        CsrfPreventionMiddleware(lambda *a: None, paths=[])
    with pytest.raises(ValueError, match="start with"):
        CsrfPreventionMiddleware(lambda *a: None, paths=["graphql"])
