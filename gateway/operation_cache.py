"""The whole-response cache: a query's finished answer, reused while every part of it may be.

**Key**: the normalised document (parsed and printed once per distinct query text, in
the byte-bounded document cache, so
spacing, comments and field order inside the text do not split entries), the operation
name, the variables (canonical JSON) and the caller's identity class
(:func:`identity_class`, from ``context.caller``, recognised — operator tokens verified —
before the lookup): anonymous callers share one class; an operator's is their role set
and token claims;
each forwarded end-user credential is its own; a request with an unusable credential is
never cached.

**Stored** only when the operation is a query that finished without errors (and no store
failed under a merged list), and every upstream answer it read may be reused
(:class:`gateway.cache.Reuse`: none served stale, none unstored or failed, none the store
marked ``no-cache`` or ``max-age=0``). It is fresh until the earliest of those answers'
freshness, so it never outlives what the store allows; ``private`` answers only ever
reach the identity class they were read for, since that is in the key.

**Dropped** when an upstream entry it was built from is invalidated — by a write's paths
or tags, a webhook event's, or ``clear`` — through
:meth:`gateway.cache.ResponseCache.on_invalidate`: one invalidation path for both caches.

A **hit** answers with the stored data: no parsing, validation, execution, resolver or
upstream call.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Mapping
from typing import Any

import orjson
from graphql import OperationType

from gateway.cache import CacheKey, Reuse
from gateway.identity import Caller
from gateway.limits.documents import DEFAULT_MAX_TOKENS, normalised
from gateway.state.operations import OperationStore, StoredOperation
from gateway.usage import UpstreamUsage

ANONYMOUS_CLASS = "anonymous"


def identity_class(caller: Caller) -> str | None:
    """Who a cached answer may be shared with (``None``: nobody, do not cache): anonymous
    callers share one class; an operator's class is their role set and creator id (what
    the upstream cache keys the gateway's key on) plus their token's subject and expiry,
    since an answer may show those (``viewer.operator``); each forwarded end-user
    credential is a class of its own."""
    if caller.problems:
        return None
    parts: list[str] = []
    operator = caller.operator
    if operator is not None:  # an answer may show the token's own claims (viewer.operator)
        roles = ",".join(sorted(role.value for role in operator.roles))
        parts.append(
            f"roles={roles};creator={operator.creator_id or ''};"
            f"sub={operator.subject};exp={operator.expires_at}"
        )
    if caller.litekart_customer is not None:
        parts.append("litekart=" + caller.litekart_customer.token)
    if caller.rewards_user is not None:
        parts.append("rewards=" + caller.rewards_user.token)
    if not parts:
        return ANONYMOUS_CLASS
    return "caller:" + hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]


def operation_key(
    query: str | None,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
    identity: str | None,
    *,
    max_tokens: int = DEFAULT_MAX_TOKENS,
) -> str | None:
    """The cache key of a request, or ``None`` when it may not be cached at all (the
    document is parsed once, within the token limit, in the one bounded document cache:
    :mod:`gateway.limits.documents`)."""
    if not query or identity is None:
        return None
    found = normalised(query, max_tokens)
    if found is None:
        return None
    document, operations = found
    kind: OperationType | None
    if operation_name is None and len(operations) == 1:
        kind = next(iter(operations.values()))
    else:
        kind = operations.get(operation_name)
    if kind is not OperationType.QUERY:
        return None
    try:
        encoded = orjson.dumps(variables or {}, option=orjson.OPT_SORT_KEYS, default=str)
    except TypeError:
        return None
    digest = hashlib.sha256()
    for part in (document.encode(), (operation_name or "").encode(), encoded, identity.encode()):
        digest.update(part)
        digest.update(b"\0")
    return digest.hexdigest()


class OperationCache:
    """Whole responses, looked up before parsing and offered after executing."""

    def __init__(self, store: OperationStore, *, clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.clock = clock
        self.hits = 0
        self.stored = 0

    def get(self, key: str) -> Any | None:
        """The data of a fresh stored response, or ``None``."""
        entry = self.entry(key)
        return None if entry is None else entry.data

    def entry(self, key: str) -> StoredOperation | None:
        """A fresh stored response (its data, freshness and privacy), or ``None``."""
        entry = self.store.get(key)
        if entry is None:
            return None
        self.hits += 1
        return entry

    def offer(self, key: str, data: Any, errors: Any, usage: UpstreamUsage | None) -> bool:
        """Store a finished response if every part of it may be reused; whether it was."""
        if errors or data is None or usage is None:
            return False
        reads = usage.reads
        if not reads or any(_unusable(read) for read in reads):
            return False
        fresh_until = min(read.fresh_until for read in reads)  # type: ignore[union-attr]
        if fresh_until <= self.clock():
            return False
        upstream: set[CacheKey] = {read.key for read in reads}  # type: ignore[union-attr]
        tags: set[str] = set().union(*(read.tags for read in reads))  # type: ignore[union-attr]
        self.store.put(
            key,
            StoredOperation(
                data=data,
                fresh_until=fresh_until,
                private=any(read.private for read in reads),  # type: ignore[union-attr]
                encoded=orjson.dumps(data, default=str),
                upstream=frozenset(upstream),
                tags=frozenset(tags),
            ),
        )
        self.stored += 1
        return True

    def invalidated(
        self,
        keys: list[CacheKey],
        tags: list[str],
        everything: bool,
        covered: Callable[[CacheKey], bool] | None = None,
    ) -> None:
        """The upstream cache dropped ``keys`` (and ``tags``; ``covered``: the keys a path
        invalidation reaches, held there or not): drop what was built on them."""
        if everything:
            self.store.clear()
            return
        upstream: list[Any] = list(keys)
        if covered is not None:
            held = self.store.upstream_keys()
            upstream += [k for k in held if isinstance(k, CacheKey) and covered(k)]
        self.store.drop(upstream, tags)


def _unusable(read: Reuse | None) -> bool:
    return read is None or read.revalidate
