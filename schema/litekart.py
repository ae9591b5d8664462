"""Litekart's types: products, categories, brands, customers, orders, payments,
coupons, carts, admin users and settings, under the ``litekart`` root.

Lists of products, orders and customers push ``fields=`` down from the query's
selection (``FIELDS`` maps each GraphQL field to the store fields it needs).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Annotated, Any, TypeVar

import strawberry
from strawberry.types import Info

from gateway.paths import upstream_path
from gateway.sources import Source as SourceName
from resolvers import litekart as fetch
from resolvers.cursors import DEFAULT_PAGE_SIZE, page_window
from resolvers.derived import per_object
from resolvers.products import ProductRecord
from schema.common import (
    Availability,
    Money,
    OrderStatus,
    ProductIdentifiers,
    ProductStatus,
    Rating,
    StatusMap,
    images_of,
    money,
    parse_datetime,
    stock_availability,
)
from schema.connection import Connection, offset_connection
from schema.ids import encode_id, optional_store_id, store_id
from schema.interfaces import Brand, Category, Node, Order, OrderItem, Product, Sourced
from schema.litekart_sorts import (
    AdminUserSort,
    CouponSort,
    CustomerSort,
    LitekartBrandSort,
    LitekartCategorySort,
    LitekartOrderSort,
    LitekartProductSort,
    PaymentSort,
)
from schema.partial import or_default
from schema.permissions import SensitiveData, requires, sensitive
from schema.prefetch import start_selected
from schema.refusals import asked
from schema.registry import (
    OrderKind,
    ProductKind,
    register_lookups,
    register_orders,
    register_products,
)
from schema.selection import Tree, items, tree
from schema.sorting import SORT_DESCRIPTION, sort_param

SOURCE = SourceName.LITEKART
PEOPLE, MONEY, OPERATIONS = SensitiveData.PEOPLE, SensitiveData.MONEY, SensitiveData.OPERATIONS

OWN_OR_STAFF, STAFF_ONLY, BACK_OFFICE = fetch.OWN_OR_STAFF, fetch.STAFF_ONLY, fetch.BACK_OFFICE
Row = dict[str, Any]
ALWAYS = {"id"}
SHARED = {"id": ["id"], "sourceId": ["id"], "source": [], "__typename": []}
FIELDS: dict[str, dict[str, list[str]]] = {
    "products": {
        **SHARED,
        "name": ["name"],
        "description": ["description"],
        "price": ["price", "currency"],
        "images": ["images", "name"],
        "status": ["status"],
        "createdAt": ["created_at"],
        "updatedAt": ["updated_at"],
        "identifiers": ["barcode", "sku"],
        "categories": ["category_id"],
        "availability": ["stock"],
        "rating": [],
        "url": [],
        "sameItemElsewhere": ["name", "barcode", "sku"],
        "slug": ["slug"],
        "sku": ["sku"],
        "barcode": ["barcode"],
        "compareAtPrice": ["compare_at_price", "currency"],
        "currency": ["currency"],
        "stock": ["stock"],
        "tags": ["tags"],
        "variants": ["variants(id,sku,name,price,stock)"],
        "brand": ["brand_id"],
        "category": ["category_id"],
    },
    "orders": {
        **SHARED,
        "number": ["number"],
        "status": ["status"],
        "storeStatus": ["status"],
        "createdAt": ["created_at"],
        "placedAt": ["created_at"],
        "updatedAt": ["updated_at"],
        "total": ["total", "currency"],
        "subtotal": ["subtotal", "currency"],
        "discount": ["discount", "currency"],
        "shipping": ["shipping", "currency"],
        "tax": ["tax", "currency"],
        "currency": ["currency"],
        "couponCode": ["coupon_code"],
        "shippingAddress": ["shipping_address"],
        "customer": ["customer_id"],
        "items": ["items(product_id,variant_id,name,quantity,unit_price,total)", "currency"],
        "payments": [],
    },
    "customers": {
        **SHARED,
        "email": ["email"],
        "firstName": ["first_name"],
        "lastName": ["last_name"],
        "phone": ["phone"],
        "addresses": ["addresses"],
        "orderCount": ["orders_count"],
        "ordersCount": ["orders_count"],
        "totalSpent": ["total_spent"],
        "createdAt": ["created_at"],
        "orders": [],
    },
}


def fields_for(resource: str, selected: Tree) -> str:
    """The ``fields=`` value for a selection; empty (everything) if any selected
    field is not mapped, so a new GraphQL field can never silently read nothing."""
    mapping = FIELDS[resource]
    wanted = set(ALWAYS)
    for name in selected:
        if name not in mapping:
            return ""
        wanted.update(mapping[name])
    return ",".join(sorted(wanted))


def _id(type_name: str, source_id: str) -> strawberry.ID:
    return strawberry.ID(encode_id(type_name, SOURCE.value, source_id))


def _money(row: Row, key: str) -> Money | None:
    return money(row.get(key), row.get("currency") or "USD")


E = TypeVar("E", bound=Enum)


def _enum(kind: type[E], value: object) -> E | None:
    """The member of ``kind`` for an upstream value; ``None`` for one it does not know."""
    try:
        return kind(value)
    except ValueError:
        return None


def _decimal(value: object) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _instant(value: datetime | None) -> str | None:
    """A filter's DateTime as the store's ISO form (UTC when it has no offset)."""
    if value is None:
        return None
    moment = value if value.tzinfo else value.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@strawberry.enum(description="Where a Litekart order stands.")
class LitekartOrderStatus(Enum):
    PENDING_PAYMENT = "pending_payment"
    PAID = "paid"
    PROCESSING = "processing"
    SHIPPED = "shipped"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"


ORDER_STATUSES = StatusMap(
    {
        "pending_payment": OrderStatus.PENDING,
        "paid": OrderStatus.PAID,
        "processing": OrderStatus.PROCESSING,
        "shipped": OrderStatus.SHIPPED,
        "completed": OrderStatus.COMPLETED,
        "cancelled": OrderStatus.CANCELLED,
        "refunded": OrderStatus.REFUNDED,
    }
)
"""Litekart's order statuses as the shared ``OrderStatus``."""


