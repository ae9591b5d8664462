"""The schema's extension hooks (``schema.extension_hooks.HookRunner``) run as
strawberry runs them: in extension order, nested, once per operation, seeing the
operation's errors; a hook that is a plain function still runs (strawberry's own way)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import strawberry
from strawberry.extensions import SchemaExtension

from schema.extension_hooks import HookRunner

EVENTS: list[str] = []


class Outer(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        EVENTS.append("outer in")
        yield
        errors = self.execution_context.result.errors if self.execution_context.result else None
        EVENTS.append(f"outer out ({len(errors or [])} errors)")

    def on_parse(self) -> Iterator[None]:
        EVENTS.append("parse")
        yield


class Inner(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        EVENTS.append("inner in")
        yield
        EVENTS.append("inner out")

    def on_execute(self) -> None:  # a plain function: strawberry's own wrapping
        EVENTS.append("execute")


@strawberry.type
class Query:
    @strawberry.field
    def ok(self) -> int:
        return 1

    @strawberry.field
    def broken(self) -> int:
        raise ValueError("no")


class Hooked(strawberry.Schema):
    def create_extensions_runner(self, execution_context: Any, extensions: Any) -> HookRunner:
        return HookRunner(execution_context=execution_context, extensions=extensions)


async def test_hooks_run_nested_in_order_once_per_operation() -> None:
    schema = Hooked(query=Query, extensions=[Outer, Inner])
    for _ in range(2):
        EVENTS.clear()
        result = await schema.execute("{ ok }")
        assert result.data == {"ok": 1}
        assert EVENTS == [
            "outer in", "inner in", "parse", "execute", "inner out", "outer out (0 errors)"
        ]  # fmt: skip
    EVENTS.clear()
    result = await schema.execute("{ broken }")
    assert result.errors and result.errors[0].message == "no"
    assert EVENTS[-1] == "outer out (1 errors)"
    EVENTS.clear()
    result = await schema.execute("{ nope }")  # refused at validation: no execution
    assert result.errors and "execute" not in EVENTS and EVENTS[-1] == "outer out (1 errors)"
