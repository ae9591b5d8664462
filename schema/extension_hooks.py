"""The schema extensions' lifecycle hooks, entered without being rebuilt per operation.

Strawberry turns every extension's ``on_operation``/``on_parse``/``on_validate``/
``on_execute`` into a context manager afresh for every operation — a class lookup, an
``inspect`` test and a ``contextlib.contextmanager`` wrapper (``functools.wraps``) per hook
— and enters each stage through an exit stack even when one extension hooks it.
:class:`HookRunner` (``GatewaySchema.create_extensions_runner``) classifies each
extension class's hooks once, makes each operation's context managers straight from the
hook functions, and enters a stage with one hook directly. Order, nesting and exception
handling are strawberry's: hooks run in the schema's extension order, a stage with
several hooks goes through an exit stack as before, and a hook strawberry accepts that
is not a generator (a plain or async function) makes its stage strawberry's own.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Callable
from types import TracebackType
from typing import Any

from strawberry.extensions import SchemaExtension
from strawberry.extensions.context import (
    ExecutingContextManager,
    ExtensionContextManagerBase,
    OperationContextManager,
    ParsingContextManager,
    ValidationContextManager,
)
from strawberry.extensions.runner import SchemaExtensionsRunner

Hook = tuple[bool, Callable[[SchemaExtension], Any]]
"""Whether the hook is async, and what makes its context manager for an extension."""

_NOT_A_GENERATOR = object()
_HOOKS: dict[tuple[type, str], Hook | object | None] = {}


def _hook(kind: type, name: str) -> Hook | object | None:
    """``kind``'s hook ``name`` (``None``: not hooked; ``_NOT_A_GENERATOR``: strawberry's
    own wrapping needed), found once per class."""
    key = (kind, name)
    if key not in _HOOKS:
        function = getattr(kind, name)
        found: Hook | object | None
        if function is getattr(SchemaExtension, name):
            found = None
        elif inspect.isgeneratorfunction(function):
            found = (False, contextlib.contextmanager(function))
        elif inspect.isasyncgenfunction(function):
            found = (True, contextlib.asynccontextmanager(function))
        else:
            found = _NOT_A_GENERATOR
        _HOOKS[key] = found
    return _HOOKS[key]


class _Stage:
    """One stage's hooks for one operation, entered in order."""

    __slots__ = ("_hooks", "_name", "_one", "_stack")

    def __init__(self, name: str, hooks: list[tuple[bool, Any]]) -> None:
        self._name, self._hooks = name, hooks
        self._one: Any = None
        self._stack: Any = None

    def __enter__(self) -> None:
        if any(is_async for is_async, _ in self._hooks):
            raise RuntimeError(
                f"SchemaExtension hook {self._name} failed to complete synchronously."
            )
        if len(self._hooks) == 1:
            self._one = self._hooks[0][1]
            self._one.__enter__()
            return
        self._stack = contextlib.ExitStack()
        self._stack.__enter__()
        for _, manager in self._hooks:
            self._stack.enter_context(manager)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool | None:
        if self._one is not None:
            return bool(self._one.__exit__(exc_type, exc, traceback))
        if self._stack is not None:
            return bool(self._stack.__exit__(exc_type, exc, traceback))
        return None

    async def __aenter__(self) -> None:
        if len(self._hooks) == 1 and not self._hooks[0][0]:
            self._one = self._hooks[0][1]
            self._one.__enter__()
            return
        self._stack = contextlib.AsyncExitStack()
        await self._stack.__aenter__()
        for is_async, manager in self._hooks:
            if is_async:
                await self._stack.enter_async_context(manager)
            else:
                self._stack.enter_context(manager)

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool | None:
        if self._one is not None:
            return bool(self._one.__exit__(exc_type, exc, traceback))
        if self._stack is not None:
            return bool(await self._stack.__aexit__(exc_type, exc, traceback))
        return None


class HookRunner(SchemaExtensionsRunner):
    """Strawberry's extensions runner, with each stage's hooks made without rebuilding
    them (see the module docstring)."""

    def _stage(
        self, own: type[ExtensionContextManagerBase], name: str
    ) -> _Stage | ExtensionContextManagerBase:
        hooks: list[tuple[bool, Any]] = []
        for extension in self.extensions:
            found = _hook(type(extension), name)
            if found is None:
                continue
            if not isinstance(found, tuple):  # not a generator: strawberry wraps it
                return own(self.extensions)
            is_async, make = found
            hooks.append((is_async, make(extension)))
        return _Stage(name, hooks)

    def operation(self) -> Any:
        return self._stage(OperationContextManager, "on_operation")

    def validation(self) -> Any:
        return self._stage(ValidationContextManager, "on_validate")

    def parsing(self) -> Any:
        return self._stage(ParsingContextManager, "on_parse")

    def executing(self) -> Any:
        return self._stage(ExecutingContextManager, "on_execute")
