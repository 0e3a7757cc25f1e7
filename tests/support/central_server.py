"""A real central service for whole-system tests: uvicorn in its own process, over HTTPS.

It can be stopped, killed and started again on the same port and database, so tests can take
the centre away and bring it back for real.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests
from sqlalchemy import select

from central_api.db import make_engine, make_session_factory, transaction
from central_api.deps import Principal
from central_api.identity.schemas import DeviceRegister
from central_api.identity.service import register_device
from central_api.migrate import upgrade
from central_api.org.models import Counter, Location, OrgUnit
from central_api.tls import make_local_ca
from common.roles import DeviceKind, Role

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class CentralServer:
    """One central service process; `url` stays the same across stop/start."""

    database_url: str
    workdir: Path
    port: int = field(default_factory=free_port)
    workers: int = 1
    process: subprocess.Popen[bytes] | None = None

    def __post_init__(self) -> None:
        self.tls = make_local_ca(self.workdir / "tls")
        self.log = self.workdir / "central.log"

    @property
    def url(self) -> str:
        return f"https://localhost:{self.port}"

    @property
    def ca_file(self) -> str:
        return str(self.tls.ca_cert)

    def start(self, timeout: float = 30.0) -> CentralServer:
        env = {**os.environ, "TRM_DATABASE_URL": self.database_url}
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "central_api.cli",
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    "--tls-cert",
                    str(self.tls.server_cert),
                    "--tls-key",
                    str(self.tls.server_key),
                    "--workers",
                    str(self.workers),
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"central service exited: {self.log.read_text()[-2000:]}")
            try:
                if requests.get(f"{self.url}/api/v1/health", verify=self.ca_file, timeout=1).ok:
                    return self
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError("central service did not come up in time")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.process = None


@dataclass(frozen=True)
class CounterCredential:
    counter_code: str
    device_code: str
    secret: str


def prepare_database(database_url: str, *, consumers: int = 2_000, seed: int = 7) -> None:
    """Migrate and seed a CESC-like company into an empty database."""
    from central_api.seed import seed as seed_company

    engine = make_engine(database_url)
    upgrade(engine)
    seed_company(engine, consumers=consumers, seed=seed)
    engine.dispose()


def register_counters(database_url: str, count: int) -> list[CounterCredential]:
    """Register a device for each of the first `count` counters, as the admin would."""
    engine = make_engine(database_url)
    credentials: list[CounterCredential] = []
    with transaction(make_session_factory(engine)) as session:
        company = session.scalar(select(OrgUnit).where(OrgUnit.level == "company"))
        assert company is not None
        admin = Principal(Role.ADMIN, company.id, company.path, name="tests")
        rows = session.execute(
            select(Counter.code, Location.code)
            .join(Location, Location.id == Counter.location_id)
            .where(Counter.device_id.is_(None))
            .order_by(Counter.id)
            .limit(count)
        ).all()
        for counter_code, location_code in rows:
            device_code = f"PC-{counter_code}"
            _, secret = register_device(
                session,
                principal=admin,
                data=DeviceRegister(
                    code=device_code,
                    kind=DeviceKind.COUNTER,
                    location_code=location_code,
                    counter_code=counter_code,
                ),
            )
            credentials.append(CounterCredential(counter_code, device_code, secret))
    engine.dispose()
    assert len(credentials) == count, f"only {len(credentials)} counters free"
    return credentials
