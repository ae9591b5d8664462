"""``freshstore: FreshStoreQuery!`` — every FreshStore list and lookup in one namespace.

Lookups take a global id or FreshStore's own numeric id and are null when the store
does not have the object. Lists are Relay connections over FreshStore's
``page``/``per_page`` (one call when one page size covers the window).
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from gateway.errors import BadUserInput
from resolvers.freshstore import catalogue, content, store
from resolvers.freshstore.fetch import BACK_OFFICE, LOGIN_LINKS, STORE_DATA, USERS
from schema.common import SortDirection
from schema.connection import Connection
from schema.freshstore.analytics import FreshStoreAnalytics
from schema.freshstore.catalogue import (
    FreshStoreBrand,
    FreshStoreCategory,
    FreshStoreMerchant,
    FreshStoreProduct,
    Offer,
    brand_of,
    category_of,
    merchant_list,
    offer_of,
    product_of,
)
from schema.freshstore.common import (
    DEFAULT_PAGE_SIZE,
    connection,
    filter_id,
    given,
    id_argument,
    item_selection,
    object_selection,
    product_includes,
    window,
)
from schema.freshstore.content import (
    Article,
    ArticleCategory,
    FreshStoreUser,
    Page,
    article_category_of,
    article_of,
    page_of,
    user_of,
)
from schema.freshstore.jobs import Job, job_by_id
from schema.freshstore.store import (
    FreshStoreAiTokenUsage,
    FreshStoreInfo,
    FreshStoreLocale,
    FreshStoreSettingGroup,
    FreshStoreSettings,
    FreshStoreStats,
    FreshStoreStatus,
    FreshStoreWarning,
    info_of,
    locales_of,
    settings_of,
    stats_of,
    status_of,
    token_usage_of,
    warning_of,
)
from schema.permissions import requires
from schema.prefetch import start_selected
from schema.refusals import asked


@strawberry.enum(description="What FreshStore can sort its products by.")
class FreshStoreProductSortField(Enum):
    ID = "id"
    TITLE = "title"
    SLUG = "slug"
    CREATED_AT = "created_at"
    UPDATED_AT = "updated_at"
    REVIEW_SCORE = "review_score"
    REVIEW_QUANTITY = "review_quantity"
    ANALYTICS_VISITS = "analytics_visits"
    ENABLED = "enabled"


@strawberry.input(description="Sort order of FreshStore products (the store sorts).")
class FreshStoreProductSort:
    field: FreshStoreProductSortField = FreshStoreProductSortField.CREATED_AT
    direction: SortDirection = SortDirection.DESC


@strawberry.input(description="Filters for FreshStore products (the store filters).")
class FreshStoreProductFilter:
    search: str | None = strawberry.UNSET
    enabled: bool | None = strawberry.UNSET
    brand_id: strawberry.ID | None = strawberry.UNSET
    category_id: strawberry.ID | None = strawberry.UNSET


@strawberry.input(description="Filters for offers.")
class FreshStoreOfferFilter:
    search: str | None = strawberry.UNSET
    merchant: str | None = strawberry.UNSET
    enabled: bool | None = strawberry.UNSET
    product_id: strawberry.ID | None = strawberry.UNSET


@strawberry.input(description="Filters for categories.")
class FreshStoreCategoryFilter:
    search: str | None = strawberry.UNSET
    enabled: bool | None = strawberry.UNSET
    parent_id: strawberry.ID | None = strawberry.UNSET
    roots_only: bool | None = strawberry.field(
        default=strawberry.UNSET, description="Only categories without a parent."
    )


@strawberry.input(description="Filters for brands, article categories and pages.")
class FreshStoreTitleFilter:
    search: str | None = strawberry.UNSET
    enabled: bool | None = strawberry.UNSET


@strawberry.input(description="Filters for articles.")
class FreshStoreArticleFilter:
    search: str | None = strawberry.UNSET
    enabled: bool | None = strawberry.UNSET
    generated: bool | None = strawberry.UNSET
    article_category_id: strawberry.ID | None = strawberry.UNSET


def _params(**values: object) -> dict[str, object]:
    return {k: given(v) for k, v in values.items() if given(v) is not None}


def _title_params(filter: FreshStoreTitleFilter | None) -> dict[str, object]:
    return _params(search=filter.search, enabled=filter.enabled) if filter else {}


@strawberry.type(description="Everything FreshStore knows, read through the gateway.")
class FreshStoreQuery:
    # ------------------------------------------------------------------ store

    @strawberry.field(
        description="A background job (a fill, an import, AI copy) by its id, observed now."
    )
    def job(
        self, id: Annotated[strawberry.ID, strawberry.argument(description="The job's id.")]
    ) -> Job | None:
        found = job_by_id(str(id))
        if found is None:
            raise BadUserInput("`id` is not the id of a FreshStore `Job`.", field="id")
        return found

    @strawberry.field(description="Whether the store is up (`GET /api/store/status`).")
    async def status(self, info: Info) -> FreshStoreStatus | None:
        return status_of(await store.status(info.context))

    @strawberry.field(description="The store's details.")
    async def info(self, info: Info) -> FreshStoreInfo | None:
        return info_of(await store.info(info.context))

    @strawberry.field(
        description="Content counts (`GET /api/store/stats`).", extensions=[requires(STORE_DATA)]
    )
    async def stats(self, info: Info) -> FreshStoreStats | None:
        return stats_of(await store.stats(info.context))

    @strawberry.field(
        description="The same content counts from the seed's alias `GET /api/data/stats`.",
        extensions=[requires(STORE_DATA)],
    )
    async def data_stats(self, info: Info) -> FreshStoreStats | None:
        return stats_of(await store.data_stats(info.context))

    @strawberry.field(
        description="What the store admin should act on.", extensions=[requires(STORE_DATA)]
    )
    async def warnings(self, info: Info) -> list[FreshStoreWarning] | None:
        return [warning_of(w) for w in await store.warnings(info.context)]

    @strawberry.field(description="The enabled countries.")
    async def locales(self, info: Info) -> list[FreshStoreLocale] | None:
        return locales_of(await store.locales(info.context))

    @strawberry.field(
        description="Settings: all groups, or one group's.", extensions=[requires(BACK_OFFICE)]
    )
    async def settings(
        self,
        info: Info,
        group: Annotated[
            FreshStoreSettingGroup | None,
            strawberry.argument(description="One group's settings; all groups without it."),
        ] = None,
    ) -> FreshStoreSettings | None:
        raw = await store.settings(info.context, group.value if group else None)
        return None if raw is None else settings_of(raw, group)

    @strawberry.field(
        description="The store's AI token allowance and use.", extensions=[requires(BACK_OFFICE)]
    )
    async def ai_token_usage(self, info: Info) -> FreshStoreAiTokenUsage | None:
        return token_usage_of(await store.ai_token_usage(info.context))

    # ------------------------------------------------------------------ catalogue

    @strawberry.field(
        description="Products, filtered and sorted by the store. Brand, offers and "
        "categories selected on the items come in the same call (`include=`)."
    )
    async def products(
        self,
        info: Info,
        filter: FreshStoreProductFilter | None = None,
        sort: FreshStoreProductSort | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[FreshStoreProduct] | None:
        win = window(first, after)
        params: dict[str, object] = {}
        if filter is not None:
            params = _params(
                search=filter.search,
                enabled=filter.enabled,
                brand_id=filter_id(given(filter.brand_id), "FreshStoreBrand", "filter.brandId"),
                category_id=filter_id(
                    given(filter.category_id), "FreshStoreCategory", "filter.categoryId"
                ),
            )
        order = sort or FreshStoreProductSort()
        params["sort_by"] = order.field.value
        params["sort_dir"] = order.direction.value
        include = product_includes(item_selection(info))
        items, total = await asked(
            info, catalogue.products(info.context, params, win.offset, win.limit, include)
        )
        return connection(items, win.offset, total, product_of)

    @strawberry.field(description="A product by id; null if the store has none.")
    async def product(self, info: Info, id: strawberry.ID) -> FreshStoreProduct | None:
        sid = id_argument(id, "FreshStoreProduct")
        include = product_includes(object_selection(info))
        start_selected(info, sid)
        raw = await catalogue.product(info.context, sid, include)
        return None if raw is None else product_of(raw)

    @strawberry.field(description="Merchant offers.")
    async def offers(
        self,
        info: Info,
        filter: FreshStoreOfferFilter | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Offer] | None:
        win = window(first, after)
        params: dict[str, object] = {}
        if filter is not None:
            params = _params(
                search=filter.search,
                merchant=filter.merchant,
                enabled=filter.enabled,
                product_id=filter_id(
                    given(filter.product_id), "FreshStoreProduct", "filter.productId"
                ),
            )
        items, total = await asked(
            info, catalogue.offers(info.context, params, win.offset, win.limit)
        )
        return connection(items, win.offset, total, offer_of)

    @strawberry.field(description="An offer by id; null if the store has none.")
    async def offer(self, info: Info, id: strawberry.ID) -> Offer | None:
        raw = await catalogue.offer(info.context, id_argument(id, "Offer"))
        return None if raw is None else offer_of(raw)

    @strawberry.field(description="The merchants whose offers the store shows.")
    async def merchants(self, info: Info) -> list[FreshStoreMerchant] | None:
        return merchant_list(await catalogue.merchants(info.context))

    @strawberry.field(description="Categories (flat; see `categoryTree` for the tree).")
    async def categories(
        self,
        info: Info,
        filter: FreshStoreCategoryFilter | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[FreshStoreCategory] | None:
        win = window(first, after)
        params: dict[str, object] = {}
        if filter is not None:
            params = _params(search=filter.search, enabled=filter.enabled)
            parent = filter_id(given(filter.parent_id), "FreshStoreCategory", "filter.parentId")
            if given(filter.roots_only):
                params["parent_id"] = ""
            elif parent is not None:
                params["parent_id"] = parent
        items, total = await asked(
            info, catalogue.categories(info.context, params, win.offset, win.limit)
        )
        return connection(items, win.offset, total, category_of)

    @strawberry.field(description="A category by id; null if the store has none.")
    async def category(self, info: Info, id: strawberry.ID) -> FreshStoreCategory | None:
        raw = await catalogue.category(info.context, id_argument(id, "FreshStoreCategory"))
        return None if raw is None else category_of(raw)

    @strawberry.field(
        description="The root categories; `children` walks the tree (one call for all of it)."
    )
    async def category_tree(self, info: Info) -> list[FreshStoreCategory] | None:
        return [category_of(c) for c in await catalogue.category_tree(info.context)]

    @strawberry.field(description="Brands.")
    async def brands(
        self,
        info: Info,
        filter: FreshStoreTitleFilter | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[FreshStoreBrand] | None:
        win = window(first, after)
        items, total = await asked(
            info, catalogue.brands(info.context, _title_params(filter), win.offset, win.limit)
        )
        return connection(items, win.offset, total, brand_of)

    @strawberry.field(description="A brand by id; null if the store has none.")
    async def brand(self, info: Info, id: strawberry.ID) -> FreshStoreBrand | None:
        raw = await catalogue.brand(info.context, id_argument(id, "FreshStoreBrand"))
        return None if raw is None else brand_of(raw)

    # ------------------------------------------------------------------ content

    @strawberry.field(description="Blog articles.")
    async def articles(
        self,
        info: Info,
        filter: FreshStoreArticleFilter | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Article] | None:
        win = window(first, after)
        params: dict[str, object] = {}
        if filter is not None:
            params = _params(
                search=filter.search,
                enabled=filter.enabled,
                generated=filter.generated,
                article_category_id=filter_id(
                    given(filter.article_category_id),
                    "ArticleCategory",
                    "filter.articleCategoryId",
                ),
            )
        items, total = await asked(
            info, content.articles(info.context, params, win.offset, win.limit)
        )
        return connection(items, win.offset, total, article_of)

    @strawberry.field(description="An article by id; null if the store has none.")
    async def article(self, info: Info, id: strawberry.ID) -> Article | None:
        raw = await content.article(info.context, id_argument(id, "Article"))
        return None if raw is None else article_of(raw)

    @strawberry.field(description="Article categories.")
    async def article_categories(
        self,
        info: Info,
        filter: FreshStoreTitleFilter | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[ArticleCategory] | None:
        win = window(first, after)
        items, total = await asked(
            info,
            content.article_categories(info.context, _title_params(filter), win.offset, win.limit),
        )
        return connection(items, win.offset, total, article_category_of)

    @strawberry.field(description="An article category by id; null if the store has none.")
    async def article_category(self, info: Info, id: strawberry.ID) -> ArticleCategory | None:
        raw = await content.article_category(info.context, id_argument(id, "ArticleCategory"))
        return None if raw is None else article_category_of(raw)

    @strawberry.field(description="Pages; `key` matches a system page exactly (`homepage`).")
    async def pages(
        self,
        info: Info,
        key: Annotated[
            str | None,
            strawberry.argument(description="Only the page with this stable key, e.g. `homepage`."),
        ] = None,
        filter: FreshStoreTitleFilter | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Page] | None:
        win = window(first, after)
        params = _title_params(filter)
        if key is not None:
            params["key"] = key
        items, total = await asked(info, content.pages(info.context, params, win.offset, win.limit))
        return connection(items, win.offset, total, page_of)

    @strawberry.field(description="A page by id; null if the store has none.")
    async def page(self, info: Info, id: strawberry.ID) -> Page | None:
        raw = await content.page(info.context, id_argument(id, "Page"))
        return None if raw is None else page_of(raw)

    # ------------------------------------------------------------------ people

    @strawberry.field(description="Users.", extensions=[requires(USERS)])
    async def users(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[FreshStoreUser] | None:
        win = window(first, after)
        items, total = await asked(info, content.users(info.context, win.offset, win.limit))
        return connection(items, win.offset, total, user_of)

    @strawberry.field(
        description="A user by id; null if the store has none.", extensions=[requires(USERS)]
    )
    async def user(self, info: Info, id: strawberry.ID) -> FreshStoreUser | None:
        raw = await content.user(info.context, id_argument(id, "FreshStoreUser"))
        return None if raw is None else user_of(raw)

    @strawberry.field(
        description="A magic login link for the user with this email; null if there is none.",
        extensions=[requires(LOGIN_LINKS)],
    )
    async def login_link(
        self,
        info: Info,
        email: Annotated[str, strawberry.argument(description="The user's email address.")],
    ) -> str | None:
        return await content.login_link(info.context, email)

    # ------------------------------------------------------------------ analytics

    @strawberry.field(
        description="Visits, visitors, traffic, clicks, checkouts, actions.",
        extensions=[requires(BACK_OFFICE)],
    )
    def analytics(self) -> FreshStoreAnalytics | None:
        return FreshStoreAnalytics()


@strawberry.type
class Query:
    @strawberry.field(description="FreshStore: store, catalogue, content, users, analytics.")
    def freshstore(self) -> FreshStoreQuery:
        return FreshStoreQuery()
