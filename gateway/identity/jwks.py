"""An issuer's signing keys from its JWKS URL, fetched asynchronously with httpx.

:class:`JwksKeys` keeps the last key set and answers :meth:`JwksKeys.key_for` by
``kid``. It fetches on first use, again when the set is older than ``max_age_s``, and
again — at most once per ``min_refetch_s`` — when a token names a ``kid`` it does not
know (the issuer rotated its keys), so a flood of forged ``kid`` values cannot make the
gateway hammer the issuer. Concurrent callers share one fetch (one lock). Fetches never
block the event loop; if the issuer is unreachable, the keys already held keep working.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import httpx
import jwt

DEFAULT_MAX_AGE_S = 3600.0
DEFAULT_MIN_REFETCH_S = 30.0
FETCH_TIMEOUT_S = 5.0


class KeyUnavailable(Exception):
    """No key for this token: ``reason`` says why, in words for the caller."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class JwksKeys:
    """The signing keys published at ``url`` (see the module docstring)."""

    def __init__(
        self,
        url: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        max_age_s: float = DEFAULT_MAX_AGE_S,
        min_refetch_s: float = DEFAULT_MIN_REFETCH_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url = url
        self.max_age_s = max_age_s
        self.min_refetch_s = min_refetch_s
        self.clock = clock
        self._client = httpx.AsyncClient(transport=transport, timeout=FETCH_TIMEOUT_S)
        self._keys: dict[str | None, jwt.PyJWK] = {}
        self._fetched_at: float | None = None
        self._lock = asyncio.Lock()
        self.fetches = 0
        """How many times the key set was fetched (for tests and metrics)."""

    async def key_for(self, kid: str | None) -> jwt.PyJWK:
        """The key a token's ``kid`` names (refetching once if it is new)."""
        if self._stale() or kid not in self._keys:
            async with self._lock:
                if self._stale() or (kid not in self._keys and self._may_refetch()):
                    await self._fetch()
        key = self._keys.get(kid)
        if key is None:
            if self._fetched_at is None:
                raise KeyUnavailable("the issuer's signing keys could not be fetched")
            raise KeyUnavailable("it names a signing key (`kid`) the issuer does not publish")
        return key

    def _stale(self) -> bool:
        return self._fetched_at is None or self.clock() - self._fetched_at >= self.max_age_s

    def _may_refetch(self) -> bool:
        return self._fetched_at is None or self.clock() - self._fetched_at >= self.min_refetch_s

    async def _fetch(self) -> None:
        self.fetches += 1
        try:
            response = await self._client.get(self.url, headers={"Accept": "application/json"})
            response.raise_for_status()
            keys = _parse(response.json())
        except (httpx.HTTPError, ValueError, jwt.PyJWKSetError, jwt.InvalidKeyError):
            if self._fetched_at is None:
                return  # nothing held yet: key_for says the keys could not be fetched
            self._fetched_at = self.clock()  # keep the old keys; retry after min_refetch_s
            return
        self._keys = keys
        self._fetched_at = self.clock()

    async def aclose(self) -> None:
        await self._client.aclose()


def _parse(document: Any) -> dict[str | None, jwt.PyJWK]:
    """``{kid: key}`` of the signing keys in a JWKS document."""
    key_set = jwt.PyJWKSet.from_dict(document)
    keys: dict[str | None, jwt.PyJWK] = {}
    for key in key_set.keys:
        if key.public_key_use in (None, "sig"):
            keys[key.key_id] = key
    return keys
