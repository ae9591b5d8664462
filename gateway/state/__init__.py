"""Shared state behind small interfaces, each with an in-process implementation.

The response cache, rate-limit budgets, APQ documents, idempotency keys and the event
bus are process-wide state a second gateway replica would have to share. Each sits
behind an interface here so a shared implementation (one ``STOREGRAPH_REDIS_URL``)
can replace the in-process one without touching its users.

- :mod:`gateway.state.idempotency` — the outcome of a write per (caller, key).
"""
