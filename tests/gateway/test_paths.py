"""Ids become one validated, percent-encoded path segment — never a route of their own."""

from __future__ import annotations

import pytest

from gateway.paths import ID_FORMATS, NUMERIC, SLUG, IdFormat, InvalidId, check_id, upstream_path
from gateway.sources import Source

INJECTIONS = [
    "../users",
    "../customers/cus_0001",
    "../orders?limit=1",
    "../../__sim/credentials",
    "..",
    ".",
    "",
    "a/b",
    "a?b=1",
    "a#b",
    "%2e%2e%2fusers",
    "prod-001\x00",
    "prod-001\n",
    "prod-001\r\nX-Injected: 1",
    " prod-001",
    "prod-001 ",
    "\\..\\users",
    "²",
    "١٢",
    "1,2",
    "x" * 65,
]


@pytest.mark.parametrize("source", list(Source))
@pytest.mark.parametrize("value", INJECTIONS)
def test_every_injection_is_refused_for_every_store(source: Source, value: str) -> None:
    with pytest.raises(InvalidId) as refused:
        upstream_path(source, "/api/products/{}", value)
    assert refused.value.code == "BAD_USER_INPUT"
    assert refused.value.extensions()["field"] == "id"
    if len(value) > 3:  # the caller's text is never echoed
        assert value not in refused.value.message


def test_valid_ids_fill_the_template() -> None:
    assert upstream_path(Source.LITEKART, "/api/{}/{}", "products", "prod_0001") == (
        "/api/products/prod_0001"
    )
    assert upstream_path(Source.LITESTORE, "/api/products/{}/reviews", "prod-001") == (
        "/api/products/prod-001/reviews"
    )
    assert upstream_path(Source.FRESHSTORE, "/api/offers/{}", 42) == "/api/offers/42"
    assert upstream_path(Source.REWARDS, "/api/products/{}", "7") == "/api/products/7"


def test_numeric_stores_take_ascii_digits_only() -> None:
    assert ID_FORMATS[Source.FRESHSTORE] is NUMERIC and ID_FORMATS[Source.REWARDS] is NUMERIC
    for value in ("prod_0001", "-1", "1.0", "1e3", "٣", "1" * 19, True):
        with pytest.raises(InvalidId):
            check_id(Source.REWARDS, value)
    assert check_id(Source.REWARDS, "1" * 18) == "1" * 18


def test_the_message_names_the_field_store_and_format() -> None:
    with pytest.raises(InvalidId) as refused:
        check_id(Source.LITEKART, "a/b", field="orderId")
    assert refused.value.message == (
        "`orderId` is not a Litekart id (letters, digits, `_` and `-`, starting with a letter "
        "or digit, at most 64 characters)."
    )
    assert refused.value.extensions() == {
        "code": "BAD_USER_INPUT",
        "source": "LITEKART",
        "field": "orderId",
    }


def test_a_looser_format_still_yields_one_encoded_segment() -> None:
    import re

    anything = IdFormat("anything", re.compile(r".+", re.DOTALL), 100)
    assert upstream_path(Source.LITEKART, "/x/{}", "a b%c", id_format=anything) == "/x/a%20b%25c"
    for value in ("..", "a/b", "a?b", "a#b", "a\\b", "a\nb"):
        with pytest.raises(ValueError):
            upstream_path(Source.LITEKART, "/x/{}", value, id_format=anything)


def test_the_template_takes_exactly_its_ids() -> None:
    with pytest.raises(ValueError):
        upstream_path(Source.LITEKART, "/api/products/{}")
    with pytest.raises(ValueError):
        upstream_path(Source.LITEKART, "/api/products", "prod_0001")
    assert SLUG.accepts("grocery-coffee")
