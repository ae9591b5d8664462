"""Values derived per cached JSON object: the same object gives the remembered value, a
changed one (a new object, as a new store answer is) is derived afresh."""

from __future__ import annotations

from resolvers.derived import per_object


def test_the_same_object_is_derived_once_and_an_equal_new_one_again() -> None:
    calls: list[object] = []

    @per_object
    def name_of(product: dict, suffix: str = "") -> str:
        calls.append(product)
        return product["name"] + suffix

    product = {"name": "Tea"}
    assert name_of(product) == name_of(product) == "Tea"
    assert len(calls) == 1
    assert name_of(product, "!") == "Tea!"  # other arguments are their own entry
    assert len(calls) == 2
    changed = {"name": "Green tea"}  # the store's next answer: new objects
    assert name_of(changed) == "Green tea"
    assert name_of({"name": "Tea"}) == "Tea" and len(calls) == 4  # equal is not same


def test_past_the_bound_the_least_recently_used_value_goes_first(monkeypatch) -> None:
    monkeypatch.setattr("resolvers.derived.KEPT", 2)
    calls: list[object] = []

    @per_object
    def name_of(product: dict) -> str:
        calls.append(product)
        return product["name"]

    tea, coffee, cocoa = {"name": "Tea"}, {"name": "Coffee"}, {"name": "Cocoa"}
    name_of(tea), name_of(coffee)
    name_of(tea)  # used again: coffee is now the least recently used
    name_of(cocoa)  # past the bound: coffee goes
    assert len(calls) == 3
    name_of(tea), name_of(cocoa)
    assert len(calls) == 3  # both still kept
    name_of(coffee)
    assert len(calls) == 4  # derived again
