import asyncio
import json

import httpx
import pytest

from gateway import BearerAuth, NoAuth, OAuthClientCredentials, Unauthenticated, auth_from_settings
from gateway.settings import StoreSettings
from gateway.sources import Source


class TokenServer:
    """A Catalog-like token endpoint: counts grants and refreshes."""

    def __init__(self, expires_in=3600, refresh_fails=False):
        self.expires_in = expires_in
        self.refresh_fails = refresh_fails
        self.grants = 0
        self.refreshes = 0
        self.bodies = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        self.bodies.append(body)
        if request.url.path == "/api/v1/auth/token":
            if body.get("client_secret") != "s3cret":
                return httpx.Response(401, json={"status": "error", "error": {"code": "x"}})
            self.grants += 1
            n = self.grants
        elif request.url.path == "/api/v1/auth/refresh":
            if self.refresh_fails:
                return httpx.Response(401, json={"status": "error", "error": {"code": "invalid"}})
            self.refreshes += 1
            n = 100 + self.refreshes
        else:
            return httpx.Response(404)
        data = {
            "access_token": f"access-{n}",
            "refresh_token": f"refresh-{n}",
            "token_type": "Bearer",
            "expires_in": self.expires_in,
        }
        return httpx.Response(200, json={"status": "success", "data": data, "meta": {}})


def client(server):
    return httpx.AsyncClient(base_url="http://catalog.test", transport=httpx.MockTransport(server))


async def test_one_token_fetch_under_50_concurrent_callers(clock):
    server = TokenServer()
    auth = OAuthClientCredentials("cid", "s3cret", clock=clock)
    async with client(server) as http:
        headers = await asyncio.gather(*(auth.headers(http) for _ in range(50)))
    assert server.grants == 1
    assert {h["Authorization"] for h in headers} == {"Bearer access-1"}
    assert server.bodies[0] == {
        "client_id": "cid",
        "client_secret": "s3cret",
        "grant_type": "client_credentials",
    }


async def test_refreshes_shortly_before_expiry(clock):
    server = TokenServer(expires_in=3600)
    auth = OAuthClientCredentials("cid", "s3cret", clock=clock)
    async with client(server) as http:
        await auth.headers(http)
        clock.advance(3600 - 61)
        assert (await auth.headers(http))["Authorization"] == "Bearer access-1"
        clock.advance(2)  # inside the 60 s margin
        assert (await auth.headers(http))["Authorization"] == "Bearer access-101"
    assert (server.grants, server.refreshes) == (1, 1)
    assert server.bodies[-1] == {"refresh_token": "refresh-1", "grant_type": "refresh_token"}


async def test_short_lived_tokens_use_a_tenth_of_their_lifetime_as_margin(clock):
    server = TokenServer(expires_in=100)
    auth = OAuthClientCredentials("cid", "s3cret", clock=clock)
    async with client(server) as http:
        await auth.headers(http)
        clock.advance(89)
        await auth.headers(http)
        assert server.refreshes == 0
        clock.advance(2)
        await auth.headers(http)
        assert server.refreshes == 1


async def test_failed_refresh_falls_back_to_a_new_grant(clock):
    server = TokenServer(refresh_fails=True)
    auth = OAuthClientCredentials("cid", "s3cret", clock=clock)
    async with client(server) as http:
        await auth.headers(http)
        clock.advance(3590)
        assert (await auth.headers(http))["Authorization"] == "Bearer access-2"
    assert server.grants == 2


async def test_token_expired_401_refreshes_once_for_concurrent_failures(clock):
    server = TokenServer()
    auth = OAuthClientCredentials("cid", "s3cret", clock=clock)
    async with client(server) as http:
        sent = await auth.headers(http)
        request = httpx.Request("GET", "http://catalog.test/api/v1/products", headers=sent)
        expired = httpx.Response(
            401,
            json={"status": "error", "error": {"code": "token_expired", "message": "expired"}},
            request=request,
        )
        results = await asyncio.gather(*(auth.on_unauthorized(http, expired) for _ in range(5)))
        assert results == [True] * 5
        assert (await auth.headers(http))["Authorization"] == "Bearer access-101"
    assert (server.grants, server.refreshes) == (1, 1)


async def test_bad_client_credentials_are_unauthenticated_without_the_secret(clock):
    server = TokenServer()
    auth = OAuthClientCredentials("cid", "wrong-secret", clock=clock)
    async with client(server) as http:
        with pytest.raises(Unauthenticated) as info:
            await auth.headers(http)
    assert "wrong-secret" not in info.value.message
    assert info.value.source is Source.CATALOG


async def test_bearer_and_no_auth():
    async with client(TokenServer()) as http:
        assert await BearerAuth("key-1").headers(http) == {"Authorization": "Bearer key-1"}
        assert await NoAuth().headers(http) == {}
        assert not await BearerAuth("key-1").on_unauthorized(http, httpx.Response(401))
    assert BearerAuth("key-1").fingerprint() != BearerAuth("key-2").fingerprint()
    assert "key-1" not in BearerAuth("key-1").fingerprint() + repr(BearerAuth("key-1"))
    assert "s3cret" not in repr(OAuthClientCredentials("cid", "s3cret"))


def test_auth_from_settings():
    catalog = StoreSettings(client_id="cid", client_secret="s")
    assert isinstance(auth_from_settings(Source.CATALOG, catalog), OAuthClientCredentials)
    assert isinstance(auth_from_settings(Source.LITEKART, StoreSettings(api_key="k")), BearerAuth)
    assert isinstance(auth_from_settings(Source.LITEKART, StoreSettings()), NoAuth)
