"""The two refusals of the permission mechanism, with the gateway's own words.

- :class:`NotAuthenticated` (``UNAUTHENTICATED``): no usable credential that could
  satisfy the requirement was sent; the message names the header(s) needed and, when
  one was sent but refused, which and why.
- :class:`NotAllowed` (``FORBIDDEN``): a valid credential, not enough for this.

Unlike store errors, these messages are written by the gateway and shown as written
(never cut, never "the store rejected the gateway's credentials").
"""

from __future__ import annotations

from gateway.errors import Forbidden, Unauthenticated
from gateway.sources import Source


class NotAuthenticated(Unauthenticated):
    def __init__(self, message: str, *, source: Source | None = None) -> None:
        super().__init__(message, source=source)
        self.message = message


class NotAllowed(Forbidden):
    def __init__(self, message: str, *, source: Source | None = None) -> None:
        super().__init__(message, source=source)
        self.message = message
