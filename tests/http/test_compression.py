"""Compression: gzip, brotli and zstd above the threshold, each decoding to the same JSON."""

from __future__ import annotations

import gzip

import brotli
import httpx
import orjson
import pytest

from gateway.settings import Settings
from tests.graph.conftest import make_graph

LISTING = {
    "query": "{ products(first: 100) { edges { node { id name price { amount currency } } } } }"
}


async def raw_post(graph, body, encoding: str) -> tuple[httpx.Response, bytes]:
    """POST, and the body's bytes as sent (httpx not decoding them)."""
    request = graph.client.build_request(
        "POST", "/graphql", json=body, headers={"accept-encoding": encoding}
    )
    response = await graph.client.send(request, stream=True)
    raw = b"".join([chunk async for chunk in response.aiter_raw()])
    await response.aclose()
    return response, raw


def decoded(sent: tuple[httpx.Response, bytes]) -> bytes:
    response, raw = sent
    encoding = response.headers.get("content-encoding")
    if encoding == "gzip":
        return gzip.decompress(raw)
    if encoding == "br":
        return brotli.decompress(raw)
    assert encoding is None, encoding
    return raw


@pytest.fixture
async def warm(graph):
    await graph.data(LISTING["query"])  # later answers come from the gateway's cache
    return graph


async def test_gzip_and_brotli_bodies_decode_to_the_same_json(warm) -> None:
    sent = [await raw_post(warm, LISTING, e) for e in ("identity", "gzip", "br")]
    encodings = [response.headers.get("content-encoding") for response, _ in sent]
    assert encodings == [None, "gzip", "br"]
    data = [orjson.loads(decoded(s))["data"] for s in sent]
    assert data[0] == data[1] == data[2] and len(data[0]["products"]["edges"]) == 100
    for response, raw in sent:
        assert "accept-encoding" in response.headers["vary"].lower()
        assert int(response.headers["content-length"]) == len(raw)
    plain, gz, br = (len(raw) for _, raw in sent)
    assert gz < plain / 4 and br < gz


async def test_small_answers_stay_uncompressed(graph) -> None:
    response, _ = await raw_post(graph, {"query": "{ __typename }"}, "gzip, br")
    assert response.headers.get("content-encoding") is None


async def test_the_threshold_is_configurable() -> None:
    graph = await make_graph(Settings(compression_min_bytes=10))
    try:
        small = await raw_post(graph, {"query": "{ __typename }"}, "gzip")
        assert small[0].headers["content-encoding"] == "gzip"
        assert orjson.loads(decoded(small)) == {"data": {"__typename": "Query"}}
    finally:
        await graph.aclose()
