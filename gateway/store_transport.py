"""The HTTP transport under every store client reached over the network.

httpx's own transport (httpcore) spends more CPU per call than the rest of an upstream
read: its pool walks every connection (a ``select`` each) for every request, and each of
its locks imports ``sniffio`` anew when that is not installed. :func:`store_transport`
puts httpx-aiohttp's :class:`~httpx_aiohttp.AiohttpTransport` (aiohttp's C HTTP parser
and connection pool) under httpx's requests and responses, so everything above the
transport — :class:`~gateway.upstream.UpstreamClient`'s exchanges, the auth's token calls
through an :class:`httpx.AsyncClient`, tracing hooks, tests' ASGI transports for the
in-process stores — is unchanged.

Three things it does not take from the library as it is:

- **Errors by what they mean.** httpx-aiohttp maps every
  :class:`aiohttp.ClientConnectionError` to :class:`httpx.ConnectTimeout`, so a refused
  connection read as a timeout, and a connection the store dropped *after* the request
  was sent read as one that never opened — which :mod:`gateway.retry` takes as safe to
  send a non-idempotent write again. :func:`transport_error` maps each aiohttp error to
  the httpx error of the same meaning: only a connection that could not be opened (or
  no pooled connection in time) is :class:`httpx.ConnectError` /
  :class:`httpx.ConnectTimeout`; a read timeout is :class:`httpx.ReadTimeout`; a
  dropped connection or a broken body is a read/protocol error.
- **No second say in retries or cookies.** aiohttp would re-send an idempotent method
  (a PUT or DELETE write too) once on a dropped connection, and keep cookies in its own
  jar; :mod:`gateway.retry` alone decides what is sent again, and cookies stay httpx's,
  as with its own transport.
- **The body whole, not streamed.** Every store call reads the whole answer, so the
  transport reads it from aiohttp at once and hands httpx a response already read
  (decoded by its ``Content-Encoding`` as httpx does), instead of a stream through three
  async generators and httpx's chunker for a body of a few kB.
"""

from __future__ import annotations

import aiohttp
import httpx
from httpx_aiohttp import AiohttpTransport

KEEPALIVE_EXPIRY_S = 5.0
"""How long an idle pooled connection is kept (httpx's default)."""


def store_transport(max_connections: int) -> httpx.AsyncBaseTransport:
    """The transport for one store's client: at most ``max_connections`` open at once."""
    limits = httpx.Limits(max_connections=max_connections, keepalive_expiry=KEEPALIVE_EXPIRY_S)
    return StoreTransport(limits=limits, client=lambda: _session(limits))


def _session(limits: httpx.Limits) -> aiohttp.ClientSession:
    """Made on first use, inside the event loop that will use it."""
    connector = aiohttp.TCPConnector(
        limit=limits.max_connections or 0, keepalive_timeout=limits.keepalive_expiry
    )
    session = aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar())
    # aiohttp re-sends a PUT or DELETE (any idempotent method) once by itself when the
    # connection drops after sending; :mod:`gateway.retry` alone decides what is sent
    # again, and a write that may have reached the store never is. (No public switch:
    # aiohttp's own test client turns it off the same way.)
    session._retry_connection = False
    return session


class StoreTransport(AiohttpTransport):
    """httpx-aiohttp's transport with aiohttp's errors mapped by meaning and the
    answer's body read whole (see the module docstring)."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if not isinstance(self.client, aiohttp.ClientSession):
            self.client = self.get_client()
        timeout = request.extensions.get("timeout", {})
        try:
            async with self.client.request(
                method=request.method,
                url=str(request.url),
                headers=request.headers,
                data=await request.aread() or None,
                allow_redirects=False,
                auto_decompress=False,  # httpx decodes, by the answer's Content-Encoding
                compress=False,
                timeout=aiohttp.ClientTimeout(
                    sock_connect=timeout.get("connect"),
                    sock_read=timeout.get("read"),
                    connect=timeout.get("pool"),
                ),
            ) as answer:
                body = await answer.read()
        except (httpx.TransportError, aiohttp.ClientError) as exc:
            raise transport_error(exc, request) from exc
        extensions = {"http_version": b"HTTP/1.1"}
        if answer.reason:
            extensions["reason_phrase"] = answer.reason.encode()
        response = httpx.Response(
            status_code=answer.status,
            headers=answer.raw_headers,
            stream=httpx.ByteStream(body),
            request=request,
            extensions=extensions,
        )
        response.read()  # decoded by its Content-Encoding, at once: the bytes are all here
        return response


def transport_error(error: BaseException, request: httpx.Request) -> httpx.TransportError:
    """The httpx error meaning what ``error`` (aiohttp's, or httpx-aiohttp's mapping of
    it) means — above all, whether the request may have reached the store."""
    cause = error.__cause__ if isinstance(error, httpx.TransportError) else error
    if not isinstance(cause, aiohttp.ClientError):
        if isinstance(error, httpx.TransportError):
            return error
        return httpx.TransportError(str(error), request=request)
    kind: type[httpx.TransportError]
    if isinstance(cause, aiohttp.ConnectionTimeoutError):
        kind = httpx.ConnectTimeout  # no connection in time (opening or from the pool)
    elif isinstance(cause, aiohttp.ClientConnectorError):
        kind = httpx.ConnectError  # refused, unreachable, DNS, TLS handshake
    elif isinstance(cause, aiohttp.ServerTimeoutError):
        kind = httpx.ReadTimeout  # sent; the answer did not come in time
    elif isinstance(cause, aiohttp.ServerDisconnectedError):
        kind = httpx.RemoteProtocolError  # sent; the store closed without an answer
    elif isinstance(cause, aiohttp.ClientPayloadError | aiohttp.ClientOSError):
        kind = httpx.ReadError
    elif isinstance(cause, aiohttp.InvalidURL | aiohttp.NonHttpUrlClientError):
        kind = httpx.UnsupportedProtocol
    else:
        kind = httpx.RemoteProtocolError
    return kind(type(cause).__name__, request=request)
