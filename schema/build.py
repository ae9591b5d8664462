"""Builds the one ``strawberry.Schema``: the shared roots plus each store's.

Each store module ``schema.<store>`` exports ``Query`` (its root fields),
optionally ``Mutation``, and ``TYPES`` (its concrete types, so interface
implementations reachable only through interfaces are in the schema too).
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

import strawberry
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.tools import merge_types

from gateway.telemetry.operation import OperationObserver
from schema.docs import document
from schema.errors import ErrorPolicy
from schema.events import TYPES as EVENT_TYPES
from schema.events import Subscription
from schema.root import Query as RootQuery
from schema.usage import UpstreamUsageRecorder
from schema.writes import mutation_types

STORE_MODULES: tuple[str, ...] = ("catalog", "freshstore", "litekart", "litestore", "rewards")
MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_TOKENS = 5000
PARSE_CACHE_SIZE = 512

# The limits as validation rules made once: the validation cache is keyed on the
# rules too, so rules made afresh per request (as the limiter extensions do)
# would make every request validate again (~2.5 ms of a ~4.5 ms cached query).
LIMIT_RULES = (
    *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
    *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
)


class GatewaySchema(strawberry.Schema):
    """The schema, minus strawberry's logging of every error: callers' mistakes and store
    failures are expected and reported to the caller; ``ErrorPolicy`` logs the unexpected."""

    def process_errors(self, errors: Any, execution_context: Any = None) -> None:
        return None


@cache
def build_schema(*, introspection: bool = True) -> strawberry.Schema:
    """The gateway's schema (built once per process and introspection setting).
    ``introspection=False`` (``STOREGRAPH_INTROSPECTION=false``) refuses ``__schema`` and
    ``__type`` as a validation rule (``__typename`` still answers)."""
    rules = (*LIMIT_RULES, NoSchemaIntrospectionCustomRule) if not introspection else LIMIT_RULES
    modules = [importlib.import_module(f"schema.{name}") for name in STORE_MODULES]
    query = merge_types("Query", (RootQuery, *(m.Query for m in modules)))
    mutations = (
        *(m.Mutation for m in modules if hasattr(m, "Mutation")),
        *mutation_types(),
    )
    types = [t for m in modules for t in m.TYPES] + EVENT_TYPES
    built = GatewaySchema(
        query=query,
        mutation=merge_types("Mutation", mutations) if mutations else None,
        subscription=Subscription,
        types=types,
        extensions=[
            OperationObserver,  # outermost: sees the errors as ErrorPolicy shows them
            UpstreamUsageRecorder,
            ErrorPolicy,
            lambda: AddValidationRules(list(rules)),
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            # Factories: a fresh extension per request; both caches live at module level.
            lambda: ParserCache(maxsize=PARSE_CACHE_SIZE),
            lambda: ValidationCache(maxsize=PARSE_CACHE_SIZE),
        ],
    )
    document(built._schema)  # describe what is not described where it is declared
    return built
