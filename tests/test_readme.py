"""The README's example queries: named operations that run as pasted, with the variables
written beside them, and that pass GraphQL Code Generator together."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

from graphql import OperationDefinitionNode, parse

from gateway.sources import Source
from tests.graph.conftest import make_graph
from tests.http.conftest import NODE_MODULES, ROOT, node_tool

BLOCK = re.compile(r"```graphql\n(.*?)```(?:\s*```json\n(.*?)```)?", re.S)
USER_HEADER = "livelike-user-token"


def examples() -> list[tuple[str, dict]]:
    text = (ROOT / "README.md").read_text()
    start = text.index("## Example queries")
    section = text[start : text.index("\n## ", start + 1)]
    return [
        (doc, json.loads(variables) if variables else {})
        for doc, variables in BLOCK.findall(section)
    ]


def test_the_examples_are_named_operations() -> None:
    found = examples()
    assert len(found) >= 4
    for document, _ in found:
        operations = [
            d for d in parse(document).definitions if isinstance(d, OperationDefinitionNode)
        ]
        assert len(operations) == 1 and operations[0].name, document


async def test_each_example_runs_as_pasted() -> None:
    graph = await make_graph()
    try:
        token = (await graph.credentials(Source.REWARDS))["users"][0]["token"]
        for document, variables in examples():
            headers = {USER_HEADER: token} if USER_HEADER in document else {}
            data = await graph.data(document, variables, headers=headers)
            assert data and all(value is not None for value in data.values()), document
    finally:
        await graph.aclose()


def test_the_examples_pass_graphql_code_generator_together(tmp_path: Path) -> None:
    node_tool("@graphql-codegen/core")
    documents = [
        {"location": f"README-{n}.graphql", "text": d} for n, (d, _) in enumerate(examples())
    ]
    listing = tmp_path / "documents.json"
    listing.write_text(json.dumps(documents))
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
    for name in (
        "CheapestTeaQuery",
        "CardsAndRowsQuery",
        "ProductByIdQuery",
        "MyRewardOrdersQuery",
        "CardFragment",
    ):
        assert f"export type {name} =" in output, name
