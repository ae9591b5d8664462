"""CORS: a cross-origin Apollo-style request from an allowed origin works, from any
other origin the browser is given nothing to read."""

from __future__ import annotations

import pytest

from gateway.http.cors import cors_options
from gateway.settings import Settings, SettingsError, StoreSettings
from gateway.sources import Source
from tests.graph.conftest import make_graph

APP = "https://shop.example"
QUERY = {"query": "{ litestore { products(first: 1) { totalCount } } }"}


def preflight(origin: str, method: str = "POST") -> dict[str, str]:
    return {
        "origin": origin,
        "access-control-request-method": method,
        "access-control-request-headers": "content-type, livelike-user-token, apollo-require-preflight",
    }


@pytest.fixture
async def configured():
    graph = await make_graph(Settings(cors_origins=(APP,), cors_credentials=True))
    yield graph
    await graph.aclose()


async def test_an_allowed_origin_gets_its_preflight_and_its_post(configured) -> None:
    answer = await configured.client.options("/graphql", headers=preflight(APP))
    assert answer.status_code == 200
    assert answer.headers["access-control-allow-origin"] == APP
    assert answer.headers["access-control-allow-credentials"] == "true"
    allowed = {h.strip() for h in answer.headers["access-control-allow-headers"].split(",")}
    assert {
        "content-type",
        "livelike-user-token",
        "litekart-customer-token",
        "authorization",
        "apollo-require-preflight",
    } <= allowed
    assert answer.headers["access-control-max-age"] == "600"

    response = await configured.client.post(
        "/graphql", json=QUERY, headers={"origin": APP, "content-type": "application/json"}
    )
    assert response.status_code == 200 and response.json()["data"]
    assert response.headers["access-control-allow-origin"] == APP
    exposed = response.headers["access-control-expose-headers"].lower()
    assert "x-request-id" in exposed and "etag" in exposed
    assert "origin" in response.headers["vary"].lower()


async def test_another_origin_is_refused(configured) -> None:
    answer = await configured.client.options("/graphql", headers=preflight("https://evil.example"))
    assert answer.status_code == 400
    assert "access-control-allow-origin" not in answer.headers
    response = await configured.client.post(
        "/graphql", json=QUERY, headers={"origin": "https://evil.example"}
    )
    assert "access-control-allow-origin" not in response.headers


async def test_the_embedded_demo_allows_local_dev_origins_only(graph) -> None:
    for origin in ("http://localhost:3000", "http://127.0.0.1:5173", "http://[::1]:8080"):
        answer = await graph.client.options("/graphql", headers=preflight(origin))
        assert answer.headers.get("access-control-allow-origin") == origin, origin
    for origin in ("http://localhost.evil.example", "https://example.com"):
        answer = await graph.client.options("/graphql", headers=preflight(origin))
        assert "access-control-allow-origin" not in answer.headers, origin


def test_real_stores_allow_no_origin_until_configured() -> None:
    real = {s: StoreSettings(url=f"https://{s.value}.example") for s in Source}
    options = cors_options(Settings.from_env({}).with_stores(real))
    assert options["allow_origins"] == [] and options["allow_origin_regex"] is None
    configured = cors_options(Settings(cors_origins=(APP,)).with_stores(real))
    assert configured["allow_origins"] == [APP]


def test_a_wildcard_is_only_for_credential_less_use() -> None:
    assert cors_options(Settings(cors_origins=("*",)))["allow_origins"] == ["*"]
    both = {"STOREGRAPH_CORS_ORIGINS": "*", "STOREGRAPH_CORS_CREDENTIALS": "true"}
    with pytest.raises(SettingsError, match="credential-less"):
        Settings.from_env(both)
    with pytest.raises(
        SettingsError, match=r"STOREGRAPH_CORS_ORIGINS: 'shop\.example' is not an origin"
    ):
        Settings.from_env({"STOREGRAPH_CORS_ORIGINS": "shop.example"})
    with pytest.raises(SettingsError, match="cannot be combined"):
        Settings.from_env({"STOREGRAPH_CORS_ORIGINS": f"*,{APP}"})
    parsed = Settings.from_env({"STOREGRAPH_CORS_ORIGINS": f"{APP}/, http://localhost:3000"})
    assert parsed.cors_origins == (APP, "http://localhost:3000")


def test_websocket_handshakes_follow_the_same_origins() -> None:
    from gateway.http.cors import origin_allowed

    demo = Settings.from_env({})
    assert origin_allowed(demo, "http://localhost:3000")
    assert not origin_allowed(demo, "https://evil.example")
    configured = Settings(cors_origins=(APP,))
    assert origin_allowed(configured, APP) and not origin_allowed(
        configured, "http://localhost:3000"
    )
    assert origin_allowed(Settings(cors_origins=("*",)), "https://any.example")
