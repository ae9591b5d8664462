"""HTTP caching of GET answers from what they used upstream: Cache-Control, ETag, 304."""

from __future__ import annotations

import re

import pytest

from gateway.http import http_cache
from gateway.ratelimit import RateLimitState
from gateway.sources import Source
from gateway.upstream import UpstreamResponse
from gateway.usage import UpstreamUsage
from tests.graph.rewards_helpers import user

PUBLIC = "{ rewards { products(first: 3) { edges { node { name } } } } }"
MINE = "{ rewards { me { orders { totalCount } } } }"
PREFLIGHTED = {"apollo-require-preflight": "true"}


async def get(graph, query: str, **headers: str):
    return await graph.client.get(
        "/graphql", params={"query": query}, headers={**PREFLIGHTED, **headers}
    )


def max_age(response) -> int:
    match = re.search(r"max-age=(\d+)", response.headers["cache-control"])
    assert match, response.headers["cache-control"]
    return int(match.group(1))


async def test_a_public_get_is_cacheable_for_what_the_store_allows_and_answers_304(graph) -> None:
    first = await get(graph, PUBLIC)
    assert first.status_code == 200 and first.json()["data"]["rewards"]["products"]["edges"]
    assert first.headers["cache-control"].startswith("public, max-age=")
    assert 50 <= max_age(first) <= 60  # Rewards' catalogue says max-age=60
    vary = first.headers["vary"].lower()
    for name in ("accept", "authorization", "livelike-user-token", "litekart-customer-token"):
        assert name in vary
    etag = first.headers["etag"]
    assert etag.startswith('W/"')
    calls = await graph.calls()

    again = await get(graph, PUBLIC, **{"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag and again.headers["cache-control"].startswith("public")
    assert await graph.calls() == calls  # answered from the gateway's cache

    other = await get(graph, PUBLIC, **{"if-none-match": 'W/"something-else"'})
    assert other.status_code == 200 and other.json()["data"] == first.json()["data"]


async def test_a_users_get_is_private(graph) -> None:
    token = await user(graph, 0)
    mine = await get(graph, MINE, **{"livelike-user-token": token})
    assert (
        mine.status_code == 200
        and mine.json()["data"]["rewards"]["me"]["orders"]["totalCount"] >= 0
    )
    assert mine.headers["cache-control"].startswith("private")
    # public data asked for with an identity header is private too
    identified = await get(graph, PUBLIC, **{"livelike-user-token": token})
    assert identified.headers["cache-control"].startswith("private, max-age=")


async def test_the_shortest_freshness_of_the_parts_wins(graph) -> None:
    both = await get(
        graph,
        PUBLIC.replace("} } } } }", "} } } } litestore { products(first: 1) { totalCount } } }"),
    )
    assert both.json()["data"]["litestore"]
    assert max_age(both) <= 30  # Litestore's entries live 30 s, Rewards' 60 s


async def test_posts_and_failures_are_never_stored(graph) -> None:
    posted = await graph.client.post("/graphql", json={"query": PUBLIC})
    assert posted.headers["cache-control"] == "no-store" and "etag" not in posted.headers
    await graph.configure(Source.LITESTORE, error_rate=1.0)
    failed = await get(graph, "{ litestore { products(first: 1) { totalCount } } }")
    assert failed.json()["errors"]
    assert failed.headers["cache-control"] == "no-store" and "etag" not in failed.headers


# --------------------------------------------------------------------------- the rule


def answered(usage: UpstreamUsage, *, fresh_until: float, stale=False, private=False, now=100.0):
    response = UpstreamResponse(200, {}, {}, from_cache=True, stale=stale, fresh_until=fresh_until)
    usage.answered(Source.CATALOG, response, RateLimitState(), private, now)


@pytest.mark.parametrize(
    ("parts", "identified", "expected"),
    [
        ([{"fresh_until": 160.0}], False, "public, max-age=60"),
        ([{"fresh_until": 160.0}, {"fresh_until": 110.5}], False, "public, max-age=10"),
        ([{"fresh_until": 9999.0}], False, "public, max-age=300"),
        ([{"fresh_until": 160.0}], True, "private, max-age=60"),
        ([{"fresh_until": 160.0, "private": True}], False, "private, max-age=60"),
        ([{"fresh_until": 100.0}], False, "public, no-cache"),
        ([{"fresh_until": 90.0, "stale": True}], False, "public, no-cache"),
        ([], False, "public, max-age=300"),
    ],
)
def test_cache_control_from_usage(parts, identified, expected) -> None:
    usage = UpstreamUsage()
    for part in parts:
        answered(usage, **part)
    policy = http_cache.cache_control(
        usage, identified=identified, has_errors=False, max_age_cap=300, now=100.0
    )
    assert policy == expected


def test_writes_failures_and_errors_are_no_store() -> None:
    usage = UpstreamUsage()
    answered(usage, fresh_until=160.0)
    kwargs = {"identified": False, "max_age_cap": 300, "now": 100.0}
    assert http_cache.cache_control(usage, has_errors=True, **kwargs) == "no-store"
    usage.wrote(Source.CATALOG)
    assert http_cache.cache_control(usage, has_errors=False, **kwargs) == "no-store"


def test_etags_compare_weakly_and_ignore_extensions() -> None:
    etag = http_cache.entity_tag({"data": {"a": 1}, "extensions": {"n": 1}}, "application/json")
    assert etag == http_cache.entity_tag(
        {"data": {"a": 1}, "extensions": {"n": 2}}, "application/json"
    )
    assert etag != http_cache.entity_tag({"data": {"a": 1}}, "application/graphql-response+json")
    assert http_cache.not_modified(etag, etag)
    assert http_cache.not_modified(f'"x", {etag.removeprefix("W/")}', etag)
    assert http_cache.not_modified("*", etag)
    assert not http_cache.not_modified('"x"', etag) and not http_cache.not_modified(None, etag)
