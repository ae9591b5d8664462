"""One pooled HTTP client per store, with caching, budgets, retries and error mapping.

:class:`UpstreamClient` is the only way the gateway talks to a store. A read
(:meth:`UpstreamClient.get_json`) goes through, in order:

1. the shared :class:`~gateway.cache.ResponseCache` — a fresh entry answers with no call
   (a fresh negative entry — a recent ``404`` — raises :class:`~gateway.errors.NotFound`);
2. coalescing — identical in-flight GETs (same cache key) share one upstream call;
3. a conditional request (``If-None-Match``) when a stale entry has an ETag; ``304``
   refreshes the entry;
4. before every exchange (each retry attempt): one call from the request's budget
   (:mod:`gateway.limits.calls`) and a permit from the store's rate-limit budget
   (:meth:`~gateway.ratelimit.RateLimitRegistry.acquire`, shared by every request); no
   permit, no call;
5. retries (:mod:`gateway.retry`) and, once, the auth's reaction to a ``401`` (Catalog
   token refresh);
6. error mapping to :mod:`gateway.errors`: the store dialect's ``parse_error(response)``
   may supply a short message for ``BAD_REQUEST``; raw bodies, credentials and stack
   traces never reach an error message (known secrets are also redacted);
7. storing 2xx per the cache's freshness rules and ``404`` as a negative entry for
   ``negative_ttl_s``, and metrics for every exchange.

Everything is recorded in the current request's one record of upstream usage
(:class:`~gateway.usage.UpstreamUsage`, :func:`gateway.usage.current`): every exchange
sent (each attempt: when it was sent and answered, its status and the store's
``Server-Timing``); every read's answer — cache or store, stale and how old, private or
not, fresh until when, the store's last reported budget, and how it may be reused
(:class:`~gateway.cache.Reuse`, ``None`` for a stale, unstored or failed one, which is
what decides whether a whole GraphQL response may be cached); every write and failure.
A read is private when its credential has an identity or it sends extra headers, or the
store marks it private. Every call carries the request's id as ``x-request-id``.

A cached entry within its stale window is served (``from_cache=True``, ``stale=True``)
rather than failing when no call may be made (no permit, the request's calls spent) or
the store fails (connect error, timeout, 5xx or 429 after retries) — and rather than
waiting when the store has not answered within ``stale_if_slow_ms``: the refresh then
finishes in the background and updates the cache. Every stale answer is noted for the
response's ``extensions.stale``.

Writes (:meth:`UpstreamClient.send_json`) are never cached or coalesced, and are
retried only when the request provably never reached the store (connection not
opened); on success they invalidate the given path prefixes and tags.

``credential`` (a :class:`~gateway.identity.credentials.StoreCredential`, default
``PUBLIC``: the gateway's own store credential, for public catalogue reads) says what the
call presents: the forwarded end-user credential (Litekart's customer JWT *instead of*
the gateway's key; Rewards' ``livelike-user-token`` beside it) or an operator's identity.
Its ``identity`` is part of the cache fingerprint and, where the store budgets by it, of
the rate-limit state. A ``401`` on a forwarded credential names the caller's header
(``litekart-customer-token was refused by the store``), never the gateway's credentials,
and never triggers the gateway's own credential renewal.
``Settings.cache_enabled=False`` bypasses cache and coalescing.
Deadlines are absolute times on the ``monotonic`` clock.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from http.cookiejar import CookieJar
from typing import Any

import httpx
import orjson
from opentelemetry.trace import TracerProvider

from gateway import request_scope
from gateway.auth import Auth, auth_from_settings
from gateway.cache import (
    CachedResponse,
    CacheKey,
    QueryInput,
    ResponseCache,
    Reuse,
    freshness_of,
    make_key,
)
from gateway.cache import fingerprint as make_fingerprint
from gateway.errors import (
    BadUpstreamRequest,
    GatewayError,
    NotFound,
    RateLimited,
    Unauthenticated,
    UpstreamError,
    UpstreamTimeout,
    UpstreamUnavailable,
    error_for_status,
)
from gateway.identity.credentials import PUBLIC, StoreCredential
from gateway.limits import calls
from gateway.metrics import Metrics
from gateway.ratelimit import (
    RETRY_AFTER_HEADER,
    RateLimitRegistry,
    RateLimitState,
    parse_retry_after,
)
from gateway.retry import RetryPolicy
from gateway.settings import Settings
from gateway.sources import Source
from gateway.store_transport import store_transport
from gateway.telemetry.logs import get_logger
from gateway.telemetry.tracing import instrument_client, route_template, tracer_of, upstream_span
from gateway.usage import UpstreamCall, store_time_ms
from gateway.usage import current as current_usage

FORWARDED_HEADERS = ("authorization", "livelike-user-token")
"""Headers whose values are redacted from any store message."""
EMBEDDED_BASE_URL = "http://{source}.embedded"
"""Base URL of a store served in-process (its transport is an ASGI transport)."""
MAX_CONNECTIONS = 50
"""Connections open at once to one store (over the network: :mod:`gateway.store_transport`)."""
REDACTED = "***"
MIN_SECRET_LENGTH = 4
"""Shorter strings are not redacted from messages (they would mangle ordinary words)."""

Outcome = httpx.Response | BaseException
_CALLERS_CODES = frozenset({"NOT_FOUND", "BAD_REQUEST", "UNAUTHENTICATED", "FORBIDDEN"})
"""Failures a caller's input explains: logged at info, the rest at warning."""
_log = get_logger("storegraph.upstream")

