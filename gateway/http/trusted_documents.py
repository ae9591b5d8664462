"""Loading a trusted-documents manifest (the persisted-query allowlist of mobile apps).

Two formats, as the client toolchains write them:

- Apollo's ``persisted-query-manifest.json``::

      {"format": "apollo-persisted-query-manifest", "version": 1,
       "operations": [{"id": "<sha256>", "name": "...", "type": "query", "body": "..."}]}

- GraphQL Code Generator's client-preset ``persisted-documents.json``::

      {"<hash>": "<document>", ...}

:class:`TrustedDocuments` finds a document by its manifest id (whatever hash the tool
used) and by the sha256 of its text (what APQ clients send). A malformed manifest stops
the gateway at start-up with a :class:`~gateway.settings.SettingsError` naming it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import orjson

from gateway.settings import SettingsError

APOLLO_FORMAT = "apollo-persisted-query-manifest"


def sha256_of(document: str) -> str:
    """The hex sha256 of a document's UTF-8 text (APQ's hash)."""
    return hashlib.sha256(document.encode()).hexdigest()


class TrustedDocuments:
    """The documents of a manifest, by id and by sha256."""

    def __init__(self, documents: Mapping[str, str]) -> None:
        self._by_id = dict(documents)
        self._by_sha256 = {sha256_of(body): body for body in self._by_id.values()}

    def find(self, key: str) -> str | None:
        """The document whose manifest id or sha256 is ``key``."""
        return self._by_id.get(key) or self._by_sha256.get(key)

    def contains_document(self, document: str) -> bool:
        return sha256_of(document) in self._by_sha256

    def __len__(self) -> int:
        return len(self._by_id)

    @classmethod
    def load(cls, path: str | Path) -> TrustedDocuments:
        """The manifest at ``path`` (either format)."""
        name = f"trusted documents manifest {str(path)!r}"
        try:
            data = orjson.loads(Path(path).read_bytes())
        except FileNotFoundError:
            raise SettingsError(f"{name} not found") from None
        except orjson.JSONDecodeError as error:
            raise SettingsError(f"{name} is not JSON: {error}") from None
        return cls(_documents_of(data, name))


def _documents_of(data: Any, name: str) -> dict[str, str]:
    if not isinstance(data, dict):
        raise SettingsError(f"{name}: expected a JSON object")
    if data.get("format") == APOLLO_FORMAT:
        if data.get("version") != 1:
            raise SettingsError(f"{name}: only version 1 of {APOLLO_FORMAT} is understood")
        operations = data.get("operations")
        if not isinstance(operations, list):
            raise SettingsError(f"{name}: `operations` must be a list")
        documents = {}
        for index, operation in enumerate(operations):
            ok = isinstance(operation, dict)
            key, body = (operation.get("id"), operation.get("body")) if ok else (None, None)
            if not isinstance(key, str) or not isinstance(body, str) or not body.strip():
                raise SettingsError(f"{name}: operations[{index}] needs a string id and body")
            documents[key] = body
        return documents
    if not all(isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in data.items()):
        raise SettingsError(f"{name}: expected {APOLLO_FORMAT} or an object of id → document")
    return dict(data)
