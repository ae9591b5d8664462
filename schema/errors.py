"""``ErrorPolicy``: what callers see of failures.

- Errors of the caller's own making (syntax, validation, limits, bad input) keep
  their message.
- Store failures (``GatewayError``) keep their safe message and carry
  ``extensions.code`` and, where known, ``source`` and ``retryAfter``.
- Anything unexpected is masked to ``Unexpected error.`` with code
  ``INTERNAL_SERVER_ERROR``: no stack trace, no upstream body, no credential.
- Errors of stores that failed under a merged list (whose other stores still
  answered) are appended after execution, beside the partial data.
- "Did you mean …?" suggestions (which tell a stranger the schema's names) are cut
  from every message unless introspection is on (``STOREGRAPH_INTROSPECTION``).

A subscription's results (each event, over a websocket or SSE) get the same
treatment, one by one.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Protocol

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult

from gateway.errors import GatewayError

logger = logging.getLogger("storegraph.errors")

MASKED_MESSAGE = "Unexpected error."


SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


def _without_suggestions(error: GraphQLError) -> GraphQLError:
    message = SUGGESTION.sub("", error.message)
    if message == error.message:
        return error
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions=error.extensions,
    )


def _shown(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return error
    if isinstance(original, GatewayError):
        return GraphQLError(
            original.message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions=original.extensions(),
        )
    logger.error("unexpected error in %s", error.path, exc_info=original)
    return GraphQLError(
        MASKED_MESSAGE,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={"code": "INTERNAL_SERVER_ERROR"},
    )


class _Result(Protocol):
    """An operation's result or one of its streamed results (strawberry's or graphql-core's)."""

    errors: list[GraphQLError] | None


class ErrorPolicy(SchemaExtension):
    """Shows caller and store errors, masks the unexpected, adds partial-data errors."""

    def on_operation(self) -> Iterator[None]:
        yield
        if self.execution_context.result is not None:
            self._apply(self.execution_context.result)

    def on_stream_result(self, result: object) -> Iterator[None]:
        if isinstance(result, ExecutionResult):
            self._apply(result)
        yield

    def _apply(self, result: _Result) -> None:
        errors = [_shown(e) for e in result.errors or []]
        context = self.execution_context.context
        if not getattr(getattr(context, "settings", None), "introspection", True):
            errors = [_without_suggestions(e) for e in errors]
        failures = getattr(context, "partial_errors", None) or []
        for failure, path in failures:
            errors.append(GraphQLError(failure.message, path=path, extensions=failure.extensions()))
        if failures:
            context.partial_errors = []  # reported once (a stream's next result is its own)
        result.errors = errors or None
