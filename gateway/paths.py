"""Ids placed into upstream URL paths: validated, then one percent-encoded segment.

An id that reaches an f-string URL path is a route chosen by the caller
(``product(id: "../users")`` → ``GET /api/users`` with the gateway's credentials).
Every resolver builds an upstream path that holds an id with :func:`upstream_path`::

    upstream_path(Source.LITEKART, "/api/{}/{}", "products", product_id)
    # -> "/api/products/prod_0001"

Each ``{}`` takes one argument, which is checked against the store's id format
(:data:`ID_FORMATS`; a route may name another with ``id_format=``) and then
percent-encoded as a single segment, so ``/``, ``..``, ``?``, ``#``, ``%``, whitespace
and control characters can never change the route. An id that does not fit raises
:class:`InvalidId` (``BAD_USER_INPUT``) before any call is made. :func:`check_id`
is the same check for ids sent elsewhere (query parameters, ``ids=`` lists).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from urllib.parse import quote

from gateway.errors import BadUserInput
from gateway.sources import Source

__all__ = [
    "ID_FORMATS",
    "NUMERIC",
    "SLUG",
    "IdFormat",
    "InvalidId",
    "UpstreamPath",
    "check_id",
    "upstream_path",
]


@dataclass(frozen=True)
class IdFormat:
    """What a store's ids look like: ``pattern`` (ASCII, whole string), at most
    ``max_length`` characters; ``description`` is shown to callers."""

    description: str
    pattern: re.Pattern[str]
    max_length: int

    def accepts(self, value: str) -> bool:
        return len(value) <= self.max_length and self.pattern.fullmatch(value) is not None


SLUG = IdFormat(
    "letters, digits, `_` and `-`, starting with a letter or digit",
    re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*", re.ASCII),
    64,
)
"""Litestore (``prod-001``), Litekart (``prod_0001``), Catalog (``prod_100001``,
``grocery-coffee``)."""
NUMERIC = IdFormat("ASCII digits", re.compile(r"[0-9]+", re.ASCII), 18)
"""FreshStore and Rewards: integer ids (at most 18 digits, so always an int64)."""

ID_FORMATS: dict[Source, IdFormat] = {
    Source.LITESTORE: SLUG,
    Source.LITEKART: SLUG,
    Source.FRESHSTORE: NUMERIC,
    Source.REWARDS: NUMERIC,
    Source.CATALOG: SLUG,
}

_STORE_NAMES = {
    Source.LITESTORE: "Litestore",
    Source.LITEKART: "Litekart",
    Source.FRESHSTORE: "FreshStore",
    Source.REWARDS: "Rewards",
    Source.CATALOG: "Catalog",
}
_PLACEHOLDER = "{}"


class InvalidId(BadUserInput):
    """An id that cannot be one of the store's: refused before any upstream call."""

    def __init__(self, source: Source, id_format: IdFormat, *, field: str = "id") -> None:
        name = _STORE_NAMES.get(source, source.value)
        super().__init__(
            f"`{field}` is not a {name} id ({id_format.description}, "
            f"at most {id_format.max_length} characters).",
            field=field,
        )
        self.source = source


def check_id(
    source: Source, value: object, *, field: str = "id", id_format: IdFormat | None = None
) -> str:
    """``value`` as a string if it is a valid id of ``source``; else :class:`InvalidId`.

    Integers are accepted as their decimal text (GraphQL ``ID`` inputs may be ints);
    anything else that is not a string is refused.
    """
    fmt = id_format or ID_FORMATS[source]
    if isinstance(value, bool):
        raise InvalidId(source, fmt, field=field)
    text = str(value) if isinstance(value, int) else value
    if not isinstance(text, str) or not fmt.accepts(text):
        raise InvalidId(source, fmt, field=field)
    return text


def _segment(text: str) -> str:
    # The formats exclude these already; kept so a looser format can never open a hole.
    if text in ("", ".", "..") or any(c in text for c in "/?#\\") or not text.isprintable():
        raise ValueError("not a path segment")
    return quote(text, safe=string.ascii_letters + string.digits + "_-~.")


class UpstreamPath(str):
    """A path made by :func:`upstream_path`: the string itself, plus ``route``, its
    template with ``{id}`` for each id (what traces group calls by)."""

    route: str


def upstream_path(
    source: Source,
    template: str,
    *ids: object,
    id_format: IdFormat | None = None,
) -> UpstreamPath:
    """``template`` with each ``{}`` replaced by one validated, percent-encoded id.

    The template is the gateway's own (a literal route); only the ids come from
    outside. Raises :class:`InvalidId` (naming ``id``) for an id the store cannot have.
    """
    parts = template.split(_PLACEHOLDER)
    if len(parts) - 1 != len(ids):
        raise ValueError(f"{template!r} takes {len(parts) - 1} ids, got {len(ids)}")
    fmt = id_format or ID_FORMATS[source]
    out = [parts[0]]
    for value, tail in zip(ids, parts[1:], strict=True):
        out.append(_segment(check_id(source, value, id_format=fmt)))
        out.append(tail)
    path = UpstreamPath("".join(out))
    path.route = template.replace(_PLACEHOLDER, "{id}")
    return path
