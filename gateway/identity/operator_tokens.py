"""Verifying operators' gateway JWTs (PyJWT): a shared secret (HS256) and/or an issuer's
JWKS (RS256/ES256), with issuer, audience and expiry checked and clock skew bounded.

:meth:`OperatorTokenVerifier.verify` returns the :class:`~gateway.identity.caller.Operator`
or raises :class:`TokenRejected` whose ``reason`` tells the caller why, in words
("has expired", "has a bad signature", "is meant for another audience (`aud`)", ...).
The algorithm comes from the token's header but only from the accepted set, and each
algorithm is checked only against its own kind of key (HS256 against the secret, RS256/
ES256 against the JWKS key the ``kid`` names), so an RS256 public key can never be
used as an HMAC secret.

Required claims: ``exp``, ``iat`` and ``sub``. Roles: see :mod:`gateway.identity.roles`.
``creator_id`` (string) names the Litestore creator a ``creator`` operator speaks for.
"""

from __future__ import annotations

from typing import Any

import jwt

from gateway.identity.caller import Operator
from gateway.identity.jwks import JwksKeys, KeyUnavailable
from gateway.identity.roles import roles_from_claims

DEFAULT_ISSUER = "storegraph"
DEFAULT_AUDIENCE = "storegraph"
DEFAULT_LEEWAY_S = 30.0
MAX_LEEWAY_S = 300.0
"""Clock skew allowed at most (settings refuse more)."""
SECRET_ALGORITHMS = ("HS256",)
KEY_SET_ALGORITHMS = ("RS256", "ES256")
REQUIRED_CLAIMS = ("exp", "iat", "sub")
MAX_TOKEN_LENGTH = 8192


class TokenRejected(Exception):
    """A token that does not make its bearer an operator; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class OperatorTokenVerifier:
    """Checks gateway JWTs against ``secret`` (HS256) and/or ``keys`` (a JWKS)."""

    def __init__(
        self,
        *,
        secret: str | None = None,
        keys: JwksKeys | None = None,
        issuer: str = DEFAULT_ISSUER,
        audience: str = DEFAULT_AUDIENCE,
        leeway_s: float = DEFAULT_LEEWAY_S,
    ) -> None:
        if not secret and keys is None:
            raise ValueError("an operator token verifier needs a secret or a JWKS")
        if not 0 <= leeway_s <= MAX_LEEWAY_S:
            raise ValueError(f"leeway_s must be within [0, {MAX_LEEWAY_S}]")
        self._secret = secret or None
        self.keys = keys
        self.issuer = issuer
        self.audience = audience
        self.leeway_s = leeway_s

    def __repr__(self) -> str:
        jwks = self.keys.url if self.keys else None
        return (
            f"OperatorTokenVerifier(issuer={self.issuer!r}, audience={self.audience!r}, "
            f"jwks={jwks!r})"
        )

    async def verify(self, token: str) -> Operator:
        """The operator ``token`` names; :class:`TokenRejected` if it names none."""
        if len(token) > MAX_TOKEN_LENGTH:
            raise TokenRejected("the token is too long")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.DecodeError:
            raise TokenRejected("it is not a well-formed JWT") from None
        algorithm = header.get("alg")
        key: Any
        if algorithm in SECRET_ALGORITHMS and self._secret:
            key = self._secret
        elif algorithm in KEY_SET_ALGORITHMS and self.keys is not None:
            kid = header.get("kid")
            try:
                found = await self.keys.key_for(kid if isinstance(kid, str) else None)
            except KeyUnavailable as exc:
                raise TokenRejected(exc.reason) from None
            key = found.key
        else:
            raise TokenRejected(f"its algorithm ({algorithm}) is not one this gateway accepts")
        claims = self._decode(token, key, str(algorithm))
        return _operator(claims)

    def _decode(self, token: str, key: Any, algorithm: str) -> dict[str, Any]:
        try:
            return jwt.decode(
                token,
                key,
                algorithms=[algorithm],
                audience=self.audience,
                issuer=self.issuer,
                leeway=self.leeway_s,
                options={"require": list(REQUIRED_CLAIMS)},
            )
        except jwt.ExpiredSignatureError:
            raise TokenRejected("the token has expired") from None
        except jwt.ImmatureSignatureError:
            raise TokenRejected("the token is not valid yet (`nbf`/`iat` in the future)") from None
        except jwt.InvalidSignatureError:
            raise TokenRejected("the token has a bad signature") from None
        except jwt.InvalidAudienceError:
            raise TokenRejected(
                f"the token is meant for another audience (`aud` is not {self.audience!r})"
            ) from None
        except jwt.InvalidIssuerError:
            raise TokenRejected(
                f"the token comes from another issuer (`iss` is not {self.issuer!r})"
            ) from None
        except jwt.MissingRequiredClaimError as exc:
            raise TokenRejected(f"the token lacks the `{exc.claim}` claim") from None
        except (jwt.InvalidKeyError, jwt.InvalidAlgorithmError):
            raise TokenRejected("the token's key or algorithm does not fit") from None
        except jwt.InvalidTokenError:
            raise TokenRejected("it is not a well-formed JWT") from None

    async def aclose(self) -> None:
        if self.keys is not None:
            await self.keys.aclose()


def _operator(claims: dict[str, Any]) -> Operator:
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise TokenRejected("the token's `sub` is not a string")
    creator_id = claims.get("creator_id")
    expires = claims.get("exp")
    return Operator(
        subject=subject,
        roles=roles_from_claims(claims),
        creator_id=creator_id if isinstance(creator_id, str) and creator_id else None,
        expires_at=float(expires) if isinstance(expires, int | float) else None,
    )
