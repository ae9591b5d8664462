"""Operation limits: what one GraphQL document may ask of the gateway.

Every limit is checked on the linear measures of :mod:`gateway.limits.shape` and each
refusal is a GraphQL error with its own ``extensions.code`` and the limit's value
(``extensions.limit``), plus what was asked (``extensions.actual``):

=====================  ============================  ==============================
limit                  code                          checked
=====================  ============================  ==============================
``max_body_bytes``     ``REQUEST_TOO_LARGE``         before reading past it (HTTP 413)
``max_tokens``         ``TOKEN_LIMIT_EXCEEDED``      while parsing (stops there)
``max_depth``          ``DEPTH_LIMIT_EXCEEDED``      before validation
``max_aliases``        ``ALIAS_LIMIT_EXCEEDED``      before validation
``max_root_fields``    ``ROOT_FIELD_LIMIT_EXCEEDED`` before validation
``max_fragments``      ``FRAGMENT_LIMIT_EXCEEDED``   before validation
``max_directives``     ``DIRECTIVE_LIMIT_EXCEEDED``  before validation
``max_cost``           ``COST_LIMIT_EXCEEDED``       before execution (needs variables)
=====================  ============================  ==============================

:func:`document_errors` checks them in one walk, before the spec's validation rules
(``schema.limits.OperationGuard``). The cost needs the request's
variables (``first: $n``), so :func:`check_cost` runs before execution instead; its
result also sizes the request's upstream-call budget (:func:`call_budget`). A cached
document keeps its costs (:class:`~gateway.limits.documents.PreparedDocument`), keyed
by the values of the only variables they depend on (those given as a size), so a
repeated operation is not walked again.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
)

from gateway.limits.documents import DEFAULT_MAX_TOKENS, PreparedDocument
from gateway.limits.shape import measure, root_fields

COSTS_KEPT = 32
"""Distinct sizes (values of its sizing variables) one cached operation's cost is kept
for; past it they are forgotten and kept afresh."""
MIN_CALL_BUDGET = 50
"""A request may always make this many upstream calls (list walks, merged lists),
whatever its cost."""


@dataclass(frozen=True)
class OperationLimits:
    """The limits one operation is held to (hashable: rules are made once per value)."""

    max_depth: int = 12
    max_aliases: int = 30
    max_root_fields: int = 20
    max_fragments: int = 32
    max_directives: int = 50
    max_tokens: int = DEFAULT_MAX_TOKENS
    max_cost: int = 1000
    max_upstream_calls: int | None = None


def limit_error(code: str, message: str, limit: int, actual: int) -> GraphQLError:
    """The refusal of one limit: its code, its value and what was asked."""
    return GraphQLError(message, extensions={"code": code, "limit": limit, "actual": actual})


def document_errors(
    schema: GraphQLSchema, document: DocumentNode, limits: OperationLimits
) -> list[GraphQLError]:
    """Every limit but the cost that ``document`` breaks (one linear walk)."""
    shape = measure(schema, document)
    errors: list[GraphQLError] = []
    if shape.fragments > limits.max_fragments:
        errors.append(
            limit_error(
                "FRAGMENT_LIMIT_EXCEEDED",
                f"The document defines {shape.fragments} fragments; at most "
                f"{limits.max_fragments} are allowed.",
                limits.max_fragments,
                shape.fragments,
            )
        )
    if shape.directives > limits.max_directives:
        errors.append(
            limit_error(
                "DIRECTIVE_LIMIT_EXCEEDED",
                f"The document uses {shape.directives} directives; at most "
                f"{limits.max_directives} are allowed.",
                limits.max_directives,
                shape.directives,
            )
        )
    if shape.aliases > limits.max_aliases:
        errors.append(
            limit_error(
                "ALIAS_LIMIT_EXCEEDED",
                f"The document uses {shape.aliases} aliases; at most "
                f"{limits.max_aliases} are allowed.",
                limits.max_aliases,
                shape.aliases,
            )
        )
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        label = f"'{definition.name.value}'" if definition.name else "The operation"
        measures = shape.operations.get(definition.name.value if definition.name else None)
        if measures is not None and measures.depth > limits.max_depth:
            errors.append(
                limit_error(
                    "DEPTH_LIMIT_EXCEEDED",
                    f"{label} is {measures.depth} fields deep; at most "
                    f"{limits.max_depth} are allowed.",
                    limits.max_depth,
                    measures.depth,
                )
            )
        roots = root_fields(schema, document, definition)
        if roots > limits.max_root_fields:
            errors.append(
                limit_error(
                    "ROOT_FIELD_LIMIT_EXCEEDED",
                    f"{label} asks for {roots} root fields; at most "
                    f"{limits.max_root_fields} are allowed.",
                    limits.max_root_fields,
                    roots,
                )
            )
    return errors


def check_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
    limits: OperationLimits,
    prepared: PreparedDocument | None = None,
) -> int:
    """The cost of the operation that runs; :class:`GraphQLError` past ``max_cost``.
    ``prepared``: the document's cache entry, which keeps its costs."""
    cost = operation_cost(schema, document, operation_name, variables, prepared)
    if cost > limits.max_cost:
        raise limit_error(
            "COST_LIMIT_EXCEEDED",
            f"The operation would cost {cost}; at most {limits.max_cost} is allowed "
            "(each object field costs 1, times the size of the lists it is in).",
            limits.max_cost,
            cost,
        )
    return cost


def operation_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
    prepared: PreparedDocument | None = None,
) -> int:
    """The cost of the operation that runs (measured once per document, operation and
    sizes when ``prepared`` keeps it)."""
    variables = variables or {}
    kept = prepared.costs.get((schema, operation_name)) if prepared is not None else None
    if kept is not None:
        sizing, costs = kept
        cost = costs.get(_sizes(sizing, variables))
        if cost is not None:
            return int(cost)
    shape = measure(schema, document, variables)
    name = operation_name
    if name is None and len(shape.operations) == 1:
        name = next(iter(shape.operations))
    measures = shape.operations.get(name)
    cost = measures.cost if measures is not None else 0
    if prepared is not None:
        sizing = tuple(sorted(shape.sizing_variables))
        _, costs = prepared.costs.setdefault((schema, operation_name), (sizing, {}))
        if len(costs) >= COSTS_KEPT:
            costs.clear()
        costs[_sizes(sizing, variables)] = cost
    return cost


def _sizes(sizing: tuple[str, ...], variables: Mapping[str, Any]) -> tuple[Hashable, ...]:
    """What the cost walk reads of each sizing variable: an int's value, a list's length
    (anything else counts as not given)."""
    sizes: list[Hashable] = []
    for name in sizing:
        value = variables.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            sizes.append(("int", value))
        elif isinstance(value, list):
            sizes.append(("list", len(value)))
        else:
            sizes.append(None)
    return tuple(sizes)


def call_budget(cost: int, limits: OperationLimits) -> int:
    """Upstream calls a request of ``cost`` may make: ``max_upstream_calls`` when set,
    else its cost (every object field at most one call), at least
    :data:`MIN_CALL_BUDGET`."""
    if limits.max_upstream_calls is not None:
        return limits.max_upstream_calls
    return max(MIN_CALL_BUDGET, cost)
