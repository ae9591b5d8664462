"""One linear walk over a document: the measures every operation limit is checked against.

:func:`measure` visits each selection of each fragment and operation once: a fragment's
measures are computed the first time it is spread and reused after (so a fragment bomb,
``...F1 ...F1`` forty levels deep, costs forty visits, not 2**40). For each operation it
gives

- ``depth``: the deepest field nesting (introspection fields — ``__schema``,
  ``__type``, ``__typename`` — not counted, so GraphiQL's own query is never refused);
- ``root_fields`` (:func:`root_fields`): as execution sees them, fragments expanded;
- ``cost``: every object the answer may hold costs 1 — a field returning an object
  costs 1 plus what it selects, a list that much times the size asked for
  (``first``/``last`` or its default, or the length of an ``ids`` list). A connection
  takes ``first`` and holds the lists (``edges``, ``nodes``): its size multiplies the
  lists directly under it, not ``pageInfo``. Scalars cost nothing. Variables are read
  from the request, so the same document can cost differently per request.

Document-wide counts (fragment definitions, directives, aliases — each written node
once) are taken in one more linear pass.
Cyclic fragments (which validation refuses anyway) count as empty where they recur.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)
from graphql.type.definition import GraphQLCompositeType

SIZE_ARGUMENTS = ("first", "last")
"""Arguments whose value is how many items a list field returns."""
ID_LIST_ARGUMENTS = ("ids",)
"""Arguments whose length is how many items a field returns."""
SIZING_ARGUMENTS = SIZE_ARGUMENTS + ID_LIST_ARGUMENTS
MAX_MULTIPLIER = 10_000
"""A size argument larger than this counts as this (its own check refuses it later)."""


@dataclass
class Measures:
    """What one selection set (with everything under it) amounts to."""

    depth: int = 0
    cost: int = 0

    def add(self, other: Measures) -> None:
        self.depth = max(self.depth, other.depth)
        self.cost += other.cost


@dataclass
class DocumentShape:
    """The measures of a document (per operation) and its document-wide counts."""

    operations: dict[str | None, Measures] = field(default_factory=dict)
    fragments: int = 0
    directives: int = 0
    aliases: int = 0
    visits: int = 0
    """Selections the walk visited: the work it did (linear in the document)."""
    sizing_variables: frozenset[str] = frozenset()
    """The variables given as a size (``first``, ``last``, ``ids``) of a field the walk
    visited: the only variables its costs depend on."""


class _Walk:
    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        variables: Mapping[str, Any] | None,
    ) -> None:
        self.schema = schema
        self.variables = variables or {}
        self.fragments: dict[str, FragmentDefinitionNode] = {}
        for definition in document.definitions:
            if isinstance(definition, FragmentDefinitionNode):
                self.fragments.setdefault(definition.name.value, definition)
        self.memo: dict[tuple[str, int], Measures] = {}
        self.in_progress: set[str] = set()
        self.visits = 0
        self.sizing: set[str] = set()

    def selection_set(
        self,
        node: SelectionSetNode | None,
        parent: GraphQLCompositeType | None,
        list_size: int = 1,
    ) -> Measures:
        """``list_size``: the size a connection asked for, applied to its lists.

        Fragments on different object types exclude each other (an object has one
        type): they count as the largest of them, not their sum."""
        total = Measures()
        if node is None:
            return total
        by_type: dict[str, Measures] = {}
        self.visits += len(node.selections)
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                total.add(self.field(selection, parent, list_size))
                continue
            if isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                measures = self.fragment(name, list_size)
                definition = self.fragments.get(name)
                condition = definition.type_condition.name.value if definition else None
            elif isinstance(selection, InlineFragmentNode):
                on = parent
                condition = None
                if selection.type_condition is not None:
                    condition = selection.type_condition.name.value
                    found = self.schema.get_type(condition)
                    on = found if _is_composite(found) else None  # type: ignore[assignment]
                measures = self.selection_set(selection.selection_set, on, list_size)
            else:
                continue
            narrowed = self.schema.get_type(condition) if condition else None
            if isinstance(narrowed, GraphQLObjectType) and narrowed is not parent:
                by_type.setdefault(condition, Measures()).add(measures)  # type: ignore[arg-type]
            else:
                total.add(measures)
        if by_type:
            total.add(
                Measures(
                    depth=max(m.depth for m in by_type.values()),
                    cost=max(m.cost for m in by_type.values()),
                )
            )
        return total

    def fragment(self, name: str, list_size: int) -> Measures:
        known = self.memo.get((name, list_size))
        if known is not None:
            return known
        definition = self.fragments.get(name)
        if definition is None or name in self.in_progress:
            return Measures()
        self.in_progress.add(name)
        found = self.schema.get_type(definition.type_condition.name.value)
        parent = found if _is_composite(found) else None
        measures = self.selection_set(definition.selection_set, parent, list_size)  # type: ignore[arg-type]
        self.in_progress.discard(name)
        self.memo[(name, list_size)] = measures
        return measures

    def field(
        self, node: FieldNode, parent: GraphQLCompositeType | None, list_size: int
    ) -> Measures:
        name = node.name.value
        definition = _field_of(parent, name)
        returns = definition.type if definition is not None else None
        named = get_named_type(returns) if returns is not None else None
        child_parent = named if _is_composite(named) else None
        asked = self.size(node, definition)
        is_list = returns is not None and _is_list(returns)
        if is_list:
            times, below_size = (asked or list_size), 1
        else:
            times, below_size = 1, (asked or 1)
        below = self.selection_set(node.selection_set, child_parent, below_size)  # type: ignore[arg-type]
        introspection = name.startswith("__")
        own = 1 if child_parent is not None and not introspection else 0
        return Measures(
            depth=0 if introspection else below.depth + 1,
            cost=(own + below.cost) * times,
        )

    def size(self, node: FieldNode, definition: GraphQLField | None) -> int | None:
        """The size a field asks for (``first``/``last``, ``ids``), if it takes one."""
        given = {arg.name.value: arg.value for arg in node.arguments or ()}
        for name in SIZING_ARGUMENTS:
            argument = given.get(name)
            if isinstance(argument, VariableNode):
                self.sizing.add(argument.name.value)
        for name in SIZE_ARGUMENTS:
            value = self.value(given.get(name))
            if value is None and definition is not None and name in definition.args:
                value = definition.args[name].default_value
            if isinstance(value, int) and not isinstance(value, bool):
                return max(1, min(value, MAX_MULTIPLIER))
        for name in ID_LIST_ARGUMENTS:
            value = self.value(given.get(name))
            if isinstance(value, list):
                return max(1, min(len(value), MAX_MULTIPLIER))
        return None

    def value(self, node: Any) -> Any:
        if node is None:
            return None
        if isinstance(node, VariableNode):
            return self.variables.get(node.name.value)
        if isinstance(node, IntValueNode):
            text = node.value
            return int(text) if len(text) <= 9 else MAX_MULTIPLIER
        if isinstance(node, ListValueNode):
            return list(node.values)
        return None


def measure(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Mapping[str, Any] | None = None,
) -> DocumentShape:
    """The shape of ``document`` (see the module docstring) — linear in its size."""
    walk = _Walk(schema, document, variables)
    directives, aliases = _counts(document)
    shape = DocumentShape(fragments=len(walk.fragments), directives=directives, aliases=aliases)
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            root = schema.get_root_type(definition.operation)
            measures = walk.selection_set(definition.selection_set, root)
            name = definition.name.value if definition.name else None
            shape.operations.setdefault(name, measures)
    shape.visits = walk.visits
    shape.sizing_variables = frozenset(walk.sizing)
    return shape


def root_fields(
    schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode
) -> int:
    """Root fields of ``operation`` as execution sees them (fragments expanded)."""
    walk = _Walk(schema, document, None)
    count = 0
    pending = [operation.selection_set]
    seen: set[str] = set()
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FieldNode):
                count += 1
            elif isinstance(selection, InlineFragmentNode):
                pending.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name not in seen and name in walk.fragments:
                    seen.add(name)  # execution merges a repeated spread into one
                    pending.append(walk.fragments[name].selection_set)
    return count


def _counts(document: DocumentNode) -> tuple[int, int]:
    """Directives and aliases written in the document (each node once)."""
    directives = aliases = 0
    stack: list[Any] = list(document.definitions)
    while stack:
        node = stack.pop()
        directives += len(getattr(node, "directives", None) or ())
        if isinstance(node, FieldNode) and node.alias is not None:
            aliases += 1
        selection_set = getattr(node, "selection_set", None)
        if selection_set is not None:
            stack.extend(selection_set.selections)
        for variable in getattr(node, "variable_definitions", None) or ():
            directives += len(variable.directives or ())
    return directives, aliases


def _is_composite(t: Any) -> bool:
    return isinstance(t, GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType)


def _is_list(t: Any) -> bool:
    while isinstance(t, GraphQLNonNull):
        t = t.of_type
    return isinstance(t, GraphQLList)


def _field_of(parent: GraphQLCompositeType | None, name: str) -> GraphQLField | None:
    if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
        return parent.fields.get(name)
    return None
