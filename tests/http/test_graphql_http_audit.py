"""graphql-http's server audits (GraphQL over HTTP conformance): no MUST or SHOULD fails."""

from __future__ import annotations

import json
import os
import subprocess

from tests.http.conftest import NODE_MODULES, node_tool

AUDIT_SCRIPT = os.path.join(os.path.dirname(__file__), "graphql_http_audit.cjs")


def test_the_gateway_passes_every_audit(live_gateway) -> None:
    node_tool("graphql-http")
    completed = subprocess.run(
        ["node", AUDIT_SCRIPT, f"{live_gateway.url}/graphql"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NODE_PATH": str(NODE_MODULES)},
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    results = [json.loads(line) for line in completed.stdout.splitlines() if line.strip()]
    assert len(results) > 50  # the whole suite ran
    failures = [r for r in results if r["status"] != "ok"]
    assert failures == [], "\n".join(f"{r['id']} {r['name']}: {r['reason']}" for r in failures)
    musts = [r for r in results if r["name"].startswith("MUST")]
    shoulds = [r for r in results if r["name"].startswith("SHOULD")]
    assert musts and shoulds
