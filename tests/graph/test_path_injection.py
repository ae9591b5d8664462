"""No id chooses an upstream route: every id-taking field of every store, and
``node``/``nodes``, sent each injection — the stores' stats show only the routes the
field calls for an ordinary id, and each lookup answers ``BAD_USER_INPUT``.

The fields are read from the schema, so a lookup added later is covered too.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from graphql import GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLScalarType

from gateway.paths import ID_FORMATS, NUMERIC
from gateway.sources import Source
from schema.build import build_schema
from schema.ids import encode_id
from schema.registry import NODE_KINDS
from tests.graph.conftest import Graph

INJECTIONS = [
    "../users",
    "../customers/cus_0001",
    "../orders?limit=1",
    "../../__sim/credentials",
    "../../__sim/stats",
    "..",
    "%2e%2e%2fusers",
    "..%2F..%2F__sim%2Fcredentials",
    "prod-001/../../users",
    "1/../../api/users",
    "1?ids=2",
    "1#x",
    "1\x00",
    "1\r\nX-Injected: 1",
    " 1",
    "²",
    "9" * 5000,
]
BENIGN = {Source.LITESTORE: "zz-none", Source.LITEKART: "zz_none", Source.CATALOG: "zz-none"}


def _benign(source: Source) -> str:
    return "987654" if ID_FORMATS[source] is NUMERIC else BENIGN[source]


def _unwrap(t: Any) -> Any:
    while isinstance(t, GraphQLNonNull | GraphQLList):
        t = t.of_type
    return t


def id_fields() -> dict[Source, list[tuple[str, str, bool, str]]]:
    """Per store root: ``(field, argument, required, scalar)`` for every id-taking
    argument."""
    schema = build_schema()._schema
    out: dict[Source, list[tuple[str, str, bool]]] = {}
    for source in Source:
        root = schema.query_type.fields[source.value]  # type: ignore[union-attr]
        store_type = _unwrap(root.type)
        assert isinstance(store_type, GraphQLObjectType)
        for name, field in store_type.fields.items():
            for arg_name, arg in field.args.items():
                scalar = _unwrap(arg.type)
                is_id = arg_name == "id" or arg_name.endswith("Id")
                if is_id and isinstance(scalar, GraphQLScalarType):
                    required = isinstance(arg.type, GraphQLNonNull)
                    out.setdefault(source, []).append((name, arg_name, required, scalar.name))
    return out


def _selection(field_type: Any) -> str:
    named = _unwrap(field_type)
    return "{ __typename }" if isinstance(named, GraphQLObjectType) else ""


def store_query(source: Source) -> str:
    schema = build_schema()._schema
    store_type = _unwrap(schema.query_type.fields[source.value].type)  # type: ignore[union-attr]
    fields = []
    for index, (name, arg, required, type_name) in enumerate(id_fields()[source]):
        bang = "!" if required else ""
        fields.append(
            (
                f"f{index}: {name}({arg}: $v) {_selection(store_type.fields[name].type)}",
                type_name + bang,
            )
        )
    # one variable per GraphQL type used (ID!, ID, String)
    kinds = sorted({t for _, t in fields})
    names = {t: f"v{i}" for i, t in enumerate(kinds)}
    body = " ".join(f.replace("$v", "$" + names[t]) for f, t in fields)
    header = ", ".join(f"${names[t]}: {t}" for t in kinds)
    return f"query ({header}) {{ {source.value} {{ {body} }} }}", names


async def _routes(graph: Graph) -> Counter[str]:
    seen: Counter[str] = Counter()
    for source in Source:
        for route, count in (await graph.stats(source))["routes"].items():
            seen[f"{source.value} {route}"] += count
    return seen


async def _ask_store(graph: Graph, source: Source, value: str) -> dict[str, Any]:
    query, names = store_query(source)
    return await graph.query(query, {name: value for name in names.values()})


async def test_every_store_field_taking_an_id_calls_only_its_own_routes(graph: Graph) -> None:
    graph.user_token = (await graph.credentials(Source.REWARDS))["users"][0]["token"]
    graph.as_operator()  # an admin: guarded lookups get past their requirement to the id
    assert sum(len(fields) for fields in id_fields().values()) >= 30
    for source in Source:
        await graph.reset_stats()
        await _ask_store(graph, source, _benign(source))
        intended = set(await _routes(graph))
        for value in INJECTIONS:
            await graph.reset_stats()
            body = await _ask_store(graph, source, value)
            called = set(await _routes(graph))
            assert called <= intended, (source, value, called - intended)
            codes = Counter(e["extensions"]["code"] for e in body.get("errors") or [])
            assert "INTERNAL_SERVER_ERROR" not in codes, (source, value, body["errors"])
            lookups = [f for f in id_fields()[source] if f[1] == "id"]
            assert codes["BAD_USER_INPUT"] >= len(lookups), (source, value, body.get("errors"))


async def test_node_and_nodes_with_forged_ids_call_nothing_unintended(graph: Graph) -> None:
    graph.user_token = (await graph.credentials(Source.REWARDS))["users"][0]["token"]
    graph.as_operator()  # an admin: guarded kinds are fetched, so their ids are tried
    kinds = sorted(NODE_KINDS)
    query = "query ($ids: [ID!]!) { nodes(ids: $ids) { __typename } }"

    benign = [encode_id(kind, "x", f"{_benign(Source.LITEKART)}") for kind in kinds]
    benign += [encode_id(kind, "x", "987654") for kind in kinds]
    await graph.data(query, {"ids": benign})
    intended = set(await _routes(graph))

    for value in INJECTIONS:
        await graph.reset_stats()
        forged = [encode_id(kind, "x", value) for kind in kinds]
        body = await graph.query(query, {"ids": forged})
        assert set(await _routes(graph)) <= intended, value
        assert body["data"]["nodes"] == [None] * len(kinds), (value, body.get("errors"))
        one = await graph.query("query ($id: ID!) { node(id: $id) { id } }", {"id": forged[0]})
        assert one["data"]["node"] is None
    assert not {r for r in await _routes(graph) if "__sim" in r or "/users" in r}
