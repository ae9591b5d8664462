"""The whole-response cache's key, storing rules and store (no HTTP, no stores)."""

from __future__ import annotations

from gateway.cache import CacheKey, Reuse
from gateway.identity import Caller, CredentialKind, CredentialProblem, Operator, RewardsUser, Role
from gateway.operation_cache import ANONYMOUS_CLASS as ANONYMOUS
from gateway.operation_cache import OperationCache, identity_class, operation_key
from gateway.sources import Source
from gateway.state.operations import InProcessOperationStore, StoredOperation
from gateway.usage import UpstreamUsage


def key(n: int) -> CacheKey:
    return CacheKey(Source.CATALOG, "GET", f"/p/{n}", (), "fp")


def reuse(n: int, fresh_until: float = 100.0, *, revalidate: bool = False) -> Reuse:
    return Reuse(key(n), fresh_until, revalidate, False, frozenset({f"tag:{n}"}))


def usage(*reads: Reuse | None) -> UpstreamUsage:
    record = UpstreamUsage(started=0.0)
    record.reads.extend(reads)
    return record


def test_the_key_ignores_spelling_but_not_variables_operation_or_identity() -> None:
    base = operation_key("{ a { b } }", None, {"x": 1, "y": 2}, ANONYMOUS)
    assert base is not None
    assert operation_key("# hi\n{a{\n b }}", None, {"y": 2, "x": 1}, ANONYMOUS) == base
    assert operation_key("{ a { b } }", None, {"x": 2, "y": 2}, ANONYMOUS) != base
    assert operation_key("{ a { b } }", None, {"x": 1, "y": 2}, "user:1") != base
    assert operation_key('{ a(s: "x  y") { b } }', None, None, ANONYMOUS) != operation_key(
        '{ a(s: "x y") { b } }', None, None, ANONYMOUS
    )


def test_only_queries_of_a_known_identity_have_a_key() -> None:
    assert operation_key("mutation { a }", None, None, ANONYMOUS) is None
    assert operation_key("subscription { a }", None, None, ANONYMOUS) is None
    assert operation_key("{ a", None, None, ANONYMOUS) is None  # does not parse
    many = "{ " + "a " * 100 + "}"  # past the token limit: never parsed whole
    assert operation_key(many, None, None, ANONYMOUS, max_tokens=50) is None
    assert operation_key("{ a }", None, None, None) is None
    two = "query A { a } mutation B { b }"
    assert operation_key(two, "A", None, ANONYMOUS) is not None
    assert operation_key(two, "B", None, ANONYMOUS) is None
    assert operation_key(two, None, None, ANONYMOUS) is None


def test_identity_classes() -> None:
    assert identity_class(Caller()) == ANONYMOUS
    alice = identity_class(Caller(rewards_user=RewardsUser("a")))
    assert alice not in (None, ANONYMOUS)
    assert identity_class(Caller(rewards_user=RewardsUser("b"))) != alice
    staff = identity_class(Caller(operator=Operator("x", frozenset({Role.STAFF}))))
    # two operators with the same roles differ: an answer may show the token's own claims
    assert staff != identity_class(Caller(operator=Operator("y", frozenset({Role.STAFF}))))
    assert staff == identity_class(Caller(operator=Operator("x", frozenset({Role.STAFF}))))
    assert staff != identity_class(Caller(operator=Operator("x", frozenset({Role.ADMIN}))))
    assert staff != identity_class(
        Caller(operator=Operator("x", frozenset({Role.STAFF})), rewards_user=RewardsUser("a"))
    )
    unusable = CredentialProblem(CredentialKind.OPERATOR, "has expired")
    assert identity_class(Caller(problems=(unusable,))) is None


def test_stored_only_when_every_part_may_be_reused_and_for_the_shortest_freshness() -> None:
    now = [10.0]
    cache = OperationCache(InProcessOperationStore(10, clock=lambda: now[0]), clock=lambda: now[0])
    data = {"a": 1}
    assert not cache.offer("k", data, None, usage(reuse(1), None))  # a stale/unstored part
    assert not cache.offer("k", data, None, usage(reuse(1), reuse(2, revalidate=True)))
    assert not cache.offer("k", data, ["error"], usage(reuse(1)))
    assert not cache.offer("k", data, None, usage())  # read nothing
    assert not cache.offer("k", data, None, usage(reuse(1, fresh_until=5.0)))  # already stale
    assert cache.offer("k", data, None, usage(reuse(1, 50.0), reuse(2, 20.0)))
    assert cache.get("k") == data
    now[0] = 20.0  # the shortest part's freshness ended
    assert cache.get("k") is None


def test_invalidation_drops_what_was_built_on_an_entry_or_tag() -> None:
    store = InProcessOperationStore(10, clock=lambda: 0.0)
    cache = OperationCache(store, clock=lambda: 0.0)
    for name, parts in (("ab", (1, 2)), ("b", (2,)), ("c", (3,))):
        assert cache.offer(name, name, None, usage(*(reuse(n) for n in parts)))
    cache.invalidated([key(1)], [], False)
    assert (cache.get("ab"), cache.get("b")) == (None, "b")
    cache.invalidated([], ["tag:2"], False)
    assert cache.get("b") is None and cache.get("c") == "c"
    cache.invalidated([], [], True)
    assert len(store) == 0


def test_the_store_is_bounded_and_forgets_the_evicted_in_its_indexes() -> None:
    store = InProcessOperationStore(2, clock=lambda: 0.0)
    for n in range(3):
        store.put(str(n), StoredOperation(n, 10.0, frozenset({key(n)}), frozenset({"t"})))
    assert len(store) == 2 and store.get("0") is None
    assert store.drop(tags=["t"]) == 2
    assert store._by_tag == {} and store._by_upstream == {}
