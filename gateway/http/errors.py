"""Request-level errors: requests the edge refuses before, or instead of, executing.

Each is answered as GraphQL JSON — ``{"errors": [{"message", "extensions": {"code",
"requestId"}}]}`` with no ``data`` entry — never as plain text. Its HTTP status follows
GraphQL over HTTP: a request that is not well-formed (bad JSON, bad parameters, no
query, a bad batch, a refused persisted query) is ``400`` whatever the media type; the
transport's own refusals keep theirs (``405``, ``406``, ``415``); an unknown persisted
query is ``200`` (Apollo clients then send the document). ``status=None`` marks a
GraphQL request error (an unknown operation): ``400`` for
``application/graphql-response+json``, ``200`` for legacy ``application/json`` — the
same rule as parse and validation errors (:mod:`gateway.http.results`).

A refusal made by a middleware before the endpoint (CSRF prevention, the body limit, the
per-caller rate limit) is answered with :meth:`RequestError.response`: the same body, as
``application/json``, ``no-store``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson
from starlette.responses import Response

from gateway.http.http_cache import NO_STORE

BAD_REQUEST = "BAD_REQUEST"
GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
BAD_USER_INPUT = "BAD_USER_INPUT"
OPERATION_RESOLUTION_FAILURE = "OPERATION_RESOLUTION_FAILURE"
PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
PERSISTED_QUERY_NOT_SUPPORTED = "PERSISTED_QUERY_NOT_SUPPORTED"
PERSISTED_QUERY_HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH"
PERSISTED_QUERY_NOT_IN_LIST = "PERSISTED_QUERY_NOT_IN_LIST"
TOO_MANY_OPERATIONS = "TOO_MANY_OPERATIONS"
METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
NOT_ACCEPTABLE = "NOT_ACCEPTABLE"
UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"
CSRF_PREVENTED = "CSRF_PREVENTED"


class RequestError(Exception):
    """A request refused at the edge (see the module docstring)."""

    def __init__(
        self,
        message: str,
        code: str = BAD_REQUEST,
        *,
        status: int | None = 400,
        headers: Mapping[str, str] | None = None,
        extensions: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status
        self.headers = dict(headers or {})
        self.extensions = dict(extensions or {})
        """What the error says beyond its code (``limit``, ``retryAfter``)."""

    def error(self, request_id: str | None) -> dict[str, Any]:
        """This error as one entry of a GraphQL response's ``errors``."""
        extensions: dict[str, Any] = {"code": self.code, **self.extensions}
        if request_id:
            extensions["requestId"] = request_id
        return {"message": self.message, "extensions": extensions}

    def body(self, request_id: str | None) -> dict[str, Any]:
        """A whole GraphQL response carrying only this error (no ``data``)."""
        return {"errors": [self.error(request_id)]}

    def response(self, request_id: str | None) -> Response:
        """The refusal as a whole HTTP response (a middleware's, before the endpoint
        negotiates a media type): ``application/json``, ``no-store``, its headers."""
        return Response(
            orjson.dumps(self.body(request_id)),
            status_code=self.status or 400,
            media_type="application/json; charset=utf-8",
            headers={"Cache-Control": NO_STORE, **self.headers},
        )

    def __repr__(self) -> str:
        return f"RequestError({self.message!r}, {self.code!r}, status={self.status!r})"
