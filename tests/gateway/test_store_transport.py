"""The stores' network transport (gateway.store_transport) against a real loopback socket:
answers over kept-alive connections, and each failure read by what it means — above all
whether a write may have reached the store (then it is never sent again)."""

from __future__ import annotations

import asyncio
import gzip
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import httpx
import pytest

from gateway import (
    BearerAuth,
    Settings,
    Source,
    UpstreamClient,
    UpstreamError,
    UpstreamTimeout,
    UpstreamUnavailable,
)
from gateway.retry import NEVER_REACHED_STORE
from gateway.store_transport import store_transport

OK_BODY = b'{"data": [1, 2, 3]}'
ATTEMPTS = 3
Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter, "FakeStore"], Awaitable[None]]


class FakeStore:
    """A loopback HTTP/1.1 server: counts connections and requests (head + body read)."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.connections = 0
        self.requests: list[bytes] = []

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            await self.handler(reader, writer, self)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    async def read_request(self, reader: asyncio.StreamReader) -> bytes:
        head = await reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n"):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        body = await reader.readexactly(length) if length else b""
        self.requests.append(head + body)
        return head


def answer(body: bytes = OK_BODY, extra: bytes = b"") -> bytes:
    return (
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
        b"x-ratelimit-limit: 100\r\nx-ratelimit-remaining: 42\r\n"
        + extra
        + b"content-length: "
        + str(len(body)).encode()
        + b"\r\n\r\n"
        + body
    )


async def answers(reader, writer, store: FakeStore) -> None:
    while True:
        await store.read_request(reader)
        writer.write(answer())
        await writer.drain()


async def hangs_up(reader, writer, store: FakeStore) -> None:
    """Reads the whole request, then closes without a byte of answer."""
    await store.read_request(reader)


async def cuts_the_body(reader, writer, store: FakeStore) -> None:
    await store.read_request(reader)
    writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n" + OK_BODY)
    await writer.drain()


async def never_answers(reader, writer, store: FakeStore) -> None:
    await store.read_request(reader)
    await asyncio.sleep(30)


@asynccontextmanager
async def fake_store(handler: Handler) -> AsyncIterator[tuple[FakeStore, str]]:
    store = FakeStore(handler)
    server = await asyncio.start_server(store.serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield store, f"http://127.0.0.1:{port}"
    finally:
        server.close()
        await server.wait_closed()


def network_client(url: str, *, timeout_s: float = 5.0) -> UpstreamClient:
    """The gateway's client for Litekart at ``url`` — no transport given: the network one."""
    settings = Settings(retry_attempts=ATTEMPTS)
    store = settings.store(Source.LITEKART).model_copy(update={"url": url, "timeout_s": timeout_s})
    settings = settings.with_stores({Source.LITEKART: store})
    return UpstreamClient(Source.LITEKART, settings, auth=BearerAuth("sk-test-key"))


async def test_answers_come_back_whole_over_one_kept_alive_connection():
    async with fake_store(answers) as (store, url), network_client(url) as client:
        first = await client.get_json("/api/products", {"page": 1})
        second = await client.send_json("POST", "/api/carts", {"items": [1]})
    assert first.json == second.json == {"data": [1, 2, 3]}
    assert first.headers["x-ratelimit-remaining"] == "42"
    assert store.connections == 1 and len(store.requests) == 2
    get, post = (request.decode() for request in store.requests)
    assert get.startswith("GET /api/products?page=1 HTTP/1.1")
    assert "authorization: Bearer sk-test-key" in get
    assert post.startswith("POST /api/carts HTTP/1.1") and post.endswith('{"items":[1]}')


async def test_a_refused_connection_is_unavailable_not_a_timeout():
    async with fake_store(answers) as (_, url):
        pass  # closed: nothing listens there any more
    async with network_client(url) as client:
        with pytest.raises(UpstreamUnavailable):
            await client.get_json("/api/products")
        with pytest.raises(UpstreamUnavailable):  # never reached the store: sent again
            await client.send_json("POST", "/api/carts", {})


@pytest.mark.parametrize("handler", [hangs_up, cuts_the_body], ids=["hang-up", "cut-body"])
async def test_a_write_the_store_may_have_received_is_never_sent_again(handler):
    async with fake_store(handler) as (store, url), network_client(url) as client:
        with pytest.raises((UpstreamError, UpstreamUnavailable)) as info:
            await client.send_json("POST", "/api/carts", {"items": [1]})
        assert not isinstance(info.value, UpstreamTimeout)
        assert len(store.requests) == 1
        with pytest.raises((UpstreamError, UpstreamUnavailable)):  # a read: tried again
            await client.get_json("/api/products")
        assert len(store.requests) == 1 + ATTEMPTS


async def test_a_store_that_does_not_answer_in_time_is_a_timeout_and_a_write_is_not_resent():
    async with fake_store(never_answers) as (store, url):
        async with network_client(url, timeout_s=0.2) as client:
            with pytest.raises(UpstreamTimeout):
                await client.send_json("POST", "/api/carts", {})
        assert len(store.requests) == 1


async def test_no_free_connection_in_time_is_a_connect_timeout():
    """Waiting for the pool never sent a byte: retry may send it (NEVER_REACHED_STORE)."""
    async with fake_store(never_answers) as (_, url):
        transport = store_transport(max_connections=1)
        async with httpx.AsyncClient(transport=transport, base_url=url) as client:
            busy = asyncio.ensure_future(client.get("/slow", timeout=5.0))
            await asyncio.sleep(0.05)
            with pytest.raises(httpx.TransportError) as info:
                await client.get("/queued", timeout=0.1)
            busy.cancel()
    assert isinstance(info.value, NEVER_REACHED_STORE)


async def gzipped_in_chunks(reader, writer, store: FakeStore) -> None:
    """A gzip-encoded answer sent with chunked transfer encoding, in two chunks."""
    body = gzip.compress(OK_BODY)
    half = len(body) // 2
    while True:
        await store.read_request(reader)
        writer.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
            b"content-encoding: gzip\r\ntransfer-encoding: chunked\r\n\r\n"
        )
        for part in (body[:half], body[half:]):
            writer.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
            await writer.drain()
        writer.write(b"0\r\n\r\n")
        await writer.drain()


async def test_a_compressed_answer_in_chunks_is_read_whole_and_decoded():
    async with fake_store(gzipped_in_chunks) as (store, url), network_client(url) as client:
        first = await client.get_json("/api/products")
        second = await client.get_json("/api/products", {"page": 2})
    assert first.json == second.json == {"data": [1, 2, 3]}
    assert first.headers["content-encoding"] == "gzip"
    assert store.connections == 1  # the connection went back to the pool after the body
