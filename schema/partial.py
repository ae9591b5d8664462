"""Fields a card cannot do without: a store failure leaves them empty, not the card.

A non-null list such as ``Product.categories`` that needs a store call would, on a
store failure, null its product (and the product's list). ``or_default`` reports the
failure beside the data (``errors`` with its code and source, as a merged list does)
and answers the default instead.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeVar

from strawberry.types import Info

from gateway.errors import GatewayError

T = TypeVar("T")


async def or_default(info: Info, pending: Awaitable[T], default: T) -> T:
    """``await pending``, or ``default`` (the store's error reported) when a store fails."""
    try:
        return await pending
    except GatewayError as error:
        info.context.report(error, info.path.as_list())
        return default
