"""Every query parameter a store documents for a read is offered by the graph.

The documentation is each store's OpenAPI (``/openapi.json``: the simulators implement
the seed documents, and for Litekart, whose seed only states the conventions, the
OpenAPI is where its endpoints are documented). For every ``GET`` route, every query
parameter must be listed in ``OFFERED`` — mapped to the schema argument (or input
field) that sends it, or to the one mechanism that sends it without an argument:

- ``PAGING``: ``first``/``after`` (or the gateway reading every page of a short list);
- ``SELECTION``: pushed down from the query's selection (``fields=``, ``include=``,
  ``populate=``);
- ``BATCHING``: the loaders' batched lookups (Litekart's ``ids=``);
- ``CALLER``: set from who is asking (Rewards' ``livelike-user-token`` user);
- ``GENERIC``: a Strapi parameter every Rewards route accepts but the seed documents
  no use of on that route.

A parameter whose documentation lists its values must be an enum of exactly those.

A parameter a store starts documenting fails here until it has an argument; an entry
naming a parameter or a schema element that does not exist fails too.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLSchema, get_named_type

from schema.build import build_schema
from stores import create_store_app

PAGING = "paging"
SELECTION = "selection"
BATCHING = "batching"
CALLER = "caller"
GENERIC = "generic"
MECHANISMS = {PAGING, SELECTION, BATCHING, CALLER, GENERIC}

Target = str | tuple[str, ...]

_LITEKART_LIST = {"page": PAGING, "limit": PAGING, "fields": SELECTION, "ids": BATCHING}
_FRESH_PAGES = {"page": PAGING, "per_page": PAGING}
_STRAPI_ONE = {"populate": SELECTION, "fields": SELECTION, "publicationState": GENERIC}
_STRAPI_PAGES = {f"pagination[{p}]": PAGING for p in ("page", "pageSize", "start", "limit")}
_STRAPI_LIST = {**_STRAPI_ONE, **_STRAPI_PAGES, "pagination[withCount]": PAGING}

OFFERED: dict[str, dict[str, dict[str, Target]]] = {
    "litestore": {
        "/api/products": {
            "category": "LitestoreQuery.products(filter).category",
            "search": "LitestoreQuery.products(filter).search",
            "status": "LitestoreQuery.products(filter).status",
            "limit": PAGING,
            "offset": PAGING,
        },
        "/api/products/{id}": {},
        "/api/creators/content": {
            "creatorId": ("LitestoreQuery.content(filter).creatorId", "Creator.content"),
            "status": (
                "LitestoreQuery.content(filter).status",
                "Creator.content(status)",
                "LitestoreProduct.creatorContent(status)",
            ),
            "productId": (
                "LitestoreQuery.content(filter).productId",
                "LitestoreProduct.creatorContent",
            ),
            "limit": PAGING,
            "offset": PAGING,
        },
        "/api/products/{id}/reviews": {
            "rating": "LitestoreProduct.reviews(rating)",
            "verified": "LitestoreProduct.reviews(verified)",
            "sort": "LitestoreProduct.reviews(sort)",
            "limit": PAGING,
            "offset": PAGING,
        },
        "/api/analytics/products/{id}": {
            "period": "LitestoreProduct.analytics(period)",
            "metrics": "LitestoreProduct.analytics(metrics)",
        },
        "/api/analytics/creators/{id}": {},
    },
    "litekart": {
        "/api/products": {
            **_LITEKART_LIST,
            "category": "LitekartQuery.products(filter).category",
            "brand": "LitekartQuery.products(filter).brand",
            "price_min": "LitekartQuery.products(filter).priceMin",
            "price_max": "LitekartQuery.products(filter).priceMax",
            "status": "LitekartQuery.products(filter).status",
            "search": "LitekartQuery.products(filter).search",
            "created_after": "LitekartQuery.products(filter).createdAfter",
            "created_before": "LitekartQuery.products(filter).createdBefore",
            "sort": "LitekartQuery.products(sort)",
        },
        "/api/categories": {
            **_LITEKART_LIST,
            "parent_id": "LitekartQuery.categories(parentId)",
            "sort": "LitekartQuery.categories(sort)",
        },
        "/api/brands": {
            **_LITEKART_LIST,
            "search": "LitekartQuery.brands(search)",
            "sort": "LitekartQuery.brands(sort)",
        },
        "/api/customers": {
            **_LITEKART_LIST,
            "search": "LitekartQuery.customers(search)",
            "email": "LitekartQuery.customers(email)",
            "sort": "LitekartQuery.customers(sort)",
        },
        "/api/customers/{id}/orders": {
            **_LITEKART_LIST,
            "status": "Customer.orders(filter).status",
            "created_after": "Customer.orders(filter).createdAfter",
            "created_before": "Customer.orders(filter).createdBefore",
            "sort": "Customer.orders(sort)",
        },
        "/api/orders": {
            **_LITEKART_LIST,
            "status": "LitekartQuery.orders(filter).status",
            "customer_id": "LitekartQuery.orders(filter).customerId",
            "created_after": "LitekartQuery.orders(filter).createdAfter",
            "created_before": "LitekartQuery.orders(filter).createdBefore",
            "sort": "LitekartQuery.orders(sort)",
        },
        "/api/payments": {
            **_LITEKART_LIST,
            "order_id": "LitekartQuery.payments(orderId)",
            "status": "LitekartQuery.payments(status)",
            "sort": "LitekartQuery.payments(sort)",
        },
        "/api/coupons": {
            **_LITEKART_LIST,
            "active": "LitekartQuery.coupons(active)",
            "sort": "LitekartQuery.coupons(sort)",
        },
        "/api/users": {
            **_LITEKART_LIST,
            "role": "LitekartQuery.users(role)",
            "status": "LitekartQuery.users(status)",
            "sort": "LitekartQuery.users(sort)",
        },
        **{
            f"/api/{resource}/{{id}}": {"fields": SELECTION}
            for resource in (
                "products",
                "categories",
                "brands",
                "customers",
                "orders",
                "carts",
                "payments",
                "coupons",
                "users",
            )
        },
        "/api/settings": {},
    },
    "freshstore": {
        **{f"/api/store/{part}": {} for part in ("status", "info", "stats", "warnings", "locales")},
        "/api/users": _FRESH_PAGES,
        "/api/users/login-link": {"email": "FreshStoreQuery.loginLink(email)"},
        "/api/users/{id}": {},
        "/api/settings": {},
        "/api/settings/{group}": {},
        "/api/products": {
            **_FRESH_PAGES,
            "include": SELECTION,
            "search": "FreshStoreQuery.products(filter).search",
            "enabled": "FreshStoreQuery.products(filter).enabled",
            "brand_id": "FreshStoreQuery.products(filter).brandId",
            "category_id": "FreshStoreQuery.products(filter).categoryId",
            "sort_by": "FreshStoreQuery.products(sort).field",
            "sort_dir": "FreshStoreQuery.products(sort).direction",
        },
        "/api/products/{id}": {"include": SELECTION},
        "/api/products/{id}/offers": _FRESH_PAGES,
        "/api/products/{id}/categories": {},
        "/api/products/{id}/analytics": {},
        "/api/offers/merchants": {},
        "/api/offers": {
            **_FRESH_PAGES,
            "search": "FreshStoreQuery.offers(filter).search",
            "merchant": "FreshStoreQuery.offers(filter).merchant",
            "enabled": "FreshStoreQuery.offers(filter).enabled",
            "product_id": "FreshStoreQuery.offers(filter).productId",
        },
        "/api/offers/{id}": {},
        "/api/categories/tree": {},
        "/api/categories": {
            **_FRESH_PAGES,
            "search": "FreshStoreQuery.categories(filter).search",
            "enabled": "FreshStoreQuery.categories(filter).enabled",
            "parent_id": "FreshStoreQuery.categories(filter).parentId",
        },
        "/api/categories/{id}": {},
        "/api/categories/{id}/products": _FRESH_PAGES,
        "/api/brands": {
            **_FRESH_PAGES,
            "search": "FreshStoreQuery.brands(filter).search",
            "enabled": "FreshStoreQuery.brands(filter).enabled",
        },
        "/api/brands/{id}": {},
        "/api/brands/{id}/products": _FRESH_PAGES,
        "/api/articles": {
            **_FRESH_PAGES,
            "search": "FreshStoreQuery.articles(filter).search",
            "enabled": "FreshStoreQuery.articles(filter).enabled",
            "generated": "FreshStoreQuery.articles(filter).generated",
            "article_category_id": "FreshStoreQuery.articles(filter).articleCategoryId",
        },
        "/api/articles/{id}": {},
        "/api/article-categories": {
            **_FRESH_PAGES,
            "search": "FreshStoreQuery.articleCategories(filter).search",
            "enabled": "FreshStoreQuery.articleCategories(filter).enabled",
        },
        "/api/article-categories/{id}": {},
        "/api/pages": {
            **_FRESH_PAGES,
            "search": "FreshStoreQuery.pages(filter).search",
            "key": "FreshStoreQuery.pages(key)",
            "enabled": "FreshStoreQuery.pages(filter).enabled",
        },
        "/api/pages/{id}": {},
        **{
            f"/api/analytics/{kind}/summary": {
                "period": f"FreshStoreAnalytics.{kind}Summary(period)",
                "length": f"FreshStoreAnalytics.{kind}Summary(length)",
            }
            for kind in ("visits", "clicks", "checkouts")
        },
        "/api/analytics/visits": {
            **_FRESH_PAGES,
            "country_code": "FreshStoreAnalytics.visits(filter).countryCode",
            "device_type": "FreshStoreAnalytics.visits(filter).deviceType",
            "from": "FreshStoreAnalytics.visits(filter).from",
            "to": "FreshStoreAnalytics.visits(filter).to",
        },
        **{
            f"/api/analytics/{kind}": _FRESH_PAGES
            for kind in ("visitors", "pages", "countries", "devices", "sources")
        },
        "/api/analytics/visitors/{id}": {},
        "/api/analytics/clicks": {
            **_FRESH_PAGES,
            "product_id": "FreshStoreAnalytics.clicks(filter).productId",
            "offer_id": "FreshStoreAnalytics.clicks(filter).offerId",
            "affiliate": "FreshStoreAnalytics.clicks(filter).affiliate",
            "from": "FreshStoreAnalytics.clicks(filter).from",
            "to": "FreshStoreAnalytics.clicks(filter).to",
        },
        "/api/analytics/checkouts": {
            **_FRESH_PAGES,
            "from": "FreshStoreAnalytics.checkouts(filter).from",
            "to": "FreshStoreAnalytics.checkouts(filter).to",
        },
        "/api/analytics/actions": {
            **_FRESH_PAGES,
            "visit_id": "FreshStoreAnalytics.actions(filter).visitId",
            "visitor_id": "FreshStoreAnalytics.actions(filter).visitorId",
            "type": "FreshStoreAnalytics.actions(filter).type",
        },
        "/api/data/openai-tokens": {},
        "/api/data/stats": {},
    },
    "rewards": {
        "/api/products": {
            **_STRAPI_LIST,
            # the seed: filters[categories][id][$eq]; the gateway also filters by name
            # and availability the same way
            "filters": (
                "RewardsQuery.products(filter).categoryId",
                "RewardsQuery.products(filter).search",
                "RewardsQuery.products(filter).availableOnly",
            ),
            "sort": "RewardsQuery.products(sort)",
            "publicationState": "RewardsQuery.products(filter).publicationState",
        },
        "/api/products/{id}": _STRAPI_ONE,
        "/api/categories": {
            **_STRAPI_LIST,
            "filters": GENERIC,
            "sort": "RewardsQuery.categories(sort)",
            "locale": "RewardsQuery.categories(locale)",
        },
        "/api/categories/{id}": {**_STRAPI_ONE, "locale": GENERIC},
        "/api/reward-items": {**_STRAPI_LIST, "filters": GENERIC, "sort": GENERIC},
        "/api/reward-items/{id}": _STRAPI_ONE,
        "/api/badges": {**_STRAPI_LIST, "filters": GENERIC, "sort": GENERIC},
        "/api/badges/{id}": _STRAPI_ONE,
        "/api/orders": {
            **_STRAPI_LIST,
            # the seed: filters[livelikeUserId][$eq] (the caller) and filters[status][$eq]
            "filters": (CALLER, "RewardsViewer.orders(status)"),
            "sort": "RewardsViewer.orders(sort)",
        },
        "/api/orders/{id}": _STRAPI_ONE,
        "/api/refunds": {**_STRAPI_LIST, "filters": GENERIC, "sort": GENERIC},
        "/api/refunds/{id}": _STRAPI_ONE,
    },
    "catalog": {
        "/api/v1/products": {
            "page": PAGING,
            "limit": PAGING,
            "category_id": (
                "CatalogQuery.products(filter).categoryId",
                "CatalogCategory.products",
            ),
            "status": ("CatalogQuery.products(filter).status", "CatalogCategory.products(status)"),
            "sort": ("CatalogQuery.products(sort).field", "CatalogCategory.products(sort).field"),
            "order": (
                "CatalogQuery.products(sort).direction",
                "CatalogCategory.products(sort).direction",
            ),
            "search": "CatalogQuery.products(filter).search",
        },
        "/api/v1/products/{product_id}": {},
        "/api/v1/categories": {
            "page": PAGING,
            "limit": PAGING,
            "parent_id": "CatalogQuery.categories(parentId)",
        },
        "/api/v1/categories/{category_id}": {},
    },
}


@cache
def documented() -> dict[str, dict[str, dict[str, frozenset[str]]]]:
    """Each store's GET routes, their query parameters and each one's closed set of
    values (empty when open), from its OpenAPI."""
    found: dict[str, dict[str, dict[str, frozenset[str]]]] = {}
    for store in OFFERED:
        spec: dict[str, Any] = create_store_app(store).openapi()
        found[store] = {
            path: {
                p["name"]: _closed_set(p.get("schema") or {})
                for p in ops["get"].get("parameters", [])
                if p["in"] == "query"
            }
            for path, ops in spec["paths"].items()
            if "get" in ops
        }
    return found


def _closed_set(schema: dict[str, Any]) -> frozenset[str]:
    values = schema.get("enum") or next(
        (s["enum"] for s in schema.get("anyOf", []) if s.get("enum")), []
    )
    return frozenset(values)


def _targets(target: Target) -> tuple[str, ...]:
    return (target,) if isinstance(target, str) else target


def _element(schema: GraphQLSchema, coordinate: str) -> Any:
    """The argument or input field at ``Type.field(arg)`` / ``Type.field(arg).inputField``
    (the field itself for ``Type.field``); None when there is none."""
    head, _, rest = coordinate.partition("(")
    type_name, _, field_name = head.partition(".")
    type_ = schema.type_map.get(type_name)
    field = getattr(type_, "fields", {}).get(field_name)
    if field is None or not rest:
        return field
    arg_name, _, input_field = rest.partition(")")
    arg = field.args.get(arg_name)
    if arg is None or not input_field:
        return arg
    named = get_named_type(arg.type)
    if not isinstance(named, GraphQLInputObjectType):
        return None
    return named.fields.get(input_field[1:])


def test_every_documented_read_parameter_has_an_argument() -> None:
    missing = [
        f"{store} GET {path} ?{param}"
        for store, routes in documented().items()
        for path, params in routes.items()
        for param in params
        if param not in OFFERED[store].get(path, {})
    ]
    unknown_routes = [
        f"{store} GET {path}"
        for store, routes in documented().items()
        for path in routes
        if path not in OFFERED[store]
    ]
    assert unknown_routes == [], "a documented read route the graph does not account for"
    assert missing == [], "documented parameters with no argument (or mechanism) in the graph"


def test_every_entry_names_a_documented_parameter_and_a_schema_element() -> None:
    schema = build_schema()._schema
    stale, absent = [], []
    for store, routes in OFFERED.items():
        for path, params in routes.items():
            for param, target in params.items():
                if param not in documented()[store].get(path, ()):
                    stale.append(f"{store} GET {path} ?{param}")
                for coordinate in _targets(target):
                    if coordinate not in MECHANISMS and _element(schema, coordinate) is None:
                        absent.append(coordinate)
    assert stale == []
    assert absent == []
    counted = sum(len(p) for routes in OFFERED.values() for p in routes.values())
    assert counted > 150  # the walk covers every store's documented parameters


def test_a_closed_set_of_values_is_an_enum_of_exactly_those_values() -> None:
    """A parameter whose documentation lists its values is an enum argument offering
    each of them (and nothing the store would refuse)."""
    schema = build_schema()._schema
    checked, wrong = 0, []
    for store, routes in OFFERED.items():
        for path, params in routes.items():
            for param, target in params.items():
                values = documented()[store].get(path, {}).get(param)
                if not values:
                    continue
                for coordinate in _targets(target):
                    if coordinate in MECHANISMS:
                        continue
                    element = _element(schema, coordinate)
                    named = get_named_type(getattr(element, "type", None))
                    offered = (
                        {v.value for v in named.values.values()}
                        if isinstance(named, GraphQLEnumType)
                        else None
                    )
                    checked += 1
                    if offered != values:
                        wrong.append((coordinate, sorted(values), offered))
    assert wrong == []
    assert checked >= 12
