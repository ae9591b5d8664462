"""Structured logs on structlog: one JSON object per line (or console text).

Why structlog over the standard library plus a JSON formatter: fields bound once per
request (``structlog.contextvars``) reach every line logged below it — the retry deep in
an upstream call carries the request's id without being handed it — and its
``ProcessorFormatter`` renders the standard library's records (uvicorn's, the error
policy's) through the same processors, so the whole process speaks one format.

structlog hands its events to the standard library (``storegraph.*`` loggers), so
whatever collects those — the handler :func:`configure_logging` installs for
``storegraph serve``, pytest's capture in tests — gets every line. :func:`formatter`
is the one way lines are rendered: ``json`` (``STOREGRAPH_LOG_FORMAT``, the default) or
``console``.

What is logged is chosen field by field — store, route template, status, error code,
attempt — never a credential, a request or upstream body, an upstream URL or personal
data; :func:`_scrub` also masks any field whose name says it holds a secret.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import MutableMapping
from typing import Any

import orjson
import structlog

REDACTED = "***"
_SECRET_WORDS = ("authorization", "token", "secret", "password", "api_key", "apikey", "cookie")
LOG_FORMATS = ("json", "console")


_SECRET_NAME = re.compile("|".join(map(re.escape, _SECRET_WORDS)), re.IGNORECASE)
"""A field name holding any of the words (one search per field: this runs on every line)."""


def _scrub(_: Any, __: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """Masks fields named like credentials (a net under the field-by-field choice)."""
    for key in event:
        if _SECRET_NAME.search(key) and event[key] is not None:
            event[key] = REDACTED
    return event


_SHARED: list[Any] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_logger_name,
    structlog.stdlib.add_log_level,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
    _scrub,
]

structlog.configure(
    processors=[
        structlog.stdlib.filter_by_level,
        *_SHARED,
        structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
    ],
    logger_factory=structlog.stdlib.LoggerFactory(),
    wrapper_class=structlog.stdlib.BoundLogger,
    cache_logger_on_first_use=True,
)


def get_logger(name: str) -> Any:
    """A structlog logger writing through the standard library logger ``name``."""
    return structlog.stdlib.get_logger(name)


def _dumps(value: Any, **_: Any) -> str:
    return orjson.dumps(value, default=str).decode()


def formatter(log_format: str = "json") -> logging.Formatter:
    """The renderer of every line: structlog's events and foreign records alike."""
    if log_format not in LOG_FORMATS:
        raise ValueError(f"log format must be one of {', '.join(LOG_FORMATS)}")
    renderer: Any
    if log_format == "json":
        renderer = structlog.processors.JSONRenderer(serializer=_dumps)
    else:
        renderer = structlog.dev.ConsoleRenderer(colors=False)
    return structlog.stdlib.ProcessorFormatter(
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            renderer,
        ],
        foreign_pre_chain=_SHARED,
    )


LIBRARY_LEVELS = {"httpx": logging.WARNING, "httpcore": logging.WARNING}
"""httpx logs every request's URL at info: upstream URLs never reach a log line."""


def quiet_libraries() -> None:
    for name, level in LIBRARY_LEVELS.items():
        logging.getLogger(name).setLevel(level)


def configure_logging(log_format: str = "json", level: str = "INFO") -> None:
    """The process's logging: one handler on the root logger, to stderr (idempotent)."""
    quiet_libraries()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter(log_format))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        uvicorn_logger = logging.getLogger(name)
        uvicorn_logger.handlers.clear()
        uvicorn_logger.propagate = True