@strawberry.enum(description="Whether a Litekart payment stands or was refunded.")
class PaymentStatus(Enum):
    COMPLETED = "completed"
    REFUNDED = "refunded"


@strawberry.enum(description="How a Litekart payment was made.")
class PaymentMethod(Enum):
    CARD = "card"
    PAYPAL = "paypal"
    BANK_TRANSFER = "bank_transfer"


@strawberry.enum(description="How a coupon discounts: a percent of the subtotal or a fixed amount.")
class CouponType(Enum):
    PERCENT = "percent"
    FIXED = "fixed"


@strawberry.enum(description="Whether a cart is still open or became an order.")
class CartStatus(Enum):
    OPEN = "open"
    CHECKED_OUT = "checked_out"


@strawberry.enum(description="What a back-office user may do.")
class AdminUserRole(Enum):
    ADMIN = "admin"
    VENDOR = "vendor"


@strawberry.enum(description="Whether a back-office user may sign in.")
class AdminUserStatus(Enum):
    ACTIVE = "active"
    SUSPENDED = "suspended"


@strawberry.type(directives=sensitive(PEOPLE))
class Address:
    label: str | None
    line1: str | None
    line2: str | None
    city: str | None
    state: str | None
    postal_code: str | None
    country: str | None
    is_default: bool | None

    @staticmethod
    def from_json(row: Row | None) -> Address | None:
        if not row:
            return None
        return Address(
            label=row.get("label"),
            line1=row.get("line1"),
            line2=row.get("line2"),
            city=row.get("city"),
            state=row.get("state"),
            postal_code=row.get("postal_code"),
            country=row.get("country"),
            is_default=row.get("is_default"),
        )


@strawberry.type
class LitekartVariant:
    id: str
    sku: str | None
    name: str | None
    price: Money | None
    stock: int | None


