"""The one write executor: every mutation of every store runs through :func:`execute`.

In order, for a :class:`~gateway.writes.spec.Write` and the caller's input:

1. **who may call it** — decided before the executor runs, by the permission
   extension the factory puts on the mutation (``@requires``; ``UNAUTHENTICATED`` /
   ``FORBIDDEN``, no store asked); here, the credential it admits the caller with;
2. **local validation** — the ids (a global id of the wrong type or store is a user
   error; the store's raw id is taken as it is), then the store document's rules on
   the store's values (:mod:`gateway.writes.validate`): a bad input costs no upstream
   call and no rate-limit budget;
3. **idempotency** — with an ``Idempotency-Key`` on a non-idempotent write, the
   (caller, key) is claimed in the :class:`~gateway.state.idempotency.IdempotencyStore`:
   a retry replays the first outcome, a different input under the same key is
   ``IDEMPOTENCY_KEY_REUSED``, a concurrent twin waits for the first and replays it;
4. **the store call** — path segments encoded, the body in the store's spelling, the
   caller's credential, never retried once it may have reached the store;
5. **refusals** — a 400/404/409/422 becomes user errors with the store's code and the
   input's field path (:mod:`gateway.writes.refusals`); other failures stay GraphQL
   errors. A write whose outcome is unknown (timeout, 5xx) is recorded as such under
   its key: a retry with that key is told so instead of writing again;
6. **read-your-writes** — the cached reads the write made stale are dropped
   (``ResponseCache.drop``: paths, paths and below, tags — the grammar webhook events
   use too), the request's loaders are all forgotten and primed with the store's
   answer.

The result is a :class:`Outcome`: the executed :class:`~gateway.writes.spec.Call`
(the payload's fields are read from it) or the user errors.
"""

from __future__ import annotations

import hashlib
import re
import string
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from enum import Enum
from typing import Any
from urllib.parse import quote

import orjson

from gateway.errors import (
    BadUpstreamRequest,
    BadUserInput,
    Forbidden,
    GatewayError,
    NotFound,
    RateLimited,
    Unauthenticated,
    UpstreamUnavailable,
)
from gateway.identity import StoreCredential
from gateway.paths import SLUG, InvalidId, check_id, upstream_path
from gateway.sources import Source
from gateway.state.idempotency import Owner, Replay, Reused
from gateway.writes.access import caller_scope, store_credential
from gateway.writes.refusals import refusal_problems
from gateway.writes.spec import Call, Field, Naming, Shape, Stale, Write
from gateway.writes.validate import BAD_USER_INPUT, INPUT, PathItem, Problem, problems

IDEMPOTENCY_KEY_FIELD = "idempotencyKey"
KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
OUTCOME_UNKNOWN = "IDEMPOTENCY_OUTCOME_UNKNOWN"
NOT_SENT = (UpstreamUnavailable, RateLimited, Unauthenticated, Forbidden)
"""Failures after which the store provably did not write: the key is released."""
REFUSALS = (BadUpstreamRequest, NotFound)
"""Store answers that are the caller's mistake: user errors, and the write did nothing."""

IdReader = Callable[[object, str, Source, str], str]
"""``(value, type name, store, field path) -> the store's id``: the graph's one id
reader (``schema.ids.store_id``), raising ``BAD_USER_INPUT`` for a global id of another
type or store and for a value the store's ids cannot be."""


@dataclass
class Outcome:
    """What a write came to: the executed call, or why it was not made."""

    call: Call | None = None
    problems: list[Problem] = field(default_factory=list)


async def execute(
    context: Any,
    write: Write,
    given: dict[str, Any],
    *,
    read_id: IdReader,
    idempotency_key: str | None = None,
) -> Outcome:
    """Run ``write`` for the caller with ``given`` (graph names; absent fields left out)."""
    values, found = _resolve_ids(write, given, read_id)
    found = found or problems(write, values) or _path_problems(write, values)
    if found:
        return Outcome(problems=found)
    credential = store_credential(context, write)
    if idempotency_key is None or write.is_idempotent:
        return await _perform(context, write, values, credential)
    return await _with_key(context, write, values, idempotency_key, credential)


# ---------------------------------------------------------------- ids


def _resolve_ids(
    write: Write, given: dict[str, Any], read_id: IdReader
) -> tuple[dict[str, Any], list[Problem]]:
    found: list[Problem] = []
    values = _resolve_in(write.fields, given, (INPUT,), write.source, read_id, found)
    return values, found


