"""Write declarations: one store write endpoint, described as data.

A :class:`Write` says everything the one executor (:mod:`gateway.writes.executor`)
and the mutation factory (:mod:`schema.writes.factory`) need: the store, method and
path template; the input's fields (:class:`Field`, nested as :class:`Shape`) with the
rules the store's document gives them; what the payload returns (:class:`Result`); who
may call it (:class:`Access`); which cached reads it makes stale; whether a retry is
harmless (``idempotent``) or needs an ``Idempotency-Key``.

Field names are the graph's (camelCase). The store's name for a field is its
``store`` name, or the graph name converted by the declaration's ``naming``. Path
templates name fields in braces (``/api/carts/{cartId}/items``); those fields are path
segments, not body keys. ``stale`` entries are path templates too, formatted with the
input's values and the store's answer (``{result[customer_id]}``); they name the cached
reads a write makes stale (every query of that path: the object, and a list read under
any filter; ``/path*``: that path and below), in :meth:`gateway.cache.ResponseCache.drop`'s
grammar.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from gateway.identity import Requirement, Role
from gateway.sources import Source


class Naming(Enum):
    """How a store spells the graph's camelCase field names."""

    SNAKE = "snake"
    CAMEL = "camel"

    def convert(self, name: str) -> str:
        if self is Naming.CAMEL:
            return name
        return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


class Missing:
    """The marker of a field with no graph default."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = Missing()


@dataclass(frozen=True)
class Shape:
    """A nested input object (an address, a line of an order, a media item)."""

    name: str
    description: str
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Field:
    """One input field and the rules the store's document gives it.

    ``kind`` is ``str``, ``int``, ``bool``, ``Decimal``, ``datetime``, an ``Enum`` or a
    :class:`Shape` (no free-form JSON: every value the graph takes is typed); ``many``
    makes it a list. ``id_of`` makes it an id: the global id of an object of that type
    (or the store's raw id). ``code``/``message`` replace the generic user error for
    this field.
    """

    name: str
    kind: Any
    description: str
    required: bool = False
    many: bool = False
    store: str | None = None
    default: Any = MISSING
    id_of: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    ge: float | None = None
    gt: float | None = None
    le: float | None = None
    min_items: int | None = None
    max_items: int | None = None
    pattern: str | None = None
    decimals: int | None = None
    code: str | None = None
    message: str | None = None
    to_store: Callable[[Any], Any] | None = None
    """Turns the validated value into what the store is sent (a number for a digits id,
    a compound id's own part)."""

    def store_name(self, naming: Naming) -> str:
        return self.store or naming.convert(self.name)


@dataclass(frozen=True)
class Access:
    """Who may call a write, and so with whose credential the store is called — the
    one permission mechanism's :class:`~gateway.identity.Requirement`, declared here.

    ``roles``: operator roles, any of which admits the caller (``admin`` always does;
    the gateway's own store credential is used). ``viewer``: stores whose end users may
    call it with their own credential, forwarded so the store enforces ownership (a
    Litekart customer's JWT, a Rewards user token). ``creator``: the input field naming
    a Litestore creator — a ``creator`` operator may call it for that creator only.
    ``public``: anyone (a shopper's review): the gateway's own credential.
    """

    roles: frozenset[Role] = frozenset()
    viewer: frozenset[Source] = frozenset()
    creator: str | None = None
    public: bool = False

    @classmethod
    def of(
        cls,
        *roles: str,
        viewer: Iterable[Source] = (),
        creator: str | None = None,
        public: bool = False,
    ) -> Access:
        return cls(frozenset(Role(r) for r in roles), frozenset(viewer), creator, public)

    @property
    def requirement(self) -> Requirement | None:
        """The requirement callers must meet (``None``: public)."""
        if self.public:
            return None
        return Requirement(self.roles, self.viewer, creator=self.creator is not None)


@dataclass
class Call:
    """A write as executed: the validated input (graph names, ids as the store's raw
    ids) and the store's answer."""

    values: dict[str, Any]
    body: Any = None
    status: int = 0
    replayed: bool = False
    result: Any = None
    """The changed object's JSON, out of the store's envelope (``Write.unwrap``)."""


@dataclass(frozen=True)
class Result:
    """A payload field: its graph type and how it is read from a :class:`Call`.

    ``pick(call, context)`` answers the graph object (or an awaitable of it: a write
    whose store answer lacks the object reads it back through the loaders). It runs
    only when the field is selected."""

    name: str
    type: Any
    description: str
    pick: Callable[[Call, Any], Any]


Stale = str | Callable[[Call], Iterable[str]]
"""A path template made stale by a write (``/api/carts/{cartId}``; ``*`` at the end: every
path under it), or a function of the call answering such paths."""

Primer = Callable[[Any, Call], None]
"""Primes the request's loaders with what a write returned: ``(context, call)``."""


@dataclass(frozen=True)
class Write:
    """One store write endpoint, declared once."""

    name: str
    description: str
    source: Source
    method: str
    path: str
    fields: tuple[Field, ...]
    results: tuple[Result, ...]
    access: Access
    naming: Naming = Naming.SNAKE
    idempotent: bool | None = None
    stale: tuple[Stale, ...] = ()
    tags: Callable[[Any, Call], Iterable[str]] | None = None
    body: Callable[[dict[str, Any]], Any] | None = None
    prime: Primer | None = None
    unwrap: Callable[[Any], Any] = lambda body: body
    codes: Mapping[str, tuple[str, str | None]] = field(default_factory=dict)
    not_found_field: str | None = None
    fallback_field: str | None = None

    @property
    def is_idempotent(self) -> bool:
        """Whether a retry is harmless; non-idempotent writes take an Idempotency-Key."""
        if self.idempotent is not None:
            return self.idempotent
        return self.method.upper() != "POST"

    @property
    def path_fields(self) -> tuple[str, ...]:
        return tuple(
            name for _, name, _, _ in string.Formatter().parse(self.path) if name is not None
        )

    @property
    def body_fields(self) -> tuple[Field, ...]:
        in_path = set(self.path_fields)
        return tuple(f for f in self.fields if f.name not in in_path)

    def field_named(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def route(self) -> str:
        """``METHOD /path/{param}`` with the store's parameter spelling."""
        path = re.sub(r"\{(\w+)\}", "{}", self.path)
        return f"{self.method.upper()} {path}"
