"""Parsed and validated documents, cached within a byte bound.

A cache bounded only by entries lets distinct large documents pin memory (512 slots of
10 MB comments were ~10 GB). :class:`DocumentCache` is an LRU (cachetools) weighed in
bytes: each entry counts :data:`BYTES_PER_CHARACTER` per character of its query text
(what a parsed AST costs in Python objects, measured at 70 to 90 per character) plus its
validation results; a document too heavy for the bound is parsed and validated as
usual, just not kept.

Each entry also keeps its operations' costs per sizing variables (few: at most
:data:`~gateway.limits.operation.COSTS_KEPT` per operation).

Parsing stops at ``max_tokens`` (graphql-core's own counter) with
``TOKEN_LIMIT_EXCEEDED``; any other syntax error is ``GRAPHQL_PARSE_FAILED``. Both
carry the parser's message. Validation results are kept per rule set, so a cached
document is validated once per distinct set of rules, and its normalised print (what
the whole-response cache keys on) is made once.

:data:`DOCUMENTS` is the process's one cache: every parse of a request's document —
the operation guard's, the whole-response cache's key — goes through it, so no
document is parsed past the token limit or kept outside the byte bound.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from cachetools import LRUCache
from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSyntaxError,
    OperationDefinitionNode,
    OperationType,
    parse,
    print_ast,
)

BYTES_PER_CHARACTER = 100
"""Weight of a cached document per character of its text."""
ENTRY_OVERHEAD_BYTES = 1024
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
DEFAULT_MAX_TOKENS = 5000
Normalised = tuple[str, dict[str | None, OperationType]]
TOKEN_LIMIT_MESSAGE = "Document contains more than"
"""What graphql-core's parser says when it stops at ``max_tokens``."""


@dataclass
class PreparedDocument:
    """A parsed document and its validation results per rule set."""

    document: DocumentNode
    weight: int
    validated: dict[Hashable, list[GraphQLError]] = field(default_factory=dict)
    costs: dict[Hashable, Any] = field(default_factory=dict)
    """Its operations' costs, as :func:`gateway.limits.operation.check_cost` keeps them."""
    _normalised: Normalised | None = None

    def normalised(self) -> Normalised:
        """The printed document and its operations' types (made once)."""
        if self._normalised is None:
            operations: dict[str | None, OperationType] = {}
            for definition in self.document.definitions:
                if isinstance(definition, OperationDefinitionNode):
                    name = definition.name.value if definition.name else None
                    operations[name] = definition.operation
            self._normalised = (print_ast(self.document), operations)
        return self._normalised


class DocumentCache:
    """Parsed documents and their validation, shared by every request, bounded in bytes."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._entries: LRUCache[tuple[str, int], PreparedDocument] = LRUCache(
            maxsize=max_bytes, getsizeof=lambda entry: entry.weight
        )

    def prepare(self, query: str, max_tokens: int) -> PreparedDocument:
        """The parsed ``query`` (from the cache when it is there); a refusal raises
        :class:`GraphQLError` with its code."""
        key = (query, max_tokens)
        entry = self._entries.get(key)
        if entry is not None:
            return entry
        try:
            document = parse(query, max_tokens=max_tokens)
        except GraphQLSyntaxError as error:
            raise _parse_refusal(error, max_tokens) from None
        entry = PreparedDocument(document, len(query) * BYTES_PER_CHARACTER + ENTRY_OVERHEAD_BYTES)
        self._keep(key, entry)
        return entry

    def validate(
        self,
        entry: PreparedDocument,
        rules: Hashable,
        run: Callable[[], list[GraphQLError]],
    ) -> list[GraphQLError]:
        """``run()``'s errors for ``entry`` under ``rules``, computed once per rule set."""
        errors = entry.validated.get(rules)
        if errors is None:
            errors = entry.validated[rules] = run()
        return errors

    def _keep(self, key: tuple[str, int], entry: PreparedDocument) -> None:
        if entry.weight <= self.max_bytes:
            self._entries[key] = entry

    @property
    def total_bytes(self) -> int:
        return int(self._entries.currsize)

    def __len__(self) -> int:
        return len(self._entries)


def _parse_refusal(error: GraphQLSyntaxError, max_tokens: int) -> GraphQLError:
    if TOKEN_LIMIT_MESSAGE in error.message:
        return GraphQLError(
            f"The document has more than {max_tokens} tokens; at most {max_tokens} are allowed.",
            extensions={"code": "TOKEN_LIMIT_EXCEEDED", "limit": max_tokens},
        )
    return GraphQLError(
        error.message,
        source=error.source,
        positions=error.positions,
        extensions={"code": "GRAPHQL_PARSE_FAILED"},
    )


DOCUMENTS = DocumentCache()
"""The process's parsed documents (shared by every request and app)."""


def normalised(query: str, max_tokens: int) -> Normalised | None:
    """``query`` printed canonically with its operations' types; ``None`` when it is
    refused at parsing (the guard then says why)."""
    try:
        return DOCUMENTS.prepare(query, max_tokens).normalised()
    except GraphQLError:
        return None
