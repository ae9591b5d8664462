"""The Strapi v4 query parameters of the Rewards API, parsed and validated.

List endpoints take ``filters``, ``sort``, ``pagination``, ``fields``,
``populate`` and ``publicationState`` (categories also ``locale``); single-entry
endpoints take ``fields``, ``populate`` and ``publicationState`` (+ ``locale``).
Any other top-level parameter, unknown field, operator or populate key is a 400
``BadRequestError`` naming it (stricter than Strapi v4, which drops unknown
parameters silently, so a gateway's typo cannot pass unnoticed).

- ``sort``: ``name:asc``, ``a:asc,b:desc`` or ``sort[0]=a&sort[1]=b:desc``;
  dotted paths through to-one relations/components (``reward.rewardItemCost``).
  Nulls sort first ascending, last descending; ties keep ``id`` order.
- ``pagination``: ``page``/``pageSize`` (default 1/25) or ``start``/``limit``,
  never both; ``pageSize``/``limit`` above 100 are clamped to 100 as Strapi's
  ``api.rest.maxLimit`` does, ``limit=-1`` means 100, ``withCount=false`` drops
  ``total``/``pageCount``. ``page``/``pageSize`` < 1 are 400.
- ``fields``: attribute names (``fields[0]=name`` or ``fields=name,startAt``);
  ``id`` is always returned.
- ``populate``: ``*`` (every relation, component and media one level deep),
  ``a,b`` / ``populate[0]=a`` / dotted ``categories.products``, or the object form
  ``populate[categories][populate]=products`` with ``fields``, ``filters`` and
  ``sort`` per relation. Populating a component also populates the component's
  own relations (so ``reward`` carries ``rewardItem``, as the seed's example
  shows) unless its ``populate`` is given explicitly.
- ``publicationState``: ``live`` (default; drafts are invisible, also inside
  populated relations) or ``preview`` (drafts included).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from stores.rewards.filters import Predicate, compile_filter
from stores.rewards.qs import QueryValue, bad_query
from stores.rewards.schema import ContentType, target_of

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
LIST_PARAMS = frozenset({"filters", "sort", "pagination", "fields", "populate", "publicationState"})
SINGLE_PARAMS = frozenset({"fields", "populate", "publicationState"})
POPULATE_OPTIONS = frozenset({"populate", "fields", "filters", "sort"})
_LOCALE = re.compile(r"^[a-z]{2}(-[A-Z]{2})?$")

SortKey = tuple[tuple[str, ...], bool]  # (path, descending)


@dataclass
class Populate:
    """What to populate under one relation/component/media field."""

    fields: list[str] | None = None
    children: dict[str, Populate] = field(default_factory=dict)
    children_given: bool = False
    filters: Predicate | None = None
    sort: list[SortKey] = field(default_factory=list)


@dataclass(frozen=True)
class Page:
    """The slice of a list to answer and how to describe it in ``meta``."""

    start: int
    limit: int
    by_page: bool
    with_count: bool

    def meta(self, total: int) -> dict[str, int]:
        if self.by_page:
            out = {"page": self.start // self.limit + 1, "pageSize": self.limit}
            if self.with_count:
                out |= {"pageCount": math.ceil(total / self.limit), "total": total}
            return out
        out = {"start": self.start, "limit": self.limit}
        return out | {"total": total} if self.with_count else out


@dataclass
class Query:
    """A parsed request: how to select, order, slice and shape entries."""

    filters: Predicate | None = None
    sort: list[SortKey] = field(default_factory=list)
    page: Page = field(default_factory=lambda: Page(0, DEFAULT_PAGE_SIZE, True, True))
    fields: list[str] | None = None
    populate: dict[str, Populate] = field(default_factory=dict)
    preview: bool = False
    locale: str | None = None


def parse_query(
    params: dict[str, QueryValue], ctype: ContentType, *, many: bool, localized: bool = False
) -> Query:
    """Validate ``params`` for a list (``many``) or single-entry request."""
    allowed = set(LIST_PARAMS if many else SINGLE_PARAMS)
    if localized:
        allowed.add("locale")
    for name in params:
        if name not in allowed:
            raise bad_query(
                f'Invalid query parameter "{name}". Expected one of: {", ".join(sorted(allowed))}'
            )
    query = Query(
        fields=parse_fields(params.get("fields"), ctype),
        populate=parse_populate(params.get("populate"), ctype),
        preview=parse_publication_state(params.get("publicationState")),
        locale=parse_locale(params.get("locale")) if localized else None,
    )
    if many:
        if "filters" in params:
            query.filters = compile_filter(params["filters"], ctype)
        query.sort = parse_sort(params.get("sort"), ctype)
        query.page = parse_pagination(params.get("pagination"))
    return query


def parse_publication_state(value: QueryValue | None) -> bool:
    """``True`` for ``preview`` (drafts included), ``False`` for ``live``."""
    if value is None or value == "live":
        return False
    if value == "preview":
        return True
    raise bad_query('Invalid publicationState. Expected "live" or "preview"')


def parse_locale(value: QueryValue | None) -> str | None:
    """``None`` for every locale (``all``), else the locale code (default ``en``)."""
    if value is None:
        return "en"
    if value == "all":
        return None
    if isinstance(value, str) and _LOCALE.match(value):
        return value
    raise bad_query('Invalid locale. Expected a locale code such as "en", or "all"')


def _names(value: QueryValue, what: str) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise bad_query(f"Invalid {what} parameter: expected names")
        names.extend(part.strip() for part in item.split(",") if part.strip())
    return names


def parse_fields(value: QueryValue | None, ctype: ContentType) -> list[str] | None:
    """The attribute names to return (``None``: all of them)."""
    if value is None:
        return None
    names = []
    for name in _names(value, "fields"):
        if name == "id":
            continue
        f = ctype.get(name)
        if f is None or f.kind != "scalar":
            raise bad_query(f'Invalid key "{name}" in fields: {ctype.name} has no such attribute')
        if name not in names:
            names.append(name)
    return names


def parse_sort(value: QueryValue | None, ctype: ContentType) -> list[SortKey]:
    """``name:asc,id:desc`` (or an array of them) as (path, descending) keys."""
    if value is None:
        return []
    keys: list[SortKey] = []
    for item in _names(value, "sort"):
        path_text, _, direction = item.partition(":")
        direction = direction.lower() or "asc"
        if direction not in ("asc", "desc"):
            raise bad_query(f'Invalid sort order "{direction}" for "{path_text}": use asc or desc')
        keys.append((_sort_path(path_text, ctype), direction == "desc"))
    return keys


def _sort_path(text: str, ctype: ContentType) -> tuple[str, ...]:
    path = tuple(text.split("."))
    current = ctype
    for depth, name in enumerate(path):
        f = current.get(name)
        last = depth == len(path) - 1
        if f is None:
            raise bad_query(f'Invalid key "{text}" in sort: {current.name} has no field "{name}"')
        if last and (f.kind != "scalar" or f.type in ("blocks", "json")):
            raise bad_query(f'Invalid key "{text}" in sort: "{name}" is not sortable')
        if not last:
            if f.kind == "scalar" or f.many:
                raise bad_query(f'Invalid key "{text}" in sort: "{name}" is not a single relation')
            current = target_of(f)
    return path


def parse_pagination(value: QueryValue | None) -> Page:
    """``pagination[page|pageSize|start|limit|withCount]`` as a ``Page``."""
    if value is None:
        return Page(0, DEFAULT_PAGE_SIZE, True, True)
    if not isinstance(value, dict):
        raise bad_query("Invalid pagination parameter: expected pagination[page]=1 style keys")
    unknown = set(value) - {"page", "pageSize", "start", "limit", "withCount"}
    if unknown:
        raise bad_query(f'Invalid pagination parameter "{sorted(unknown)[0]}"')
    with_count = True
    if "withCount" in value:
        raw = value["withCount"]
        if raw in ("true", "t", "1"):
            with_count = True
        elif raw in ("false", "f", "0"):
            with_count = False
        else:
            raise bad_query('Invalid withCount parameter. Expected "t","1","true","false","0","f"')
    by_page = "page" in value or "pageSize" in value
    if by_page and ("start" in value or "limit" in value):
        raise bad_query(
            "Invalid pagination parameters. Expected either start/limit or page/pageSize"
        )
    if by_page or not ("start" in value or "limit" in value):
        page = _integer(value.get("page", "1"), "page")
        size = _integer(value.get("pageSize", str(DEFAULT_PAGE_SIZE)), "pageSize")
        if page < 1:
            raise bad_query("Invalid 'page' parameter. Expected an integer > 0")
        if size < 1:
            raise bad_query("Invalid 'pageSize' parameter. Expected an integer > 0")
        size = min(size, MAX_PAGE_SIZE)
        return Page((page - 1) * size, size, True, with_count)
    start = max(_integer(value.get("start", "0"), "start"), 0)
    limit = _integer(value.get("limit", str(DEFAULT_PAGE_SIZE)), "limit")
    limit = MAX_PAGE_SIZE if limit == -1 else min(max(limit, 1), MAX_PAGE_SIZE)
    return Page(start, limit, False, with_count)


def _integer(raw: Any, name: str) -> int:
    if isinstance(raw, str) and re.fullmatch(r"-?\d+", raw.strip()):
        return int(raw)
    raise bad_query(f"Invalid '{name}' parameter. Expected an integer")


def parse_populate(value: QueryValue | None, ctype: ContentType) -> dict[str, Populate]:
    """The populate tree of a request (``{}``: populate nothing)."""
    if value is None:
        return {}
    if isinstance(value, dict):
        return _populate_object(value, ctype)
    tree: dict[str, Populate] = {}
    for name in _names(value, "populate"):
        if name == "*":
            tree.update({n: Populate() for n in ctype.populatable_names() if n not in tree})
        else:
            _populate_dotted(tree, name.split("."), ctype, name)
    return tree


def _populatable(name: str, ctype: ContentType, shown: str) -> ContentType:
    f = ctype.get(name)
    if f is None or not f.populatable:
        raise bad_query(
            f'Invalid populate key "{shown}": {ctype.name} has no relation, component '
            f'or media named "{name}"'
        )
    return target_of(f)


def _populate_dotted(
    tree: dict[str, Populate], path: list[str], ctype: ContentType, shown: str
) -> None:
    head, rest = path[0], path[1:]
    target = _populatable(head, ctype, shown)
    node = tree.setdefault(head, Populate())
    if rest:
        node.children_given = True
        _populate_dotted(node.children, rest, target, shown)


def _populate_object(value: dict[str, Any], ctype: ContentType) -> dict[str, Populate]:
    tree: dict[str, Populate] = {}
    for name, spec in value.items():
        if name == "*" and spec in ("true", "*"):
            tree.update({n: Populate() for n in ctype.populatable_names() if n not in tree})
            continue
        target = _populatable(name, ctype, name)
        if spec in ("true", "*"):
            tree[name] = Populate()
        elif spec == "false":
            continue
        elif isinstance(spec, dict):
            tree[name] = _populate_node(spec, target, name)
        else:
            raise bad_query(f'Invalid populate value for "{name}": use true or an object')
    return tree


def _populate_node(spec: dict[str, Any], target: ContentType, name: str) -> Populate:
    unknown = set(spec) - POPULATE_OPTIONS
    if unknown:
        raise bad_query(
            f'Invalid populate option "{sorted(unknown)[0]}" for "{name}". '
            "Expected populate, fields, filters or sort"
        )
    node = Populate(
        fields=parse_fields(spec.get("fields"), target),
        sort=parse_sort(spec.get("sort"), target),
    )
    if "filters" in spec:
        node.filters = compile_filter(spec["filters"], target)
    if "populate" in spec:
        node.children = parse_populate(spec["populate"], target)
        node.children_given = True
    return node
