"""The stores' own OpenAPI documents, read as the tests' reference for write routes:
which write routes each store has, and each request body's fields and rules."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from gateway.sources import Source
from stores import create_store_app

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


@cache
def document(source: Source) -> dict[str, Any]:
    return create_store_app(source.value).openapi()


def normalise(route: str) -> str:
    """``POST /api/carts/{id}/items/{item_id}`` → ``POST /api/carts/{}/items/{}``."""
    return re.sub(r"\{[^}]+\}", "{}", route)


def write_routes(source: Source) -> dict[str, dict[str, Any]]:
    """Every documented write route of a store (the control API left out): its
    operation, keyed ``METHOD /path/{}``."""
    routes = {}
    for path, operations in document(source)["paths"].items():
        if path.startswith("/__sim"):
            continue
        for method, operation in operations.items():
            if method.upper() in WRITE_METHODS:
                routes[normalise(f"{method.upper()} {path}")] = operation
    return routes


def resolve(schema: dict[str, Any] | None, source: Source) -> dict[str, Any] | None:
    """A schema with ``$ref`` followed and ``anyOf [X, null]`` reduced to ``X``."""
    if not schema:
        return None
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return resolve(document(source)["components"]["schemas"][name], source)
    choices = schema.get("anyOf") or []
    options = [o for o in choices if o.get("type") != "null"]
    if len(options) == 1 and len(choices) == 2:
        rest = {k: v for k, v in schema.items() if k != "anyOf"}
        return resolve({**rest, **options[0]}, source)
    return schema


def body_schema(source: Source, route: str) -> dict[str, Any] | None:
    operation = write_routes(source)[route]
    content = operation.get("requestBody", {}).get("content", {})
    return resolve(content.get("application/json", {}).get("schema"), source)
