"""What an execution result looks like on the wire.

:func:`wire_payload` turns a strawberry ``ExecutionResult`` into the response object:

- a result that failed before execution — parsing, validation, a variable that does
  not coerce, an unknown operation — has no ``data`` entry (GraphQL spec), and
  :func:`status_of` gives it ``400`` under ``application/graphql-response+json``,
  ``200`` under legacy ``application/json``; a result with ``data`` (even ``null``) is
  ``200``;
- every error carries ``extensions.code`` (``GRAPHQL_PARSE_FAILED``,
  ``GRAPHQL_VALIDATION_FAILED``, ``BAD_USER_INPUT`` where the error brought none of its
  own — limits bring theirs) and ``extensions.requestId``;
- ``extensions.upstream`` tells, per store touched, what the answer used
  (:meth:`gateway.usage.UpstreamUsage.extensions`).
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError

from gateway.http.errors import BAD_USER_INPUT, GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED
from gateway.http.negotiation import GRAPHQL_RESPONSE_JSON

SYNTAX_ERROR_PREFIX = "Syntax Error"


def failed_before_execution(result: ExecutionResult) -> bool:
    """Nothing was executed: no data, and no error belongs to a field."""
    errors = result.errors or []
    return result.data is None and bool(errors) and all(e.path is None for e in errors)


def _default_code(result: ExecutionResult, error: GraphQLError) -> str | None:
    if isinstance(result, PreExecutionError):
        if error.message.startswith(SYNTAX_ERROR_PREFIX):
            return GRAPHQL_PARSE_FAILED
        return GRAPHQL_VALIDATION_FAILED
    if failed_before_execution(result):
        return BAD_USER_INPUT  # the variables did not coerce
    return None


def _error(result: ExecutionResult, error: GraphQLError, request_id: str | None) -> Any:
    formatted: dict[str, Any] = {**error.formatted}
    extensions = dict(formatted.get("extensions") or {})
    if "code" not in extensions:
        code = _default_code(result, error)
        if code is not None:
            extensions["code"] = code
    if request_id:
        extensions["requestId"] = request_id
    if extensions:
        formatted["extensions"] = extensions
    return formatted


def wire_payload(
    result: ExecutionResult,
    *,
    request_id: str | None,
    upstream: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The response object for ``result`` (see the module docstring)."""
    payload: dict[str, Any] = {}
    if not failed_before_execution(result):
        payload["data"] = result.data
    if result.errors:
        payload["errors"] = [_error(result, e, request_id) for e in result.errors]
    extensions = dict(result.extensions or {})
    if upstream:
        extensions["upstream"] = upstream
    if extensions:
        payload["extensions"] = extensions
    return payload


def status_of(payload: dict[str, Any], media_type: str) -> int:
    """The HTTP status of a single answer in ``media_type``."""
    if "data" not in payload and media_type == GRAPHQL_RESPONSE_JSON:
        return 400
    return 200
