"""The GraphiQL page in a real browser (headless Chromium), with no network: it renders
from the gateway's own assets, runs the default query, shows its docs and explorer, and
sends an identity header from the Headers tab."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from tests.http.conftest import NODE_MODULES, node_tool

SCRIPT = os.path.join(os.path.dirname(__file__), "graphiql_browser.cjs")
BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def chromium() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no Chromium on this machine (Debian: `apt-get install chromium`; .ci/run does)")


def test_graphiql_renders_offline_and_runs_queries(live_gateway, tmp_path) -> None:
    browser = chromium()
    node_tool("puppeteer-core")
    token = live_gateway.rewards_user_token
    completed = subprocess.run(
        ["node", SCRIPT, f"{live_gateway.url}/graphql", browser, str(tmp_path / "profile"), token],
        capture_output=True,
        text=True,
        timeout=90,
        env={**os.environ, "NODE_PATH": str(NODE_MODULES)},
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    seen = json.loads(completed.stdout.strip().splitlines()[-1])

    assert seen["title"] == "storegraph · GraphiQL"
    assert "query CheapestProducts" in seen["defaultQuery"]
    products = seen["first"]["data"]["products"]
    assert products["totalCount"] > 0 and len(products["edges"]) == 5
    prices = [float(e["node"]["price"]["amount"]) for e in products["edges"]]
    assert prices == sorted(prices)
    assert "Show Documentation Explorer" in seen["sidebar"]
    assert "Show GraphiQL Explorer" in seen["sidebar"]
    assert {"Variables", "Headers"} <= set(seen["tools"])
    assert "query: Query" in seen["docs"] and "RedeemRewardPayload" in seen["docs"]
    assert seen["second"].get("data"), seen["second"]
    assert seen["second"]["data"]["rewards"]["me"]["orders"]["totalCount"] >= 1

    origin = live_gateway.url
    outside = [u for u in seen["requests"] if not u.startswith((origin, "data:"))]
    assert outside == [], outside  # nothing left the machine
    assert seen["problems"] == []
