import pytest

from gateway import RateLimitReserve, Settings, SettingsError, Source, StoreSettings
from gateway.settings import BROWSER_USER_AGENT, DEFAULT_USER_AGENT


def test_defaults_are_embedded_with_per_store_batch_sizes():
    settings = Settings.from_env({})
    assert all(settings.store(s).url is None for s in Source)
    assert {s: settings.store(s).max_batch for s in Source} == {
        Source.LITESTORE: 1,
        Source.LITEKART: 100,
        Source.FRESHSTORE: 1,
        Source.REWARDS: 100,
        Source.CATALOG: 1,
    }
    assert settings.store(Source.FRESHSTORE).user_agent == BROWSER_USER_AGENT
    assert settings.store(Source.LITESTORE).user_agent == DEFAULT_USER_AGENT
    assert settings.loaders_enabled and settings.cache_enabled
    assert settings.rate_limit_reserve == RateLimitReserve(fraction=0.1, minimum=2)


def test_reads_store_and_global_variables():
    settings = Settings.from_env(
        {
            "STOREGRAPH_CATALOG_URL": "https://catalog.example.com/",
            "STOREGRAPH_CATALOG_CLIENT_ID": "cid",
            "STOREGRAPH_CATALOG_CLIENT_SECRET": "shh-secret",
            "STOREGRAPH_CATALOG_TIMEOUT_S": "2.5",
            "STOREGRAPH_CATALOG_TTL_S": "120",
            "STOREGRAPH_LITEKART_API_KEY": "lk-key",
            "STOREGRAPH_FRESHSTORE_USER_AGENT": "Mozilla/5.0 custom",
            "STOREGRAPH_DEADLINE_S": "4",
            "STOREGRAPH_CACHE_MAX_ENTRIES": "50",
            "STOREGRAPH_CACHE_MAX_BYTES": "4096",
            "STOREGRAPH_RATE_LIMIT_RESERVE": "20%,5",
            "STOREGRAPH_RETRY_ATTEMPTS": "5",
            "STOREGRAPH_LOADERS": "off",
            "STOREGRAPH_CACHE": "false",
            "STOREGRAPH_HOST": "0.0.0.0",
            "STOREGRAPH_PORT": "9000",
        }
    )
    catalog = settings.store(Source.CATALOG)
    assert catalog.url == "https://catalog.example.com"
    assert (catalog.client_id, catalog.client_secret) == ("cid", "shh-secret")
    assert (catalog.timeout_s, catalog.default_ttl_s) == (2.5, 120.0)
    assert settings.store(Source.LITEKART).api_key == "lk-key"
    assert settings.store(Source.FRESHSTORE).user_agent == "Mozilla/5.0 custom"
    assert settings.request_deadline_s == 4.0
    assert (settings.cache_max_entries, settings.cache_max_bytes) == (50, 4096)
    assert settings.rate_limit_reserve == RateLimitReserve(fraction=0.2, minimum=5)
    assert settings.retry_attempts == 5
    assert not settings.loaders_enabled and not settings.cache_enabled
    assert (settings.host, settings.port) == ("0.0.0.0", 9000)


def test_env_wins_over_toml_file(tmp_path):
    config = tmp_path / "storegraph.toml"
    config.write_text(
        'request_deadline_s = 7\nport = 8100\n[stores.rewards]\nurl = "http://r.test"\n'
        'api_key = "from-file"\n'
    )
    settings = Settings.from_env(
        {"STOREGRAPH_CONFIG": str(config), "STOREGRAPH_PORT": "8200"},
    )
    assert settings.request_deadline_s == 7.0
    assert settings.port == 8200
    assert settings.store(Source.REWARDS).url == "http://r.test"
    assert settings.store(Source.REWARDS).api_key == "from-file"
    assert Settings.from_env({}, toml_path=config).port == 8100


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"STOREGRAPH_PORT": "http"}, "STOREGRAPH_PORT: 'http' is not a whole number"),
        ({"STOREGRAPH_PORT": "70000"}, "STOREGRAPH_PORT: 70000 is not a TCP port"),
        ({"STOREGRAPH_DEADLINE_S": "-1"}, "STOREGRAPH_DEADLINE_S: must be a positive number"),
        ({"STOREGRAPH_CACHE": "maybe"}, "STOREGRAPH_CACHE: expected one of 1/0"),
        ({"STOREGRAPH_CACHE_MAX_ENTRIES": "0"}, "STOREGRAPH_CACHE_MAX_ENTRIES: must be at least 1"),
        ({"STOREGRAPH_RETRY_ATTEMPTS": "0"}, "STOREGRAPH_RETRY_ATTEMPTS: must be at least 1"),
        ({"STOREGRAPH_CATALOG_URL": "ftp://x"}, "STOREGRAPH_CATALOG_URL: 'ftp://x' is not"),
        ({"STOREGRAPH_LITESTORE_TIMEOUT_S": "soon"}, "STOREGRAPH_LITESTORE_TIMEOUT_S: 'soon'"),
        ({"STOREGRAPH_RATE_LIMIT_RESERVE": "150%"}, "STOREGRAPH_RATE_LIMIT_RESERVE: fraction"),
        ({"STOREGRAPH_RATE_LIMIT_RESERVE": "a,b,c"}, "STOREGRAPH_RATE_LIMIT_RESERVE: expected"),
        ({"STOREGRAPH_CONFIG": "/nonexistent.toml"}, "STOREGRAPH_CONFIG: config file"),
    ],
)
def test_invalid_values_name_the_variable(env, message):
    with pytest.raises(SettingsError) as info:
        Settings.from_env(env)
    assert str(info.value).startswith(message)


