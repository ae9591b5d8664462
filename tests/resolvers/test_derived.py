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
