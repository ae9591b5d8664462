"""``OperationGuard``: parse → validate → execute, bounded in time, work and memory.

One schema extension holds every operation limit of :mod:`gateway.limits.operation`:

- parse: through the byte-bounded :class:`~gateway.limits.documents.DocumentCache`,
  stopping at ``max_tokens``; a document with several operations and no
  ``operationName`` is refused (``OPERATION_NAME_REQUIRED``), as the spec says, rather
  than running the first;
- validate: the limits first, alone (one linear walk of their own, so a fragment bomb
  is refused before the spec's rules walk it), then the spec's rules plus strawberry's
  (and the schema's own: introspection off adds one) in graphql-core's one pass —
  cached per document, limits and rule set;
- execute: the cost with the request's variables (``COST_LIMIT_EXCEEDED``), then
  execution inside the request's upstream-call budget (:mod:`gateway.limits.calls`);
  stores that answered from stale entries are listed in ``extensions.stale``.

The limits come from the request context's settings (``STOREGRAPH_MAX_*``); without
one (a bare ``schema.execute``) the defaults apply.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from graphql import GraphQLError, OperationDefinitionNode, validate
from strawberry.extensions import SchemaExtension
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule

from gateway.limits import calls
from gateway.limits.documents import DOCUMENTS, PreparedDocument
from gateway.limits.operation import (
    OperationLimits,
    call_budget,
    check_cost,
    document_errors,
)


def limits_of(settings: Any) -> OperationLimits:
    """The operation limits a settings object declares (defaults without one)."""
    if settings is None:
        return OperationLimits()
    return _limits(
        settings.max_depth,
        settings.max_aliases,
        settings.max_root_fields,
        settings.max_fragments,
        settings.max_directives,
        settings.max_tokens,
        settings.max_cost,
        settings.max_upstream_calls,
    )


@cache
def _limits(*values: Any) -> OperationLimits:
    return OperationLimits(*values)


@cache
def _rules(base: tuple[type, ...]) -> tuple[type, ...]:
    return (*base, MaybeNullValidationRule, OneOfInputValidationRule)


class OperationGuard(SchemaExtension):
    """Every operation limit, the document cache and the request's call budget."""

    _prepared: PreparedDocument | None = None
    _budget: calls.CallBudget | None = None

    def _settings(self) -> Any:
        return getattr(self.execution_context.context, "settings", None)

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        limits = limits_of(self._settings())
        if context.query is not None and context.graphql_document is None:
            self._prepared = DOCUMENTS.prepare(context.query, limits.max_tokens)
            context.graphql_document = self._prepared.document
            _require_operation_name(context)
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        settings = self._settings()
        if document is not None and context.pre_execution_errors is None:
            limits = limits_of(settings)
            rules = _rules(tuple(context.validation_rules))
            schema = context.schema._schema

            def run() -> list[GraphQLError]:
                # the limits walk alone (graphql-core's validate would add a TypeInfo
                # pass of its own, as long as the spec's rules cost in all)
                refused = document_errors(schema, document, limits)
                return refused or [_coded(e) for e in validate(schema, document, rules)]

            if self._prepared is not None:
                errors = DOCUMENTS.validate(self._prepared, (limits, rules), run)
            else:
                errors = run()
            context.pre_execution_errors = errors
        yield

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        limits = limits_of(self._settings())
        assert context.graphql_document is not None
        cost = check_cost(
            context.schema._schema,
            context.graphql_document,
            context.operation_name,
            context.variables,
            limits,
            self._prepared,
        )
        with calls.opened(call_budget(cost, limits)) as budget:
            self._budget = budget
            yield

    def get_results(self) -> dict[str, Any]:
        if self._budget is None or not self._budget.stale:
            return {}
        return {"stale": sorted(source.name for source in self._budget.stale)}


def _require_operation_name(context: Any) -> None:
    provided = getattr(context, "_provided_operation_name", None)  # strawberry's own
    document = context.graphql_document
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if provided is None and len(operations) > 1:
        raise GraphQLError(
            "Must provide operation name if query contains multiple operations.",
            extensions={"code": "OPERATION_NAME_REQUIRED"},
        )


def _coded(error: GraphQLError) -> GraphQLError:
    """Validation errors without a code get ``GRAPHQL_VALIDATION_FAILED``."""
    if error.extensions and "code" in error.extensions:
        return error
    return GraphQLError(
        error.message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=error.original_error,
        extensions={**(error.extensions or {}), "code": "GRAPHQL_VALIDATION_FAILED"},
    )
