"""Creating customers and rendering them, shared by ``/customers`` and ``/auth``."""

from __future__ import annotations

from typing import Any

from stores.litekart.data import password_hash
from stores.litekart.db import Database
from stores.litekart.errors import conflict

Row = dict[str, Any]


def check_email_free(db: Database, email: str, current: Row | None = None) -> None:
    email = email.lower()
    if any(c["email"] == email and c is not current for c in db.customers.values()):
        raise conflict(f"A customer with email {email} already exists", "email")


def with_address_ids(db: Database, addresses: list[Row]) -> list[Row]:
    out = [{"id": db.next_id("address"), **a} for a in addresses]
    if out and not any(a["is_default"] for a in out):
        out[0]["is_default"] = True
    return out


def create_customer(db: Database, values: Row) -> Row:
    """A new customer from validated ``values`` (email already checked)."""
    now = db.now_iso()
    customer_id = db.next_id("customer")
    customer = {
        "id": customer_id,
        "email": values["email"].lower(),
        "first_name": values["first_name"],
        "last_name": values["last_name"],
        "phone": values.get("phone"),
        "addresses": with_address_ids(db, values.get("addresses") or []),
        "orders_count": 0,
        "total_spent": 0.0,
        "created_at": now,
        "updated_at": now,
    }
    db.customers[customer_id] = customer
    if values.get("password"):
        db.passwords[customer_id] = password_hash(customer_id, values["password"])
    return customer
