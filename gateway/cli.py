"""The ``storegraph`` command: ``serve``, ``stores``, ``sdl``, ``config``, ``token``.

``storegraph token --role admin [--role staff] [--ttl 1h]`` mints a development operator
token (HS256) with ``STOREGRAPH_JWT_SECRET`` (or ``--secret``): the secret the gateway
was configured with, or the one the embedded default printed at start-up.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gateway.settings import Settings

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="storegraph", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the graph (embedded stores by default)")
    serve.add_argument("--host", default=None, help=f"bind address (default {DEFAULT_HOST})")
    serve.add_argument("--port", type=int, default=None, help=f"port (default {DEFAULT_PORT})")
    serve.add_argument("--config", default=None, help="a TOML settings file")
    stores = commands.add_parser("stores", help="serve the five store simulators over HTTP")
    stores.add_argument("--host", default=DEFAULT_HOST)
    for name, port in _store_ports().items():
        stores.add_argument(f"--{name}-port", type=int, default=port)
    commands.add_parser("sdl", help="print the GraphQL schema (SDL)")
    config = commands.add_parser(
        "config", help="print the effective configuration (secrets masked) and exit"
    )
    config.add_argument("--config", default=None, help="a TOML settings file")
    token = commands.add_parser(
        "token", help="mint a development operator token (HS256, STOREGRAPH_JWT_SECRET)"
    )
    token.add_argument(
        "--role",
        action="append",
        required=True,
        choices=_role_names(),
        help="a role to grant (repeat for several)",
    )
    token.add_argument("--ttl", default="1h", help="lifetime: 90s, 15m, 1h, 7d (default 1h)")
    token.add_argument("--subject", default="dev-operator", help="the token's `sub`")
    token.add_argument("--creator-id", default=None, help="the creator a CREATOR speaks for")
    token.add_argument("--secret", default=None, help="the HS256 secret (default: settings)")
    token.add_argument("--config", default=None, help="a TOML settings file")
    return parser


def _role_names() -> list[str]:
    from gateway.identity import Role

    return [role.value for role in Role]


def _store_ports() -> dict[str, int]:
    from gateway.embedded import default_store_ports

    return default_store_ports()


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "sdl":
        from schema.build import build_schema

        sys.stdout.write(build_schema().as_str() + "\n")
        return 0
    if args.command == "stores":
        from gateway.embedded import serve_stores

        ports = {name: getattr(args, f"{name}_port") for name in _store_ports()}
        serve_stores(args.host, ports)
        return 0
    settings = _settings(args.config)
    if settings is None:
        return 2
    if args.command == "config":
        from gateway.settings import describe

        sys.stdout.write(describe(settings))
        return 0
    if args.command == "token":
        return _token(args, settings)
    return _serve(args, settings)


def _token(args: argparse.Namespace, settings: Settings) -> int:
    from gateway.identity import Role, mint_operator_token, parse_ttl

    secret = args.secret or settings.jwt.secret
    if not secret:
        print(
            "storegraph: no operator secret: set STOREGRAPH_JWT_SECRET (or --secret) to the "
            "gateway's, e.g. the one `storegraph serve` printed at start-up",
            file=sys.stderr,
        )
        return 2
    try:
        ttl = parse_ttl(args.ttl)
    except ValueError as error:
        print(f"storegraph: --ttl: {error}", file=sys.stderr)
        return 2
    token = mint_operator_token(
        secret,
        [Role(name) for name in args.role],
        ttl_s=ttl,
        subject=args.subject,
        creator_id=args.creator_id,
        issuer=settings.jwt.issuer,
        audience=settings.jwt.audience,
    )
    print(token)
    return 0


def _settings(config: str | None) -> Settings | None:
    """The settings from the environment and ``config``; ``None`` (reported) when invalid."""
    from gateway.settings import Settings, SettingsError

    try:
        return Settings.from_env(toml_path=config)
    except SettingsError as error:
        print(f"storegraph: {error}", file=sys.stderr)
        return None


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from gateway.app import create_app
    from gateway.collector import pace_for_serving
    from gateway.telemetry.logs import configure_logging

    configure_logging(settings.log_format, settings.log_level)
    host = args.host or settings.host or DEFAULT_HOST
    port = args.port or settings.port or DEFAULT_PORT
    app = create_app(settings)
    print(f"storegraph: GraphiQL at http://{host}:{port}/graphql")
    generated = app.state.operator_auth.generated_secret
    if generated:  # the embedded demo only: no secret was configured, so one was made
        print(
            f"storegraph: operator tokens: generated secret {generated} (for this run; set "
            "STOREGRAPH_JWT_SECRET to keep one). Mint one with:\n"
            f"  STOREGRAPH_JWT_SECRET={generated} storegraph token --role admin --ttl 1h"
        )
    elif app.state.operator_auth.verifier is None:
        print("storegraph: operator tokens are off (set STOREGRAPH_JWT_SECRET or _JWKS_URL)")
    pace_for_serving()  # start-up is over: see gateway.collector
    # No per-request access log: it costs more CPU than a cached query; /metrics counts.
    # log_config=None: uvicorn's lines go through the gateway's handler, in its format
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_config=None,
        log_level=settings.log_level.lower(),
        access_log=False,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
