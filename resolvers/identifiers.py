"""Trade identifiers, normalised so the same item joins across stores.

- GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13, ISBN-13) and GTIN-14 are one number
  space: each is kept as 14 digits, zero-padded on the left (GS1's canonical form), so
  a UPC-A ``012345678905`` and the EAN-13 ``0012345678905`` are the same key. The GS1
  check digit is verified; a code that fails it is no GTIN and joins nothing.
- ISBN-10 becomes its ISBN-13 (``978`` prefix, new check digit), a GTIN-13.
- An MPN identifies an item only with its brand (manufacturers reuse part numbers):
  the key is brand and MPN, both case-folded with punctuation and accents dropped.

Join keys are strings: ``gtin:<14 digits>`` and ``mpn:<brand>:<mpn>``. Names never
make a key.

:func:`identifiers` is a pure function of what a store gives, and the same products come
back page after page (a merged list rebuilds its records from the cached store lists on
every page): its answers for string inputs are remembered (:data:`REMEMBERED`, least
recently used first out).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

GTIN_LENGTHS = (8, 12, 13, 14)
REMEMBERED = 16_384
"""How many distinct products' identifiers :func:`identifiers` keeps (a few MB)."""
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def gs1_check_digit(body: str) -> int:
    """The GS1 check digit of ``body`` (the code without its last digit)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def gtin14(code: object) -> str | None:
    """``code`` as a 14-digit GTIN when it is a GTIN-8/12/13/14 with a valid check digit
    (spaces and dashes ignored); ``None`` otherwise."""
    if code is None:
        return None
    text = str(code).strip().replace(" ", "").replace("-", "")
    if not text.isdigit() or len(text) not in GTIN_LENGTHS:
        return None
    if gs1_check_digit(text[:-1]) != int(text[-1]):
        return None
    return text.zfill(14)


def isbn13(code: object) -> str | None:
    """An ISBN-13 (978/979, a valid GTIN-13) or an ISBN-10 (mod-11 check) as ISBN-13."""
    if code is None:
        return None
    text = str(code).strip().replace(" ", "").replace("-", "").upper()
    if len(text) == 13 and text[:3] in ("978", "979"):
        return text if gtin14(text) else None
    if len(text) == 10 and text[:9].isdigit() and (text[9].isdigit() or text[9] == "X"):
        check = 10 if text[9] == "X" else int(text[9])
        if (sum((10 - i) * int(d) for i, d in enumerate(text[:9])) + check) % 11 != 0:
            return None
        body = "978" + text[:9]
        return body + str(gs1_check_digit(body))
    return None


def _folded(text: object) -> str:
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return _NOT_ALNUM.sub("", plain.casefold())


def mpn_key(brand: object, mpn: object) -> str | None:
    """The join key of a brand's part number; ``None`` without either."""
    if not brand or not mpn:
        return None
    folded_brand, folded_mpn = _folded(brand), _folded(mpn)
    if not folded_brand or not folded_mpn:
        return None
    return f"mpn:{folded_brand}:{folded_mpn}"


@dataclass(frozen=True)
class Identifiers:
    """One product's identifiers: what it shows (``gtin`` normalised, ``mpn``, ``isbn``,
    ``sku``) and the keys it joins on."""

    gtin: str | None = None
    mpn: str | None = None
    isbn: str | None = None
    sku: str | None = None
    keys: frozenset[str] = frozenset()


def identifiers(
    *,
    gtins: Iterable[object] = (),
    mpn: object = None,
    brand: object = None,
    isbn: object = None,
    sku: object = None,
    extra_mpns: Iterable[object] = (),
) -> Identifiers:
    """A product's identifiers from what its store gives: barcodes (``gtins``: GTIN,
    UPC, EAN — every valid one joins; the first is shown), an MPN (and ``extra_mpns``,
    e.g. variant SKUs that are part numbers) with the brand, an ISBN and the store's SKU."""
    codes, parts = tuple(gtins), tuple(extra_mpns)
    given = (*codes, mpn, brand, isbn, sku, *parts)
    if all(value is None or type(value) is str for value in given):  # equal means same
        return _remembered(codes, mpn, brand, isbn, sku, parts)
    return _identifiers(codes, mpn, brand, isbn, sku, parts)


def _identifiers(
    gtins: tuple[object, ...],
    mpn: object,
    brand: object,
    isbn: object,
    sku: object,
    extra_mpns: tuple[object, ...],
) -> Identifiers:
    valid = [g for g in (gtin14(code) for code in gtins) if g]
    book = isbn13(isbn)
    keys = {f"gtin:{g}" for g in valid}
    if book:
        keys.add(f"gtin:{book.zfill(14)}")
    for part in (mpn, *extra_mpns):
        key = mpn_key(brand, part)
        if key:
            keys.add(key)
    return Identifiers(
        gtin=valid[0] if valid else (book.zfill(14) if book else None),
        mpn=str(mpn).strip() if mpn else None,
        isbn=str(isbn).strip() if isbn else None,
        sku=str(sku).strip() if sku else None,
        keys=frozenset(keys),
    )


_remembered = lru_cache(maxsize=REMEMBERED)(_identifiers)
