"""A store's refusal as user errors on the caller's input: the store's field paths
(``items.0.product_id``, ``body.quantity``, ``links.3``) become the input's, the
store's code is kept, a field no input names lands on the declaration's fallback."""

from __future__ import annotations

from gateway.errors import BadUpstreamRequest, NotFound
from gateway.sources import Source
from gateway.writes.refusals import input_path, refusal_problems
from gateway.writes.spec import Access, Field, Naming, Shape, Write
from gateway.writes.validate import Problem

LINE = Shape("LineInput", "A line.", (Field("productId", str, "The product."),))
WRITE = Write(
    name="placeOrder",
    description="Place an order.",
    source=Source.LITEKART,
    method="POST",
    path="/api/carts/{cartId}/checkout",
    fields=(
        Field("cartId", str, "The cart.", required=True),
        Field("items", LINE, "Lines.", many=True),
        Field("couponCode", str, "A code."),
    ),
    results=(),
    access=Access.of(public=True),
    naming=Naming.SNAKE,
    fallback_field="cartId",
)


def refused(code: str, *fields: tuple[str, str], error: type = BadUpstreamRequest) -> object:
    failure = error("Validation failed", source=Source.LITEKART)
    failure.upstream_code = code
    failure.field_errors = list(fields)
    return failure


def test_store_paths_become_input_paths() -> None:
    assert input_path(WRITE, "items.0.product_id") == ("input", "items", 0, "productId")
    assert input_path(WRITE, "body.coupon_code") == ("input", "couponCode")
    assert input_path(WRITE, "shipping_address") is None
    assert input_path(WRITE, None) is None


def test_each_detail_is_a_user_error_with_the_stores_code() -> None:
    problems = refusal_problems(
        WRITE,
        refused(
            "VALIDATION_ERROR",
            ("items.1.product_id", "Product not found"),
            ("items.0.quantity", "Insufficient stock: 2 left"),
        ),
    )
    assert problems == [
        Problem(("input", "items", 1, "productId"), "Product not found", "VALIDATION_ERROR"),
        Problem(
            ("input", "cartId"), "items.0.quantity: Insufficient stock: 2 left", "VALIDATION_ERROR"
        ),
    ]


def test_a_not_found_names_the_path_field_in_the_gateways_words() -> None:
    [problem] = refusal_problems(WRITE, refused("NOT_FOUND", error=NotFound))
    assert problem == Problem(("input", "cartId"), "Cart id not found.", "NOT_FOUND")
