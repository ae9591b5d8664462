"""Operator JWTs: HS256 secret and JWKS issuers, each refusal with its reason, rotation."""

from __future__ import annotations

import time
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

from gateway.identity import JwksKeys, OperatorTokenVerifier, Role, TokenRejected
from gateway.identity.minting import mint_operator_token, parse_ttl

SECRET = "operator-tokens-test-secret-0123456789abcdef"


def claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    base = {"iss": "storegraph", "aud": "storegraph", "sub": "ops-1", "iat": now, "exp": now + 600}
    base.update(roles=["staff"])
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


async def reason(verifier: OperatorTokenVerifier, token: str) -> str:
    with pytest.raises(TokenRejected) as rejected:
        await verifier.verify(token)
    return rejected.value.reason


async def test_a_minted_token_names_the_operator_and_roles() -> None:
    verifier = OperatorTokenVerifier(secret=SECRET)
    token = mint_operator_token(SECRET, [Role.ADMIN, Role.STAFF], ttl_s=parse_ttl("1h"))
    operator = await verifier.verify(token)
    assert operator.subject == "dev-operator"
    assert operator.roles == {Role.ADMIN, Role.STAFF}
    assert operator.expires_at is not None and operator.expires_at - time.time() > 3500


async def test_each_bad_token_says_why() -> None:
    verifier = OperatorTokenVerifier(secret=SECRET, leeway_s=5)
    now = int(time.time())
    sign = lambda c, key=SECRET: jwt.encode(c, key, algorithm="HS256")  # noqa: E731
    assert await reason(verifier, sign(claims(exp=now - 60))) == "the token has expired"
    assert (
        await reason(verifier, sign(claims(), "another-secret-of-sufficient-length-xx"))
        == "the token has a bad signature"
    )
    assert "another audience" in await reason(verifier, sign(claims(aud="billing")))
    assert "another issuer" in await reason(verifier, sign(claims(iss="evil")))
    assert await reason(verifier, "not-a-jwt") == "it is not a well-formed JWT"
    assert await reason(verifier, sign(claims(exp=None))) == "the token lacks the `exp` claim"
    assert await reason(verifier, sign(claims(sub=None))) == "the token lacks the `sub` claim"
    unsigned = jwt.encode(claims(), None, algorithm="none")
    assert "algorithm (none)" in await reason(verifier, unsigned)


async def test_clock_skew_is_bounded_by_the_leeway() -> None:
    verifier = OperatorTokenVerifier(secret=SECRET, leeway_s=30)
    now = int(time.time())
    just_expired = jwt.encode(claims(exp=now - 10), SECRET, algorithm="HS256")
    assert (await verifier.verify(just_expired)).subject == "ops-1"
    long_expired = jwt.encode(claims(exp=now - 45), SECRET, algorithm="HS256")
    assert await reason(verifier, long_expired) == "the token has expired"
    with pytest.raises(ValueError):
        OperatorTokenVerifier(secret=SECRET, leeway_s=3600)


async def test_roles_come_from_roles_or_scope_and_unknown_ones_are_ignored() -> None:
    verifier = OperatorTokenVerifier(secret=SECRET)
    token = jwt.encode(claims(roles=None, scope="openid storegraph:support moderator x"), SECRET)
    assert (await verifier.verify(token)).roles == {Role.SUPPORT, Role.MODERATOR}
    creator = jwt.encode(claims(roles="creator", creator_id="cr_0003"), SECRET)
    found = await verifier.verify(creator)
    assert found.roles == {Role.CREATOR} and found.creator_id == "cr_0003"


class Issuer:
    """A JWKS endpoint whose keys the test rotates; counts how often it is fetched."""

    def __init__(self) -> None:
        self.keys: dict[str, Any] = {}
        self.fetches = 0

    def add_rsa(self, kid: str) -> rsa.RSAPrivateKey:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.keys[kid] = {**RSAAlgorithm.to_jwk(key.public_key(), as_dict=True), "kid": kid}
        return key

    def add_ec(self, kid: str) -> ec.EllipticCurvePrivateKey:
        key = ec.generate_private_key(ec.SECP256R1())
        jwk = ECAlgorithm.to_jwk(key.public_key(), as_dict=True)
        self.keys[kid] = {**jwk, "kid": kid, "alg": "ES256"}
        return key

    def transport(self) -> httpx.MockTransport:
        def serve(request: httpx.Request) -> httpx.Response:
            self.fetches += 1
            return httpx.Response(200, json={"keys": list(self.keys.values())})

        return httpx.MockTransport(serve)


def signed(key: Any, kid: str, algorithm: str = "RS256", **overrides: Any) -> str:
    return jwt.encode(
        claims(iss="https://id.test", **overrides), key, algorithm, headers={"kid": kid}
    )


async def test_a_jwks_issuer_works_and_rotation_is_picked_up() -> None:
    issuer = Issuer()
    first = issuer.add_rsa("k1")
    clock = [1000.0]
    keys = JwksKeys(
        "https://id.test/jwks.json",
        transport=issuer.transport(),
        min_refetch_s=30,
        clock=lambda: clock[0],
    )
    verifier = OperatorTokenVerifier(keys=keys, issuer="https://id.test")
    assert (await verifier.verify(signed(first, "k1"))).roles == {Role.STAFF}
    assert (await verifier.verify(signed(first, "k1"))).subject == "ops-1"
    assert issuer.fetches == 1  # cached

    second = issuer.add_ec("k2")  # the issuer rotates: a new kid appears
    clock[0] += 31
    assert (await verifier.verify(signed(second, "k2", "ES256"))).subject == "ops-1"
    assert issuer.fetches == 2

    # forged kids cannot make the gateway hammer the issuer
    for _ in range(5):
        assert "`kid`" in await reason(verifier, signed(first, "nope"))
    assert issuer.fetches == 2
    # a token signed by an unpublished key under a published kid is a bad signature
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    assert await reason(verifier, signed(stranger, "k1")) == "the token has a bad signature"
    await verifier.aclose()


async def test_an_unreachable_issuer_is_a_reason_not_a_crash() -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    keys = JwksKeys("https://id.test/jwks.json", transport=httpx.MockTransport(down))
    verifier = OperatorTokenVerifier(keys=keys, issuer="https://id.test")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    assert "could not be fetched" in await reason(verifier, signed(key, "k1"))


async def test_an_hs256_token_is_never_checked_against_a_jwks_key() -> None:
    issuer = Issuer()
    issuer.add_rsa("k1")
    keys = JwksKeys("https://id.test/jwks.json", transport=issuer.transport())
    verifier = OperatorTokenVerifier(keys=keys, issuer="https://id.test")  # no secret
    token = jwt.encode(claims(iss="https://id.test"), SECRET, "HS256", headers={"kid": "k1"})
    assert "algorithm (HS256)" in await reason(verifier, token)
    assert issuer.fetches == 0


def test_ttls_are_read_and_bounded() -> None:
    assert [parse_ttl(t) for t in ("90", "90s", "15m", "1h", "7d")] == [90, 90, 900, 3600, 604800]
    for bad in ("0", "1y", "-1h", "soon", "400d"):
        with pytest.raises(ValueError):
            parse_ttl(bad)
