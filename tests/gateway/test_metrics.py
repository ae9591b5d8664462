import pytest
from prometheus_client import REGISTRY

from gateway import Metrics, Source


def test_series_appear_in_the_exposition():
    metrics = Metrics()
    metrics.request(Source.CATALOG, "get", 200, 0.02)
    metrics.error(Source.CATALOG, "RATE_LIMITED")
    metrics.cache_hit(Source.CATALOG, "fresh")
    metrics.cache_miss(Source.CATALOG)
    metrics.remaining(Source.CATALOG, 42)
    text = metrics.render().decode()
    for line in (
        'storegraph_upstream_requests_total{method="GET",source="catalog",status="200"} 1.0',
        'storegraph_upstream_latency_seconds_count{source="catalog"} 1.0',
        'storegraph_upstream_errors_total{code="RATE_LIMITED",source="catalog"} 1.0',
        'storegraph_cache_hits_total{kind="fresh",source="catalog"} 1.0',
        'storegraph_cache_misses_total{source="catalog"} 1.0',
        'storegraph_rate_limit_remaining{source="catalog"} 42.0',
    ):
        assert line in text, line


def test_each_metrics_has_its_own_registry():
    first, second = Metrics(), Metrics()
    first.cache_miss(Source.REWARDS)
    assert first.value("storegraph_cache_misses_total", source="rewards") == 1
    assert second.value("storegraph_cache_misses_total", source="rewards") == 0
    assert REGISTRY.get_sample_value("storegraph_cache_misses_total", {"source": "rewards"}) is None


def test_unknown_hit_kind_is_refused():
    with pytest.raises(ValueError):
        Metrics().cache_hit(Source.REWARDS, "lucky")
