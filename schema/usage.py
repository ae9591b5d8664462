"""``UpstreamUsageRecorder``: an operation's upstream calls in its response, on request.

Every GraphQL operation the endpoint runs has its own record of upstream usage
(:func:`gateway.usage.recording`, inside the request's; see :mod:`gateway.usage`). When
the gateway is configured with ``trace_upstream`` and the request asks for it
(``storegraph-trace: upstream``), the current record's calls go out in the response as
``extensions.upstreamCalls`` (the bench reads them). Only the operation is touched: no
per-field hook.
"""

from __future__ import annotations

from typing import Any

from strawberry.extensions import SchemaExtension

from gateway.usage import current

TRACE_HEADER = "storegraph-trace"
TRACE_VALUE = "upstream"


class UpstreamUsageRecorder(SchemaExtension):
    """The operation's calls in ``extensions.upstreamCalls``, when asked for."""

    def get_results(self) -> dict[str, Any]:
        usage = current()
        if usage is None or not _wants_trace(self.execution_context.context):
            return {}
        return {"upstreamCalls": usage.as_json()}


def _wants_trace(context: Any) -> bool:
    settings = getattr(context, "settings", None)
    request = getattr(context, "request", None)
    if not getattr(settings, "trace_upstream", False) or request is None:
        return False
    return request.headers.get(TRACE_HEADER, "").strip().lower() == TRACE_VALUE