ParseError = Callable[[httpx.Response], tuple[str, str] | None]
"""A store dialect's reader of its error body: ``(code, short message)`` or ``None``."""
MAX_FIELD_ERRORS = 20
"""At most this many field details are kept from one refusal."""


@dataclass(frozen=True)
class UpstreamResponse:
    """A store's answer as the resolvers see it."""

    status: int
    json: Any
    headers: Mapping[str, str] = field(default_factory=dict)
    from_cache: bool = False
    stale: bool = False
    fresh_until: float | None = None
    """When this answer stops being fresh (epoch seconds; ``None``: not known)."""
    reuse: Reuse | None = None
    """How long what is built from this answer may be reused (``None``: not at all —
    it was not stored, or served stale)."""


def default_parse_error(response: httpx.Response) -> tuple[str, str] | None:
    """Reads the common error envelopes: ``{"error": {"code", "message"}}``,
    ``{"error": "..", "message": ".."}``, ``{"message": ".."}`` (and Strapi's
    ``{"error": {"name", "message"}}``)."""
    try:
        body = orjson.loads(response.content)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(body, dict):
        return None
    error = body.get("error")
    if isinstance(error, dict):
        code = error.get("code") or error.get("name") or ""
        message = error.get("message")
    else:
        code = error if isinstance(error, str) else body.get("code") or ""
        message = body.get("message")
    if not isinstance(message, str) or not message.strip():
        return None
    return str(code), message


def field_errors(response: httpx.Response) -> list[tuple[str, str]]:
    """The ``(field, message)`` validation details of an error body, in every seed's
    shape: ``error.details`` as ``[{field, message|issue}]`` (Litekart, Catalog) or
    ``{field, issue, errors: [...]}`` (Litestore), Laravel's ``errors: {field: [..]}``
    (FreshStore). Messages are cut like every store message."""
    try:
        body = orjson.loads(response.content)
    except orjson.JSONDecodeError:
        return []
    if not isinstance(body, dict):
        return []
    found: list[tuple[str, str]] = []
    laravel = body.get("errors")
    if isinstance(laravel, dict):
        for name, messages in laravel.items():
            for message in messages if isinstance(messages, list) else [messages]:
                found.append((str(name), str(message)))
    error = body.get("error")
    details = error.get("details") if isinstance(error, dict) else None
    if isinstance(details, dict):
        details = details.get("errors") or [details]
    for detail in details if isinstance(details, list) else []:
        if isinstance(detail, dict) and isinstance(detail.get("field"), str):
            message = detail.get("message") or detail.get("issue") or ""
            found.append((detail["field"], str(message)))
    return [(name, " ".join(message.split())[:200]) for name, message in found][:MAX_FIELD_ERRORS]


