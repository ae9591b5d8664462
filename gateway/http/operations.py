"""Reading GraphQL operations out of an HTTP request (GraphQL over HTTP, and batches).

- ``GET``: the ``query``, ``operationName``, ``variables`` (JSON), ``extensions`` (JSON)
  and ``documentId`` URL parameters.
- ``POST``: an ``application/json`` body holding one request object, or a JSON array of
  them (a batch, as Apollo's batch link sends) of at most ``max_batch`` operations.

Anything malformed raises :class:`~gateway.http.errors.RequestError` (``BAD_REQUEST``,
``UNSUPPORTED_MEDIA_TYPE``, ``TOO_MANY_OPERATIONS``). In a batch, a malformed entry
fails alone: its place holds the error and the other operations still run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson
from starlette.requests import Request

from gateway.http.errors import (
    BAD_REQUEST,
    TOO_MANY_OPERATIONS,
    UNSUPPORTED_MEDIA_TYPE,
    RequestError,
)
from gateway.http.negotiation import content_media_type

JSON_MEDIA_TYPE = "application/json"


@dataclass(frozen=True)
class Operation:
    """One GraphQL request: a document (or a persisted one's id) and its inputs."""

    query: str | None = None
    operation_name: str | None = None
    variables: dict[str, Any] | None = None
    extensions: dict[str, Any] | None = None
    document_id: str | None = None


Parsed = Operation | RequestError


def operation_from(data: Any) -> Operation:
    """One request object, checked: ``query``, ``operationName`` and ``documentId`` are
    strings or null, ``variables`` and ``extensions`` objects or null."""
    if not isinstance(data, dict):
        raise RequestError("A GraphQL request must be a JSON object.")
    for name in ("query", "operationName", "documentId"):
        if data.get(name) is not None and not isinstance(data[name], str):
            raise RequestError(f"The request's `{name}` must be a string or null.")
    for name in ("variables", "extensions"):
        if data.get(name) is not None and not isinstance(data[name], dict):
            raise RequestError(f"The request's `{name}` must be an object or null.")
    return Operation(
        query=data.get("query"),
        operation_name=data.get("operationName"),
        variables=data.get("variables"),
        extensions=data.get("extensions"),
        document_id=data.get("documentId"),
    )


def _json_parameter(raw: str | None, name: str) -> Any:
    if raw is None or raw == "":
        return None
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise RequestError(f"The `{name}` URL parameter is not valid JSON.") from None


def from_query_string(request: Request) -> Operation:
    """The operation of a ``GET`` request."""
    params = request.query_params
    return operation_from(
        {
            "query": params.get("query"),
            "operationName": params.get("operationName") or None,
            "variables": _json_parameter(params.get("variables"), "variables"),
            "extensions": _json_parameter(params.get("extensions"), "extensions"),
            "documentId": params.get("documentId") or None,
        }
    )


async def from_body(request: Request, max_batch: int) -> tuple[list[Parsed], bool]:
    """The operations of a ``POST`` request, and whether it was a batch."""
    media_type = content_media_type(request.headers)
    if media_type != JSON_MEDIA_TYPE:
        shown = media_type or "none"
        raise RequestError(
            f"Send GraphQL requests as `{JSON_MEDIA_TYPE}` (the content type was {shown}).",
            UNSUPPORTED_MEDIA_TYPE,
            status=415,
        )
    body = await request.body()
    if not body.strip():
        raise RequestError("The request body is empty: send a JSON object with a `query`.")
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise RequestError("The request body is not valid JSON.", BAD_REQUEST) from None
    if not isinstance(data, list):
        return [operation_from(data)], False
    if not data:
        raise RequestError("A batch must hold at least one operation.")
    if len(data) > max_batch:
        raise RequestError(
            f"A batch may hold at most {max_batch} operations (it held {len(data)}).",
            TOO_MANY_OPERATIONS,
        )
    if not all(isinstance(item, dict) for item in data):
        # not a batch of GraphQL requests at all, so no part of it is answered
        raise RequestError("Each operation of a batch must be a JSON object.", BAD_REQUEST)
    parsed: list[Parsed] = []
    for item in data:
        try:
            parsed.append(operation_from(item))
        except RequestError as error:
            parsed.append(error)
    return parsed, True
