"""The GraphiQL page and its vendored assets, served by the gateway (no CDN)."""

from __future__ import annotations

import json
import re

from gateway.http.graphiql import ASSETS_DIR
from gateway.settings import Settings
from tests.graph.conftest import make_graph
from tests.http.conftest import ROOT

VENDOR = ASSETS_DIR / "vendor"


async def test_the_page_loads_only_from_this_origin(graph) -> None:
    page = await graph.client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.headers["cache-control"] == "no-cache"
    policy = page.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    links = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert links and all(link.startswith(("/graphiql/", "data:")) for link in links), links
    assert "unpkg" not in page.text and "https://" not in page.text
    config = json.loads(
        re.search(r'id="graphiql-config"[^>]*>(.*?)</script>', page.text, re.S).group(1)
    )
    assert config["endpoint"] == "/graphql" and "query CheapestProducts" in config["defaultQuery"]


async def test_every_asset_is_served_immutable(graph) -> None:
    page = (await graph.client.get("/graphql", headers={"accept": "text/html"})).text
    for link in re.findall(r'(?:src|href)="(/graphiql/[^"]+)"', page):
        asset = await graph.client.get(link)
        assert asset.status_code == 200, link
        assert asset.headers["cache-control"] == "public, max-age=31536000, immutable", link
        assert len(asset.content) > 100, link
        again = await graph.client.get(link, headers={"if-none-match": asset.headers["etag"]})
        assert again.status_code == 304 and "immutable" in again.headers["cache-control"]
    assert (await graph.client.get("/graphiql/0000/vendor/graphiql.min.js")).status_code == 404


def test_the_vendored_builds_are_the_pinned_versions_with_their_licenses() -> None:
    pinned = json.loads((ROOT / "tools" / "package.json").read_text())["devDependencies"]
    vendored = json.loads((VENDOR / "VERSIONS.json").read_text())
    for package in ("graphiql", "react", "react-dom", "@graphiql/plugin-explorer"):
        assert vendored[package] == pinned[package], package
    licenses = {p.stem: p.read_text() for p in (VENDOR / "LICENSES").iterdir()}
    assert set(licenses) == {
        "graphiql",
        "react",
        "react-dom",
        "graphiql-plugin-explorer",
        "graphiql-explorer",
    }
    assert all(
        "MIT License" in text or "Permission is hereby granted" in text
        for text in licenses.values()
    )
    for name in (
        "graphiql.min.js",
        "react.production.min.js",
        "react-dom.production.min.js",
        "plugin-explorer.umd.js",
    ):
        assert (VENDOR / name).stat().st_size > 5000, name


async def test_graphiql_can_be_switched_off() -> None:
    graph = await make_graph(Settings(graphiql=False))
    try:
        page = await graph.client.get("/graphql", headers={"accept": "text/html"})
        assert page.status_code == 406 and "text/html" not in page.headers["content-type"]
        assert page.json()["errors"][0]["extensions"]["code"] == "NOT_ACCEPTABLE"
        assert (await graph.client.get("/graphiql/x/storegraph-graphiql.js")).status_code == 404
    finally:
        await graph.aclose()
