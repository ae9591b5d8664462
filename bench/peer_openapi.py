"""The stores' OpenAPI documents as the peer composes them.

The simulators' ``/openapi.json`` describe every path, parameter and header, but most
of their 200 responses are untyped (``{"type": "object", "additionalProperties": true}``
or nothing), which GraphQL Mesh turns into an opaque ``JSON`` scalar: no field could be
selected, no relation followed. So before composing, each operation the shared
scenarios use gets its 200 response schema filled in from a sample response of that
store (the JSON Schema of what the store actually answered, merged over the samples),
with a ``title`` on the objects the peer's relations are declared on. Everything else
in the document is the store's own.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

JSONSchema = dict[str, Any]


def schema_of(value: Any) -> JSONSchema:
    """The JSON Schema of one JSON value (objects: their properties; ``null``: anything)."""
    if isinstance(value, bool):
        return {"type": "boolean"}
    if isinstance(value, int | float):
        return {"type": "number"}  # GraphQL's Int is 32-bit; amounts and ids may not be
    if isinstance(value, str):
        return {"type": "string"}
    if isinstance(value, list):
        items: JSONSchema = {}
        for item in value:
            items = merge(items, schema_of(item))
        return {"type": "array", "items": items}
    if isinstance(value, dict):
        return {"type": "object", "properties": {k: schema_of(v) for k, v in value.items()}}
    return {}


def merge(a: JSONSchema, b: JSONSchema) -> JSONSchema:
    """One schema covering both (``{}``, anything, when their types disagree)."""
    if not a:
        return b
    if not b:
        return a
    if a.get("type") != b.get("type"):
        return {}
    if a["type"] == "object":
        properties = dict(a["properties"])
        for name, schema in b["properties"].items():
            properties[name] = merge(properties.get(name, {}), schema)
        return {"type": "object", "properties": properties}
    if a["type"] == "array":
        return {"type": "array", "items": merge(a["items"], b["items"])}
    return a


def titled(schema: JSONSchema, titles: Mapping[str, str]) -> JSONSchema:
    """``schema`` with ``title`` set on the objects at the given paths (``"data[]"`` is the
    items of ``data``; ``""`` the root) — the names the peer's type extensions use."""
    schema = copy.deepcopy(schema)
    for path, title in titles.items():
        node = schema
        for part in filter(None, path.split(".")):
            name, is_list = (part[:-2], True) if part.endswith("[]") else (part, False)
            node = node["properties"][name]
            if is_list:
                node = node["items"]
        node["title"] = title
    return schema


@dataclass(frozen=True)
class Sampled:
    """One operation whose response schema is read off samples of the store's answers."""

    path: str
    """The OpenAPI path template (``/api/products/{id}``)."""
    samples: Sequence[tuple[str, Mapping[str, str]]]
    """Concrete (path, query params) to GET for samples."""
    titles: Mapping[str, str] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    """Extra headers for the samples (an end user's token)."""


def with_sampled_responses(
    document: Mapping[str, Any], schemas: Mapping[str, JSONSchema]
) -> dict[str, Any]:
    """The OpenAPI ``document`` with the GET 200 response of each path in ``schemas``
    described by its schema."""
    filled = copy.deepcopy(dict(document))
    for path, schema in schemas.items():
        operation = filled["paths"][path]["get"]
        response = operation.setdefault("responses", {}).setdefault("200", {})
        response.setdefault("description", "Successful Response")
        response["content"] = {"application/json": {"schema": schema}}
    return filled
