"""Building the operator-token verifier from settings (once per app).

- ``STOREGRAPH_JWT_SECRET`` and/or ``STOREGRAPH_JWT_JWKS_URL`` configured: a verifier
  for them (issuer, audience and leeway from settings).
- Neither, and every store embedded (the demo default): a fresh random secret is
  generated; :class:`OperatorAuth` carries it as ``generated_secret`` so ``storegraph
  serve`` prints it once at start-up (``storegraph token`` mints with it).
- Neither, with real stores: no verifier — operator tokens are refused with a message
  saying none are configured (never a generated secret nobody was told).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx

from gateway.identity.jwks import JwksKeys
from gateway.identity.minting import generate_secret
from gateway.identity.operator_tokens import OperatorTokenVerifier
from gateway.settings import Settings


@dataclass(frozen=True)
class OperatorAuth:
    """The verifier (``None``: operator tokens disabled) and a generated secret, if any."""

    verifier: OperatorTokenVerifier | None
    generated_secret: str | None = field(default=None, repr=False)


def operator_auth(
    settings: Settings, *, jwks_transport: httpx.AsyncBaseTransport | None = None
) -> OperatorAuth:
    """The verifier the settings call for (see the module docstring)."""
    jwt = settings.jwt
    secret, generated = jwt.secret, None
    if not secret and not jwt.jwks_url and settings.all_embedded:
        secret = generated = generate_secret()
    if not secret and not jwt.jwks_url:
        return OperatorAuth(None)
    keys = JwksKeys(jwt.jwks_url, transport=jwks_transport) if jwt.jwks_url else None
    verifier = OperatorTokenVerifier(
        secret=secret,
        keys=keys,
        issuer=jwt.issuer,
        audience=jwt.audience,
        leeway_s=jwt.leeway_s,
    )
    return OperatorAuth(verifier, generated)
