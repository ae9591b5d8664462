"""``/api/customers``: admin-managed customers; a customer JWT reaches only its own.

The list and ``POST``/``DELETE`` are admin-only. ``GET``/``PUT /customers/{id}``
and ``GET /customers/{id}/orders`` accept the admin key or that customer's JWT.
List filters: ``search`` (name or email substring), ``email`` (exact), ``ids``.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from stores.litekart import order_views
from stores.litekart.auth import Principal
from stores.litekart.context import Context
from stores.litekart.customers_service import (
    check_email_free,
    create_customer,
    with_address_ids,
)
from stores.litekart.data import password_hash
from stores.litekart.envelope import no_content, ok, read, read_list
from stores.litekart.query import (
    ListParams,
    Schema,
    apply_sort,
    fields_param,
    filter_ids,
    list_params,
    parse_fields,
    project,
)
from stores.litekart.schemas import CustomerCreate, CustomerUpdate, OrderStatus

FIELDS: Schema = {
    **dict.fromkeys(
        (
            "id",
            "email",
            "first_name",
            "last_name",
            "phone",
            "orders_count",
            "total_spent",
            "created_at",
            "updated_at",
        )
    ),
    "addresses": {**order_views.ADDRESS_FIELDS, **dict.fromkeys(("id", "label", "is_default"))},
}
SORTS = ("id", "email", "first_name", "last_name", "orders_count", "total_spent", "created_at")


def router(ctx: Context) -> APIRouter:
    db, auth = ctx.db, ctx.auth
    api = APIRouter(prefix="/api/customers", tags=["customers"])

    @api.get("", summary="List customers (admin)")
    async def list_customers(
        request: Request,
        params: ListParams = Depends(list_params),
        search: str | None = Query(None, max_length=200, description="Name or email substring"),
        email: str | None = Query(None, max_length=254, description="Exact email"),
        _: Principal = Depends(auth.admin),
    ) -> Response:
        selection = parse_fields(params.fields, FIELDS)
        rows = filter_ids(list(db.customers.values()), params.ids)
        if search:
            needle = search.lower()
            rows = [
                c
                for c in rows
                if needle in f"{c['first_name']} {c['last_name']} {c['email']}".lower()
            ]
        if email is not None:
            rows = [c for c in rows if c["email"] == email.lower()]
        rows = apply_sort(rows, params.sort, SORTS)
        return read_list(request, rows, params, selection, "Customers retrieved successfully")

    @api.post("", status_code=201, summary="Create a customer (admin)")
    async def create(body: CustomerCreate, _: Principal = Depends(auth.admin)) -> Response:
        values = body.model_dump()
        check_email_free(db, values["email"])
        customer = create_customer(db, values)
        return ok(customer, "Customer created successfully", 201)

    @api.get("/{id}", summary="Get a customer (admin or that customer)")
    async def get_customer(
        request: Request,
        id: str,
        fields: str | None = Depends(fields_param),
        principal: Principal = Depends(auth.required),
    ) -> Response:
        selection = parse_fields(fields, FIELDS)
        principal.require_owner(id)
        customer = db.get("customers", id, "Customer")
        return read(request, project(customer, selection), "Customer retrieved successfully")

    @api.put("/{id}", summary="Update a customer (admin or that customer; partial)")
    async def update_customer(
        id: str, body: CustomerUpdate, principal: Principal = Depends(auth.required)
    ) -> Response:
        principal.require_owner(id)
        customer = db.get("customers", id, "Customer")
        changes = body.changes()
        if "email" in changes:
            check_email_free(db, changes["email"], customer)
            changes["email"] = changes["email"].lower()
        if "password" in changes:
            db.passwords[id] = password_hash(id, changes.pop("password"))
        if "addresses" in changes:
            changes["addresses"] = with_address_ids(db, changes["addresses"])
        customer.update(changes)
        customer["updated_at"] = db.now_iso()
        return ok(customer, "Customer updated successfully")

    @api.delete("/{id}", status_code=204, summary="Delete a customer (admin)")
    async def delete_customer(id: str, _: Principal = Depends(auth.admin)) -> Response:
        db.get("customers", id, "Customer")
        del db.customers[id]
        db.passwords.pop(id, None)
        return no_content()

    @api.get("/{id}/orders", summary="List a customer's orders (admin or that customer)")
    async def customer_orders(
        request: Request,
        id: str,
        params: ListParams = Depends(list_params),
        status: OrderStatus | None = Query(None),
        created_after: str | None = Query(None, description="ISO date or date-time"),
        created_before: str | None = Query(None, description="ISO date or date-time"),
        principal: Principal = Depends(auth.required),
    ) -> Response:
        selection = parse_fields(params.fields, order_views.FIELDS)
        principal.require_owner(id)
        db.get("customers", id, "Customer")
        rows = filter_ids(list(db.orders.values()), params.ids)
        rows = order_views.filter_orders(
            rows,
            status=status,
            customer_id=id,
            created_after=created_after,
            created_before=created_before,
        )
        rows = apply_sort(rows, params.sort, order_views.SORTS)
        return read_list(request, rows, params, selection, "Orders retrieved successfully")

    return api
