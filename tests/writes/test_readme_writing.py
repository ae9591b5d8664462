"""The README's "Writing" section: its cart → checkout → payment operations run as written,
one after the other, as a Litekart customer (each operation picked from the section's
document by its name, as a client sends it), and they pass GraphQL Code Generator."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from graphql import OperationDefinitionNode, parse

from gateway.sources import Source
from tests.graph.conftest import Graph, make_graph
from tests.http.conftest import NODE_MODULES, ROOT, node_tool
from tests.writes.helpers import ADMIN_KEY, litekart_customer

MODULE_LOOP = pytest.mark.asyncio(loop_scope="module")

BLOCK = re.compile(r"```graphql\n(.*?)```", re.S)
OPERATIONS = ("StartCart", "FillCart", "ChangeCart", "Checkout", "Pay")
CUSTOMER = "cus_0009"


def section() -> str:
    """The graphql blocks of the README's Writing section, as one document."""
    text = (ROOT / "README.md").read_text()
    start = text.index("## Writing")
    return "\n".join(BLOCK.findall(text[start : text.index("\n## ", start + 1)]))


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def graph() -> AsyncIterator[Graph]:
    graph = await make_graph()
    yield graph
    await graph.aclose()


async def run(graph: Graph, name: str, variables: dict[str, Any], **extra: str) -> dict[str, Any]:
    """Operation ``name`` of the section's document, sent as the customer; its data,
    every payload free of user errors."""
    headers = {**await litekart_customer(graph, CUSTOMER), **extra}
    response = await graph.client.post(
        "/graphql",
        json={"query": section(), "operationName": name, "variables": variables},
        headers=headers,
    )
    body = response.json()
    assert response.status_code == 200 and not body.get("errors"), body
    for payload in body["data"].values():
        assert payload["userErrors"] == [], (name, payload)
    return body["data"]


async def stock_at_store(graph: Graph, product: str) -> int:
    answer = await graph.control(Source.LITEKART).get(f"/api/products/{product}", headers=ADMIN_KEY)
    return answer.json()["data"]["stock"]


def test_the_section_names_each_step() -> None:
    names = [
        d.name.value
        for d in parse(section()).definitions
        if isinstance(d, OperationDefinitionNode) and d.name
    ]
    assert names == list(OPERATIONS)


@MODULE_LOOP
async def test_the_cart_to_payment_operations_run_as_written(graph: Graph) -> None:
    tea, duvet = await stock_at_store(graph, "prod_0002"), await stock_at_store(graph, "prod_0009")
    cart = (await run(graph, "StartCart", {}))["createLitekartCart"]["cart"]["id"]
    filled = await run(graph, "FillCart", {"cart": cart})
    lines = filled["duvet"]["cart"]["items"]
    assert len(lines) == 2
    changed = await run(
        graph, "ChangeCart", {"cart": cart, "item": lines[0]["id"], "drop": lines[1]["id"]}
    )
    assert changed["removeLitekartCartItem"]["cart"]["items"] == [{"id": lines[0]["id"]}]
    coupon = changed["applyLitekartCoupon"]["cart"]
    assert coupon["couponCode"] == "WELCOME10"
    assert Decimal(coupon["discount"]["amount"]) == Decimal("4.35")  # 10% of 3 x 14.50
    key = {"Idempotency-Key": "readme-checkout"}
    await graph.reset_stats()
    order = (await run(graph, "Checkout", {"cart": cart}, **key))["checkoutLitekartCart"]["order"]
    again = (await run(graph, "Checkout", {"cart": cart}, **key))["checkoutLitekartCart"]["order"]
    assert again == order and order["status"] == "PENDING"
    assert Decimal(order["total"]["amount"]) == Decimal(coupon["total"]["amount"])
    checkouts = (await graph.stats(Source.LITEKART))["routes"]
    assert checkouts.get("POST /api/carts/{id}/checkout") == 1  # the retry was replayed
    paid = (await run(graph, "Pay", {"order": order["id"], "amount": order["total"]["amount"]}))[
        "payLitekartOrder"
    ]
    assert paid["payment"]["status"] == "COMPLETED" and paid["order"]["status"] == "PAID"
    assert paid["order"]["customer"]["orders"]["edges"] == [
        {"node": {"id": order["id"], "status": "PAID"}}
    ]
    assert await stock_at_store(graph, "prod_0002") == tea - 3
    assert await stock_at_store(graph, "prod_0009") == duvet


def test_the_operations_pass_graphql_code_generator(tmp_path: Path) -> None:
    node_tool("@graphql-codegen/core")
    listing = tmp_path / "documents.json"
    listing.write_text(json.dumps([{"location": "README-writing.graphql", "text": section()}]))
    completed = subprocess.run(
        [
            "node",
            str(ROOT / "tests" / "codegen_check.cjs"),
            str(ROOT / "schema.graphql"),
            str(listing),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NODE_PATH": str(NODE_MODULES)},
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    output = json.loads(completed.stdout)["output"]
    for name in OPERATIONS:
        assert f"export type {name}Mutation =" in output, name
