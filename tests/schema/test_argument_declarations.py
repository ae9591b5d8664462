"""What a resolver declares on an argument (``Annotated[T, strawberry.argument(...)]``)
is what the schema shows, and every argument but the shared ones is described there.

Strawberry reads that metadata only when the annotation can be evaluated as the type is
decorated; under ``from __future__ import annotations`` an argument whose type is
declared later in its module keeps its raw string, and the description (name,
deprecation) is silently dropped — GraphiQL then shows the docs tables' fallback or
nothing. This walk evaluates every resolver argument's annotation now, when every type
exists, and fails on any declared metadata the built argument lost.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, get_args, get_origin

from graphql import GraphQLInterfaceType, GraphQLObjectType
from strawberry.annotation import StrawberryAnnotation
from strawberry.types.arguments import StrawberryArgument, StrawberryArgumentAnnotation

from schema.build import build_schema
from schema.docs import ARGUMENTS, ENTRIES


def _declared(annotation: object, namespace: Any) -> StrawberryArgumentAnnotation | None:
    evaluated: Any = StrawberryAnnotation(annotation, namespace=namespace).evaluate()
    if get_origin(evaluated) is not Annotated:
        return None
    found = [m for m in get_args(evaluated)[1:] if isinstance(m, StrawberryArgumentAnnotation)]
    return found[0] if found else None


def _arguments() -> Iterator[tuple[str, StrawberryArgument, StrawberryArgumentAnnotation]]:
    """``(Type.field(argument), built argument, declared metadata)`` for every resolver
    parameter declared with ``strawberry.argument(...)``, read from its signature."""
    schema = build_schema()._schema
    for type_ in schema.type_map.values():
        if type_.name.startswith("__"):
            continue
        if not isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
            continue
        for name, field in type_.fields.items():
            definition = (field.extensions or {}).get("strawberry-definition")
            if definition is None or definition.base_resolver is None:
                continue
            resolver = definition.base_resolver
            built = {argument.python_name: argument for argument in definition.arguments}
            for parameter in resolver.signature.parameters.values():
                if parameter.name not in built:
                    continue
                declared = _declared(parameter.annotation, resolver._namespace)
                if declared is not None:
                    key = f"{type_.name}.{name}({parameter.name})"
                    yield key, built[parameter.name], declared


def test_every_declared_argument_description_reaches_the_schema() -> None:
    seen = list(_arguments())
    assert len(seen) >= 15  # the walk finds the declarations (it cannot pass empty)
    lost = [
        key
        for key, argument, declared in seen
        if (argument.description, argument.graphql_name, argument.deprecation_reason)
        != (declared.description, declared.name, declared.deprecation_reason)
    ]
    assert lost == [], (
        "strawberry dropped these arguments' declared metadata: declare each argument's "
        f"type before the type whose field takes it: {lost}"
    )


def test_a_declared_description_is_the_one_the_schema_shows() -> None:
    schema = build_schema()._schema
    for key, argument, declared in _arguments():
        type_name, rest = key.split(".", 1)
        field_name = rest.split("(", 1)[0]
        field = schema.type_map[type_name].fields[field_name]  # type: ignore[attr-defined]
        graphql_args = {
            arg_name: arg
            for arg_name, arg in field.args.items()
            if arg_name == (argument.graphql_name or _camel(argument.python_name))
        }
        [shown] = graphql_args.values()
        assert shown.description == declared.description, key


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def test_every_argument_is_described_where_it_is_declared() -> None:
    """Only the shared arguments (``first``, ``after``, ``id``, ``filter``, ``sort``) take
    their description from ``schema/docs``; no store table describes an argument."""
    assert [key for key in ENTRIES if "(" in key] == []
    schema = build_schema()._schema
    fallback = []
    for type_ in schema.type_map.values():
        if type_.name.startswith("__"):
            continue
        if not isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
            continue
        for name, field in type_.fields.items():
            definition = (field.extensions or {}).get("strawberry-definition")
            for argument in getattr(definition, "arguments", ()):
                shown = argument.graphql_name or _camel(argument.python_name)
                if not argument.description and shown not in ARGUMENTS:
                    fallback.append(f"{type_.name}.{name}({shown})")
    assert fallback == []
