import asyncio

import httpx
import pytest
import stamina

from gateway import RetryPolicy
from gateway.retry import BACKOFF_BASE_S, BACKOFF_CAP_S

NOW = 1_700_000_000.0


def responder(*outcomes):
    """A send() returning/raising ``outcomes`` in turn, counting calls."""
    calls = []

    async def send():
        outcome = outcomes[len(calls)]
        calls.append(outcome)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    return send, calls


def policy(clock=None, attempts=3, **kwargs):
    delays = []
    made = RetryPolicy(
        attempts=attempts,
        clock=clock or (lambda: 0.0),
        wall_clock=lambda: NOW,
        random=lambda: 1.0,
        on_retry=lambda attempt, delay, outcome: delays.append(delay),
        **kwargs,
    )
    return made, delays


async def test_retries_503_then_succeeds():
    send, calls = responder(httpx.Response(503), httpx.Response(200))
    retrying, delays = policy()
    response = await retrying.run(send)
    assert response.status_code == 200
    assert len(calls) == 2
    assert delays == [BACKOFF_BASE_S]


async def test_429_honours_retry_after():
    send, calls = responder(httpx.Response(429, headers={"Retry-After": "7"}), httpx.Response(200))
    retrying, delays = policy()
    assert (await retrying.run(send)).status_code == 200
    assert len(calls) == 2
    assert delays == [7.0]


async def test_429_falls_back_to_ratelimit_reset():
    reset = {"X-RateLimit-Reset": str(int(NOW + 12))}
    send, _ = responder(httpx.Response(429, headers=reset), httpx.Response(200))
    retrying, delays = policy()
    await retrying.run(send)
    assert delays == [12.0]


async def test_exponential_backoff_with_full_jitter_is_capped():
    retrying, _ = policy(attempts=10)
    assert [retrying.delay_for(n, httpx.Response(503)) for n in (1, 2, 3)] == [
        BACKOFF_BASE_S,
        BACKOFF_BASE_S * 2,
        BACKOFF_BASE_S * 4,
    ]
    assert retrying.delay_for(30, httpx.Response(503)) == BACKOFF_CAP_S
    jittered = RetryPolicy(random=lambda: 0.25)
    assert jittered.delay_for(3, httpx.ConnectError("x")) == BACKOFF_BASE_S * 4 * 0.25


async def test_gives_up_after_attempts_with_the_last_response():
    send, calls = responder(*[httpx.Response(502)] * 5)
    retrying, delays = policy(attempts=3)
    assert (await retrying.run(send)).status_code == 502
    assert len(calls) == 3 and len(delays) == 2


async def test_gives_up_with_the_last_error():
    send, calls = responder(httpx.ConnectError("refused"), httpx.ReadTimeout("slow"))
    retrying, _ = policy(attempts=2)
    with pytest.raises(httpx.ReadTimeout):
        await retrying.run(send)
    assert len(calls) == 2


async def test_never_waits_past_the_deadline():
    send, calls = responder(httpx.Response(429, headers={"Retry-After": "30"}), httpx.Response(200))
    retrying, delays = policy(clock=lambda: 100.0)
    response = await retrying.run(send, deadline=110.0)
    assert response.status_code == 429
    assert len(calls) == 1 and delays == []


async def test_non_retryable_status_returns_at_once():
    send, calls = responder(httpx.Response(404))
    retrying, _ = policy()
    assert (await retrying.run(send)).status_code == 404
    assert len(calls) == 1


async def test_writes_retry_only_when_the_request_never_left():
    send, calls = responder(httpx.Response(503))
    retrying, _ = policy()
    assert (await retrying.run(send, idempotent=False)).status_code == 503
    assert len(calls) == 1

    send, calls = responder(httpx.ReadTimeout("maybe processed"))
    with pytest.raises(httpx.ReadTimeout):
        await retrying.run(send, idempotent=False)
    assert len(calls) == 1

    send, calls = responder(httpx.ConnectError("refused"), httpx.Response(201))
    assert (await retrying.run(send, idempotent=False)).status_code == 201
    assert len(calls) == 2


async def test_sleeps_only_outside_testing_mode(monkeypatch):
    slept = []

    async def fake_sleep(seconds):
        if seconds > 0:  # tenacity yields with sleep(0) between attempts in testing mode
            slept.append(seconds)

    monkeypatch.setattr(asyncio, "sleep", fake_sleep)  # stamina waits with asyncio.sleep
    retrying, _ = policy()
    send, _ = responder(httpx.Response(503), httpx.Response(200))
    await retrying.run(send)
    assert slept == []
    with stamina.set_testing(False):
        send, _ = responder(httpx.Response(503), httpx.Response(200))
        await retrying.run(send)
    assert slept == [BACKOFF_BASE_S]
