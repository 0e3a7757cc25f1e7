"""The demo's central service: the embedded SQLite database, seeded when empty, over HTTPS.

    python -m central_api.demo [--port 8443] [--consumers 20000]

Runs in the foreground until Ctrl-C (or SIGTERM). Everything it keeps is in one folder,
TRM_DATA_DIR (default ./data): the database, the local CA and server certificate (tls/), the
demo sign-in details (demo-credentials.txt) and the key that seals fingerprint templates
(fingerprint.key); the last two are readable only by their owner and never printed. `make demo`
starts it as a child process (see counter_client.ui.demo), stops it and starts it again.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from central_api.config import DEFAULT_DATA_DIR, Settings
from central_api.consumers.models import Consumer
from central_api.db import make_engine, make_session_factory
from central_api.migrate import upgrade
from central_api.tls import make_local_ca

HOST = "127.0.0.1"
FINGERPRINT_KEY_FILE = "fingerprint.key"


def fingerprint_key(data_dir: Path) -> str:
    """The demo centre's fingerprint sealing key (hex), made once and kept owner-only."""
    path = data_dir / FINGERPRINT_KEY_FILE
    if path.is_file():
        return path.read_text(encoding="ascii").strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key


def seed_if_empty(settings: Settings, consumers: int) -> None:
    engine = make_engine(settings.database_url)
    try:
        upgrade(engine)
        with make_session_factory(engine)() as session:
            seeded = session.scalar(select(func.count()).select_from(Consumer)) or 0
    finally:
        engine.dispose()
    if seeded == 0:
        from central_api.admin_cli import main as admin

        print(f"seeding {consumers:,} demo consumers (first run only)", flush=True)
        status = admin(["seed", "--consumers", str(consumers)])
        if status != 0:
            raise SystemExit(status)
    else:
        print(f"database already holds {seeded:,} consumers; not seeding again", flush=True)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m central_api.demo", description=__doc__)
    parser.add_argument("--host", default=HOST)
    parser.add_argument("--port", type=int, default=int(os.environ.get("TRM_DEMO_PORT", "8443")))
    parser.add_argument(
        "--consumers", type=int, default=int(os.environ.get("TRM_DEMO_CONSUMERS", "20000"))
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if not os.environ.get("TRM_FINGERPRINT_KEY"):
        os.environ["TRM_FINGERPRINT_KEY"] = fingerprint_key(DEFAULT_DATA_DIR)
    settings = Settings.from_env()
    seed_if_empty(settings, args.consumers)
    tls = make_local_ca(DEFAULT_DATA_DIR / "tls")
    base = f"https://localhost:{args.port}"
    print(
        f"""
TRM central service ({make_url(settings.database_url).render_as_string(hide_password=True)})
  API docs      {base}/api/docs
  health        {base}/api/v1/health
  sign in       POST {base}/api/v1/auth/login
                (users and password: {DEFAULT_DATA_DIR.resolve()}/demo-credentials.txt)
  CA to trust   {tls.ca_cert}   e.g. curl --cacert {tls.ca_cert} {base}/api/v1/health
Ctrl-C stops it.
""",
        flush=True,
    )
    from central_api.cli import main as central

    return central(
        [
            "serve",
            "--host",
            args.host,
            "--port",
            str(args.port),
            "--tls-cert",
            str(tls.server_cert),
            "--tls-key",
            str(tls.server_key),
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
