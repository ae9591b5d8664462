from gateway import CachedResponse, ResponseCache, Source, fingerprint
from gateway.cache import ENTRY_OVERHEAD_BYTES, MAX_STALE_S, freshness_of, make_key, normalise_query


def entry(clock, headers=None, size=10, tags=(), ttl=30.0):
    built = CachedResponse.build(
        status=200,
        headers=headers or {},
        json={"ok": True},
        body_size=size,
        default_ttl_s=ttl,
        now=clock(),
        tags=tags,
    )
    assert built is not None
    return built


def key(path="/api/products", params=None, fp="fp", source=Source.LITEKART):
    return make_key(source, "get", path, params, fp)


def test_query_is_normalised_keeping_repeated_keys():
    assert normalise_query({"b": "2", "a": "1"}) == (("a", "1"), ("b", "2"))
    assert normalise_query([("ids", "2"), ("a", "x"), ("ids", "1")]) == (
        ("a", "x"),
        ("ids", "2"),
        ("ids", "1"),
    )
    assert normalise_query({"flag": True, "n": 3}) == (("flag", "true"), ("n", "3"))
    assert key(params={"a": 1, "b": 2}) == key(params=[("b", "2"), ("a", "1")])
    assert key(params={"a": 1}).method == "GET"


def test_freshness_rules():
    assert freshness_of({"cache-control": "no-store"}, 30) is None
    assert freshness_of({"cache-control": "private, max-age=120"}, 30).ttl_s == 120
    assert freshness_of({}, 30).ttl_s == 30
    revalidate = freshness_of({"cache-control": "no-cache", "etag": '"v1"'}, 30)
    assert revalidate.ttl_s == 0 and revalidate.must_revalidate
    assert freshness_of({"cache-control": "max-age=0"}, 30) is None  # no ETag: useless
    assert freshness_of({}, 3600).stale_s == MAX_STALE_S


def test_fresh_then_stale_then_gone(clock):
    cache = ResponseCache(clock=clock)
    cache.put(key(), entry(clock, {"cache-control": "max-age=10"}))
    assert cache.get(key()).is_fresh(clock())
    clock.advance(11)
    stale = cache.get(key())
    assert stale is not None and not stale.is_fresh(clock())
    clock.advance(100 + 1)  # max(10, default 30) * 10 = 300 s stale window
    assert cache.get(key()) is not None
    clock.advance(300)
    assert cache.get(key()) is None


def test_entry_count_bound_evicts_least_recently_used(clock):
    cache = ResponseCache(max_entries=2, clock=clock)
    cache.put(key("/a"), entry(clock))
    cache.put(key("/b"), entry(clock))
    cache.get(key("/a"))
    cache.put(key("/c"), entry(clock))
    assert key("/a") in cache and key("/c") in cache
    assert key("/b") not in cache
    assert len(cache) == 2


def test_byte_bound_evicts(clock):
    per_entry = 1000 + ENTRY_OVERHEAD_BYTES
    cache = ResponseCache(max_bytes=per_entry * 2, clock=clock)
    for path in ("/a", "/b", "/c"):
        cache.put(key(path), entry(clock, size=1000))
    assert len(cache) == 2 and key("/a") not in cache
    assert cache.total_bytes == per_entry * 2
    assert cache.put(key("/huge"), entry(clock, size=10_000)) is False
    assert key("/huge") not in cache


def test_fingerprints_isolate_users(clock):
    cache = ResponseCache(clock=clock)
    alice, bob = fingerprint("api", "alice-token"), fingerprint("api", "bob-token")
    assert alice != bob and "alice-token" not in alice
    cache.put(key(fp=alice), entry(clock))
    assert cache.get(key(fp=alice)) is not None
    assert cache.get(key(fp=bob)) is None


def test_invalidate_by_path_prefix_across_fingerprints(clock):
    cache = ResponseCache(clock=clock)
    cache.put(key("/api/orders/1", fp="a"), entry(clock))
    cache.put(key("/api/orders", fp="b"), entry(clock))
    cache.put(key("/api/products", fp="a"), entry(clock))
    cache.put(key("/api/orders", source=Source.REWARDS), entry(clock))
    assert cache.invalidate(Source.LITEKART, "/api/orders") == 2
    assert key("/api/products", fp="a") in cache
    assert key("/api/orders", source=Source.REWARDS) in cache


def test_a_path_covers_whole_segments_only(clock):
    cache = ResponseCache(clock=clock)
    cache.put(key("/api/orders/1"), entry(clock))
    cache.put(key("/api/orders-archive"), entry(clock))
    assert cache.invalidate(Source.LITEKART, "/api/orders") == 1
    assert key("/api/orders-archive") in cache


def test_drop_by_subtree_lists_and_tags(clock):
    cache = ResponseCache(clock=clock)
    product_7 = key("/api/products/7")
    reviews_7 = key("/api/products/7/reviews", {"page": 1})
    product_8 = key("/api/products/8")
    lists = [key("/api/products", {"page": n}, fp=f"user{n}") for n in range(3)]
    tagged = key("/api/other")
    for k in (product_7, reviews_7, product_8, *lists):
        cache.put(k, entry(clock))
    cache.put(tagged, entry(clock, tags={"litekart:promo"}))
    assert cache.drop(Source.LITEKART, ["/api/products/7*", "/api/products", "litekart:promo"]) == 6
    assert list(cache._entries) == [product_8]
    assert cache.drop(Source.REWARDS, ["/api/products/8*", "/api/products"]) == 0


def test_any_drop_forgets_the_stores_remembered_404s_only(clock):
    cache = ResponseCache(clock=clock)
    missing_9, missing_elsewhere = (
        key("/api/products/9"),
        key("/api/products/9", source=Source.REWARDS),
    )
    kept = key("/api/products/8")
    cache.put(missing_9, CachedResponse.negative(clock(), 30.0))
    cache.put(missing_elsewhere, CachedResponse.negative(clock(), 30.0))
    cache.put(kept, entry(clock))
    heard: list = []
    cache.on_invalidate(lambda keys, tags, everything, covered: heard.extend(keys))
    assert cache.drop(Source.LITEKART, ["/api/orders"]) == 1  # a change elsewhere in the store
    assert list(cache._entries) == [missing_elsewhere, kept]
    assert heard == [missing_9]  # what was built on it goes too


def test_a_prefix_ending_in_a_slash_covers_only_what_is_below(clock):
    cache = ResponseCache(clock=clock)
    cache.put(key("/api/orders"), entry(clock))
    cache.put(key("/api/orders/1"), entry(clock))
    assert cache.invalidate(Source.LITEKART, "/api/orders/") == 1
    assert key("/api/orders") in cache


def test_invalidate_tags(clock):
    cache = ResponseCache(clock=clock)
    cache.put(key("/a"), entry(clock, tags={"product:1"}))
    cache.put(key("/b"), entry(clock, tags={"product:2", "brand:9"}))
    cache.put(key("/c"), entry(clock))
    assert cache.invalidate_tags(["brand:9", "nope"]) == 1
    assert key("/a") in cache and key("/b") not in cache and key("/c") in cache


def test_refreshed_after_304(clock):
    old = entry(clock, {"cache-control": "no-cache", "etag": '"v1"'})
    assert not old.is_fresh(clock())
    clock.advance(5)
    new = old.refreshed({"cache-control": "max-age=60", "etag": '"v1"'}, 30, clock())
    assert new.is_fresh(clock()) and new.fresh_until == clock() + 60
    assert new.json == old.json and new.etag == '"v1"'
