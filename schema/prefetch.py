"""The one prefetch rule: a read starts as soon as its key is known, not when its
parent has been fetched.

GraphQL resolves a field only after its parent's resolver has returned, so a product's
reviews wait for the product although their key — the product id — was in the root's
argument all along. A field whose read needs only its parent's key and its own arguments
declares how to start that read::

    @strawberry.field(metadata=starts(_reviews_page))
    async def reviews(self, info, sort: ReviewSort = ..., first: int = ...) -> ...:
        return ... await _reviews_page(info.context, self.source_id, sort=sort, first=first)

``start(context, key, **arguments)`` must go through the request's loaders (the request's
one memo, which writes clear) so the field's own resolver, calling the same function
later, finds the read already under way instead of sending it again. A resolver that
looks an object up by a key it was given (``product(id)``, ``creator(id)``) calls
:func:`start_selected` before it awaits the object: every field selected on that object
(fragments and ``@skip``/``@include`` applied) that declares a start begins beside the
lookup, with its arguments coerced exactly as its resolver will receive them
(``node(id)``/``nodes(ids)`` too: the global id names the object's type).

- Permission first: a field declaring ``requires(...)`` starts only when its permission
  admits the caller (the same ``Requires`` decision, on a stand-in for the object
  carrying only its ``source_id``); otherwise it waits for its turn and its refusal.
- Nothing starts early with loaders off (the naive baseline): there is no memo to share.
- A started read's failure belongs to its field, which awaits the same load and reports
  it; a read nobody awaits (its object turned out missing) is dropped silently.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLIncludeDirective,
    GraphQLObjectType,
    GraphQLSkipDirective,
    InlineFragmentNode,
    SelectionSetNode,
    get_named_type,
)
from graphql.execution.values import get_argument_values, get_directive_values
from strawberry.permission import PermissionExtension
from strawberry.types import Info
from strawberry.types.arguments import convert_arguments

from gateway.context import GatewayContext
from schema.permissions import Requires

Start = Callable[..., Awaitable[object]]
"""``start(context, key, **arguments)``: begin a field's read (through a loader)."""

_START = "storegraph.prefetch.start"
_RUNNING: set[asyncio.Future[object]] = set()  # started reads, held until done


def starts(start: Start) -> Mapping[str, Start]:
    """``metadata=`` for a field whose read ``start`` can begin from its parent's key."""
    return {_START: start}


@dataclass(frozen=True)
class Keyed:
    """The stand-in a field's permission is asked about before its object exists."""

    source_id: str


def start_selected(info: Info, key: str, type_name: str | None = None) -> None:
    """Start the read of every field selected on the object being looked up by ``key``
    that declares one (see the module docstring). ``type_name``: the object's type when
    the field returns an interface (``node(id)``: the id names it)."""
    context: GatewayContext = info.context
    if not context.settings.loaders_enabled:
        return
    raw = info._raw_info
    object_type = raw.schema.get_type(type_name) if type_name else get_named_type(raw.return_type)
    if not isinstance(object_type, GraphQLObjectType):
        return
    starting = _starting_fields(info.schema, object_type.name)
    if not starting:
        return  # nothing on this type starts early: no selection to walk
    seen: set[str] = set()
    for node in _fields(raw, object_type, [n.selection_set for n in raw.field_nodes]):
        name = node.name.value
        if name in seen or name not in starting:
            continue
        seen.add(name)
        field = starting[name]
        start = field.metadata[_START]
        try:
            values = get_argument_values(object_type.fields[name], node, raw.variable_values)
        except GraphQLError:
            continue  # the field itself reports its arguments' error
        arguments = convert_arguments(
            values,
            field.arguments,
            scalar_registry=info.schema.schema_converter.scalar_registry,
            config=info.schema.config,
        )
        if _admitted(field.extensions, Keyed(key), info, arguments):
            _run(start(context, key, **arguments))


@cache
def _starting_fields(schema: Any, type_name: str) -> Mapping[str, Any]:
    """The fields of ``type_name`` (by GraphQL name) that declare a start (the schema
    does not change: found once per type)."""
    definition = schema.get_type_by_name(type_name)
    found: dict[str, Any] = {}
    for field in getattr(definition, "fields", ()):
        if field.metadata and _START in field.metadata:
            found[schema.config.name_converter.get_graphql_name(field)] = field
    return found


def _admitted(
    extensions: list[Any], stand_in: Keyed, info: Info, arguments: dict[str, Any]
) -> bool:
    """Whether the field's own permission admits the caller (a permission other than
    ``requires``, or one whose owner the key does not tell, waits for the field)."""
    for extension in extensions:
        if not isinstance(extension, PermissionExtension):
            continue
        for permission in extension.permissions:
            if not isinstance(permission, Requires):
                return False
            try:
                if not permission.admits(stand_in, info.context.caller, arguments):
                    return False
            except AttributeError:  # its owner is not known from the key alone
                return False
    return True


def _run(read: Awaitable[object]) -> None:
    task = asyncio.ensure_future(read)
    _RUNNING.add(task)
    task.add_done_callback(_done)


def _done(task: asyncio.Future[object]) -> None:
    _RUNNING.discard(task)
    if not task.cancelled():
        task.exception()  # retrieved: the field awaiting the same load reports it


def _fields(
    raw: Any, object_type: GraphQLObjectType, sets: list[SelectionSetNode | None]
) -> Iterator[FieldNode]:
    """The field nodes selected on ``object_type`` in ``sets``, fragments flattened."""
    names = {object_type.name, *(i.name for i in object_type.interfaces)}
    pending = [s for selection_set in sets if selection_set for s in selection_set.selections]
    while pending:
        node = pending.pop(0)
        if not _included(node, raw):
            continue
        if isinstance(node, FieldNode):
            yield node
            continue
        if isinstance(node, InlineFragmentNode):
            fragment: Any = node
        elif isinstance(node, FragmentSpreadNode):
            fragment = raw.fragments.get(node.name.value)
            if fragment is None:
                continue
        else:
            continue
        condition = fragment.type_condition
        if condition is None or condition.name.value in names:
            pending[:0] = fragment.selection_set.selections


def _included(node: Any, raw: Any) -> bool:
    skip = get_directive_values(GraphQLSkipDirective, node, raw.variable_values)
    if skip and skip.get("if") is True:
        return False
    include = get_directive_values(GraphQLIncludeDirective, node, raw.variable_values)
    return not (include and include.get("if") is False)
