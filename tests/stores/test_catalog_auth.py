"""Catalog OAuth: issuing, using, expiring, refreshing and rotating tokens; permissions."""

from __future__ import annotations

from tests.stores.catalog_support import (
    NEW_PRODUCT,
    READER,
    WRITER,
    FakeClock,
    bearer,
    error_of,
    issue,
    store,
)

PRODUCTS = "/api/v1/products"


def auth(token: object) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_token_issue_shape() -> None:
    async with store() as (_, client):
        response = await client.post(
            "/api/v1/auth/token", json={**WRITER, "grant_type": "client_credentials"}
        )
        assert response.status_code == 200
        assert response.headers["cache-control"] == "no-store"
        body = response.json()
        assert body["status"] == "success"
        data = body["data"]
        assert set(data) == {"access_token", "refresh_token", "token_type", "expires_in"}
        assert data["token_type"] == "Bearer"
        assert data["expires_in"] == 3600
        assert data["access_token"] != data["refresh_token"]
        assert (await client.get(PRODUCTS, headers=auth(data["access_token"]))).status_code == 200


async def test_missing_header_is_unauthorized() -> None:
    async with store() as (_, client):
        response = await client.get(PRODUCTS)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == 'Bearer realm="catalog"'
        assert error_of(response) == {
            "code": "unauthorized",
            "message": "Authentication failed",
            "details": "Missing Authorization header: use 'Bearer <access_token>'",
        }
        basic = await client.get(PRODUCTS, headers={"Authorization": "Basic abc"})
        assert error_of(basic)["code"] == "unauthorized"


async def test_unknown_token_is_unauthorized() -> None:
    async with store() as (_, client):
        response = await client.get("/api/v1/categories", headers=auth("garbage"))
        assert response.status_code == 401
        assert error_of(response) == {
            "code": "unauthorized",
            "message": "Authentication failed",
            "details": "The provided API key is invalid or expired",
        }


async def test_refresh_token_is_not_an_access_token() -> None:
    async with store() as (_, client):
        tokens = await issue(client)
        response = await client.get(PRODUCTS, headers=auth(tokens["refresh_token"]))
        assert error_of(response)["code"] == "unauthorized"


async def test_auth_is_checked_before_the_request_itself() -> None:
    async with store() as (_, client):
        garbage = await client.post(PRODUCTS, content=b"{not json")
        assert garbage.status_code == 401
        bad_query = await client.get(PRODUCTS + "?limit=1000")
        assert bad_query.status_code == 401
        missing = await client.get(PRODUCTS + "/prod_999999")
        assert missing.status_code == 401


async def test_wrong_client_credentials_are_unauthorized() -> None:
    async with store() as (_, client):
        for body in (
            {**WRITER, "client_secret": "wrong"},
            {**WRITER, "client_id": "nobody"},
            {"client_id": READER["client_id"], "client_secret": WRITER["client_secret"]},
        ):
            response = await client.post(
                "/api/v1/auth/token", json={**body, "grant_type": "client_credentials"}
            )
            assert response.status_code == 401
            assert error_of(response)["details"] == "Invalid client_id or client_secret"


async def test_token_request_validation() -> None:
    async with store() as (_, client):
        wrong_grant = await client.post("/api/v1/auth/token", json={**WRITER, "grant_type": "pw"})
        assert wrong_grant.status_code == 400
        assert error_of(wrong_grant)["code"] == "validation_error"
        assert error_of(wrong_grant)["details"] == [
            {"field": "grant_type", "message": "Input should be 'client_credentials'"}
        ]
        empty = await client.post("/api/v1/auth/token", json={})
        assert [d["field"] for d in error_of(empty)["details"]] == [
            "client_id",
            "client_secret",
            "grant_type",
        ]
        assert error_of(empty)["details"][0]["message"] == "client_id is required"
        broken = await client.post("/api/v1/auth/token", content=b'{"client_id": ')
        assert broken.status_code == 400
        assert error_of(broken)["code"] == "invalid_json"
        assert error_of(broken)["message"] == "Invalid JSON format"


