"""``UpstreamUsageRecorder``: opens each operation's record of upstream usage.

Every GraphQL operation runs inside its own :func:`gateway.usage.recording`, so each
store exchange it causes lands in one :class:`~gateway.usage.UpstreamUsage`, kept on
the context as ``context.upstream_usage`` for whatever reports on it. When the gateway
is configured with ``trace_upstream`` and the request asks for it
(``storegraph-trace: upstream``), the calls go out in the response as
``extensions.upstreamCalls`` (the bench reads them). Only the operation is wrapped:
no per-field hook.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from strawberry.extensions import SchemaExtension

from gateway.usage import recording

TRACE_HEADER = "storegraph-trace"
TRACE_VALUE = "upstream"


class UpstreamUsageRecorder(SchemaExtension):
    """One upstream-usage record per operation; its calls in ``extensions`` on request."""

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context.context
        with recording() as usage:
            if context is not None:
                context.upstream_usage = usage
            yield

    def get_results(self) -> dict[str, Any]:
        context = self.execution_context.context
        usage = getattr(context, "upstream_usage", None)
        if usage is None or not _wants_trace(context):
            return {}
        return {"upstreamCalls": usage.as_json()}


def _wants_trace(context: Any) -> bool:
    settings = getattr(context, "settings", None)
    request = getattr(context, "request", None)
    if not getattr(settings, "trace_upstream", False) or request is None:
        return False
    return request.headers.get(TRACE_HEADER, "").strip().lower() == TRACE_VALUE