@strawberry.type(description="A Litekart brand.")
class LitekartBrand(Node, Sourced, Brand):
    name: str
    slug: str | None
    description: str | None
    website: str | None
    logo_url: str | None

    @staticmethod
    def from_json(row: Row) -> LitekartBrand:
        return LitekartBrand(
            id=_id("LitekartBrand", row["id"]),
            source=SOURCE,
            source_id=row["id"],
            name=row.get("name", ""),
            slug=row.get("slug"),
            description=row.get("description"),
            website=row.get("website"),
            logo_url=row.get("logo_url"),
        )

    @strawberry.field
    async def products(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[LitekartProduct] | None:
        return await _products(info, {"brand": self.source_id}, first, after)


@strawberry.type(description="A Litekart category (a tree: parent and children).")
class LitekartCategory(Category):
    slug: str | None
    description: str | None
    position: int | None
    parent_id: strawberry.Private[str | None]

    @staticmethod
    def from_json(row: Row) -> LitekartCategory:
        return LitekartCategory(
            id=_id("LitekartCategory", row["id"]),
            source=SOURCE,
            source_id=row["id"],
            name=row.get("name", ""),
            slug=row.get("slug"),
            description=row.get("description"),
            position=row.get("position"),
            parent_id=row.get("parent_id"),
        )

    @strawberry.field
    async def parent(self, info: Info) -> LitekartCategory | None:
        if not self.parent_id:
            return None
        found = await fetch.one(info.context, "categories", self.parent_id)
        return LitekartCategory.from_json(found) if found else None

    @strawberry.field
    async def children(self, info: Info) -> list[LitekartCategory] | None:
        rows, _ = await fetch.window(
            info.context,
            "/api/categories",
            {"parent_id": self.source_id},
            0,
            100,
            prime="categories",
        )
        return [LitekartCategory.from_json(r) for r in rows]

    @strawberry.field(description="Products in this category and its subcategories.")
    async def products(
        self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[LitekartProduct] | None:
        return await _products(info, {"category": self.source_id}, first, after)


@strawberry.type(description="A product of the Litekart store.")
class LitekartProduct(Product):
    sku: str | None = strawberry.field(
        description="The store's SKU.", deprecation_reason="Use `identifiers { sku }`."
    )
    barcode: str | None = strawberry.field(
        description="The barcode as the store gives it.",
        deprecation_reason="Use `identifiers { gtin }` (the barcode as a 14-digit GTIN).",
    )
    compare_at_price: Money | None
    currency: str | None = strawberry.field(
        deprecation_reason="Use `price { currency }` (the same on every product type)."
    )
    stock: int | None
    tags: list[str]
    variants: list[LitekartVariant]
    url: str | None = strawberry.field(
        default=None, description="Always null: Litekart's API gives no product page address."
    )
    rating: Rating | None = strawberry.field(
        default=None, description="Always null: Litekart keeps no reviews."
    )
    availability: Availability = strawberry.field(
        description="From the product's `stock` (its quantity)."
    )
    brand_id: strawberry.Private[str | None]
    category_id: strawberry.Private[str | None]

    @staticmethod
    @per_object
    def from_json(row: Row) -> LitekartProduct:
        currency = row.get("currency") or "USD"
        name = row.get("name", "")
        return LitekartProduct(
            id=_id("LitekartProduct", row["id"]),
            source=SOURCE,
            source_id=row["id"],
            name=name,
            description=row.get("description"),
            price=_money(row, "price"),
            images=images_of(
                [(i.get("url"), i.get("alt")) for i in row.get("images") or []], name or None
            ),
            status=ProductStatus(row.get("status", "active")),
            created_at=parse_datetime(row.get("created_at")),
            identifiers=ProductIdentifiers.of(fetch.product_identifiers(row)),
            slug=row.get("slug"),
            sku=row.get("sku"),
            barcode=row.get("barcode"),
            compare_at_price=_money(row, "compare_at_price"),
            currency=row.get("currency"),
            stock=row.get("stock"),
            availability=stock_availability(row.get("stock")),
            tags=list(row.get("tags") or []),
            variants=[
                LitekartVariant(
                    id=v["id"],
                    sku=v.get("sku"),
                    name=v.get("name"),
                    price=money(v.get("price"), currency),
                    stock=v.get("stock"),
                )
                for v in row.get("variants") or []
            ],
            updated_at=parse_datetime(row.get("updated_at")),
            brand_id=row.get("brand_id"),
            category_id=row.get("category_id"),
        )

    async def _brand(self, info: Info) -> LitekartBrand | None:
        if not self.brand_id:
            return None
        found = await fetch.one(info.context, "brands", self.brand_id)
        return LitekartBrand.from_json(found) if found else None

    brand: LitekartBrand | None = strawberry.field(
        resolver=_brand,
        description="The product's brand (batched through `ids=`).",
    )

    @strawberry.field(
        deprecation_reason="Use `categories` (the same category, on every product type)."
    )
    async def category(self, info: Info) -> LitekartCategory | None:
        if not self.category_id:
            return None
        found = await fetch.one(info.context, "categories", self.category_id)
        return LitekartCategory.from_json(found) if found else None

    async def _categories(self, info: Info) -> list[LitekartCategory]:
        if not self.category_id:
            return []
        found = await or_default(
            info, fetch.one(info.context, "categories", self.category_id), None
        )
        return [LitekartCategory.from_json(found)] if found else []

    categories: list[LitekartCategory] = strawberry.field(
        resolver=_categories,
        description="The product's category (Litekart files a product under one; batched "
        "through `ids=`).",
    )


@strawberry.type(description="A line of a Litekart order.", directives=sensitive(MONEY))
class StoreOrderItem(OrderItem):
    product_id: str | None
    variant_id: str | None

    async def _product(self, info: Info) -> LitekartProduct | None:
        if not self.product_id:
            return None
        fields = fields_for("products", tree(info))
        found = await fetch.one(info.context, "products", self.product_id, fields)
        return LitekartProduct.from_json(found) if found else None

    product: LitekartProduct | None = strawberry.field(resolver=_product)


@strawberry.input(description="Filters of one customer's Litekart orders (pushed down).")
class CustomerOrderFilter:
    status: LitekartOrderStatus | None = strawberry.field(
        default=None, description="Only orders in this status."
    )
    created_after: datetime | None = strawberry.field(
        default=None, description="Only orders placed at or after this instant (inclusive)."
    )
    created_before: datetime | None = strawberry.field(
        default=None, description="Only orders placed before this instant (exclusive)."
    )


@strawberry.type(description="A Litekart customer.", directives=sensitive(PEOPLE, MONEY))
class Customer(Node, Sourced):
    email: str | None
    first_name: str | None
    last_name: str | None
    phone: str | None
    addresses: list[Address]
    order_count: int | None = strawberry.field(description="How many orders the customer placed.")
    orders_count: int | None = strawberry.field(deprecation_reason="Use `orderCount`.")
    total_spent: Money | None
    created_at: datetime | None

    @staticmethod
    def from_json(row: Row) -> Customer:
        return Customer(
            id=_id("Customer", row["id"]),
            source=SOURCE,
            source_id=row["id"],
            email=row.get("email"),
            first_name=row.get("first_name"),
            last_name=row.get("last_name"),
            phone=row.get("phone"),
            addresses=[a for a in map(Address.from_json, row.get("addresses") or []) if a],
            order_count=row.get("orders_count"),
            orders_count=row.get("orders_count"),
            total_spent=money(row.get("total_spent")),
            created_at=parse_datetime(row.get("created_at")),
        )

    @strawberry.field(description="The customer's orders (`GET /api/customers/{id}/orders`).")
    async def orders(
        self,
        info: Info,
        filter: CustomerOrderFilter | None = None,
        sort: Annotated[
            list[LitekartOrderSort] | None,
            strawberry.argument(description=SORT_DESCRIPTION + "; default newest first."),
        ] = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[StoreOrder] | None:
        window = page_window(first, after)
        f = filter or CustomerOrderFilter()
        params: dict[str, Any] = sort_param(sort, "created_at:desc")
        for key, value in (
            ("status", f.status.value if f.status else None),
            ("created_after", _instant(f.created_after)),
            ("created_before", _instant(f.created_before)),
        ):
            if value:
                params[key] = value
        params = _fields_param("orders", items(info), params)
        rows, total = await asked(
            info,
            fetch.window(
                info.context,
                upstream_path(SOURCE, "/api/customers/{}/orders", self.source_id),
                params,
                window.offset,
                window.limit,
                prime="orders",
            ),
        )
        return offset_connection(rows, window.offset, total, StoreOrder.from_json)


@strawberry.type(description="A payment of an order.", directives=sensitive(MONEY))
class Payment(Node, Sourced):
    amount: Money | None
    method: PaymentMethod | None
    status: PaymentStatus | None
    transaction_ref: str | None
    created_at: datetime | None
    order_id: strawberry.Private[str | None]

    @staticmethod
    def from_json(row: Row) -> Payment:
        return Payment(
            id=_id("Payment", row["id"]),
            source=SOURCE,
            source_id=row["id"],
            amount=_money(row, "amount"),
            method=_enum(PaymentMethod, row.get("method")),
            status=_enum(PaymentStatus, row.get("status")),
            transaction_ref=row.get("transaction_ref"),
            created_at=parse_datetime(row.get("created_at")),
            order_id=row.get("order_id"),
        )

    @strawberry.field
    async def order(self, info: Info) -> StoreOrder | None:
        if not self.order_id:
            return None
        fields = fields_for("orders", tree(info))
        found = await fetch.one(info.context, "orders", self.order_id, fields)
        return StoreOrder.from_json(found) if found else None


@strawberry.type(
    description="An order placed in the Litekart store.", directives=sensitive(PEOPLE, MONEY)
)
class StoreOrder(Order):
    number: str | None
    subtotal: Money | None
    discount: Money | None
    shipping: Money | None
    tax: Money | None
    currency: str | None
    coupon_code: str | None
    shipping_address: Address | None
    updated_at: datetime | None
    items: list[StoreOrderItem]
    customer_id: strawberry.Private[str | None]

    @staticmethod
    def from_json(row: Row) -> StoreOrder:
        currency = row.get("currency") or "USD"
        return StoreOrder(
            id=_id("StoreOrder", row["id"]),
            source=SOURCE,
            source_id=row["id"],
            status=ORDER_STATUSES.shared(row.get("status")),
            store_status=str(row.get("status", "")),
            created_at=parse_datetime(row.get("created_at")),
            placed_at=parse_datetime(row.get("created_at")),
            total=_money(row, "total"),
            number=row.get("number"),
            subtotal=_money(row, "subtotal"),
            discount=_money(row, "discount"),
            shipping=_money(row, "shipping"),
            tax=_money(row, "tax"),
            currency=row.get("currency"),
            coupon_code=row.get("coupon_code"),
            shipping_address=Address.from_json(row.get("shipping_address")),
            updated_at=parse_datetime(row.get("updated_at")),
            items=[
                StoreOrderItem(
                    product_id=i.get("product_id"),
                    variant_id=i.get("variant_id"),
                    name=i.get("name"),
                    quantity=i.get("quantity", 0),
                    unit_price=money(i.get("unit_price"), currency),
                    total=money(i.get("total"), currency),
                )
                for i in row.get("items") or []
            ],
            customer_id=row.get("customer_id"),
        )

    @strawberry.field
    async def customer(self, info: Info) -> Customer | None:
        if not self.customer_id:
            return None
        fields = fields_for("customers", tree(info))
        found = await fetch.one(info.context, "customers", self.customer_id, fields)
        return Customer.from_json(found) if found else None

    @strawberry.field
    async def payments(self, info: Info) -> list[Payment] | None:
        rows = await fetch.payments_of(info.context, self.source_id)
        return [Payment.from_json(r) for r in rows]


@strawberry.type(description="A discount code.", directives=sensitive(OPERATIONS, MONEY))
class Coupon(Node, Sourced):
    code: str
    type: CouponType | None
    value: Decimal | None = strawberry.field(
        description="The percentage (percent coupons) or the amount (fixed coupons)."
    )
    percent_off: Decimal | None = strawberry.field(description="Percent coupons: the percent.")
    amount_off: Money | None = strawberry.field(description="Fixed coupons: the amount off.")
    min_order_amount: Money | None
    max_uses: int | None
    used_count: int | None
    starts_at: datetime | None
    expires_at: datetime | None
    active: bool | None

    @staticmethod
    def from_json(row: Row) -> Coupon:
        kind, value = _enum(CouponType, row.get("type")), _decimal(row.get("value"))
        return Coupon(
            id=_id("Coupon", row["id"]),
            source=SOURCE,
            source_id=row["id"],
            code=row.get("code", ""),
            type=kind,
            value=value,
            percent_off=value if kind is CouponType.PERCENT else None,
            amount_off=money(value) if kind is CouponType.FIXED else None,
            min_order_amount=money(row.get("min_order_amount")),
            max_uses=row.get("max_uses"),
            used_count=row.get("used_count"),
            starts_at=parse_datetime(row.get("starts_at")),
            expires_at=parse_datetime(row.get("expires_at")),
            active=row.get("active"),
        )


@strawberry.type(description="A line of a cart, priced now.", directives=sensitive(MONEY))
class CartItem:
    id: str
    product_id: str | None
    variant_id: str | None
    name: str | None
    quantity: int
    unit_price: Money | None
    total: Money | None
    is_available: bool | None = strawberry.field(description="Whether it can still be bought.")
    available: bool | None = strawberry.field(deprecation_reason="Use `isAvailable`.")


@strawberry.type(description="A shopping cart.", directives=sensitive(PEOPLE, MONEY))
class Cart(Node, Sourced):
    status: CartStatus | None
    customer_id: str | None
    order_id: str | None
    coupon_code: str | None
    items: list[CartItem]
    subtotal: Money | None
    discount: Money | None
    shipping: Money | None
    tax: Money | None
    total: Money | None
    created_at: datetime | None

    @staticmethod
    def from_json(row: Row) -> Cart:
        currency = row.get("currency") or "USD"
        return Cart(
            id=_id("Cart", row["id"]),
            source=SOURCE,
            source_id=row["id"],
            status=_enum(CartStatus, row.get("status")),
            customer_id=row.get("customer_id"),
            order_id=row.get("order_id"),
            coupon_code=row.get("coupon_code"),
            items=[
                CartItem(
                    id=i["id"],
                    product_id=i.get("product_id"),
                    variant_id=i.get("variant_id"),
                    name=i.get("name"),
                    quantity=i.get("quantity", 0),
                    unit_price=money(i.get("unit_price"), currency),
                    total=money(i.get("total"), currency),
                    is_available=i.get("available"),
                    available=i.get("available"),
                )
                for i in row.get("items") or []
            ],
            subtotal=_money(row, "subtotal"),
            discount=_money(row, "discount"),
            shipping=_money(row, "shipping"),
            tax=_money(row, "tax"),
            total=_money(row, "total"),
            created_at=parse_datetime(row.get("created_at")),
        )


@strawberry.type(
    description="An admin or vendor user of the store.", directives=sensitive(PEOPLE, OPERATIONS)
)
class AdminUser(Node, Sourced):
    email: str | None
    name: str | None
    role: AdminUserRole | None
    status: AdminUserStatus | None
    created_at: datetime | None

    @staticmethod
    def from_json(row: Row) -> AdminUser:
        return AdminUser(
            id=_id("AdminUser", row["id"]),
            source=SOURCE,
            source_id=row["id"],
            email=row.get("email"),
            name=row.get("name"),
            role=_enum(AdminUserRole, row.get("role")),
            status=_enum(AdminUserStatus, row.get("status")),
            created_at=parse_datetime(row.get("created_at")),
        )


@strawberry.type(description="The store's settings.", directives=sensitive(OPERATIONS))
class LitekartSettings:
    store_name: str | None
    store_email: str | None
    currency: str | None
    timezone: str | None
    tax_rate: Decimal | None = strawberry.field(description="The tax rate, e.g. 0.08 for 8%.")
    shipping_flat_rate: Money | None
    free_shipping_threshold: Money | None
    low_stock_threshold: int | None
    allow_guest_checkout: bool | None
    updated_at: datetime | None

    @staticmethod
    def from_json(row: Row) -> LitekartSettings:
        currency = row.get("currency") or "USD"
        return LitekartSettings(
            store_name=row.get("store_name"),
            store_email=row.get("store_email"),
            currency=row.get("currency"),
            timezone=row.get("timezone"),
            tax_rate=_decimal(row.get("tax_rate")),
            shipping_flat_rate=money(row.get("shipping_flat_rate"), currency),
            free_shipping_threshold=money(row.get("free_shipping_threshold"), currency),
            low_stock_threshold=row.get("low_stock_threshold"),
            allow_guest_checkout=row.get("allow_guest_checkout"),
            updated_at=parse_datetime(row.get("updated_at")),
        )


# ---------------------------------------------------------------- lists and roots


def _fields_param(resource: str, selected: Tree, params: dict[str, Any]) -> dict[str, Any]:
    fields = fields_for(resource, selected)
    return {**params, "fields": fields} if fields else params


async def _products(
    info: Info, params: dict[str, Any], first: int, after: str | None
) -> Connection[LitekartProduct]:
    window = page_window(first, after)
    params = _fields_param("products", items(info), params)
    rows, total = await asked(
        info,
        fetch.window(
            info.context, "/api/products", params, window.offset, window.limit, prime="products"
        ),
    )
    return offset_connection(rows, window.offset, total, LitekartProduct.from_json)


async def _plain_list(
    info: Info, resource: str, params: dict[str, Any], first: int, after: str | None, convert: Any
) -> Any:
    window = page_window(first, after)
    rows, total = await asked(
        info,
        fetch.window(
            info.context, f"/api/{resource}", params, window.offset, window.limit, prime=resource
        ),
    )
    return offset_connection(rows, window.offset, total, convert)


@strawberry.input(description="Litekart product filters (all pushed down to the store).")
class LitekartProductFilter:
    category: strawberry.ID | None = strawberry.field(
        default=None, description="A category: its global id, Litekart id or slug."
    )
    brand: strawberry.ID | None = strawberry.field(
        default=None, description="A brand: its global id, Litekart id or slug."
    )
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    status: ProductStatus | None = None
    search: str | None = None
    created_after: datetime | None = strawberry.field(default=None, description="Inclusive.")
    created_before: datetime | None = strawberry.field(default=None, description="Exclusive.")


@strawberry.input
class LitekartOrderFilter:
    status: LitekartOrderStatus | None = None
    customer_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this customer's orders (global or Litekart id)."
    )
    created_after: datetime | None = strawberry.field(default=None, description="Inclusive.")
    created_before: datetime | None = strawberry.field(default=None, description="Exclusive.")


RESOURCE_TYPES = {
    "products": "LitekartProduct",
    "categories": "LitekartCategory",
    "brands": "LitekartBrand",
    "customers": "Customer",
    "orders": "StoreOrder",
    "payments": "Payment",
    "coupons": "Coupon",
    "carts": "Cart",
    "users": "AdminUser",
}
"""The GraphQL type whose ids each Litekart resource's lookup takes."""


def _optional_id(resource: str, value: object, field: str) -> str | None:
    return optional_store_id(value, RESOURCE_TYPES[resource], SOURCE, field=field)


def _row_id(resource: str, value: object, field: str) -> str:
    """A Litekart row id from an id argument (global or Litekart's own)."""
    return store_id(value, RESOURCE_TYPES[resource], SOURCE, field=field)


async def _lookup(info: Info, resource: str, row_id: object, convert: Any, fields: str = "") -> Any:
    key = _row_id(resource, row_id, "id")
    start_selected(info, key)
    found = await fetch.one(info.context, resource, key, fields)
    return convert(found) if found else None


@strawberry.type(description="The Litekart store: catalogue, customers, orders and payments.")
class LitekartQuery:
    @strawberry.field
    async def products(
        self,
        info: Info,
        filter: LitekartProductFilter | None = None,
        sort: Annotated[
            list[LitekartProductSort] | None,
            strawberry.argument(description=SORT_DESCRIPTION + "."),
        ] = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[LitekartProduct] | None:
        f = filter or LitekartProductFilter()
        params: dict[str, Any] = sort_param(sort)
        for key, value in (
            ("category", _optional_id("categories", f.category, "filter.category")),
            ("brand", _optional_id("brands", f.brand, "filter.brand")),
            ("price_min", _text(f.price_min)),
            ("price_max", _text(f.price_max)),
            ("status", f.status.value if f.status else None),
            ("search", f.search),
            ("created_after", _instant(f.created_after)),
            ("created_before", _instant(f.created_before)),
        ):
            if value is not None:
                params[key] = value
        return await _products(info, params, first, after)

    @strawberry.field
    async def product(self, info: Info, id: strawberry.ID) -> LitekartProduct | None:
        fields = fields_for("products", tree(info))
        return await _lookup(info, "products", id, LitekartProduct.from_json, fields)

    @strawberry.field(description='Categories; `parentId: "root"` for the top level.')
    async def categories(
        self,
        info: Info,
        parent_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description='Only this category\'s children (global or Litekart id); `"root"`: '
                "the top level.",
            ),
        ] = None,
        sort: Annotated[
            list[LitekartCategorySort] | None,
            strawberry.argument(description=SORT_DESCRIPTION + "."),
        ] = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[LitekartCategory] | None:
        parent = None if parent_id == "root" else _optional_id("categories", parent_id, "parentId")
        params = sort_param(sort)
        if parent_id:
            params["parent_id"] = parent or parent_id
        return await _plain_list(
            info, "categories", params, first, after, LitekartCategory.from_json
        )

    @strawberry.field
    async def category(self, info: Info, id: strawberry.ID) -> LitekartCategory | None:
        return await _lookup(info, "categories", id, LitekartCategory.from_json)

    @strawberry.field
    async def brands(
        self,
        info: Info,
        search: Annotated[
            str | None, strawberry.argument(description="Only brands whose name contains this.")
        ] = None,
        sort: Annotated[
            list[LitekartBrandSort] | None,
            strawberry.argument(description=SORT_DESCRIPTION + "."),
        ] = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[LitekartBrand] | None:
        params = {**sort_param(sort), **({"search": search} if search else {})}
        return await _plain_list(info, "brands", params, first, after, LitekartBrand.from_json)

    @strawberry.field
    async def brand(self, info: Info, id: strawberry.ID) -> LitekartBrand | None:
        return await _lookup(info, "brands", id, LitekartBrand.from_json)

    @strawberry.field(extensions=[requires(STAFF_ONLY)])
    async def customers(
        self,
        info: Info,
        search: Annotated[
            str | None,
            strawberry.argument(description="Only customers whose name or email contains this."),
        ] = None,
        email: Annotated[
            str | None,
            strawberry.argument(description="Only the customer with this email address."),
        ] = None,
        sort: Annotated[
            list[CustomerSort] | None,
            strawberry.argument(description=SORT_DESCRIPTION + "."),
        ] = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Customer] | None:
        params = {k: v for k, v in (("search", search), ("email", email)) if v}
        params.update(sort_param(sort))
        params = _fields_param("customers", items(info), params)
        return await _plain_list(info, "customers", params, first, after, Customer.from_json)

    @strawberry.field(extensions=[requires(OWN_OR_STAFF)])
    async def customer(self, info: Info, id: strawberry.ID) -> Customer | None:
        fields = fields_for("customers", tree(info))
        return await _lookup(info, "customers", id, Customer.from_json, fields)

    @strawberry.field(extensions=[requires(OWN_OR_STAFF)])
    async def orders(
        self,
        info: Info,
        filter: LitekartOrderFilter | None = None,
        sort: Annotated[
            list[LitekartOrderSort] | None,
            strawberry.argument(description=SORT_DESCRIPTION + "; default newest first."),
        ] = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[StoreOrder] | None:
        f = filter or LitekartOrderFilter()
        params: dict[str, Any] = sort_param(sort, "created_at:desc")
        for key, value in (
            ("status", f.status.value if f.status else None),
            ("customer_id", _optional_id("customers", f.customer_id, "filter.customerId")),
            ("created_after", _instant(f.created_after)),
            ("created_before", _instant(f.created_before)),
        ):
            if value:
                params[key] = value
        window = page_window(first, after)
        params = _fields_param("orders", items(info), params)
        rows, total = await asked(
            info,
            fetch.window(
                info.context, "/api/orders", params, window.offset, window.limit, prime="orders"
            ),
        )
        return offset_connection(rows, window.offset, total, StoreOrder.from_json)

    @strawberry.field(extensions=[requires(OWN_OR_STAFF)])
    async def order(self, info: Info, id: strawberry.ID) -> StoreOrder | None:
        fields = fields_for("orders", tree(info))
        return await _lookup(info, "orders", id, StoreOrder.from_json, fields)

    @strawberry.field(extensions=[requires(OWN_OR_STAFF)])
    async def cart(self, info: Info, id: strawberry.ID) -> Cart | None:
        return await _lookup(info, "carts", id, Cart.from_json)

    @strawberry.field(extensions=[requires(OWN_OR_STAFF)])
    async def payments(
        self,
        info: Info,
        order_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only this order's payments (global or Litekart id)."),
        ] = None,
        status: Annotated[
            PaymentStatus | None, strawberry.argument(description="Only payments in this status.")
        ] = None,
        sort: Annotated[
            list[PaymentSort] | None,
            strawberry.argument(description=SORT_DESCRIPTION + "."),
        ] = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Payment] | None:
        order = _optional_id("orders", order_id, "orderId")
        params = sort_param(sort)
        if order:
            params["order_id"] = order
        if status:
            params["status"] = status.value
        return await _plain_list(info, "payments", params, first, after, Payment.from_json)

    @strawberry.field(extensions=[requires(OWN_OR_STAFF)])
    async def payment(self, info: Info, id: strawberry.ID) -> Payment | None:
        return await _lookup(info, "payments", id, Payment.from_json)

    @strawberry.field(extensions=[requires(STAFF_ONLY)])
    async def coupons(
        self,
        info: Info,
        active: Annotated[
            bool | None, strawberry.argument(description="Only active (or only inactive) codes.")
        ] = None,
        sort: Annotated[
            list[CouponSort] | None,
            strawberry.argument(description=SORT_DESCRIPTION + "."),
        ] = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Coupon] | None:
        params = sort_param(sort)
        if active is not None:
            params["active"] = str(active).lower()
        return await _plain_list(info, "coupons", params, first, after, Coupon.from_json)

    @strawberry.field(extensions=[requires(STAFF_ONLY)])
    async def coupon(self, info: Info, id: strawberry.ID) -> Coupon | None:
        return await _lookup(info, "coupons", id, Coupon.from_json)

    @strawberry.field(extensions=[requires(BACK_OFFICE)])
    async def users(
        self,
        info: Info,
        role: Annotated[
            AdminUserRole | None, strawberry.argument(description="Only users with this role.")
        ] = None,
        status: Annotated[
            AdminUserStatus | None, strawberry.argument(description="Only users in this status.")
        ] = None,
        sort: Annotated[
            list[AdminUserSort] | None,
            strawberry.argument(description=SORT_DESCRIPTION + "."),
        ] = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[AdminUser] | None:
        params = {k: v.value for k, v in (("role", role), ("status", status)) if v is not None}
        params.update(sort_param(sort))
        return await _plain_list(info, "users", params, first, after, AdminUser.from_json)

    @strawberry.field(extensions=[requires(BACK_OFFICE)])
    async def user(self, info: Info, id: strawberry.ID) -> AdminUser | None:
        return await _lookup(info, "users", id, AdminUser.from_json)

    @strawberry.field(extensions=[requires(BACK_OFFICE)])
    async def settings(self, info: Info) -> LitekartSettings | None:
        return LitekartSettings.from_json(await fetch.settings(info.context))


@strawberry.type
class Query:
    @strawberry.field(description="The Litekart store: catalogue, customers, orders, payments.")
    def litekart(self) -> LitekartQuery:
        return LitekartQuery()


_KINDS = {
    "LitekartProduct": ("products", LitekartProduct.from_json),
    "LitekartCategory": ("categories", LitekartCategory.from_json),
    "LitekartBrand": ("brands", LitekartBrand.from_json),
    "Customer": ("customers", Customer.from_json),
    "StoreOrder": ("orders", StoreOrder.from_json),
    "Payment": ("payments", Payment.from_json),
    "Coupon": ("coupons", Coupon.from_json),
    "Cart": ("carts", Cart.from_json),
    "AdminUser": ("users", AdminUser.from_json),
}


register_lookups(
    _KINDS,
    fetch.one,
    requirements={
        "Customer": OWN_OR_STAFF,
        "StoreOrder": OWN_OR_STAFF,
        "Payment": OWN_OR_STAFF,
        "Cart": OWN_OR_STAFF,
        "Coupon": STAFF_ONLY,
        "AdminUser": BACK_OFFICE,
    },
)


def _convert_record(record: ProductRecord) -> LitekartProduct:
    return LitekartProduct.from_json(record.data)


register_products(SOURCE, ProductKind(adapter=fetch.LitekartProducts, convert=_convert_record))
register_orders(
    SOURCE,
    OrderKind(
        adapter=fetch.orders_for,
        own_adapter=fetch.own_orders_for,
        convert=StoreOrder.from_json,
        created_at=fetch.order_created_at,
        statuses=ORDER_STATUSES,
    ),
)

TYPES = [
    LitekartProduct,
    LitekartCategory,
    LitekartBrand,
    Customer,
    StoreOrder,
    Payment,
    Coupon,
    Cart,
    AdminUser,
]
