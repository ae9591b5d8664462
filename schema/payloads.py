"""What mutations answer: the caller's mistakes as ``userErrors``, not GraphQL errors."""

from __future__ import annotations

import strawberry


@strawberry.type(description="A mistake in the caller's input, reported in a mutation's payload.")
class UserError:
    field: list[str] | None = strawberry.field(description="Path to the input field at fault.")
    message: str
    code: str = strawberry.field(description="Machine-readable reason, e.g. INSUFFICIENT_POINTS.")
