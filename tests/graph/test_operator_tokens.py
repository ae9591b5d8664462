"""Operator tokens over HTTP: each bad token is UNAUTHENTICATED with its reason (never a
500, never the store's words), a JWKS issuer with key rotation, the embedded default's
generated secret, and introspection switched off."""

from __future__ import annotations

import time
from typing import Any

import jwt
import pytest

from gateway.app import create_app
from gateway.settings import Settings
from tests.gateway.identity.test_operator_tokens import Issuer, claims
from tests.graph.conftest import TEST_JWT_SECRET, Graph, make_graph

STAFF_ONLY = "{ litekart { customers(first: 1) { nodes { email } } } }"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def refusal(graph: Graph, token: str) -> dict[str, Any]:
    body = await graph.query(STAFF_ONLY, headers=bearer(token))
    assert body["data"]["litekart"]["customers"] is None
    [error] = body["errors"]
    assert error["extensions"] == {"code": "UNAUTHENTICATED"}
    return error


@pytest.mark.parametrize(
    ("overrides", "key", "reason"),
    [
        ({"exp": int(time.time()) - 3600}, TEST_JWT_SECRET, "the token has expired"),
        ({}, "some-other-secret-of-enough-length-00000", "the token has a bad signature"),
        ({"aud": "billing"}, TEST_JWT_SECRET, "the token is meant for another audience"),
        ({"iss": "someone-else"}, TEST_JWT_SECRET, "the token comes from another issuer"),
    ],
    ids=["expired", "forged", "wrong-audience", "wrong-issuer"],
)
async def test_a_bad_operator_token_says_why(
    graph: Graph, overrides: dict[str, Any], key: str, reason: str
) -> None:
    token = jwt.encode(claims(roles=["admin"], **overrides), key, algorithm="HS256")
    error = await refusal(graph, token)
    assert error["message"].startswith(f"`Authorization` was not accepted: {reason}")
    assert await graph.calls() == 0


async def test_malformed_tokens_and_schemes_are_reasons_too(graph: Graph) -> None:
    error = await refusal(graph, "definitely.not.a-jwt")
    assert "it is not a well-formed JWT" in error["message"]
    body = await graph.query(STAFF_ONLY, headers={"Authorization": "Basic YTpi"})
    assert "it must be `Bearer <JWT>`" in body["errors"][0]["message"]


async def test_a_bad_token_does_not_spoil_public_fields(graph: Graph) -> None:
    body = await graph.query(
        "{ litekart { brands(first: 1) { totalCount } } }", headers=bearer("x")
    )
    assert "errors" not in body and body["data"]["litekart"]["brands"]["totalCount"] > 0


async def test_a_jwks_issuer_works_and_its_rotated_key_is_picked_up() -> None:
    issuer = Issuer()
    first = issuer.add_rsa("2026-a")
    settings = Settings.from_env(
        {
            "STOREGRAPH_JWT_JWKS_URL": "https://issuer.test/.well-known/jwks.json",
            "STOREGRAPH_JWT_ISSUER": "https://id.test",
            "STOREGRAPH_JWT_JWKS_REFETCH_S": "0",  # a new kid is looked up at once
        }
    )
    graph = await make_graph(settings, jwks_transport=issuer.transport())
    try:
        sign = lambda key, kid, alg="RS256": jwt.encode(  # noqa: E731
            claims(iss="https://id.test", roles=["staff"]), key, alg, headers={"kid": kid}
        )
        data = await graph.data(STAFF_ONLY, headers=bearer(sign(first, "2026-a")))
        assert data["litekart"]["customers"]["nodes"][0]["email"]
        second = issuer.add_ec("2026-b")  # rotation: the issuer publishes a new key
        del issuer.keys["2026-a"]
        data = await graph.data(STAFF_ONLY, headers=bearer(sign(second, "2026-b", "ES256")))
        assert data["litekart"]["customers"]["nodes"]
        assert issuer.fetches == 2  # once at first use, once for the new kid
        assert "`kid`" in (await refusal(graph, sign(first, "2026-a")))["message"]  # retired
        hs = jwt.encode(claims(iss="https://id.test", roles=["admin"]), TEST_JWT_SECRET, "HS256")
        assert "algorithm (HS256)" in (await refusal(graph, hs))["message"]  # no secret set
    finally:
        await graph.aclose()


async def test_the_embedded_default_generates_a_secret_that_mints_tokens() -> None:
    app = create_app(Settings.from_env({}))
    secret = app.state.operator_auth.generated_secret
    assert secret and len(secret) >= 32
    assert create_app(Settings.from_env({})).state.operator_auth.generated_secret != secret
    configured = create_app(Settings.from_env({"STOREGRAPH_JWT_SECRET": TEST_JWT_SECRET}))
    assert configured.state.operator_auth.generated_secret is None
    real = Settings.from_env({"STOREGRAPH_LITEKART_URL": "https://litekart.example.com"})
    assert create_app(real).state.operator_auth.verifier is None  # never an untold secret


async def test_introspection_and_graphiql_can_be_switched_off() -> None:
    graph = await make_graph(
        Settings.from_env(
            {"STOREGRAPH_INTROSPECTION": "false", "STOREGRAPH_JWT_SECRET": TEST_JWT_SECRET}
        )
    )
    try:
        body = await graph.query("{ __schema { queryType { name } } }")
        assert "introspection" in body["errors"][0]["message"].lower()
        assert (await graph.data("{ __typename }"))["__typename"] == "Query"
        page = await graph.client.get("/graphql", headers={"Accept": "text/html"})
        assert "graphiql" not in page.text.lower()
    finally:
        await graph.aclose()
    on = await make_graph()
    try:
        assert (await on.data("{ __schema { queryType { name } } }"))["__schema"]
        page = await on.client.get("/graphql", headers={"Accept": "text/html"})
        assert page.status_code == 200 and "graphiql" in page.text.lower()
    finally:
        await on.aclose()


async def test_an_http_response_never_leaks_the_token(graph: Graph) -> None:
    token = jwt.encode(claims(exp=int(time.time()) - 10_000), TEST_JWT_SECRET, algorithm="HS256")
    response = await graph.client.post(
        "/graphql", json={"query": STAFF_ONLY}, headers=bearer(token)
    )
    assert response.status_code == 200 and token not in response.text