def test_bad_toml_and_unknown_store_keys(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("port = = 1")
    with pytest.raises(SettingsError, match="is not TOML"):
        Settings.from_env({}, toml_path=bad)
    unknown = tmp_path / "unknown.toml"
    unknown.write_text('[stores.catalog]\nurll = "http://x"\n')
    with pytest.raises(SettingsError, match=r"unknown keys in \[stores.catalog\]: urll"):
        Settings.from_env({}, toml_path=unknown)


def test_repr_never_shows_secrets():
    settings = Settings.from_env(
        {
            "STOREGRAPH_CATALOG_CLIENT_SECRET": "shh-secret",
            "STOREGRAPH_LITESTORE_API_KEY": "ls-live-key",
        }
    )
    text = repr(settings) + str(settings.store(Source.CATALOG))
    assert "shh-secret" not in text and "ls-live-key" not in text
    assert "***" in text
    assert "api_key=None" in repr(StoreSettings())


def test_reserve_calls():
    reserve = RateLimitReserve(fraction=0.1, minimum=2)
    assert reserve.calls(100) == 10
    assert reserve.calls(10) == 2
    assert reserve.calls(None) == 2
    assert RateLimitReserve.parse("0") == RateLimitReserve(0.0, 0)
    assert RateLimitReserve.parse("0.05") == RateLimitReserve(0.05, 0)


def test_a_store_variable_keeps_that_stores_other_defaults(tmp_path):
    config = tmp_path / "storegraph.toml"
    config.write_text("[stores.freshstore]\ndefault_ttl_s = 60\nmax_batch = 3\n")
    settings = Settings.from_env({"STOREGRAPH_FRESHSTORE_TTL_S": "9"}, toml_path=config)
    fresh = settings.store(Source.FRESHSTORE)
    assert (fresh.default_ttl_s, fresh.max_batch) == (9.0, 3)
    assert fresh.user_agent == BROWSER_USER_AGENT
    assert settings.store(Source.LITEKART).max_batch == 100
    assert Settings.from_env({}, toml_path=config).store(Source.FRESHSTORE).default_ttl_s == 60.0


def test_keyword_arguments_win_and_os_environ_is_read(monkeypatch):
    monkeypatch.setenv("STOREGRAPH_RETRY_ATTEMPTS", "7")
    monkeypatch.setenv("STOREGRAPH_LITEKART_MAX_BATCH", "50")
    assert Settings().retry_attempts == 7
    assert Settings(retry_attempts=2).retry_attempts == 2
    assert Settings.from_env().store(Source.LITEKART).max_batch == 50
    assert Settings.from_env({}).retry_attempts == 3


@pytest.mark.parametrize(
    ("env", "toml", "message"),
    [
        ({"STOREGRAPH_CATALOG_URLL": "http://x"}, None, "STOREGRAPH_CATALOG_URLL: not a setting"),
        ({}, "port = 'x'\n", "config file: port: 'x' is not a whole number"),
        ({}, "foo = 1\n", "config file: unknown key 'foo'"),
        (
            {},
            "[stores.catalog]\ntimeout_s = 0\n",
            "config file: stores.catalog.timeout_s: must be a positive",
        ),
        ({}, "stores = 1\n", "config file: [stores] must be a table"),
        ({}, "[stores.amazon]\nurl = 'http://x'\n", "config file: unknown stores: amazon"),
        (
            {},
            "[catalog]\nurl = 'http://x'\n",
            "config file: 'catalog' belongs under [stores.catalog]",
        ),
        ({"STOREGRAPH_PORT": "1"}, "port = 'x'\n", None),
    ],
)
def test_file_errors_name_the_key(tmp_path, env, toml, message):
    path = None
    if toml is not None:
        path = tmp_path / "storegraph.toml"
        path.write_text(toml)
    if message is None:
        assert Settings.from_env(env, toml_path=path).port == 1
        return
    with pytest.raises(SettingsError) as info:
        Settings.from_env(env, toml_path=path)
    assert str(info.value).startswith(message)


def test_config_command_prints_the_effective_configuration_masked(tmp_path, capsys, monkeypatch):
    from gateway.cli import main

    config = tmp_path / "storegraph.toml"
    config.write_text('cache_max_entries = 77\n[stores.catalog]\nclient_secret = "file-secret"\n')
    monkeypatch.setenv("STOREGRAPH_LITEKART_API_KEY", "lk-live-key")
    monkeypatch.setenv("STOREGRAPH_ADMIN_TOKEN", "admin-token-1")
    monkeypatch.setenv("STOREGRAPH_CATALOG_URL", "https://catalog.example.com")
    assert main(["config", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    for secret in ("file-secret", "lk-live-key", "admin-token-1"):
        assert secret not in out
    assert "cache_max_entries = 77  # STOREGRAPH_CACHE_MAX_ENTRIES" in out
    assert 'url = "https://catalog.example.com"  # STOREGRAPH_CATALOG_URL' in out
    assert 'client_secret = "***"  # STOREGRAPH_CATALOG_CLIENT_SECRET' in out
    assert 'admin_token = "***"' in out
    assert "# url is not set  (STOREGRAPH_LITESTORE_URL)" in out
    # what it prints (secrets aside) is a file that gives the same settings back
    echoed = tmp_path / "echoed.toml"
    echoed.write_text(out.replace('"***"', '"x"'))
    again = Settings.from_env({}, toml_path=echoed)
    assert again.cache_max_entries == 77
    assert again.store(Source.CATALOG).url == "https://catalog.example.com"


def test_config_command_reports_a_bad_variable(capsys, monkeypatch):
    from gateway.cli import main

    monkeypatch.setenv("STOREGRAPH_PORT", "70000")
    assert main(["config"]) == 2
    assert "STOREGRAPH_PORT: 70000 is not a TCP port" in capsys.readouterr().err


def test_comma_lists_and_secrets_declared_on_a_model():
    from pydantic import BaseModel

    from gateway.settings import CommaList, Secret, is_secret

    class Extra(BaseModel):
        origins: CommaList = ()
        token: Secret = None

    assert Extra(origins="https://a.test, https://b.test").origins == (
        "https://a.test",
        "https://b.test",
    )
    assert Extra(origins=["x"]).origins == ("x",)
    assert is_secret(Extra.model_fields["token"]) and not is_secret(Extra.model_fields["origins"])


def test_live_event_settings():
    settings = Settings.from_env(
        {
            "STOREGRAPH_LITEKART_WEBHOOK_SECRET": "whsec-kart",
            "STOREGRAPH_WEBHOOK_TOLERANCE_S": "60",
            "STOREGRAPH_SUBSCRIPTION_QUEUE_SIZE": "8",
            "STOREGRAPH_SUBSCRIPTIONS_PER_CONNECTION": "3",
            "STOREGRAPH_SUBSCRIPTION_KEEPALIVE_S": "2.5",
            "STOREGRAPH_SUBSCRIPTION_INIT_TIMEOUT_S": "4",
        }
    )
    assert settings.store(Source.LITEKART).webhook_secret == "whsec-kart"
    assert settings.store(Source.LITESTORE).webhook_secret is None
    assert (settings.webhook_tolerance_s, settings.subscription_queue_size) == (60, 8)
    assert settings.subscriptions_per_connection == 3
    assert (settings.subscription_keepalive_s, settings.subscription_init_timeout_s) == (2.5, 4)
    assert "whsec-kart" not in repr(settings)
    with pytest.raises(SettingsError, match="STOREGRAPH_SUBSCRIPTION_QUEUE_SIZE"):
        Settings.from_env({"STOREGRAPH_SUBSCRIPTION_QUEUE_SIZE": "0"})
