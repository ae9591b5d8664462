"""GraphiQL served by the gateway itself: no CDN, no request leaving the machine.

The page and its assets are part of the installed package (``graphiql_assets/``: our
page, script and style; ``vendor/``: the browser builds of graphiql, react, react-dom
and the explorer plugin with their licenses, refreshed by ``make graphiql-assets``).
Assets are served under ``/graphiql/<digest>/``, where the digest is taken over their
bytes, so they are cached for a year (``immutable``) and a new build gets a new path.
The page (``GET /graphql`` from a browser, with no operation) is revalidated each time;
its Content-Security-Policy lets it load and connect to this origin only.

The page keeps GraphiQL's Headers tab (for ``livelike-user-token`` and the other
identity headers), its docs explorer and the query explorer plugin, and opens on
:data:`DEFAULT_QUERY`.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

ASSETS_DIR = Path(__file__).resolve().parent / "graphiql_assets"
ASSETS_PREFIX = "/graphiql"
ASSET_CACHE_CONTROL = "public, max-age=31536000, immutable"
PAGE_CACHE_CONTROL = "no-cache"
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self' ws: wss:",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    )
)
OPERATION_PARAMETERS = ("query", "extensions", "documentId")

DEFAULT_QUERY = """\
# storegraph: one graph over five stores (Litestore, Litekart, FreshStore, Rewards,
# Catalog). Press the ▶ button (Ctrl-Enter) to run this query.
#
# - Docs (the book icon) and Explorer (the compass) list every type and field.
# - Reward orders belong to a Rewards user: put their token in the Headers tab,
#   {"livelike-user-token": "…"} (`storegraph stores` lists the demo users' tokens).
query CheapestProducts($first: Int! = 5, $search: String = "tea") {
  products(first: $first, sort: {field: PRICE, direction: ASC}, filter: {search: $search}) {
    totalCount
    edges {
      node {
        __typename
        id
        source
        name
        price { amount currency }
      }
    }
  }
}
"""


def _digest(directory: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(directory)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class ImmutableAssets(StaticFiles):
    """Static files that never change under their path: cached for a year."""

    def file_response(self, *args: object, **kwargs: object) -> Response:
        response = super().file_response(*args, **kwargs)  # type: ignore[arg-type]
        response.headers["Cache-Control"] = ASSET_CACHE_CONTROL
        return response

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code == 304:
            response.headers["Cache-Control"] = ASSET_CACHE_CONTROL
        return response


class GraphiQL:
    """The GraphiQL page for ``endpoint`` and the assets it loads."""

    def __init__(self, endpoint: str = "/graphql", *, default_query: str = DEFAULT_QUERY) -> None:
        self.assets_path = f"{ASSETS_PREFIX}/{_digest(ASSETS_DIR)}"
        config = json.dumps({"endpoint": endpoint, "defaultQuery": default_query})
        template = (ASSETS_DIR / "index.html").read_text()
        self.html = template.replace("{assets}", self.assets_path).replace(
            "{config}", config.replace("</", "<\\/")
        )

    def assets(self) -> ImmutableAssets:
        """The ASGI app serving the assets; mount it at :attr:`assets_path`."""
        return ImmutableAssets(directory=ASSETS_DIR)

    def wanted(self, request: Request) -> bool:
        """A browser asking for a page, not an operation."""
        if any(name in request.query_params for name in OPERATION_PARAMETERS):
            return False
        return "text/html" in request.headers.get("accept", "")

    def page(self) -> HTMLResponse:
        return HTMLResponse(
            self.html,
            headers={
                "Cache-Control": PAGE_CACHE_CONTROL,
                "Content-Security-Policy": CONTENT_SECURITY_POLICY,
                "X-Content-Type-Options": "nosniff",
                "Referrer-Policy": "no-referrer",
            },
        )
