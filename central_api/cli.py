"""`trm-central`: run the central service, or migrate its database."""

from __future__ import annotations

import argparse
import logging
import ssl
import sys

from central_api.config import Settings
from central_api.db import make_engine
from central_api.migrate import current_revision, head_revision, upgrade


def _migrate(settings: Settings) -> int:
    engine = make_engine(settings.database_url)
    before = current_revision(engine)
    upgrade(engine)
    after = current_revision(engine)
    print(
        f"database {engine.url.render_as_string(hide_password=True)}: "
        f"{before or 'empty'} -> {after}"
    )
    engine.dispose()
    return 0


def _serve(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    engine = make_engine(settings.database_url)
    if current_revision(engine) != head_revision():
        print(
            "the database is not at the newest schema: run `trm-central migrate` first",
            file=sys.stderr,
        )
        return 2
    tls = {}
    if args.tls_cert:
        tls = {
            "ssl_certfile": args.tls_cert,
            "ssl_keyfile": args.tls_key,
            # TLS 1.2 or newer with AES-GCM suites only (TLS 1.3's suites are all AEAD).
            "ssl_ciphers": "ECDHE+AESGCM",
            "ssl_version": ssl.PROTOCOL_TLS_SERVER,
        }
    engine.dispose()
    # Each worker process builds its own app (and engine) from the same TRM_* environment;
    # the service keeps no state of its own, so workers share nothing but the database.
    uvicorn.run(
        "central_api.app:create_app",
        factory=True,
        workers=args.workers,
        host=args.host,
        port=args.port,
        log_level="info",
        access_log=False,
        **tls,
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="trm-central", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="bring the database to the newest schema")
    serve = sub.add_parser("serve", help="run the HTTP service")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8443)
    serve.add_argument("--tls-cert", help="PEM certificate chain (TLS is on when given)")
    serve.add_argument("--tls-key", help="PEM private key")
    serve.add_argument(
        "--workers", type=int, default=1, help="worker processes (about one per core)"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = Settings.from_env()
    if args.command == "migrate":
        return _migrate(settings)
    return _serve(settings, args)


if __name__ == "__main__":
    sys.exit(main())
