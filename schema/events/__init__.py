"""Subscriptions: the stores' webhook events as typed GraphQL events.

- ``types``: one type per documented event, all ``StoreEvent``; links back into the
  graph resolved as ``node(id)`` does.
- ``subscriptions``: the ``Subscription`` root — one field per event kind, filterable
  by the objects it concerns, and ``storeEvents`` for several kinds at once.
- ``audience``: who may hear which event.

Transports (graphql-transport-ws and graphql-sse) are set up with the router in
``gateway.app``; their limits are in ``gateway.events.transports``.
"""

from __future__ import annotations

from schema.events.subscriptions import Subscription
from schema.events.types import TYPES, StoreEvent

__all__ = ["TYPES", "StoreEvent", "Subscription"]
