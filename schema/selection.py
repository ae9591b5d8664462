"""What a query selects below a field, for push-down (``include=``, ``fields=``,
``populate=``): the selection as a tree of field names, fragments merged in.

``items(info)`` is the tree of what is selected on a list's items — a connection's
``nodes`` and ``edges { node }`` merged, or a plain list's elements;
``selected_fields(info)`` the fields (with their arguments) selected directly below.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from strawberry.types import Info
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField

Tree = dict[str, "Tree"]


def _merge(into: Tree, selections: Iterable[Any]) -> Tree:
    for selection in selections:
        if isinstance(selection, SelectedField):
            _merge(into.setdefault(selection.name, {}), selection.selections)
        elif isinstance(selection, (InlineFragment, FragmentSpread)):
            _merge(into, selection.selections)
    return into


def tree(info: Info) -> Tree:
    """What is selected below the field being resolved."""
    return _merge({}, (s for f in info.selected_fields for s in f.selections))


def selected_fields(info: Info) -> list[SelectedField]:
    """The fields selected directly below the field being resolved, fragments flattened."""
    found: list[SelectedField] = []
    pending = [s for f in info.selected_fields for s in f.selections]
    while pending:
        selection = pending.pop(0)
        if isinstance(selection, SelectedField):
            found.append(selection)
        elif isinstance(selection, (InlineFragment, FragmentSpread)):
            pending[:0] = selection.selections
    return found


def items(info: Info) -> Tree:
    """What is selected on the items of the list (or connection) being resolved."""
    below = tree(info)
    merged: Tree = {}
    for part in (below.get("nodes", {}), below.get("edges", {}).get("node", {})):
        _merge_trees(merged, part)
    return merged if ("nodes" in below or "edges" in below) else below


def _merge_trees(into: Tree, other: Tree) -> None:
    for name, sub in other.items():
        _merge_trees(into.setdefault(name, {}), sub)
