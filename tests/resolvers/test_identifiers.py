"""Identifiers are remembered for string inputs only: a value of another type is read as
itself, never as an equal-looking string's remembered answer."""

from __future__ import annotations

from resolvers.identifiers import identifiers

EAN = "4006381333931"  # a valid EAN-13


def test_a_remembered_answer_is_the_computed_one() -> None:
    first = identifiers(gtins=[EAN], mpn="AB-1", brand="Acme")
    again = identifiers(gtins=[EAN], mpn="AB-1", brand="Acme")
    assert first == again
    assert first.keys == {f"gtin:0{EAN}", "mpn:acme:ab1"} and first.gtin == f"0{EAN}"
    assert identifiers(gtins=[EAN[:-1] + "2"]).keys == frozenset()  # bad check digit


def test_values_of_other_types_are_read_as_themselves() -> None:
    assert identifiers(gtins=[int(EAN)]).keys == {f"gtin:0{EAN}"}
    assert identifiers(gtins=[float(EAN)]).keys == frozenset()  # "4006381333931.0"
    assert identifiers(gtins=[EAN]).keys == {f"gtin:0{EAN}"}
    assert identifiers(sku=7).sku == "7" and identifiers(sku="7").sku == "7"
    assert identifiers(mpn=0, brand="Acme").keys == frozenset()  # no part number
    assert identifiers(mpn="0", brand="Acme").keys == {"mpn:acme:0"}
