"""The ``storegraph`` command: ``serve``, ``stores``, ``sdl``, ``config``."""

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
    return parser


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
    return _serve(args, settings)


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
    from gateway.telemetry.logs import configure_logging

    configure_logging(settings.log_format, settings.log_level)
    host = args.host or settings.host or DEFAULT_HOST
    port = args.port or settings.port or DEFAULT_PORT
    print(f"storegraph: GraphiQL at http://{host}:{port}/graphql")
    # No per-request access log: it costs more CPU than a cached query; /metrics counts.
    # log_config=None: uvicorn's lines go through the gateway's handler, in its format
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        log_config=None,
        log_level=settings.log_level.lower(),
        access_log=False,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
