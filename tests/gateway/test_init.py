import gateway


def test_all_is_sorted():
    assert gateway.__all__ == sorted(gateway.__all__)


def test_all_names_are_importable():
    for name in gateway.__all__:
        assert getattr(gateway, name) is not None, name


def test_every_public_module_has_a_docstring():
    import importlib

    for module in (
        "auth",
        "batching",
        "cache",
        "errors",
        "metrics",
        "ratelimit",
        "retry",
        "settings",
        "sources",
        "upstream",
    ):
        assert importlib.import_module(f"gateway.{module}").__doc__, module
