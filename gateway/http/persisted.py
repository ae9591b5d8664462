"""Persisted queries: Apollo's automatic persisted queries (APQ v1) and trusted documents.

:meth:`PersistedQueries.document` turns an :class:`~gateway.http.operations.Operation`
into the text to execute:

- ``extensions.persistedQuery = {"version": 1, "sha256Hash": h}`` without a ``query``:
  the document registered under ``h`` (or the manifest's), else
  ``PERSISTED_QUERY_NOT_FOUND`` — status 200, message ``PersistedQueryNotFound``, which
  makes Apollo clients send the query with its hash;
- a ``query`` with its hash: the hash is checked (``PERSISTED_QUERY_HASH_MISMATCH``,
  nothing stored) and the document is registered once it has parsed and validated
  (:meth:`PersistedQueries.register`), so garbage never fills the store;
- ``documentId`` (GraphQL over HTTP persisted documents, GraphQL Codegen): a manifest id
  or a sha256, with or without its ``sha256:`` prefix.

With ``trusted_only`` (``STOREGRAPH_TRUSTED_DOCUMENTS_ONLY``) only the manifest's
documents run: anything else is ``PERSISTED_QUERY_NOT_IN_LIST`` and nothing is
registered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from gateway.http.errors import (
    BAD_REQUEST,
    PERSISTED_QUERY_HASH_MISMATCH,
    PERSISTED_QUERY_NOT_FOUND,
    PERSISTED_QUERY_NOT_IN_LIST,
    PERSISTED_QUERY_NOT_SUPPORTED,
    RequestError,
)
from gateway.http.operations import Operation
from gateway.http.trusted_documents import TrustedDocuments, sha256_of
from gateway.state.documents import DocumentStore

APQ_VERSION = 1
SHA256_PATTERN = re.compile(r"[0-9a-f]{64}")
NOT_FOUND_MESSAGE = "PersistedQueryNotFound"
"""The message Apollo clients look for before sending the full query."""


class PersistedQueries:
    """Resolves persisted queries against the APQ store and the trusted manifest."""

    def __init__(
        self,
        store: DocumentStore,
        trusted: TrustedDocuments | None = None,
        *,
        trusted_only: bool = False,
        on_lookup: Callable[[bool], None] | None = None,
    ) -> None:
        if trusted_only and trusted is None:
            raise ValueError("trusted_only needs a trusted documents manifest")
        self.store = store
        self.trusted = trusted
        self.trusted_only = trusted_only
        self.on_lookup = on_lookup
        """Told of each lookup by hash without a query: found (hit) or not (the metrics)."""

    async def document(
        self, operation: Operation, *, counted: bool = True
    ) -> tuple[str, str | None]:
        """The document to execute and, when it should be registered once it validates,
        its sha256 (see the module docstring); ``counted=False``: a look that is not the
        request's lookup (the fast path's, which calls :meth:`found` when it answers)."""
        key = _persisted_key(operation)
        query = operation.query
        if query is not None and not query.strip():
            raise RequestError("The request's `query` is empty.")
        if self.trusted_only:
            return self._trusted(key, query), None
        if key is None:
            if query is None:
                raise RequestError(
                    "A GraphQL request needs a `query`, a persisted query hash "
                    "(`extensions.persistedQuery`) or a `documentId`.",
                    BAD_REQUEST,
                )
            return query, None
        if query is not None:
            if sha256_of(query) != key:
                raise RequestError(
                    "The persisted query hash is not the sha256 of the query sent.",
                    PERSISTED_QUERY_HASH_MISMATCH,
                )
            return query, key
        found = await self.store.get(key)
        if found is None and self.trusted is not None:
            found = self.trusted.find(key)
        if counted and self.on_lookup is not None:
            self.on_lookup(found is not None)
        if found is None:
            raise RequestError(NOT_FOUND_MESSAGE, PERSISTED_QUERY_NOT_FOUND, status=200)
        return found, None

    def found(self, operation: Operation) -> None:
        """Count the lookup of an operation answered without :meth:`document` counting it:
        a hit when it came by hash alone."""
        by_hash = operation.query is None and not self.trusted_only
        if self.on_lookup is not None and by_hash and _persisted_key(operation) is not None:
            self.on_lookup(True)

    async def register(self, sha256: str, document: str) -> None:
        """Keep ``document`` under ``sha256`` (after it parsed and validated)."""
        await self.store.put(sha256, document)

    def _trusted(self, key: str | None, query: str | None) -> str:
        assert self.trusted is not None
        found = self.trusted.find(key) if key is not None else None
        if query is not None:
            if key is not None and found is not None and sha256_of(query) != sha256_of(found):
                raise RequestError(
                    "The persisted query hash is not the sha256 of the query sent.",
                    PERSISTED_QUERY_HASH_MISMATCH,
                )
            if self.trusted.contains_document(query):
                return query
        elif found is not None:
            return found
        raise RequestError(
            "This gateway only runs trusted documents, and this one is not in its list.",
            PERSISTED_QUERY_NOT_IN_LIST,
        )


def _persisted_key(operation: Operation) -> str | None:
    """The persisted document's key: APQ's sha256, or the ``documentId``."""
    extension: Any = (operation.extensions or {}).get("persistedQuery")
    if extension is not None:
        if not isinstance(extension, dict):
            raise RequestError("`extensions.persistedQuery` must be an object.")
        if extension.get("version") != APQ_VERSION:
            raise RequestError(
                f"Only version {APQ_VERSION} of persisted queries is supported.",
                PERSISTED_QUERY_NOT_SUPPORTED,
            )
        sha256 = extension.get("sha256Hash")
        if not isinstance(sha256, str) or not SHA256_PATTERN.fullmatch(sha256):
            raise RequestError("`sha256Hash` must be 64 lower-case hex digits.")
        return sha256
    if operation.document_id is not None:
        document_id = operation.document_id.strip()
        if document_id.startswith("sha256:"):
            document_id = document_id.removeprefix("sha256:")
        if not document_id:
            raise RequestError("The request's `documentId` is empty.")
        return document_id
    return None
