"""`make demo`: the central service on the embedded SQLite database, seeded, over HTTPS.

Runs in the foreground until Ctrl-C. Set TRM_DEMO_CONSUMERS to seed more or fewer accounts.
"""

from __future__ import annotations

import os
import sys

from sqlalchemy import func, select

from central_api.config import DEFAULT_DATA_DIR, Settings
from central_api.consumers.models import Consumer
from central_api.db import make_engine, make_session_factory
from central_api.migrate import upgrade
from central_api.tls import make_local_ca

HOST, PORT = "127.0.0.1", int(os.environ.get("TRM_DEMO_PORT", "8443"))


def main() -> int:
    settings = Settings.from_env()
    engine = make_engine(settings.database_url)
    upgrade(engine)
    with make_session_factory(engine)() as session:
        seeded = session.scalar(select(func.count()).select_from(Consumer)) or 0
    if seeded == 0:
        from central_api.admin_cli import main as admin

        admin(["seed", "--consumers", os.environ.get("TRM_DEMO_CONSUMERS", "20000")])
    else:
        print(f"database already holds {seeded:,} consumers; not seeding again")
    tls = make_local_ca(DEFAULT_DATA_DIR / "tls")
    base = f"https://localhost:{PORT}"
    print(f"""
TRM central service (SQLite: {engine.url.database})
  API docs      {base}/api/docs
  health        {base}/api/v1/health
  sign in       POST {base}/api/v1/auth/login
                (users and password: {DEFAULT_DATA_DIR}/demo-credentials.txt)
  CA to trust   {tls.ca_cert}   e.g. curl --cacert {tls.ca_cert} {base}/api/v1/health
Ctrl-C stops it.
""")
    engine.dispose()
    from central_api.cli import main as central

    return central(
        [
            "serve",
            "--host",
            HOST,
            "--port",
            str(PORT),
            "--tls-cert",
            str(tls.server_cert),
            "--tls-key",
            str(tls.server_key),
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
