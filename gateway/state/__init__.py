"""Shared state behind small interfaces, each with a bounded in-process implementation.

Today every gateway process keeps its own; when one machine is outgrown they move to one
shared store together (DESIGN "Shared state"), behind the same interfaces:

- :class:`DocumentStore` — persisted-query documents by sha256 (APQ):
  :class:`InMemoryDocumentStore`.
"""

from gateway.state.documents import DocumentStore, InMemoryDocumentStore

__all__ = ["DocumentStore", "InMemoryDocumentStore"]
