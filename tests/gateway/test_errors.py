import pytest

from gateway import (
    BadUpstreamRequest,
    Forbidden,
    GatewayError,
    NotFound,
    RateLimited,
    Source,
    Unauthenticated,
    UpstreamError,
    UpstreamTimeout,
    UpstreamUnavailable,
    error_for_status,
)


@pytest.mark.parametrize(
    ("status", "cls", "code"),
    [
        (400, BadUpstreamRequest, "BAD_REQUEST"),
        (401, Unauthenticated, "UNAUTHENTICATED"),
        (403, Forbidden, "FORBIDDEN"),
        (404, NotFound, "NOT_FOUND"),
        (409, BadUpstreamRequest, "BAD_REQUEST"),
        (422, BadUpstreamRequest, "BAD_REQUEST"),
        (429, RateLimited, "RATE_LIMITED"),
        (500, UpstreamError, "UPSTREAM_ERROR"),
        (502, UpstreamError, "UPSTREAM_ERROR"),
        (503, UpstreamError, "UPSTREAM_ERROR"),
        (504, UpstreamTimeout, "UPSTREAM_TIMEOUT"),
    ],
)
def test_error_for_status(status, cls, code):
    error = error_for_status(Source.LITEKART, status)
    assert type(error) is cls
    assert error.code == code
    assert error.source is Source.LITEKART
    assert isinstance(error, GatewayError)


def test_extensions_leave_out_nones():
    assert NotFound().extensions() == {"code": "NOT_FOUND"}
    error = RateLimited(source=Source.CATALOG, retry_after=12.0)
    assert error.extensions() == {"code": "RATE_LIMITED", "source": "CATALOG", "retryAfter": 12.0}


def test_store_message_kept_for_4xx_dropped_for_5xx():
    assert error_for_status(Source.REWARDS, 422, "price must be positive").message == (
        "price must be positive"
    )
    assert error_for_status(Source.REWARDS, 500, "Traceback (most recent...)").message == (
        "The store failed to answer"
    )


def test_messages_are_single_line_and_bounded():
    error = BadUpstreamRequest("line one\n  line two " + "x" * 500)
    assert "\n" not in error.message
    assert len(error.message) <= 200
    assert error.message.startswith("line one line two")


def test_unavailable_has_its_code():
    assert UpstreamUnavailable().extensions() == {"code": "UPSTREAM_UNAVAILABLE"}
    assert str(UpstreamTimeout()) == "The store did not answer in time"
