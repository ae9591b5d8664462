"""Structured logs on structlog: one JSON object per line (or console text).

Why structlog over the standard library plus a JSON formatter: its processors add what
every line needs in one place — the id of the request being served
(:func:`_request_id`, from :mod:`gateway.request_scope`: the retry deep in an upstream
call carries it without being handed it), the level, the time.

One pipeline renders every line. The gateway's own lines (:func:`get_logger`) go
through structlog's processors — the level filter, the request id, the level, a UTC
timestamp, :func:`_scrub` — and its renderer, and are written as bytes
by structlog's ``BytesLogger``: no standard-library record, handler or formatter per
line (that machinery cost more than a whole-response cache hit). Lines of the standard
library's loggers (uvicorn's, the error policy's, the webhook receiver's) are bridged
into the same pipeline by the handler :func:`configure_logging` puts on the root logger,
so the whole process speaks one format.

Where lines go, how they look and from which level is one swappable output
(:func:`configure_logging`): ``json`` (``STOREGRAPH_LOG_FORMAT``, the default) or
``console``, at ``STOREGRAPH_LOG_LEVEL``, to stderr for ``storegraph serve``. Until it is
called (a library user, a test), warnings and errors go to stderr as JSON; tests point
it at a buffer (``stream=``) to read the lines as the gateway writes them.

What is logged is chosen field by field — store, route template, status, error code,
attempt — never a credential, a request or upstream body, an upstream URL or personal
data; :func:`_scrub` also masks any field whose name says it holds a secret.
"""

from __future__ import annotations

import functools
import logging
import re
import sys
from collections.abc import Callable, MutableMapping
from typing import IO, Any

import orjson
import structlog
from structlog.typing import EventDict

from gateway import request_scope

REDACTED = "***"
_SECRET_WORDS = ("authorization", "token", "secret", "password", "api_key", "apikey", "cookie")
LOG_FORMATS = ("json", "console")
LOGGER_KEY = "logger"
"""The field naming the logger a line came from (``storegraph.request``, ``uvicorn.error``…)."""

_SECRET_NAME = re.compile("|".join(map(re.escape, _SECRET_WORDS)), re.IGNORECASE)
"""A field name holding any of the words (one search per field: this runs on every line)."""
_LEVELS = {"debug": 10, "info": 20, "warning": 30, "warn": 30, "error": 40, "critical": 50}
_LEVELS["exception"] = _LEVELS["error"]


@functools.lru_cache(maxsize=1024)
def _secret_name(key: str) -> bool:
    return _SECRET_NAME.search(key) is not None


def _scrub(_: Any, __: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """Masks fields named like credentials (a net under the field-by-field choice)."""
    for key in event:
        if _secret_name(key) and event[key] is not None:
            event[key] = REDACTED
    return event


def _request_id(_: Any, __: str, event: EventDict) -> EventDict:
    """The id of the request being served, on every line logged while serving it."""
    if "request_id" not in event:
        request_id = request_scope.current_request_id()
        if request_id is not None:
            event["request_id"] = request_id
    return event


def _json_line(_: Any, __: str, event: EventDict) -> bytes:
    """The event as one JSON object (what structlog's ``JSONRenderer`` does with orjson)."""
    return orjson.dumps(event, default=str)


def _renderer(log_format: str) -> Callable[[Any, str, EventDict], bytes]:
    """The last processor: the event as one line's bytes."""
    if log_format not in LOG_FORMATS:
        raise ValueError(f"log format must be one of {', '.join(LOG_FORMATS)}")
    if log_format == "json":
        return _json_line
    console = structlog.dev.ConsoleRenderer(colors=False)
    return lambda logger, name, event: str(console(logger, name, event)).encode()


class _Output:
    """Where lines go, in which format, from which level: what :func:`configure_logging`
    sets (structlog's loggers are built once, on first use, so they write through this)."""

    def __init__(self) -> None:
        self.level = logging.WARNING
        self.stream: IO[bytes] | None = None
        """``None``: whatever ``sys.stderr`` is when a line is written."""
        self.render = _renderer("json")

    def at_level(self, _: Any, method: str, event: EventDict) -> EventDict:
        """The first processor: a line below the level goes no further."""
        if _LEVELS.get(method, logging.INFO) < self.level:
            raise structlog.DropEvent
        return event

    def rendered(self, logger: Any, method: str, event: EventDict) -> bytes:
        return self.render(logger, method, event)

    # the file structlog's BytesLogger writes to
    def write(self, line: bytes) -> None:
        if self.stream is not None:
            self.stream.write(line)
        else:
            sys.stderr.write(line.decode("utf-8", "replace"))

    def flush(self) -> None:
        (self.stream or sys.stderr).flush()


_OUTPUT = _Output()

structlog.configure(
    processors=[
        _OUTPUT.at_level,
        _request_id,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _scrub,
        structlog.processors.format_exc_info,
        _OUTPUT.rendered,
    ],
    logger_factory=structlog.BytesLoggerFactory(_OUTPUT),  # type: ignore[arg-type]
    wrapper_class=structlog.make_filtering_bound_logger(logging.NOTSET),
    cache_logger_on_first_use=True,
)


def get_logger(name: str) -> Any:
    """A structlog logger whose lines say they came from ``name`` (built now: structlog's
    configuration never changes after this module's, only :data:`_OUTPUT` does)."""
    return structlog.get_logger().bind(**{LOGGER_KEY: name})


class _Bridge(logging.Handler):
    """Hands each standard-library record to the one pipeline: its message, its logger's
    name, its level and its exception (not its ``extra=`` fields, such as uvicorn's
    ``color_message``)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            method = logging.getLevelName(min(50, record.levelno // 10 * 10)).lower()
            logger = get_logger(record.name)
            log = getattr(logger, method, logger.info)
            log(record.getMessage(), exc_info=record.exc_info or None)
        except Exception:
            self.handleError(record)


LIBRARY_LEVELS = {"httpx": logging.WARNING, "httpcore": logging.WARNING}
"""httpx logs every request's URL at info: upstream URLs never reach a log line."""


def quiet_libraries() -> None:
    for name, level in LIBRARY_LEVELS.items():
        logging.getLogger(name).setLevel(level)


def configure_logging(
    log_format: str = "json", level: str = "INFO", *, stream: IO[bytes] | None = None
) -> None:
    """The process's logging (idempotent): every line — structlog's and the standard
    library's, bridged from the root logger — in ``log_format`` from ``level`` on, to
    ``stream`` (default: stderr)."""
    _OUTPUT.render = _renderer(log_format)
    _OUTPUT.level = logging.getLevelNamesMapping()[level.upper()]
    _OUTPUT.stream = stream if stream is not None else sys.stderr.buffer
    quiet_libraries()
    root = logging.getLogger()
    for old in list(root.handlers):
        if isinstance(old, _Bridge) or stream is None:
            root.removeHandler(old)
    root.addHandler(_Bridge())
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        uvicorn_logger = logging.getLogger(name)
        uvicorn_logger.handlers.clear()
        uvicorn_logger.propagate = True


def reset_logging() -> None:
    """Back to the defaults before :func:`configure_logging` (warnings and errors, as
    JSON, to stderr; no bridge on the root logger)."""
    _OUTPUT.render = _renderer("json")
    _OUTPUT.level = logging.WARNING
    _OUTPUT.stream = None
    root = logging.getLogger()
    for old in list(root.handlers):
        if isinstance(old, _Bridge):
            root.removeHandler(old)
