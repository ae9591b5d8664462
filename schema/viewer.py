"""``viewer``: who is asking, across stores — the Litekart customer, the Rewards user, the
operator, and the caller's own orders merged. Each part is null when its credential was
not sent (and an ``UNAUTHENTICATED`` error naming the header when it was sent but refused).

Parts read with the caller's own end-user credential (``gateway.identity.credentials``):
``litekartCustomer`` is the record the ``litekart-customer-token`` names, ``orders`` only
the caller's own even for an operator (who reads everyone's through ``orders``).
"""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry
from strawberry.types import Info

from gateway.identity import Requirement
from gateway.sources import Source as SourceName
from resolvers import litekart as litekart_fetch
from resolvers.cursors import DEFAULT_PAGE_SIZE
from schema.connection import Connection
from schema.interfaces import Order
from schema.litekart import Customer, fields_for
from schema.permissions import OperatorRole, requires
from schema.rewards import RewardsViewer
from schema.root import OrderFilter, merged_orders
from schema.selection import tree

LITEKART_CUSTOMER = Requirement.of(viewer=[SourceName.LITEKART], null_when_absent=True)
REWARDS_USER = Requirement.of(viewer=[SourceName.REWARDS], null_when_absent=True)
ANY_END_USER = Requirement.of(
    viewer=[SourceName.LITEKART, SourceName.REWARDS], null_when_absent=True
)


@strawberry.type(description="The operator the request's `Authorization` token names.")
class ViewerOperator:
    subject: str = strawberry.field(description="The token's `sub`.")
    roles: list[OperatorRole] = strawberry.field(description="The gateway roles the token grants.")
    creator_id: str | None = strawberry.field(
        description="The Litestore creator a CREATOR operator speaks for."
    )
    expires_at: datetime | None = strawberry.field(description="When the token expires.")


@strawberry.type(description="Who is asking: each part null when its credential was not sent.")
class Viewer:
    @strawberry.field(description="True when the request carried no usable credential at all.")
    def anonymous(self, info: Info) -> bool:
        return bool(info.context.caller.is_anonymous)

    @strawberry.field(
        description="The Litekart customer the `litekart-customer-token` header names.",
        extensions=[requires(LITEKART_CUSTOMER)],
    )
    async def litekart_customer(self, info: Info) -> Customer | None:
        customer = info.context.caller.litekart_customer
        fields = fields_for("customers", tree(info))
        found = await litekart_fetch.one(info.context, "customers", customer.customer_id, fields)
        return Customer.from_json(found) if found else None

    @strawberry.field(
        description="The Rewards user the `livelike-user-token` header names.",
        extensions=[requires(REWARDS_USER)],
    )
    def rewards_user(self) -> RewardsViewer | None:
        return RewardsViewer()

    @strawberry.field(description="The operator the `Authorization: Bearer` token names.")
    def operator(self, info: Info) -> ViewerOperator | None:
        operator = info.context.caller.operator
        if operator is None:
            return None
        expires = operator.expires_at
        return ViewerOperator(
            subject=operator.subject,
            roles=[OperatorRole[r.name] for r in sorted(operator.roles)],
            creator_id=operator.creator_id,
            expires_at=datetime.fromtimestamp(expires, UTC) if expires is not None else None,
        )

    @strawberry.field(
        description="The caller's own orders, merged newest first: the Litekart customer's "
        "and the Rewards user's (never anyone else's, whoever asks).",
        extensions=[requires(ANY_END_USER)],
    )
    async def orders(
        self,
        info: Info,
        filter: OrderFilter | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Order] | None:
        return await merged_orders(info, filter, first, after, own=True)


@strawberry.type
class Query:
    @strawberry.field(
        description="Who is asking, across stores (`Authorization`, `litekart-customer-token`, "
        "`livelike-user-token`)."
    )
    def viewer(self) -> Viewer:
        return Viewer()


TYPES = [Viewer, ViewerOperator]
