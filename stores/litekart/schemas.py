"""Request bodies with Litekart's field limits.

Unknown fields are rejected, amounts are non-negative numbers with at most two
decimals. ``*Update`` bodies are partial (``PUT`` changes the fields given);
``null`` is only accepted for fields that may be empty.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def _two_decimals(value: float) -> float:
    if round(value, 2) != value:
        raise ValueError("must have at most 2 decimal places")
    return value


Money = Annotated[float, Field(ge=0, le=1_000_000), AfterValidator(_two_decimals)]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Email = Annotated[str, Field(max_length=254, pattern=EMAIL_PATTERN)]
Slug = Annotated[str, Field(min_length=1, max_length=200, pattern=SLUG_PATTERN)]
Quantity = Annotated[int, Field(ge=1, le=100)]
Password = Annotated[str, Field(min_length=8, max_length=128)]
ProductStatus = Literal["active", "draft", "archived"]
OrderStatus = Literal[
    "pending_payment", "paid", "processing", "shipped", "completed", "cancelled", "refunded"
]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Patch(Body):
    """A partial update: omitted fields stay, ``null`` only where ``nullable``."""

    nullable: ClassVar[frozenset[str]] = frozenset()

    @model_validator(mode="before")
    @classmethod
    def _no_nulls(cls, values: Any) -> Any:
        if isinstance(values, dict):
            for key, value in values.items():
                if value is None and key in cls.model_fields and key not in cls.nullable:
                    raise ValueError(f"{key} cannot be null")
        return values

    def changes(self) -> dict[str, Any]:
        return self.model_dump(exclude_unset=True)


# -- catalogue -------------------------------------------------------------------
class ImageIn(Body):
    url: Annotated[str, Field(min_length=1, max_length=2000)]
    alt: Annotated[str, Field(max_length=200)] = ""


class VariantIn(Body):
    id: str | None = None
    sku: Annotated[str, Field(min_length=1, max_length=64)]
    name: Annotated[str, Field(min_length=1, max_length=100)]
    price: Money
    stock: Annotated[int, Field(ge=0, le=1_000_000)] = 0


class ProductCreate(Body):
    name: Name
    slug: Slug | None = None
    description: Annotated[str, Field(max_length=5000)] = ""
    price: Money
    compare_at_price: Money | None = None
    sku: Annotated[str, Field(min_length=1, max_length=64)]
    barcode: Annotated[str, Field(pattern=r"^\d{8,14}$")] | None = None
    category_id: str | None = None
    brand_id: str | None = None
    status: ProductStatus = "active"
    stock: Annotated[int, Field(ge=0, le=1_000_000)] = 0
    images: Annotated[list[ImageIn], Field(max_length=20)] = []
    variants: Annotated[list[VariantIn], Field(max_length=50)] = []
    tags: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=50)]], Field(max_length=30)
    ] = []


class ProductUpdate(Patch):
    nullable = frozenset({"compare_at_price", "barcode", "category_id", "brand_id"})
    name: Name | None = None
    slug: Slug | None = None
    description: Annotated[str, Field(max_length=5000)] | None = None
    price: Money | None = None
    compare_at_price: Money | None = None
    sku: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    barcode: Annotated[str, Field(pattern=r"^\d{8,14}$")] | None = None
    category_id: str | None = None
    brand_id: str | None = None
    status: ProductStatus | None = None
    stock: Annotated[int, Field(ge=0, le=1_000_000)] | None = None
    images: Annotated[list[ImageIn], Field(max_length=20)] | None = None
    variants: Annotated[list[VariantIn], Field(max_length=50)] | None = None
    tags: (
        Annotated[list[Annotated[str, Field(min_length=1, max_length=50)]], Field(max_length=30)]
        | None
    ) = None


class CategoryCreate(Body):
    name: Annotated[str, Field(min_length=1, max_length=100)]
    slug: Slug | None = None
    description: Annotated[str, Field(max_length=2000)] = ""
    parent_id: str | None = None
    position: Annotated[int, Field(ge=0, le=10_000)] = 0


class CategoryUpdate(Patch):
    nullable = frozenset({"parent_id"})
    name: Annotated[str, Field(min_length=1, max_length=100)] | None = None
    slug: Slug | None = None
    description: Annotated[str, Field(max_length=2000)] | None = None
    parent_id: str | None = None
    position: Annotated[int, Field(ge=0, le=10_000)] | None = None


class BrandCreate(Body):
    name: Annotated[str, Field(min_length=1, max_length=100)]
    slug: Slug | None = None
    description: Annotated[str, Field(max_length=2000)] = ""
    website: Annotated[str, Field(max_length=2000)] | None = None
    logo_url: Annotated[str, Field(max_length=2000)] | None = None


class BrandUpdate(Patch):
    nullable = frozenset({"website", "logo_url"})
    name: Annotated[str, Field(min_length=1, max_length=100)] | None = None
    slug: Slug | None = None
    description: Annotated[str, Field(max_length=2000)] | None = None
    website: Annotated[str, Field(max_length=2000)] | None = None
    logo_url: Annotated[str, Field(max_length=2000)] | None = None


# -- customers -------------------------------------------------------------------
class AddressIn(Body):
    label: Annotated[str, Field(max_length=50)] = "Home"
    line1: Annotated[str, Field(min_length=1, max_length=200)]
    line2: Annotated[str, Field(max_length=200)] | None = None
    city: Annotated[str, Field(min_length=1, max_length=100)]
    state: Annotated[str, Field(max_length=100)] | None = None
    postal_code: Annotated[str, Field(min_length=1, max_length=20)]
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    is_default: bool = False


class ShippingAddress(Body):
    line1: Annotated[str, Field(min_length=1, max_length=200)]
    line2: Annotated[str, Field(max_length=200)] | None = None
    city: Annotated[str, Field(min_length=1, max_length=100)]
    state: Annotated[str, Field(max_length=100)] | None = None
    postal_code: Annotated[str, Field(min_length=1, max_length=20)]
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]


PersonName = Annotated[str, Field(min_length=1, max_length=100)]
Phone = Annotated[str, Field(min_length=3, max_length=30)]


class CustomerCreate(Body):
    email: Email
    first_name: PersonName
    last_name: PersonName
    phone: Phone | None = None
    addresses: Annotated[list[AddressIn], Field(max_length=10)] = []
    password: Password | None = None


class CustomerUpdate(Patch):
    nullable = frozenset({"phone"})
    email: Email | None = None
    first_name: PersonName | None = None
    last_name: PersonName | None = None
    phone: Phone | None = None
    addresses: Annotated[list[AddressIn], Field(max_length=10)] | None = None
    password: Password | None = None


class Register(Body):
    email: Email
    password: Password
    first_name: PersonName
    last_name: PersonName
    phone: Phone | None = None


class Login(Body):
    email: Annotated[str, Field(min_length=1, max_length=254)]
    password: Annotated[str, Field(min_length=1, max_length=128)]


# -- carts, orders, payments ------------------------------------------------------
class LineIn(Body):
    product_id: Annotated[str, Field(min_length=1)]
    variant_id: str | None = None
    quantity: Quantity = 1


class CartCreate(Body):
    customer_id: str | None = None
    items: Annotated[list[LineIn], Field(max_length=100)] = []


class CartItemUpdate(Body):
    quantity: Quantity


class CouponApply(Body):
    code: Annotated[str, Field(min_length=1, max_length=50)]


class Checkout(Body):
    shipping_address: ShippingAddress | None = None


class OrderCreate(Body):
    customer_id: str | None = None
    items: Annotated[list[LineIn], Field(min_length=1, max_length=100)]
    coupon_code: Annotated[str, Field(min_length=1, max_length=50)] | None = None
    shipping_address: ShippingAddress | None = None


class OrderUpdate(Body):
    status: OrderStatus


class PaymentCreate(Body):
    order_id: Annotated[str, Field(min_length=1)]
    amount: Money
    method: Literal["card", "paypal", "bank_transfer"] = "card"


# -- coupons, users, settings ------------------------------------------------------
CouponCode = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{3,32}$")]


class CouponFields(BaseModel):
    """Cross-field coupon rules shared by create and update."""

    @model_validator(mode="after")
    def _consistent(self) -> CouponFields:
        kind, value = getattr(self, "type", None), getattr(self, "value", None)
        if kind == "percent" and value is not None and value > 100:
            raise ValueError("a percent coupon's value must be at most 100")
        starts, expires = getattr(self, "starts_at", None), getattr(self, "expires_at", None)
        if starts and expires and expires <= starts:
            raise ValueError("expires_at must be after starts_at")
        return self


class CouponCreate(CouponFields, Body):
    code: CouponCode
    type: Literal["percent", "fixed"]
    value: Annotated[float, Field(gt=0, le=1_000_000), AfterValidator(_two_decimals)]
    min_order_amount: Money | None = None
    max_uses: Annotated[int, Field(ge=1)] | None = None
    starts_at: datetime | None = None
    expires_at: datetime | None = None
    active: bool = True


class CouponUpdate(CouponFields, Patch):
    nullable = frozenset({"min_order_amount", "max_uses", "starts_at", "expires_at"})
    code: CouponCode | None = None
    type: Literal["percent", "fixed"] | None = None
    value: Annotated[float, Field(gt=0, le=1_000_000), AfterValidator(_two_decimals)] | None = None
    min_order_amount: Money | None = None
    max_uses: Annotated[int, Field(ge=1)] | None = None
    starts_at: datetime | None = None
    expires_at: datetime | None = None
    active: bool | None = None


class CouponValidate(Body):
    code: Annotated[str, Field(min_length=1, max_length=50)]
    subtotal: Money | None = None


class UserCreate(Body):
    email: Email
    name: PersonName
    role: Literal["admin", "vendor"]
    status: Literal["active", "suspended"] = "active"
    password: Password


class UserUpdate(Patch):
    email: Email | None = None
    name: PersonName | None = None
    role: Literal["admin", "vendor"] | None = None
    status: Literal["active", "suspended"] | None = None
    password: Password | None = None


class SettingsUpdate(Patch):
    store_name: Annotated[str, Field(min_length=1, max_length=100)] | None = None
    store_email: Email | None = None
    currency: Literal["USD"] | None = None
    timezone: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    tax_rate: Annotated[float, Field(ge=0, le=0.5)] | None = None
    shipping_flat_rate: Money | None = None
    free_shipping_threshold: Money | None = None
    low_stock_threshold: Annotated[int, Field(ge=0, le=10_000)] | None = None
    allow_guest_checkout: bool | None = None
