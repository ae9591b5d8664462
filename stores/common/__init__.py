"""Building blocks shared by the five store simulators.

- ``state``: the control-plane state (config, request stats, rate-limit windows).
- ``middleware``: the ASGI middleware that counts routes, injects latency and
  faults, and enforces rate limits with ``X-RateLimit-*`` headers.
- ``control``: the ``/__sim/`` control API.
- ``errors``: ``StoreError`` and the per-store error rendering hooks.
- ``webhooks``: signed webhook delivery with retries.
- ``app``: ``build_store_app`` wires all of the above around a store's routers.
- ``shared_items``: real items sold in several stores under shared GTIN/UPC/EAN/MPN.
"""

from stores.common.app import StoreSpec, build_store_app
from stores.common.auth import bearer_token
from stores.common.errors import FieldError, StoreError
from stores.common.state import RateLimitRule, SimState
from stores.common.webhooks import WebhookDispatcher

__all__ = [
    "FieldError",
    "RateLimitRule",
    "SimState",
    "StoreError",
    "StoreSpec",
    "WebhookDispatcher",
    "bearer_token",
    "build_store_app",
]
