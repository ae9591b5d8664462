"""``FieldSpans``: a span per resolved field, for debugging only (off by default).

A span per field costs more CPU than most fields do, so the schema has this extension
only when ``STOREGRAPH_TRACE_FIELDS`` is on *and* tracing is (see
:func:`schema.build.build_schema`). It is strawberry's own
:class:`~strawberry.extensions.tracing.OpenTelemetryExtension`, adapted to the gateway:

- its spans go to the app's tracer (the runtime's, never the process-global one) and
  hang under the operation's span that :mod:`gateway.telemetry.operation` made — no
  second operation, parse or validation span, and never the document's text (literals
  can be personal data);
- no argument values as attributes (``graphql.param.*``: ids, e-mails, search terms);
  a span names the field, its parent type and its path (``graphql.path``);
- fields strawberry answers itself (default resolvers, introspection) get no span, as
  upstream.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from inspect import isawaitable
from typing import Any

from graphql import GraphQLResolveInfo
from opentelemetry import trace
from strawberry.extensions import LifecycleStep
from strawberry.extensions.tracing import OpenTelemetryExtension
from strawberry.types.execution import ExecutionContext


def _no_arguments(args: dict[str, Any], info: GraphQLResolveInfo) -> dict[str, Any]:
    return {}


class FieldSpans(OpenTelemetryExtension):
    """A span per resolved field, under the operation's (see the module docstring)."""

    def __init__(self, *, execution_context: ExecutionContext | None = None) -> None:
        super().__init__(execution_context=execution_context, arg_filter=_no_arguments)
        self._traced = False

    def on_operation(self) -> Generator[None, None, None]:
        request = getattr(self.execution_context.context, "request", None)
        runtime = getattr(getattr(getattr(request, "app", None), "state", None), "runtime", None)
        tracer = getattr(runtime, "tracer", None)
        self._traced = tracer is not None
        if tracer is not None:
            self._tracer = tracer
            self._span_holder[LifecycleStep.OPERATION] = trace.get_current_span()
        yield

    def on_parse(self) -> Generator[None, None, None]:
        yield

    def on_validate(self) -> Generator[None, None, None]:
        yield

    async def resolve(
        self,
        _next: Callable[..., Any],
        root: Any,
        info: GraphQLResolveInfo,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        if self._traced:
            return await super().resolve(_next, root, info, *args, **kwargs)
        result = _next(root, info, *args, **kwargs)
        return await result if isawaitable(result) else result
