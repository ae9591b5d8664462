"""Builds the one ``strawberry.Schema``: the shared roots plus each store's.

Each store module ``schema.<store>`` (and each caller module: ``viewer``, ``sessions``)
exports ``Query`` (its root fields) and/or ``Mutation``, and optionally ``TYPES`` (its
concrete types, so interface implementations reachable only through interfaces are in
the schema too).

The operation limits, the document cache and the request's call budget are one
extension (:class:`~schema.limits.OperationGuard`); introspection off adds one more
validation rule.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

import strawberry
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import AddValidationRules, SchemaExtension
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from gateway.telemetry.fields import FieldSpans
from gateway.telemetry.operation import OperationObserver
from schema.docs import document
from schema.errors import ErrorPolicy
from schema.events import TYPES as EVENT_TYPES
from schema.events import Subscription
from schema.extension_hooks import HookRunner
from schema.limits import OperationGuard
from schema.root import Query as RootQuery
from schema.usage import UpstreamUsageRecorder
from schema.writes import mutation_types

STORE_MODULES: tuple[str, ...] = ("catalog", "freshstore", "litekart", "litestore", "rewards")
CALLER_MODULES: tuple[str, ...] = ("viewer", "sessions")
"""Who is asking (``viewer``) and how a customer gets a token (``sessions``)."""


class GatewaySchema(strawberry.Schema):
    """The schema, minus strawberry's logging of every error: callers' mistakes and store
    failures are expected and reported to the caller; ``ErrorPolicy`` logs the unexpected.
    Its extensions' hooks are entered by :class:`~schema.extension_hooks.HookRunner`."""

    def process_errors(self, errors: Any, execution_context: Any = None) -> None:
        return None

    def create_extensions_runner(
        self, execution_context: ExecutionContext, extensions: list[SchemaExtension]
    ) -> HookRunner:
        return HookRunner(execution_context=execution_context, extensions=extensions)


def _closed() -> SchemaExtension:
    return AddValidationRules([NoSchemaIntrospectionCustomRule])


@cache
def build_schema(*, introspection: bool = True, field_spans: bool = False) -> strawberry.Schema:
    """The gateway's schema (built once per process and setting).
    ``introspection=False`` (``STOREGRAPH_INTROSPECTION=false``) refuses ``__schema`` and
    ``__type`` as a validation rule (``__typename`` still answers); ``field_spans`` adds a
    span per resolved field (``STOREGRAPH_TRACE_FIELDS`` with tracing on; debugging only:
    :mod:`gateway.telemetry.fields`)."""
    names = (*STORE_MODULES, *CALLER_MODULES)
    modules = [importlib.import_module(f"schema.{name}") for name in names]
    query = merge_types("Query", (RootQuery, *(m.Query for m in modules if hasattr(m, "Query"))))
    mutations = (
        *(m.Mutation for m in modules if hasattr(m, "Mutation")),
        *mutation_types(),
    )
    types = [t for m in modules for t in getattr(m, "TYPES", ())] + EVENT_TYPES
    closed = [] if introspection else [_closed]
    fields = [FieldSpans] if field_spans else []
    built = GatewaySchema(
        query=query,
        mutation=merge_types("Mutation", mutations) if mutations else None,
        subscription=Subscription,
        types=types,
        # ErrorPolicy wraps the guard: it also shows the guard's refusals as they are.
        extensions=[
            OperationObserver,  # outermost: sees the errors as ErrorPolicy shows them
            *fields,  # under the operation's span
            UpstreamUsageRecorder,
            ErrorPolicy,
            *closed,
            OperationGuard,
        ],
    )
    document(built._schema)  # describe what is not described where it is declared
    return built
