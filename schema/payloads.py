"""What mutations answer: the caller's mistakes as ``userErrors``, not GraphQL errors."""

from __future__ import annotations

import strawberry


@strawberry.type(description="A mistake in the caller's input, reported in a mutation's payload.")
class UserError:
    field: list[str] | None = strawberry.field(
        description='Path to the input field at fault, e.g. ["input", "items", "0", "quantity"].'
    )
    message: str = strawberry.field(description="What is wrong, in words a person can act on.")
    code: str = strawberry.field(
        description="Machine-readable reason: the store's own code where it gave one "
        "(VALIDATION_ERROR, NOT_FOUND, invalid_product_data, INSUFFICIENT_POINTS...), else "
        "BAD_USER_INPUT for a rule the gateway checked, or IDEMPOTENCY_KEY_REUSED."
    )
