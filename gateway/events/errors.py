"""The errors a subscriber may end with."""

from __future__ import annotations

from gateway.errors import GatewayError


class SubscriptionClosed(GatewayError):
    """The gateway ended a subscription (it fell behind, or the server is stopping);
    the message says why and the client may subscribe again."""

    code = "SUBSCRIPTION_CLOSED"
    default_message = "The subscription was closed."

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message  # the gateway's own words, shown as written