def _resolve_in(
    fields: Sequence[Field],
    given: dict[str, Any],
    at: tuple[PathItem, ...],
    source: Source,
    read_id: IdReader,
    found: list[Problem],
) -> dict[str, Any]:
    values = dict(given)
    for f in fields:
        if f.name not in given or given[f.name] is None:
            continue
        value = given[f.name]
        items = list(enumerate(value)) if f.many else [(None, value)]
        resolved: list[Any] = []
        for index, item in items:
            where = (*at, f.name) if index is None else (*at, f.name, index)
            if isinstance(f.kind, Shape):
                resolved.append(_resolve_in(f.kind.fields, item, where, source, read_id, found))
            elif f.id_of:
                raw = None
                try:
                    raw = read_id(item, f.id_of, source, ".".join(map(str, where)))
                except BadUserInput as refused:
                    found.append(Problem(where, refused.message, BAD_USER_INPUT))
                resolved.append(raw)
            else:
                resolved.append(item)
        values[f.name] = resolved if f.many else resolved[0]
    return values


def _path_problems(write: Write, values: dict[str, Any]) -> list[Problem]:
    """Path values that are not ids (read above) but that the store's ids could not be
    either: they would choose another route."""
    for name in write.path_fields:
        f = write.field_named(name)
        if f is not None and f.id_of:
            continue
        value = _encode_value(f, values[name], write.naming) if f is not None else values[name]
        try:
            check_id(write.source, value, field=f"input.{name}", id_format=SLUG)
        except InvalidId as invalid:
            return [Problem((INPUT, name), invalid.message, BAD_USER_INPUT)]
    return []


# ---------------------------------------------------------------- idempotency


def request_hash(write: Write, values: dict[str, Any]) -> str:
    """What makes two requests "the same": the write and its validated input."""
    canonical = orjson.dumps(
        {"write": write.name, "input": values}, option=orjson.OPT_SORT_KEYS, default=str
    )
    return hashlib.sha256(canonical).hexdigest()


async def _with_key(
    context: Any, write: Write, values: dict[str, Any], key: str, credential: StoreCredential
) -> Outcome:
    store = context.idempotency
    scope = f"{caller_scope(context)}:{key}"
    claim = await store.claim(scope, request_hash(write, values))
    if isinstance(claim, Reused):
        return Outcome(problems=[_reused()])
    if isinstance(claim, Replay):
        return _replay(context, write, values, claim.record)
    assert isinstance(claim, Owner)
    try:
        outcome = await _perform(context, write, values, credential)
    except NOT_SENT:
        claim.release()
        raise
    except GatewayError:
        claim.finish({"kind": "unknown"})
        raise
    except BaseException:
        claim.release()
        raise
    if outcome.call is not None:
        call = outcome.call
        claim.finish({"kind": "done", "body": call.body, "status": call.status})
    else:
        claim.finish({"kind": "refused", "problems": [_dump(p) for p in outcome.problems]})
    return outcome


def _replay(context: Any, write: Write, values: dict[str, Any], record: dict[str, Any]) -> Outcome:
    kind = record.get("kind")
    if kind == "done":
        body = record["body"]
        call = Call(values, body, record["status"], replayed=True, result=_unwrap(write, body))
        _refresh_loaders(context, write, call)
        return Outcome(call=call)
    if kind == "refused":
        return Outcome(problems=[_load(p) for p in record["problems"]])
    return Outcome(
        problems=[
            Problem(
                (INPUT, IDEMPOTENCY_KEY_FIELD),
                "The first request with this key may or may not have reached the store (it "
                "did not answer in time). Check what the store holds before writing again "
                "with a new key.",
                OUTCOME_UNKNOWN,
            )
        ]
    )


def _reused() -> Problem:
    return Problem(
        (INPUT, IDEMPOTENCY_KEY_FIELD),
        "This idempotency key was already used for a different request.",
        KEY_REUSED,
    )


def _dump(problem: Problem) -> dict[str, Any]:
    return {"field": list(problem.field or []), "message": problem.message, "code": problem.code}


def _load(data: dict[str, Any]) -> Problem:
    return Problem(tuple(data["field"]) or None, data["message"], data["code"])


# ---------------------------------------------------------------- the call


