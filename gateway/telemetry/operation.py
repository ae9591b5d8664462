"""``OperationObserver``: what the gateway records of each GraphQL operation.

A schema extension, outermost (so it sees the errors as :class:`~schema.errors.ErrorPolicy`
shows them). Per operation it counts the request by its (bounded) name, type and outcome,
times it, counts its errors by ``extensions.code`` and keeps the in-flight gauge — and,
when tracing is on, makes the operation's span current around the whole operation, so
every upstream call's span is its child; its summary goes to the request's log line
(:mod:`gateway.telemetry.requests`). The span carries the operation's name and type,
the document's SHA-256 (never the document: literals can be personal data), the caller's
identity class (never a credential), the error count, whether the whole-response cache
was asked (``storegraph.response_cache``: ``hit``/``miss``) and the upstream calls the
operation sent.

A subscription is counted apart: once its type is known (it is about to execute) it
leaves the in-flight gauge for ``storegraph_subscriptions_active`` until it closes, and
its lifetime never enters the latency histogram.

An operation the whole-response cache answers never reaches the schema:
:func:`answered_from_cache` records it the same way (counted, timed, logged, and a span
with ``storegraph.response_cache=hit``) at the cost of a few counters.

The app's :class:`~gateway.runtime.Runtime` (its metrics and tracer) is reached through
the request (``request.app.state.runtime``); an operation run outside an app records
nothing.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterator
from contextlib import nullcontext
from typing import Any

from graphql import GraphQLError, OperationDefinitionNode
from opentelemetry.trace import SpanKind, Status, StatusCode
from strawberry.exceptions import MissingQueryError
from strawberry.extensions import SchemaExtension
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError

from gateway import usage as upstream_usage
from gateway.metrics import ANONYMOUS, UNKNOWN
from gateway.telemetry.requests import OPERATIONS_KEY

PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
UNCODED = "UNCODED"
BAD_REQUEST = "BAD_REQUEST"
INTERNAL = "INTERNAL_SERVER_ERROR"
_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,63}")
_CODE = re.compile(r"[A-Z][A-Z0-9_]{0,39}")

_REFUSED = (MissingQueryError, CannotGetOperationTypeError, InvalidOperationTypeError)
"""Raised through the operation; the router answers 400."""

# Span attributes (OpenTelemetry semantic conventions where one exists).
OPERATION_NAME = "graphql.operation.name"
OPERATION_TYPE = "graphql.operation.type"
DOCUMENT_HASH = "graphql.document.sha256"
IDENTITY = "storegraph.identity"
ERROR_COUNT = "graphql.errors.count"
OUTCOME = "storegraph.outcome"
RESPONSE_CACHE = "storegraph.response_cache"
"""``hit`` / ``miss``: the whole-response cache was asked (absent: not cacheable)."""
UPSTREAM_CALLS = "storegraph.upstream.calls"
SUBSCRIPTION = "subscription"
HIT = "hit"


class OperationObserver(SchemaExtension):
    """Metrics and the span of one GraphQL operation (see the module docstring)."""

    def on_operation(self) -> Iterator[None]:
        runtime = _runtime_of(self.execution_context.context)
        if runtime is None:
            yield
            return
        metrics, tracer = runtime.metrics, runtime.tracer
        started = time.perf_counter()
        metrics.in_flight.inc()
        self._subscription = False
        spanning = (
            tracer.start_as_current_span(
                "graphql operation",
                kind=SpanKind.INTERNAL,
                record_exception=False,
                set_status_on_exception=False,
            )
            if tracer is not None
            else nullcontext()
        )
        with spanning as span:
            failure: Exception | None = None
            try:
                yield
            except Exception as exc:  # strawberry turns it into the response's error
                failure = exc
                raise
            finally:
                if self._subscription:
                    metrics.subscriptions.dec()
                else:
                    metrics.in_flight.dec()
                summary = summarize(self.execution_context, failure)
                metrics.operation(
                    summary.name,
                    summary.type,
                    summary.outcome,
                    None if self._subscription else time.perf_counter() - started,
                    summary.codes,
                )
                if span is not None:
                    _describe_span(span, summary, self.execution_context.query)
                _operations_of(self.execution_context.context).append(summary)

    def on_execute(self) -> Iterator[None]:
        runtime = _runtime_of(self.execution_context.context)
        if (
            runtime is not None
            and not self._subscription
            and _is_subscription(self.execution_context)
        ):
            self._subscription = True  # from now on an open subscription, not in flight
            runtime.metrics.in_flight.dec()
            runtime.metrics.subscriptions.inc()
        yield


def answered_from_cache(context: Any, name: str | None, document: str, started: float) -> None:
    """A query answered whole from the whole-response cache (``name``: its operation's,
    ``None`` when unnamed; ``started``: ``time.perf_counter()`` when it was asked for):
    counted, timed and logged like an executed one, with a span when tracing is on."""
    runtime = _runtime_of(context)
    if runtime is None:
        return
    label = name or ANONYMOUS
    summary = OperationSummary(label, "query", "ok", [], identity_class(context), HIT)
    runtime.metrics.operation(label, "query", "ok", time.perf_counter() - started, [])
    if runtime.tracer is not None:
        with runtime.tracer.start_as_current_span("graphql operation") as span:
            _describe_span(span, summary, document)
    _operations_of(context).append(summary)


class OperationSummary:
    """Name (bounded vocabulary: a GraphQL name, ``anonymous`` or ``unknown``), type,
    outcome (``ok``/``partial``/``error``), error codes and the caller's identity class
    of one finished operation."""

    __slots__ = ("codes", "identity", "name", "outcome", "response_cache", "type")

    def __init__(
        self,
        name: str,
        kind: str,
        outcome: str,
        codes: list[str],
        identity: str,
        response_cache: str | None = None,
    ) -> None:
        self.name, self.type, self.outcome, self.codes = name, kind, outcome, codes
        self.identity = identity
        self.response_cache = response_cache
        """``hit`` / ``miss`` when the whole-response cache was asked."""


def summarize(execution_context: Any, failure: Exception | None = None) -> OperationSummary:
    """The summary of a finished operation; ``failure``: what it raised, if it did (a
    document that did not parse, an operation the document does not have…)."""
    document = execution_context.graphql_document
    result = execution_context.result
    errors: list[Exception] = list(getattr(result, "errors", None) or [])
    if failure is not None and not errors:
        errors = [failure]
    codes = [_code_of(error, document) for error in errors]
    data = getattr(result, "data", None)
    outcome = "ok" if not errors else ("partial" if data else "error")
    usage = upstream_usage.current()
    return OperationSummary(
        _name_of(execution_context),
        _type_of(execution_context),
        outcome,
        codes,
        identity_class(execution_context.context),
        usage.response_cache if usage is not None else None,
    )


def _is_subscription(execution_context: Any) -> bool:
    return execution_context.graphql_document is not None and _type_of(execution_context) == (
        SUBSCRIPTION
    )


def _name_of(execution_context: Any) -> str:
    document = execution_context.graphql_document
    if document is None:
        return UNKNOWN
    try:
        name = execution_context.operation_name
    except Exception:
        return UNKNOWN
    if name is None:
        return ANONYMOUS
    defined = {
        d.name.value
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode) and d.name is not None
    }
    if name not in defined or not _NAME.fullmatch(name):
        return UNKNOWN  # a client-sent operationName the document does not define
    return str(name)


def _type_of(execution_context: Any) -> str:
    if execution_context.graphql_document is None:
        return UNKNOWN
    try:
        return str(execution_context.operation_type.value)
    except Exception:
        return UNKNOWN


def _code_of(error: Exception, document: Any) -> str:
    if not isinstance(error, GraphQLError):
        if isinstance(error, _REFUSED):
            return BAD_REQUEST  # no query, or no such operation in the document
        return PARSE_FAILED if document is None else INTERNAL
    code = (error.extensions or {}).get("code")
    if isinstance(code, str) and _CODE.fullmatch(code):
        return code
    if document is None:
        return PARSE_FAILED
    if not error.path:
        return VALIDATION_FAILED  # execution errors have a path, validation errors none
    return UNCODED


def identity_class(context: Any) -> str:
    """Who is asking, as a class — ``anonymous``, ``operator:admin``, ``litekart_customer``,
    ``rewards_user`` or a ``+`` of them — never who exactly (no subject, id or token)."""
    caller = getattr(context, "caller", None)
    if caller is None:
        return ANONYMOUS
    classes = []
    operator = getattr(caller, "operator", None)
    if operator is not None:
        roles = sorted(str(getattr(role, "value", role)) for role in operator.roles)
        classes.append("operator:" + ",".join(roles) if roles else "operator")
    if getattr(caller, "litekart_customer", None) is not None:
        classes.append("litekart_customer")
    if getattr(caller, "rewards_user", None) is not None:
        classes.append("rewards_user")
    return "+".join(classes) or ANONYMOUS


def document_hash(query: str | None) -> str | None:
    return None if query is None else hashlib.sha256(query.encode()).hexdigest()


def _describe_span(span: Any, summary: OperationSummary, query: str | None) -> None:
    name = summary.name if summary.name not in (ANONYMOUS, UNKNOWN) else ""
    span.update_name(f"{summary.type} {name}".strip() if summary.type != UNKNOWN else "graphql")
    attributes: dict[str, Any] = {
        OPERATION_TYPE: summary.type,
        IDENTITY: summary.identity,
        ERROR_COUNT: len(summary.codes),
        OUTCOME: summary.outcome,
    }
    if name:
        attributes[OPERATION_NAME] = name
    digest = document_hash(query)
    if digest is not None:
        attributes[DOCUMENT_HASH] = digest
    if summary.response_cache is not None:
        attributes[RESPONSE_CACHE] = summary.response_cache
    usage = upstream_usage.current()
    if usage is not None and summary.response_cache != HIT:
        attributes[UPSTREAM_CALLS] = sum(store.sent for store in usage.stores.values())
    span.set_attributes(attributes)
    if summary.outcome == "error":
        span.set_status(Status(StatusCode.ERROR, ",".join(sorted(set(summary.codes)))))


def _operations_of(context: Any) -> list[OperationSummary]:
    """The request's list for the request log line (a throwaway one outside a request)."""
    state = getattr(getattr(context, "request", None), "scope", {}).get("state")
    operations = state.get(OPERATIONS_KEY) if isinstance(state, dict) else None
    return operations if isinstance(operations, list) else []


def _runtime_of(context: Any) -> Any:
    request = getattr(context, "request", None)
    app = getattr(request, "app", None)
    state = getattr(app, "state", None)
    return getattr(state, "runtime", None)
