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
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

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


class ErrorPolicy(SchemaExtension):
    """Shows caller and store errors, masks the unexpected, adds partial-data errors."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is None:
            return
        errors = [_shown(e) for e in result.errors or []]
        context = self.execution_context.context
        if not getattr(getattr(context, "settings", None), "introspection", True):
            errors = [_without_suggestions(e) for e in errors]
        for failure in getattr(context, "partial_errors", ()):
            errors.append(GraphQLError(failure.message, extensions=failure.extensions()))
        result.errors = errors or None
