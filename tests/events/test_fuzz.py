"""Random bodies and headers at the receivers: always a documented answer, never a 500.

Bounded: a fixed seed and a fixed number of deliveries per store. Part of the bodies
carry a valid signature so that they get past the signature check to the parser.
"""

from __future__ import annotations

import json
import random
import time
from typing import Any

import pytest

from tests.events.helpers import SECRETS, body, iso, signed
from tests.graph.conftest import Graph

pytestmark = pytest.mark.asyncio(loop_scope="module")

DELIVERIES_PER_STORE = 150
ANSWERS = {200, 400, 401, 404, 413}
IDS = {"orderId": "o", "customerId": "c", "productId": "p", "contentId": "c", "reviewId": "r",
       "creatorId": "k", "commissionId": "m"}  # fmt: skip


def _junk(rng: random.Random, depth: int = 0) -> Any:
    kinds = ["int", "float", "str", "none", "bool", "list", "dict", "huge"]
    kind = rng.choice(kinds if depth < 3 else kinds[:5])
    if kind == "int":
        return rng.choice([0, -1, 2**63, -(2**70), rng.randint(-9, 9)])
    if kind == "float":
        return rng.choice([0.1, -1e308, 1e308, 3.5])
    if kind == "str":
        return rng.choice(
            ["", "ord_1", "../../etc", "é\u0000\ud7ff", "2024-01-15T10:30:00Z", "x" * 5000]
        )
    if kind == "none":
        return None
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "list":
        return [_junk(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    if kind == "huge":
        return "9" * rng.randint(1, 500)
    return {
        rng.choice(["id", "event", "data", "timestamp", "orderId", "customerId", "x"]): _junk(
            rng, depth + 1
        )
        for _ in range(rng.randint(0, 5))
    }


def _envelope(rng: random.Random, store: str) -> bytes:
    events = {"litekart": ["order.placed", "product.updated", "inventory.low", "nope"],
              "litestore": ["content.approved", "review.created", "commission.earned", "nope"]}  # fmt: skip
    envelope: dict[str, Any] = {
        "id": rng.choice([f"evt_{rng.randint(0, 30)}", "", 7, None]),
        "event": rng.choice(events[store]),
        "data": rng.choice([_junk(rng), IDS]),
        "timestamp": rng.choice([iso(time.time()), "yesterday", 0, "9999-12-31T23:59:59Z"]),
    }
    for key in rng.sample(list(envelope), rng.randint(0, 2)):
        envelope[key] = _junk(rng)
    if rng.random() < 0.1:
        envelope.pop("id", None)
    return json.dumps(envelope).encode()


def _raw(rng: random.Random, store: str) -> bytes:
    choice = rng.random()
    if choice < 0.5:
        return _envelope(rng, store)
    if choice < 0.7:
        return json.dumps(_junk(rng)).encode()
    if choice < 0.8:
        return body("order.placed", {"orderId": "o", "customerId": "c"})
    return bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 300)))


def _headers(rng: random.Random, store: str, raw: bytes) -> dict[str, str | bytes]:
    header = f"x-{store}-signature"
    choice = rng.random()
    headers: dict[str, str | bytes] = {}
    if choice < 0.6:
        headers[header] = signed(store, raw)
    elif choice < 0.8:
        headers[header] = rng.choice(
            ["", "zz", "0" * 64, signed(store, raw + b" "), "ü".encode() * 32]
        )
    if rng.random() < 0.3:
        headers["content-type"] = rng.choice(
            [
                "text/plain",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/json; charset=latin-1",
            ]
        )
    if rng.random() < 0.1:
        headers["content-encoding"] = rng.choice(["gzip", "br", "bogus"])
    return headers


async def test_random_deliveries_never_get_a_500(live: Graph):
    rng = random.Random(12)
    statuses: dict[int, int] = {}
    for store in SECRETS:
        for _ in range(DELIVERIES_PER_STORE):
            raw = _raw(rng, store)
            response = await live.client.post(
                f"/webhooks/{store}", content=raw, headers=_headers(rng, store, raw)
            )
            assert response.status_code in ANSWERS, (response.status_code, raw[:200])
            assert "error" in response.json() or response.json().get("received") is True
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
    assert {200, 400, 401} <= set(statuses), statuses  # every branch was reached


async def test_random_methods_and_paths_near_the_receivers_never_get_a_500(live: Graph):
    rng = random.Random(3)
    for _ in range(40):
        method = rng.choice(["GET", "PUT", "DELETE", "PATCH", "POST"])
        path = rng.choice(
            [
                "/webhooks/",
                "/webhooks/litekart/x",
                "/webhooks/%2e%2e",
                "/webhooks/LITEKART",
                "/webhooks/rewards",
            ]
        )
        response = await live.client.request(method, path, content=b"{}")
        assert response.status_code < 500, (method, path)
