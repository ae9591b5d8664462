"""Shared helpers of the Rewards store tests: credentials, a client, picking
seed entities that satisfy a test's preconditions."""

from __future__ import annotations

from typing import Any

import httpx

from stores.rewards.data import build, unit_cost
from stores.rewards.db import Entity, RewardsDB

STORE = {"Authorization": "Bearer rw_demo_store_token"}
READ = {"Authorization": "Bearer rw_demo_read_token"}
SEED = build()


def user(n: int, token: dict[str, str] = STORE) -> dict[str, str]:
    """Headers of user ``user-00n`` with ``token``."""
    return {**token, "livelike-user-token": f"llu_demo_user_{n:03d}"}


def client_for(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://rewards")


def ids(body: dict[str, Any]) -> list[int]:
    return [row["id"] for row in body["data"]]


def redeemed(db: RewardsDB, user_id: str, product_id: int) -> int:
    return sum(
        o["quantity"]
        for o in db.collection("order").values()
        if o["livelikeUserId"] == user_id
        and o["product"] == product_id
        and o["status"] != "REJECTED"
    )


def redeemable(
    db: RewardsDB, n: int, *, variants: bool = False, max_count: int | None = None
) -> Entity:
    """A product user ``n`` can redeem once right now."""
    u = db.users[f"user-{n:03d}"]
    for p in db.collection("product").values():
        item = p["reward"]["rewardItem"]
        if (
            p["publishedAt"] is not None
            and p["startAt"] in (None, "2025-01-01T00:00:00.000Z")
            and (p["expiryAt"] is None or p["expiryAt"] > "2030")
            and p["inventoryCount"] > 0
            and p["hasProductVariants"] == variants
            and (p["badge"] is None or p["badge"] in u.badges)
            and item in u.wallets
            and u.wallets[item] >= unit_cost(p)
            and redeemed(db, u.livelike_user_id, p["id"]) < p["maxRedemptionCount"]
            and (max_count is None or p["maxRedemptionCount"] == max_count)
            and redeemed(db, u.livelike_user_id, p["id"]) == 0
        ):
            return p
    raise LookupError("no redeemable product in the seed")
