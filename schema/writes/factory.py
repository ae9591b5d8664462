"""Mutations made from write declarations: one factory for every store.

For a :class:`~gateway.writes.spec.Write` named ``addLitekartCartItem`` it makes the
``AddLitekartCartItemInput`` input (one field per declared field, with its
description and rules; ``idempotencyKey`` on non-idempotent writes), the
``AddLitekartCartItemPayload`` (the declared results plus ``userErrors``) and the
mutation field whose resolver hands the input to the one executor
(:func:`gateway.writes.executor.execute`). No store has a hand-written mutation.

An ``Idempotency-Key`` request header applies to every non-idempotent mutation of the
document, each under its own response key (alias), so retrying a whole document
replays each of its writes; ``input.idempotencyKey`` wins over the header.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Annotated, Any

import strawberry
from strawberry import Private
from strawberry.extensions import FieldExtension
from strawberry.types import Info

from gateway.sources import Source
from gateway.writes.executor import IDEMPOTENCY_KEY_FIELD, execute
from gateway.writes.spec import MISSING, Call, Field, Result, Shape, Write
from gateway.writes.validate import Problem
from schema.ids import store_id
from schema.payloads import UserError
from schema.permissions import requires

IDEMPOTENCY_HEADER = "idempotency-key"
MAX_KEY_LENGTH = 255


def type_name(write: Write, suffix: str) -> str:
    return write.name[:1].upper() + write.name[1:] + suffix


# ---------------------------------------------------------------- inputs


def rules_text(f: Field) -> str:
    """The field's rules in words, appended to its description."""
    notes = []
    if f.min_length and f.max_length:
        notes.append(f"{f.min_length}-{f.max_length} characters.")
    elif f.max_length:
        notes.append(f"At most {f.max_length} characters.")
    elif f.min_length:
        notes.append(f"At least {f.min_length} characters.")
    low = f.ge if f.ge is not None else None
    if low is not None and f.le is not None:
        notes.append(f"{_num(low)}-{_num(f.le)}.")
    elif f.gt is not None:
        notes.append(f"More than {_num(f.gt)}" + (f", at most {_num(f.le)}." if f.le else "."))
    elif low is not None:
        notes.append(f"At least {_num(low)}.")
    elif f.le is not None:
        notes.append(f"At most {_num(f.le)}.")
    if f.decimals is not None:
        notes.append(f"At most {f.decimals} decimal places.")
    if f.max_items:
        notes.append(f"At most {f.max_items} items.")
    if f.min_items:
        notes.append(f"At least {f.min_items} item{'s' if f.min_items > 1 else ''}.")
    if f.id_of:
        notes.append(f"The global id of a `{f.id_of}` (the store's own id is accepted too).")
    return " ".join([f.description, *notes]).strip()


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _graph_type(f: Field) -> Any:
    kind = f.kind
    if isinstance(kind, Shape):
        base: Any = shape_type(kind)
    elif f.id_of:
        base = strawberry.ID
    elif kind in (str, int, bool, Decimal, datetime) or (
        isinstance(kind, type) and issubclass(kind, Enum)
    ):
        base = kind
    else:
        raise TypeError(f"{f.name}: unsupported input kind {kind!r}")
    return list[base] if f.many else base


def _input_attrs(fields: Sequence[Field]) -> dict[str, Any]:
    annotations: dict[str, Any] = {}
    attrs: dict[str, Any] = {"__annotations__": annotations}
    ordered = [f for f in fields if f.required and f.default is MISSING]
    ordered += [f for f in fields if f not in ordered]
    for f in ordered:
        graph = _graph_type(f)
        if f.required and f.default is MISSING:
            annotations[f.name] = graph
            attrs[f.name] = strawberry.field(name=f.name, description=rules_text(f))
        else:
            annotations[f.name] = graph if f.required else graph | None
            default = strawberry.UNSET if f.default is MISSING else f.default
            attrs[f.name] = strawberry.field(
                name=f.name, description=rules_text(f), default=default
            )
    return attrs


@cache
def shape_type(shape: Shape) -> Any:
    """The GraphQL input type of a nested shape (one per shape, shared by writes)."""
    cls = type(shape.name, (), _input_attrs(shape.fields))
    return strawberry.input(cls, name=shape.name, description=shape.description)


def input_type(write: Write) -> Any:
    attrs = _input_attrs(write.fields)
    if not write.is_idempotent:
        attrs["__annotations__"][IDEMPOTENCY_KEY_FIELD] = str | None
        attrs[IDEMPOTENCY_KEY_FIELD] = strawberry.field(
            name=IDEMPOTENCY_KEY_FIELD,
            default=strawberry.UNSET,
            description="A key of your choosing (at most 255 characters) that makes a "
            "retry safe: a second request with the same key replays the first outcome "
            "instead of writing again (kept 24 h). Overrides the `Idempotency-Key` header.",
        )
    name = type_name(write, "Input")
    return strawberry.input(
        type(name, (), attrs), name=name, description=f"The input of `{write.name}`."
    )


