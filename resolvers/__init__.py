"""Resolver logic, one module per domain: fetches through the upstream clients and
per-request loaders, returning plain records (never schema types)."""
