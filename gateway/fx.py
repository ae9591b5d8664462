"""Exchange rates for comparing prices across currencies (``STOREGRAPH_FX_RATES``).

The stores price in their own currencies (FreshStore's offers in USD, GBP, EUR;
Catalog per product). The merged product list compares prices only after converting
them at one configured table: ``STOREGRAPH_FX_RATES=GBP=1.27,EUR=1.08`` gives what one
unit of each currency is worth in US dollars (``USD`` is 1 by definition), and
``STOREGRAPH_FX_RATES_DATE`` the day the rates are from. Without them the gateway uses
:data:`DEFAULT_RATES`, the reference rates of :data:`DEFAULT_RATES_DATE` — good for the
demo; set your own for real use. A currency missing from the table is never guessed:
a comparison that needs it is refused (:class:`NoExchangeRate`, ``BAD_USER_INPUT``).
Reward points (``POINTS``) have no rate by design.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any

from gateway.errors import BadUserInput

BASE = "USD"
CENTS = Decimal("0.01")
DEFAULT_RATES_DATE = "2025-01-02"
DEFAULT_RATES: dict[str, Decimal] = {
    "USD": Decimal("1"),
    "EUR": Decimal("1.0350"),
    "GBP": Decimal("1.2480"),
    "CAD": Decimal("0.6950"),
    "AUD": Decimal("0.6210"),
    "JPY": Decimal("0.00636"),
    "CHF": Decimal("1.1030"),
}
"""US dollars per unit, reference rates of :data:`DEFAULT_RATES_DATE` (rounded)."""
_CODE = re.compile(r"[A-Z]{3}")


class NoExchangeRate(BadUserInput):
    """A price comparison needs a currency the rate table does not have."""


@dataclass(frozen=True)
class RateTable:
    """Units of ``BASE`` per unit of each currency, and the day they are from."""

    rates: MappingProxyType[str, Decimal] = field(
        default_factory=lambda: MappingProxyType(dict(DEFAULT_RATES))
    )
    date: str | None = DEFAULT_RATES_DATE

    def rate(self, currency: str, *, field: str) -> Decimal:
        found = self.rates.get(currency.upper())
        if found is None:
            known = ", ".join(sorted(self.rates))
            raise NoExchangeRate(
                f"No exchange rate for {currency.upper()}: prices in it cannot be compared "
                f"with others (known: {known}; set STOREGRAPH_FX_RATES).",
                field=field,
            )
        return found

    def convert(self, amount: Decimal, source: str, target: str, *, field: str) -> Decimal:
        """``amount`` of ``source`` in ``target`` (exact; round only to show it)."""
        if source.upper() == target.upper():
            return amount
        return amount * self.rate(source, field=field) / self.rate(target, field=field)

    def check(self, currency: str, *, field: str) -> str:
        """``currency`` upper-cased, if the table has it."""
        self.rate(currency, field=field)
        return currency.upper()


def parse_rates(raw: Any) -> MappingProxyType[str, Decimal]:
    """``GBP=1.27,EUR=1.08`` (or a mapping, or ``("GBP=1.27", ...)``) as a rate table;
    ``USD`` is always 1."""
    if isinstance(raw, MappingProxyType | dict):
        pairs = [(str(k), v) for k, v in raw.items()]
    else:
        parts = raw.split(",") if isinstance(raw, str) else list(raw)
        pairs = []
        for part in (str(p).strip() for p in parts):
            if not part:
                continue
            code, sep, value = part.partition("=")
            if not sep:
                raise ValueError(f"{part!r}: expected CODE=RATE, e.g. GBP=1.27")
            pairs.append((code.strip(), value.strip()))
    rates = {BASE: Decimal("1")}
    for code, value in pairs:
        code = code.upper()
        if not _CODE.fullmatch(code):
            raise ValueError(f"{code!r} is not a currency code (three letters)")
        try:
            rate = Decimal(str(value))
        except InvalidOperation:
            raise ValueError(f"{code}: {value!r} is not a number") from None
        if not rate.is_finite() or rate <= 0:
            raise ValueError(f"{code}: the rate must be a positive number")
        if code == BASE and rate != 1:
            raise ValueError(f"{BASE} is the base currency: its rate is 1")
        rates[code] = rate
    return MappingProxyType(rates)


def rate_entries(rates: Mapping[str, Decimal]) -> tuple[str, ...]:
    """A rate table as ``("EUR=1.0350", "GBP=1.2480", ...)`` (the base left out)."""
    return tuple(f"{code}={rate}" for code, rate in sorted(rates.items()) if code != BASE)


def shown(amount: Decimal) -> Decimal:
    """A converted amount as shown: to the cent, half to even."""
    return amount.quantize(CENTS)