# ---------------------------------------------------------------- payloads


def _result_field(result: Result) -> Any:
    def resolve(self: Any, info: Info) -> Any:
        call = self.call
        return None if call is None else result.pick(call, info.context)

    resolve.__annotations__ = {"self": Any, "info": Info, "return": result.type | None}
    return strawberry.field(
        resolver=resolve,
        name=result.name,
        description=result.description + " Null when the write was refused.",
    )


PrivateCall = Private[Call | None]
"""A payload's ``call``: the store call it reports on, never in the schema."""


def payload_type(write: Write) -> Any:
    attrs: dict[str, Any] = {"__annotations__": {"call": PrivateCall}, "call": None}
    for result in write.results:
        attrs[result.name] = _result_field(result)
    attrs["__annotations__"]["user_errors"] = list[UserError]
    attrs["user_errors"] = strawberry.field(
        name="userErrors",
        description="What was wrong with the input (checked locally or refused by the "
        "store); empty when the write was made.",
        default_factory=list,
    )
    name = type_name(write, "Payload")
    return strawberry.type(
        type(name, (), attrs), name=name, description=f"What `{write.name}` answers."
    )


# ---------------------------------------------------------------- values


def read_id(value: object, type_name: str, source: Source, field: str) -> str:
    """The graph's one id reader for an input's id field (raises ``BAD_USER_INPUT``)."""
    return store_id(value, type_name, source, field=field)


def given_values(obj: Any, fields: Iterable[Field]) -> dict[str, Any]:
    """An input object as a plain dict of what was given (unset fields left out)."""
    values: dict[str, Any] = {}
    for f in fields:
        value = getattr(obj, f.name, strawberry.UNSET)
        if value is strawberry.UNSET:
            continue
        if isinstance(f.kind, Shape) and value is not None:
            if f.many:
                value = [given_values(v, f.kind.fields) for v in value]
            else:
                value = given_values(value, f.kind.fields)
        values[f.name] = value
    return values


def _user_error(problem: Problem) -> UserError:
    path = [str(p) for p in problem.field] if problem.field else None
    return UserError(field=path, message=problem.message, code=problem.code)


def _key(info: Info, input: Any) -> tuple[str | None, str | None]:
    """``(the key as the client sent it, the key the outcome is kept under)``."""
    own = getattr(input, IDEMPOTENCY_KEY_FIELD, strawberry.UNSET)
    if own not in (strawberry.UNSET, None):
        return str(own), str(own)
    request = getattr(info.context, "request", None)
    header = request.headers.get(IDEMPOTENCY_HEADER) if request is not None else None
    return (header, f"{header}:{info.path.key}") if header else (None, None)


# ---------------------------------------------------------------- mutations


def mutation_field(write: Write) -> Any:
    """The mutation field of ``write``: one ``input`` argument, a payload."""
    payload = payload_type(write)
    input_cls = input_type(write)

    async def resolve(info: Info, input: Any) -> Any:
        sent, key = _key(info, input)
        if sent is not None and len(sent) > MAX_KEY_LENGTH:
            problem = Problem(
                ("input", IDEMPOTENCY_KEY_FIELD),
                f"Idempotency key must be at most {MAX_KEY_LENGTH} characters.",
                "BAD_USER_INPUT",
            )
            return payload(user_errors=[_user_error(problem)])
        outcome = await execute(
            info.context,
            write,
            given_values(input, write.fields),
            read_id=read_id,
            idempotency_key=key,
        )
        if outcome.call is None:
            return payload(user_errors=[_user_error(p) for p in outcome.problems])
        return payload(call=outcome.call, user_errors=[])

    resolve.__annotations__ = {
        "info": Info,
        "input": Annotated[input_cls, strawberry.argument(description="What to write.")],
        "return": payload | None,
    }
    requirement = write.access.requirement
    extensions: list[FieldExtension] = (
        [] if requirement is None else [requires(requirement, creator=_owner(write))]
    )
    return strawberry.mutation(
        resolver=resolve,
        name=write.name,
        description=_description(write),
        extensions=extensions,
    )


def _owner(write: Write) -> Any:
    """For writes a creator may make for themselves: the creator the input names."""
    field = write.access.creator
    if field is None:
        return None
    return lambda source, arguments: getattr(arguments.get("input"), field, None)


def _description(write: Write) -> str:
    notes = [write.description]
    if write.access.public:
        notes.append("Anyone may call it.")
    if not write.is_idempotent:
        notes.append("Takes an `Idempotency-Key` (header or `input.idempotencyKey`).")
    return " ".join(notes)


def mutation_type(name: str, writes: Iterable[Write]) -> Any:
    """A Mutation type with one field per write (merged into the schema's root)."""
    attrs = {write.name: mutation_field(write) for write in writes}
    return strawberry.type(type(name, (), attrs), name=name)