async def _perform(
    context: Any, write: Write, values: dict[str, Any], credential: StoreCredential
) -> Outcome:
    client = context.client(write.source)
    path = store_path(write, values)
    body = write.body(values) if write.body is not None else encode(write, values)
    try:
        response = await client.send_json(
            write.method, path, body, credential=credential, deadline=context.deadline
        )
    except REFUSALS as refused:
        return Outcome(problems=refusal_problems(write, refused))
    call = Call(values, response.json, response.status, result=_unwrap(write, response.json))
    _invalidate(context, write, call, client)
    _refresh_loaders(context, write, call)
    return Outcome(call=call)


def store_path(write: Write, values: dict[str, Any]) -> str:
    """The write's path, each of its fields one checked, encoded segment (raises
    :class:`~gateway.paths.InvalidId` for a value the store's ids cannot be)."""
    template = re.sub(r"\{\w+\}", "{}", write.path)
    segments = []
    for name in write.path_fields:
        f = write.field_named(name)
        value = _encode_value(f, values[name], write.naming) if f is not None else values[name]
        segments.append(value)
    id_fields = [write.field_named(n) for n in write.path_fields]
    id_format = None if all(f is not None and f.id_of for f in id_fields) else SLUG
    return upstream_path(write.source, template, *segments, id_format=id_format)


def _unwrap(write: Write, body: Any) -> Any:
    try:
        return write.unwrap(body) if body is not None else None
    except (KeyError, IndexError, TypeError):
        return None


def encode(write: Write, values: dict[str, Any]) -> Any:
    """The store's JSON body: body fields given, in the store's spelling."""
    fields = write.body_fields
    if not fields:
        return None
    return encode_fields(fields, values, write.naming)


def encode_fields(fields: Sequence[Field], values: dict[str, Any], naming: Naming) -> dict:
    """``values`` (graph names) as the store's JSON object, in its spelling."""
    body: dict[str, Any] = {}
    for f in fields:
        if f.name not in values:
            continue
        value = values[f.name]
        if f.many and value is not None:
            body[f.store_name(naming)] = [_encode_value(f, v, naming) for v in value]
        else:
            body[f.store_name(naming)] = _encode_value(f, value, naming)
    return body


def _encode_value(f: Field, value: Any, naming: Naming) -> Any:
    if value is None:
        return None
    if f.to_store is not None:
        return f.to_store(value)
    if isinstance(f.kind, Shape):
        return encode_fields(f.kind.fields, value, naming)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
        return moment.isoformat()
    if isinstance(value, Decimal):
        return (
            int(value) if value == value.to_integral_value() and f.decimals == 0 else float(value)
        )
    return value


# ---------------------------------------------------------------- read-your-writes


def _format(template: str, call: Call) -> str | None:
    try:
        return template.format(
            **{k: _cache_segment(v) for k, v in call.values.items() if not isinstance(v, list)},
            result=call.result,
        )
    except (KeyError, IndexError, TypeError, AttributeError):
        return None  # the answer lacks what the template names (a 204): nothing to drop


def _cache_segment(value: Any) -> str:
    """A value as the reads put it in their paths (what the cache keys hold)."""
    text = value.value if isinstance(value, Enum) else str(value)
    return quote(text, safe=string.ascii_letters + string.digits + "_-~.")


def _paths(templates: Iterable[Stale], call: Call) -> list[str]:
    paths: list[str] = []
    for template in templates:
        if callable(template):
            paths.extend(template(call))
        else:
            formatted = _format(template, call)
            if formatted:
                paths.append(formatted)
    return paths


def _invalidate(context: Any, write: Write, call: Call, client: Any) -> None:
    """Drop what the write made stale, in the cache's one grammar (``/path``, ``/path*``,
    tags): the same the webhook events use."""
    targets = _paths(write.stale, call)
    if write.tags is not None:
        targets += list(write.tags(context, call))
    client.cache.drop(write.source, targets)


def _refresh_loaders(context: Any, write: Write, call: Call) -> None:
    """Forget everything the request's loaders hold — of every store: a write may change
    what any of them derived (a product's rating from its reviews, the same-item index
    from every store's lists) — then prime them with the store's answer. The payload
    and the document's later fields read again through the response cache, which the
    write has just cleared of what it made stale: nothing loaded before shows again."""
    context.forget_loaders("")
    if write.prime is not None:
        write.prime(context, call)
