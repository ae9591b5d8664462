"""The request headers the edge speaks of, by what they mean.

- :data:`IDENTITY_HEADERS` say who is asking: browsers must be allowed to send them
  (CORS), and a response that may differ by them is cached per value of each (``Vary``);
  a request carrying any of them never gets a ``public`` answer.
- :data:`PREFLIGHT_HEADERS` are Apollo's markers of a non-simple request (CSRF
  prevention): a browser can only send them after a CORS preflight.
- :data:`CLIENT_HEADERS` are sent by Apollo clients and by our own request tracing.
"""

from __future__ import annotations

from gateway.request_scope import REQUEST_ID_HEADER

AUTHORIZATION = "authorization"
LITEKART_CUSTOMER_TOKEN = "litekart-customer-token"
LIVELIKE_USER_TOKEN = "livelike-user-token"
IDENTITY_HEADERS: tuple[str, ...] = (AUTHORIZATION, LITEKART_CUSTOMER_TOKEN, LIVELIKE_USER_TOKEN)

APOLLO_REQUIRE_PREFLIGHT = "apollo-require-preflight"
APOLLO_OPERATION_NAME = "x-apollo-operation-name"
PREFLIGHT_HEADERS: tuple[str, ...] = (APOLLO_REQUIRE_PREFLIGHT, APOLLO_OPERATION_NAME)

CLIENT_HEADERS: tuple[str, ...] = (
    "content-type",
    "accept",
    "if-none-match",
    "apollographql-client-name",
    "apollographql-client-version",
    REQUEST_ID_HEADER,
)

EXPOSED_HEADERS: tuple[str, ...] = (REQUEST_ID_HEADER, "etag")
"""Response headers a cross-origin page may read."""
