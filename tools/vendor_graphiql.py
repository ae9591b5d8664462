"""Refreshes the GraphiQL assets the gateway serves (``make graphiql-assets``).

Copies the browser builds of ``graphiql``, ``react``, ``react-dom`` and
``@graphiql/plugin-explorer`` (versions pinned in ``tools/package.json``) from the npm
tools folder into ``gateway/http/graphiql_assets/vendor/``, with each package's license
and a ``VERSIONS.json``. Source-map comments are dropped (the maps are not shipped).

    python tools/vendor_graphiql.py .npm-tools/node_modules
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "gateway" / "http" / "graphiql_assets" / "vendor"

FILES = {
    "react.production.min.js": ("react", "umd/react.production.min.js"),
    "react-dom.production.min.js": ("react-dom", "umd/react-dom.production.min.js"),
    "graphiql.min.js": ("graphiql", "graphiql.min.js"),
    "graphiql.min.css": ("graphiql", "graphiql.min.css"),
    "plugin-explorer.umd.js": ("@graphiql/plugin-explorer", "dist/index.umd.js"),
    "plugin-explorer.css": ("@graphiql/plugin-explorer", "dist/style.css"),
}
LICENSES = {
    # package: where its license text is (the explorer plugin ships none of its own:
    # it is part of the graphiql monorepo, under that repository's license)
    "react": "react/LICENSE",
    "react-dom": "react-dom/LICENSE",
    "graphiql": "graphiql/LICENSE",
    "@graphiql/plugin-explorer": "graphiql/LICENSE",
    "graphiql-explorer": "@graphiql/plugin-explorer/node_modules/graphiql-explorer/LICENSE",
}
SOURCE_MAP = re.compile(rb"\n?/[/*]# sourceMappingURL=[^\n]*\s*$")


def _version(modules: Path, package: str) -> str:
    manifest = modules / package / "package.json"
    if not manifest.exists():
        manifest = modules / "@graphiql/plugin-explorer/node_modules" / package / "package.json"
    return str(json.loads(manifest.read_text())["version"])


def main(modules: Path) -> None:
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    (VENDOR / "LICENSES").mkdir(parents=True)
    for name, (package, path) in FILES.items():
        data = (modules / package / path).read_bytes()
        (VENDOR / name).write_bytes(SOURCE_MAP.sub(b"\n", data))
    versions = {}
    for package, path in LICENSES.items():
        version = _version(modules, package)
        versions[package] = version
        text = (modules / path).read_text()
        header = f"{package} {version} — license as published with the package\n\n"
        name = package.removeprefix("@").replace("/", "-")
        (VENDOR / "LICENSES" / f"{name}.txt").write_text(header + text)
    (VENDOR / "VERSIONS.json").write_text(json.dumps(versions, indent=2, sort_keys=True) + "\n")
    print(f"vendored {', '.join(f'{p}@{v}' for p, v in versions.items())} into {VENDOR}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / ".npm-tools" / "node_modules"))
