"""``storegraph token`` mints operator tokens; ``storegraph serve`` prints the embedded
default's generated secret (and only then)."""

from __future__ import annotations

import jwt
import pytest

from gateway.cli import main
from gateway.identity import OperatorTokenVerifier, Role

SECRET = "cli-test-secret-0123456789abcdef0123456789"


async def test_token_mints_what_the_gateway_accepts(capsys, monkeypatch) -> None:
    monkeypatch.setenv("STOREGRAPH_JWT_SECRET", SECRET)
    assert main(["token", "--role", "admin", "--role", "staff", "--ttl", "15m"]) == 0
    token = capsys.readouterr().out.strip()
    operator = await OperatorTokenVerifier(secret=SECRET).verify(token)
    assert operator.roles == {Role.ADMIN, Role.STAFF}
    claims = jwt.decode(token, SECRET, algorithms=["HS256"], audience="storegraph")
    assert claims["exp"] - claims["iat"] == 900


def test_token_for_a_creator_and_its_errors(capsys, monkeypatch) -> None:
    monkeypatch.setenv("STOREGRAPH_JWT_SECRET", SECRET)
    assert main(["token", "--role", "creator", "--creator-id", "creator-007"]) == 0
    claims = jwt.decode(capsys.readouterr().out.strip(), options={"verify_signature": False})
    assert claims["creator_id"] == "creator-007" and claims["roles"] == ["creator"]
    assert main(["token", "--role", "admin", "--ttl", "forever"]) == 2
    assert "--ttl" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["token", "--role", "overlord"])
    monkeypatch.delenv("STOREGRAPH_JWT_SECRET")
    assert main(["token", "--role", "admin"]) == 2
    assert "STOREGRAPH_JWT_SECRET" in capsys.readouterr().err


def test_serve_prints_the_generated_secret_only_for_the_embedded_default(
    capsys, monkeypatch
) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    # serve points the process's log output at its stderr: the suite keeps its own
    monkeypatch.setattr("gateway.telemetry.logs.configure_logging", lambda *a, **k: None)
    for name in ("STOREGRAPH_JWT_SECRET", "STOREGRAPH_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    assert main(["serve"]) == 0
    out = capsys.readouterr().out
    line = next(ln for ln in out.splitlines() if "generated secret" in ln)
    secret = line.split("generated secret ")[1].split()[0]
    assert f"STOREGRAPH_JWT_SECRET={secret} storegraph token --role admin" in out
    monkeypatch.setenv("STOREGRAPH_JWT_SECRET", SECRET)
    assert main(["serve"]) == 0
    out = capsys.readouterr().out
    assert "generated" not in out and SECRET not in out  # a configured secret is never shown
