"""``money()``: what a store sends as an amount becomes exact ``Money``, or nothing."""

from __future__ import annotations

from decimal import Decimal

from schema.common import Money, money


def test_amounts_keep_their_cents_and_their_exact_digits() -> None:
    assert money(22) == Money(amount=Decimal("22.00"), currency="USD")
    assert money("22.5", "gbp") == Money(amount=Decimal("22.50"), currency="GBP")
    assert money("19.999") == Money(amount=Decimal("19.999"), currency="USD")


def test_what_is_not_an_amount_is_no_money_rather_than_an_error() -> None:
    for junk in ("NaN", "sNaN", "Infinity", "-inf", "abc", None, True):
        assert money(junk) is None, junk
    assert money("5", None) is None