async def test_access_token_expires_then_refresh_rotates() -> None:
    clock = FakeClock()
    async with store(clock) as (_, client):
        first = await issue(client)
        assert (await client.get(PRODUCTS, headers=auth(first["access_token"]))).status_code == 200
        clock.advance(3599)
        assert (await client.get(PRODUCTS, headers=auth(first["access_token"]))).status_code == 200
        clock.advance(1)
        expired = await client.get(PRODUCTS, headers=auth(first["access_token"]))
        assert expired.status_code == 401
        assert 'error="invalid_token"' in expired.headers["www-authenticate"]
        assert error_of(expired)["code"] == "token_expired"
        assert error_of(expired)["message"] == "Token has expired"

        refreshed = await client.post(
            "/api/v1/auth/refresh",
            json={"refresh_token": first["refresh_token"], "grant_type": "refresh_token"},
        )
        assert refreshed.status_code == 200
        second = refreshed.json()["data"]
        assert second["token_type"] == "Bearer"
        assert second["refresh_token"] != first["refresh_token"]
        assert (await client.get(PRODUCTS, headers=auth(second["access_token"]))).status_code == 200
        still_expired = await client.get(PRODUCTS, headers=auth(first["access_token"]))
        assert error_of(still_expired)["code"] == "token_expired"

        reused = await client.post(
            "/api/v1/auth/refresh",
            json={"refresh_token": first["refresh_token"], "grant_type": "refresh_token"},
        )
        assert reused.status_code == 401
        assert error_of(reused) == {
            "code": "unauthorized",
            "message": "Authentication failed",
            "details": "The refresh token is invalid or has already been used",
        }
        again = await client.post(
            "/api/v1/auth/refresh",
            json={"refresh_token": second["refresh_token"], "grant_type": "refresh_token"},
        )
        assert again.status_code == 200


async def test_token_ttl_comes_from_sim_config_at_issue_time() -> None:
    clock = FakeClock()
    async with store(clock) as (_, client):
        long_lived = await issue(client)
        config = await client.put("/__sim/config", json={"token_ttl_s": 0.5})
        assert config.json()["token_ttl_s"] == 0.5
        short = await issue(client)
        assert short["expires_in"] == 0.5
        clock.advance(0.6)
        expired = await client.get(PRODUCTS, headers=auth(short["access_token"]))
        assert error_of(expired)["code"] == "token_expired"
        alive = await client.get(PRODUCTS, headers=auth(long_lived["access_token"]))
        assert alive.status_code == 200


async def test_refresh_tokens_live_30_days() -> None:
    clock = FakeClock()
    async with store(clock) as (_, client):
        tokens = await issue(client)
        clock.advance(30 * 24 * 3600)
        response = await client.post(
            "/api/v1/auth/refresh",
            json={"refresh_token": tokens["refresh_token"], "grant_type": "refresh_token"},
        )
        assert response.status_code == 401
        assert error_of(response)["code"] == "token_expired"


async def test_refresh_request_validation() -> None:
    async with store() as (_, client):
        tokens = await issue(client)
        wrong = await client.post(
            "/api/v1/auth/refresh",
            json={"refresh_token": tokens["refresh_token"], "grant_type": "client_credentials"},
        )
        assert wrong.status_code == 400
        assert error_of(wrong)["details"] == [
            {"field": "grant_type", "message": "Input should be 'refresh_token'"}
        ]
        unknown = await client.post(
            "/api/v1/auth/refresh", json={"refresh_token": "nope", "grant_type": "refresh_token"}
        )
        assert error_of(unknown)["code"] == "unauthorized"
        # the failed attempts did not spend the real refresh token
        ok = await client.post(
            "/api/v1/auth/refresh",
            json={"refresh_token": tokens["refresh_token"], "grant_type": "refresh_token"},
        )
        assert ok.status_code == 200


async def test_reader_client_may_read_but_not_write() -> None:
    async with store() as (_, client):
        headers = await bearer(client, READER)
        assert (await client.get(PRODUCTS, headers=headers)).status_code == 200
        assert (await client.get("/api/v1/categories", headers=headers)).status_code == 200
        for method, url, body in (
            ("POST", PRODUCTS, NEW_PRODUCT),
            ("PUT", PRODUCTS + "/prod_100001", {"price": 1.0}),
            ("DELETE", PRODUCTS + "/prod_100001", None),
        ):
            response = await client.request(method, url, json=body, headers=headers)
            assert response.status_code == 403
            assert error_of(response) == {
                "code": "forbidden",
                "message": "Insufficient permissions",
                "details": "Client 'catalog_demo_reader' does not have the 'write' permission",
            }
        assert (await client.get(PRODUCTS + "/prod_100001", headers=headers)).status_code == 200


async def test_auth_endpoints_have_their_own_budget() -> None:
    async with store() as (_, client):
        await client.put("/__sim/config", json={"rate_limit": {"limit": 1, "window_s": 60}})
        first = await client.post(
            "/api/v1/auth/token", json={**WRITER, "grant_type": "client_credentials"}
        )
        assert first.status_code == 200
        second = await client.post(
            "/api/v1/auth/token", json={**WRITER, "grant_type": "client_credentials"}
        )
        assert second.status_code == 429
        assert error_of(second)["code"] == "rate_limit_exceeded"
        token = first.json()["data"]["access_token"]
        assert (await client.get(PRODUCTS, headers=auth(token))).status_code == 200
