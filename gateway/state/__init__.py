"""Shared state behind small interfaces, each with an in-process implementation.

What several requests (and, later, several gateway replicas) must share lives here, one
module per kind of state, so that moving it out of the process (Redis) changes one
implementation, not its users:

- :mod:`gateway.state.operations` — the whole-response cache's entries.
"""