class UpstreamClient:
    """The gateway's client for one store."""

    def __init__(
        self,
        source: Source,
        settings: Settings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        base_url: str | None = None,
        auth: Auth | None = None,
        cache: ResponseCache | None = None,
        rate_limits: RateLimitRegistry | None = None,
        metrics: Metrics | None = None,
        parse_error: ParseError | None = None,
        retry: RetryPolicy | None = None,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        tracer_provider: TracerProvider | None = None,
    ) -> None:
        self.source = Source(source)
        self.settings = settings
        self.store = settings.store(self.source)
        self.clock = clock
        self.monotonic = monotonic
        # `is None`, never `or`: an empty shared cache is falsy (it has a length) and
        # must still be the one shared, not silently replaced by a private one
        self.auth: Auth = auth if auth is not None else auth_from_settings(self.source, self.store)
        if cache is None:
            cache = ResponseCache(
                max_entries=settings.cache_max_entries,
                max_bytes=settings.cache_max_bytes,
                clock=clock,
            )
        self.cache = cache
        if rate_limits is None:
            rate_limits = RateLimitRegistry(reserve=settings.rate_limit_reserve, clock=clock)
        self.rate_limits = rate_limits
        self.metrics = metrics if metrics is not None else Metrics()
        self.parse_error = parse_error if parse_error is not None else default_parse_error
        if retry is None:
            retry = RetryPolicy(attempts=settings.retry_attempts, clock=monotonic)
        self.retry = retry
        url = base_url or self.store.url or EMBEDDED_BASE_URL.format(source=self.source.value)
        self._transport = transport if transport is not None else store_transport(MAX_CONNECTIONS)
        """The store's transport: every call is one exchange on it (:meth:`_exchange`)."""
        self.client = httpx.AsyncClient(
            base_url=url,
            transport=self._transport,
            timeout=httpx.Timeout(self.store.timeout_s),
            headers={"User-Agent": self.store.user_agent, "Accept": "application/json"},
            cookies=_NeverKept(),
        )
        """The same transport behind httpx's client, for the auth's own token calls."""
        self._origin = str(self.client.base_url).rstrip("/") + "/"
        """The base URL, ending in ``/``: a call's path is appended to it."""
        self._default_headers = dict(self.client.headers)
        """The client's headers (lower-case names): httpx's defaults and the store's."""
        self.tracer = tracer_of(tracer_provider)
        instrument_client(self.client, tracer_provider)  # wraps the transport's method
        self._inflight: dict[tuple[CacheKey, int], asyncio.Task[UpstreamResponse]] = {}
        """Calls under way, by key and the store's :meth:`ResponseCache.changes` as they
        began: a read after a write or an event never joins a call from before it."""
        self._secrets = [
            s
            for s in (self.store.api_key, self.store.client_secret, self.store.client_id)
            if s and len(s) >= MIN_SECRET_LENGTH
        ]

    # ------------------------------------------------------------------ lifecycle

    async def aclose(self) -> None:
        for task in list(self._inflight.values()):  # refreshes still behind an answer
            task.cancel()
        await self.client.aclose()

    async def __aenter__(self) -> UpstreamClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"UpstreamClient({self.source.value!r}, base_url={str(self.client.base_url)!r})"

    # ------------------------------------------------------------------ identity

    def fingerprint(self, credential: StoreCredential = PUBLIC) -> str:
        """Cache-key identity: the gateway's credential plus what ``credential`` adds."""
        if credential.identity is None:
            return self.auth.fingerprint()
        return make_fingerprint(self.auth.fingerprint(), credential.identity)

    def budget_fingerprint(self, credential: StoreCredential = PUBLIC) -> str:
        """Whose rate-limit budget a call spends (the gateway's, or a forwarded JWT's)."""
        return credential.budget_identity or self.auth.fingerprint()

    def new_deadline(self) -> float:
        """The deadline of a request starting now (settings' ``request_deadline_s``)."""
        return self.monotonic() + self.settings.request_deadline_s

    # ------------------------------------------------------------------ reads

    async def get_json(
        self,
        path: str,
        params: QueryInput = None,
        *,
        credential: StoreCredential = PUBLIC,
        headers: Mapping[str, str] | None = None,
        deadline: float | None = None,
        tags: Iterable[str] = (),
        max_age: float | None = None,
    ) -> UpstreamResponse:
        """GET ``path`` as JSON — from the cache when allowed (see module docstring).
        ``max_age``: a fresh entry older than this many seconds is not used (``0``: ask
        the store, as a poll of a background job must) — nor served because the store
        is slow."""
        with upstream_span(self.tracer, self.source, "GET", path):
            try:
                response = await self._get_json(
                    path, params, credential, headers, deadline, tags, max_age
                )
            except GatewayError as exc:
                self._failed("GET", path, exc)
                usage = current_usage()
                if usage is not None:
                    usage.failed(self.source, self._budget_state(credential), read=True)
                raise
            usage = current_usage()
            if usage is not None:
                private = credential.identity is not None or bool(headers)
                budget = self._budget_state(credential)
                usage.answered(
                    self.source, response, budget, private, self.clock(), max_age=max_age
                )
            return response

    def _budget_state(self, credential: StoreCredential) -> RateLimitState:
        return self.rate_limits.state(self.source, self.budget_fingerprint(credential))

    async def _get_json(
        self,
        path: str,
        params: QueryInput,
        credential: StoreCredential,
        headers: Mapping[str, str] | None,
        deadline: float | None,
        tags: Iterable[str],
        max_age: float | None = None,
    ) -> UpstreamResponse:
        use_cache = self.settings.cache_enabled
        key = make_key(self.source, "GET", path, params, self.fingerprint(credential))
        now = self.clock()
        entry = self.cache.get(key) if use_cache else None
        if entry is not None and entry.is_negative:
            if entry.is_fresh(now):
                self.metrics.cache_hit(self.source, "negative")
                raise NotFound(source=self.source, status=404)
            entry = None  # a stale 404 is never served
        young = max_age is None or (entry is not None and now - entry.stored_at <= max_age)
        if entry is not None and entry.is_fresh(now) and young:
            self.metrics.cache_hit(self.source, "fresh")
            return _from_entry(entry, key, stale=False)

        if not use_cache:
            self.metrics.cache_miss(self.source)
            return await self._fetch(key, path, params, None, credential, headers, deadline, ())

        flight = (key, self.cache.changes(self.source))
        task = self._inflight.get(flight)
        if task is not None:
            self.metrics.cache_hit(self.source, "coalesced")
        else:
            task = asyncio.ensure_future(
                self._fetch(
                    key, path, params, entry, credential, headers, deadline, tags, flight[1]
                )
            )
            self._inflight[flight] = task
            task.add_done_callback(lambda t: self._settle(flight, t))
        if entry is not None and max_age is None and self.settings.stale_if_slow_ms > 0:
            await asyncio.wait([task], timeout=self.settings.stale_if_slow_ms / 1000)
            if not task.done():  # slow: the stale entry now, the refresh in the background
                return self._stale(entry, key)
        response = await asyncio.shield(task)
        if response.stale:
            calls.served_stale(self.source)
        return response

    def _stale(self, entry: CachedResponse, key: CacheKey) -> UpstreamResponse:
        self.metrics.cache_hit(self.source, "stale")
        calls.served_stale(self.source)
        return _from_entry(entry, key, stale=True)

    def _settle(self, flight: tuple[CacheKey, int], task: asyncio.Task[UpstreamResponse]) -> None:
        if self._inflight.get(flight) is task:
            del self._inflight[flight]
        if not task.cancelled():
            task.exception()  # retrieved: no "never retrieved" warning when nobody awaits

    async def _fetch(
        self,
        key: CacheKey,
        path: str,
        params: QueryInput,
        entry: CachedResponse | None,
        credential: StoreCredential,
        headers: Mapping[str, str] | None,
        deadline: float | None,
        tags: Iterable[str],
        since: int | None = None,
    ) -> UpstreamResponse:
        """One GET at the store; its answer stored unless the store's entries were
        dropped since ``since`` (then it is answered, not kept, nor reused whole)."""
        request_headers = dict(headers or {})
        if entry is not None and entry.etag:
            request_headers["If-None-Match"] = entry.etag
        try:
            response, answer_headers = await self._send(
                "GET",
                path,
                params=params,
                headers=request_headers,
                credential=credential,
                deadline=deadline,
            )
        except (
            UpstreamUnavailable,
            UpstreamTimeout,
            UpstreamError,
            RateLimited,
            calls.CallLimitExceeded,
        ):
            if entry is not None:
                return self._stale(entry, key)
            raise

        status = response.status_code
        now = self.clock()
        # a write or an event dropped this store's entries meanwhile: answer, keep nothing
        keep = self.settings.cache_enabled and (
            since is None or since == self.cache.changes(self.source)
        )
        if status == 304 and entry is not None:
            refreshed = entry.refreshed(answer_headers, self.store.default_ttl_s, now)
            if keep:
                self.cache.put(key, refreshed)
            self.metrics.cache_hit(self.source, "revalidated")
            answer = _from_entry(refreshed, key, stale=False)
            return answer if keep else replace(answer, reuse=None)
        if 200 <= status < 300:
            self.metrics.cache_miss(self.source)
            body = self._parse_body(response)
            freshness = freshness_of(answer_headers, self.store.default_ttl_s)
            fresh_until = now + (freshness.ttl_s if freshness is not None else 0.0)
            fresh = None
            if self.settings.cache_enabled:
                fresh = CachedResponse.build(
                    status=status,
                    headers=answer_headers,
                    json=body,
                    body_size=len(response.content),
                    default_ttl_s=self.store.default_ttl_s,
                    now=now,
                    tags=tags,
                )
                if fresh is not None and keep:
                    self.cache.put(key, fresh)
            reuse = fresh.reuse(key) if fresh is not None and keep else None
            return UpstreamResponse(
                status, body, answer_headers, fresh_until=fresh_until, reuse=reuse
            )
        error = self._error_for(response, credential)
        if entry is not None and (status >= 500 or status == 429):
            return self._stale(entry, key)
        if status == 404 and keep and self.settings.negative_ttl_s > 0:
            self.cache.put(key, CachedResponse.negative(now, self.settings.negative_ttl_s, tags))
        raise error

    # ------------------------------------------------------------------ writes

    async def send_json(
        self,
        method: str,
        path: str,
        json: Any = None,
        *,
        credential: StoreCredential = PUBLIC,
        invalidate: Iterable[str] = (),
        headers: Mapping[str, str] | None = None,
        deadline: float | None = None,
    ) -> UpstreamResponse:
        """A write (POST/PUT/PATCH/DELETE) presenting ``credential`` (pass
        ``context.credential(source, requirement)``; ``PUBLIC`` only for public endpoints
        such as a store's login). On 2xx, drops the ``invalidate`` targets
        (:meth:`ResponseCache.drop`: ``/path`` exactly, ``/path*`` and below, or a tag)."""
        usage = current_usage()
        if usage is not None:
            usage.wrote(self.source)
        with upstream_span(self.tracer, self.source, method.upper(), path):
            try:
                return await self._send_json(
                    method, path, json, credential, invalidate, headers, deadline
                )
            except GatewayError as exc:
                self._failed(method.upper(), path, exc)
                if usage is not None:
                    usage.failed(self.source, self._budget_state(credential))
                raise

    async def _send_json(
        self,
        method: str,
        path: str,
        json: Any,
        credential: StoreCredential,
        invalidate: Iterable[str],
        headers: Mapping[str, str] | None,
        deadline: float | None,
    ) -> UpstreamResponse:
        response, answer_headers = await self._send(
            method.upper(),
            path,
            json=json,
            headers=dict(headers or {}),
            credential=credential,
            deadline=deadline,
            idempotent=False,
        )
        if not 200 <= response.status_code < 300:
            raise self._error_for(response, credential)
        body = self._parse_body(response)
        self.cache.drop(self.source, invalidate)
        return UpstreamResponse(response.status_code, body, answer_headers)

    # ------------------------------------------------------------------ transport

    async def _send(
        self,
        method: str,
        path: str,
        *,
        params: QueryInput = None,
        json: Any = None,
        headers: Mapping[str, str],
        credential: StoreCredential = PUBLIC,
        deadline: float | None,
        idempotent: bool = True,
    ) -> tuple[httpx.Response, dict[str, str]]:
        """One logical request: retries, one auth renewal on 401, errors mapped. The
        last answer, and its headers read once (:func:`plain_headers`)."""
        if deadline is None:
            deadline = self.new_deadline()
        url = self._origin + path.lstrip("/")  # absolute: httpx parses it once, not thrice
        answer_headers: dict[str, str] = {}
        rate_fingerprint = self.budget_fingerprint(credential)
        forwarded = dict(credential.headers)
        request_id = request_scope.current_request_id()
        request_id_header = {request_scope.REQUEST_ID_HEADER: request_id} if request_id else {}

        async def attempt() -> httpx.Response:
            nonlocal answer_headers
            remaining = deadline - self.monotonic()
            if remaining <= 0:
                raise httpx.TimeoutException("request deadline passed")
            calls.spend(self.source)
            permit = await self.rate_limits.acquire(
                self.source, rate_fingerprint, timeout_s=remaining
            )
            usage = current_usage()
            started = time.monotonic()
            try:
                if credential.replaces_gateway_auth:
                    auth_headers = forwarded
                else:
                    auth_headers = {**await self.auth.headers(self.client), **forwarded}
                response = await self._exchange(
                    method,
                    url,
                    params=params,
                    json=json,
                    headers=[auth_headers, headers, request_id_header],
                    timeout_s=min(self.store.timeout_s, remaining),
                )
            except BaseException as exc:
                permit.release()  # no answer: the store may still have counted it
                if isinstance(exc, httpx.TransportError):
                    ended = time.monotonic()
                    self.metrics.request(self.source, method, "error", ended - started)
                    if usage is not None:
                        usage.add(UpstreamCall(self.source, method, started, ended, None, None))
                raise
            ended = time.monotonic()
            answer_headers = plain_headers(response.headers)
            self.metrics.request(self.source, method, response.status_code, ended - started)
            if usage is not None:
                usage.add(
                    UpstreamCall(
                        self.source,
                        method,
                        started,
                        ended,
                        response.status_code,
                        store_time_ms(answer_headers),
                    )
                )
            permit.release(answer_headers, status=response.status_code)
            if permit.state.remaining is not None:
                self.metrics.remaining(self.source, permit.state.remaining)
            return response

        renewed = False
        while True:
            try:
                response = await self.retry.run(
                    attempt,
                    deadline=deadline,
                    idempotent=idempotent,
                    on_retry=partial(self._retrying, method, path),
                )
            except httpx.TimeoutException:
                raise UpstreamTimeout(source=self.source) from None
            except (httpx.ConnectError, httpx.NetworkError):
                raise UpstreamUnavailable(source=self.source) from None
            except httpx.TransportError:
                raise UpstreamError(source=self.source) from None
            if response.status_code == 401 and not renewed and credential.forwarded is None:
                renewed = True
                if await self.auth.on_unauthorized(self.client, response):
                    continue
            return response, answer_headers

    async def _exchange(
        self,
        method: str,
        url: str,
        *,
        params: QueryInput,
        json: Any,
        headers: Iterable[Mapping[str, str]],
        timeout_s: float,
    ) -> httpx.Response:
        """One HTTP exchange on the store's transport, its body read: what
        ``AsyncClient.request`` sends (the client's headers, then ``headers`` in order,
        by lower-case name; the timeout as the request's extension), without what the
        client does around it that a store call never uses — no redirects followed
        (httpx's default), no auth flow (the gateway's auth sets headers), no cookies
        (none kept: a cookie jar request object was built per call only to be dropped),
        no URL re-merged with the base URL, no mount lookup."""
        merged = dict(self._default_headers)
        for extra in headers:
            for name, value in extra.items():
                merged[name.lower()] = value
        request = httpx.Request(
            method,
            url,
            params=params,  # type: ignore[arg-type]
            json=json,
            headers=merged,
            extensions={"timeout": httpx.Timeout(timeout_s).as_dict()},
        )
        response = await self._transport.handle_async_request(request)
        response.request = request
        try:
            await response.aread()
        finally:
            await response.aclose()
        return response

    # ------------------------------------------------------------------ helpers

    def _retrying(
        self, method: str, path: str, attempt: int, delay_s: float, outcome: Outcome
    ) -> None:
        if isinstance(outcome, httpx.Response):
            reason = str(outcome.status_code)
        else:
            reason = type(outcome).__name__
        self.metrics.retry(self.source, attempt, delay_s, reason)
        _log.info(
            "upstream retry",
            store=self.source.value,
            method=method,
            route=route_template(path),
            attempt=attempt,
            delay_s=round(delay_s, 3),
            reason=reason,
        )

    def _failed(self, method: str, path: str, error: GatewayError) -> None:
        self.metrics.error(self.source, error.code)
        log = _log.info if error.code in _CALLERS_CODES else _log.warning
        log(
            "upstream failure",
            store=self.source.value,
            method=method,
            route=route_template(path),
            code=error.code,
            status=error.status,
            upstream_code=error.upstream_code,
        )

    def _parse_body(self, response: httpx.Response) -> Any:
        if not response.content:
            return None
        try:
            return orjson.loads(response.content)
        except orjson.JSONDecodeError:
            raise UpstreamError(
                "The store sent a response that is not JSON", source=self.source
            ) from None

    def _error_for(
        self, response: httpx.Response, credential: StoreCredential = PUBLIC
    ) -> GatewayError:
        status = response.status_code
        if status == 401 and credential.forwarded is not None:
            header = credential.forwarded.header
            return Unauthenticated(
                f"`{header}` was refused by the store (unknown, revoked or expired)",
                source=self.source,
                status=status,
            )
        retry_after = None
        if status == 429:
            now = self.clock()
            retry_after = parse_retry_after(response.headers.get(RETRY_AFTER_HEADER), now)
            if retry_after is None:
                state = self.rate_limits.state(self.source, self.budget_fingerprint(credential))
                retry_after = state.seconds_to_reset(now) or None
            if retry_after is not None:
                retry_after = float(math.ceil(retry_after))
        message = None
        upstream_code = None
        if 400 <= status < 500:
            try:
                parsed = self.parse_error(response)
            except Exception:
                parsed = None
            if parsed is not None:
                upstream_code, message = parsed
        error = error_for_status(self.source, status, None, retry_after)
        if isinstance(error, BadUpstreamRequest) and message:
            error = BadUpstreamRequest(
                self._redact(message, response), source=self.source, status=status
            )
        error.upstream_code = upstream_code
        if 400 <= status < 500:
            error.field_errors = [
                (name, self._redact(message, response)) for name, message in field_errors(response)
            ]
        return error

    def _redact(self, message: str, response: httpx.Response) -> str:
        """``message`` without any credential the gateway holds or just sent."""
        secrets = list(self._secrets)
        sent = response.request.headers
        for name in FORWARDED_HEADERS:
            value = sent.get(name, "")
            secrets.extend([value, value.partition(" ")[2]])
        for secret in sorted(secrets, key=len, reverse=True):
            if len(secret) >= MIN_SECRET_LENGTH:
                message = message.replace(secret, REDACTED)
        return message


def _from_entry(entry: CachedResponse, key: CacheKey, *, stale: bool) -> UpstreamResponse:
    return UpstreamResponse(
        entry.status,
        entry.json,
        entry.headers,
        from_cache=True,
        stale=stale,
        fresh_until=entry.fresh_until,
        reuse=None if stale else entry.reuse(key),
    )


def plain_headers(headers: httpx.Headers) -> dict[str, str]:
    """A response's headers read once: lower-case names, a repeated header's values
    joined with ``", "`` — what ``dict(headers)`` gives, without a scan of every header
    per name (httpx's lookups are linear), for the handful of reads each answer gets."""
    plain: dict[str, str] = {}
    for name, value in headers.multi_items():
        plain[name] = f"{plain[name]}, {value}" if name in plain else value
    return plain


class _NeverKept(CookieJar):
    """No store cookie is kept: the client calls a store for many callers at once, and
    one caller's cookie must never ride along on another's call (httpx keeps them by
    default, parsing every answer's headers to look for them)."""

    def extract_cookies(self, response: Any, request: Any) -> None:
        return None
