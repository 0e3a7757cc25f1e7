"""Enrolled once, recognised everywhere: a supervisor enrols a cashier's finger at a counter, the
template goes to a real centre (HTTPS, its own process), an admin transfers the cashier to another
location, and a counter there pulls the cashier and logs them in by finger."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
import requests
from sqlalchemy import select

from central_api.db import make_engine, make_session_factory, transaction
from central_api.deps import Principal
from central_api.identity.schemas import DeviceRegister
from central_api.identity.service import register_device
from central_api.org.models import Counter, Location, OrgUnit
from common.roles import DeviceKind, Role
from counter_client.auth import FingerNotMatched, LoginService, UnknownUser
from counter_client.devices.fingerprint import ZfmSensor
from counter_client.devices.fingerprint.emulator import SensorEmulator
from counter_client.store import CashierRoster, Store
from counter_client.sync import EventBus, SyncEngine
from counter_client.sync.client import CentreRefused
from counter_client.sync.config import KEYRING_SERVICE
from tests.counter_client.store.factories import FakeClock
from tests.counter_client.sync.conftest import Centre, make_config, start_centre
from tests.support.central_server import CounterCredential

CENTRE_KEY = os.urandom(32)
FINGER = "kavya-right-index"


@pytest.fixture(scope="module")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Centre]:
    workdir = tmp_path_factory.mktemp("fingerprint-centre")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TRM_FINGERPRINT_KEY", CENTRE_KEY.hex())
        running = start_centre(f"sqlite:///{workdir / 'centre.db'}", workdir)
    yield running
    running.server.kill()


def register_counter_at(database_url: str, location_code: str) -> CounterCredential:
    """Register a device for a free counter at `location_code`, as the admin would."""
    engine = make_engine(database_url)
    try:
        with transaction(make_session_factory(engine)) as session:
            company = session.scalar(select(OrgUnit).where(OrgUnit.level == "company"))
            assert company is not None
            admin = Principal(Role.ADMIN, company.id, company.path, name="tests")
            counter_code = session.scalar(
                select(Counter.code)
                .join(Location, Location.id == Counter.location_id)
                .where(Location.code == location_code, Counter.device_id.is_(None))
                .order_by(Counter.id)
            )
            assert counter_code is not None, f"no free counter at {location_code}"
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
    finally:
        engine.dispose()
    return CounterCredential(counter_code, device_code, secret)


def two_locations(database_url: str) -> tuple[str, str]:
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            codes = conn.execute(select(Location.code).order_by(Location.id).limit(2)).scalars()
            first, second = list(codes)
    finally:
        engine.dispose()
    return first, second


class CounterPC:
    """One counter PC: store, sync engine, its own sensor (emulated) and the login service."""

    def __init__(self, centre: Centre, credential: CounterCredential, folder: Path) -> None:
        keyring.set_password(KEYRING_SERVICE, credential.device_code, credential.secret)
        folder.mkdir()
        self.key = os.urandom(32)  # each counter seals templates under its own key
        self.store = Store.open(folder / "counter.db")
        config = make_config(credential, (centre.server.url,), centre.server.ca_file)
        self.engine = SyncEngine(self.store, config, events=EventBus(), fingerprint_key=self.key)
        self.sensor = SensorEmulator()
        self.roster = CashierRoster(self.store, fingerprint_key=self.key)
        self.login = LoginService(
            self.store,
            self.roster,
            lambda: ZfmSensor(self.sensor.port, serial_timeout_s=0.5),
            FakeClock(),
            finger_timeout_s=2.0,
        )

    def sync(self) -> None:
        report = self.engine.sync_once()
        assert report.online, report.offline_reason

    def close(self) -> None:
        self.engine.stop()
        self.sensor.close()
        self.store.close()


@pytest.fixture
def counters(centre: Centre, tmp_path: Path) -> Iterator[tuple[CounterPC, CounterPC, str, str]]:
    home, away = two_locations(centre.database_url)
    first = CounterPC(centre, register_counter_at(centre.database_url, home), tmp_path / "a")
    second = CounterPC(centre, register_counter_at(centre.database_url, away), tmp_path / "b")
    yield first, second, home, away
    first.close()
    second.close()


def admin_moves(centre: Centre, username: str, location_code: str) -> None:
    ca = centre.server.ca_file
    signed_in = requests.post(
        f"{centre.server.url}/api/v1/auth/login",
        json={"username": "admin", "password": centre.password},
        verify=ca,
    )
    assert signed_in.status_code == 200, signed_in.text
    moved = requests.patch(
        f"{centre.server.url}/api/v1/users/{username}",
        json={"location_code": location_code},
        headers={"Authorization": f"Bearer {signed_in.json()['token']}"},
        verify=ca,
    )
    assert moved.status_code == 200, moved.text


def test_a_finger_enrolled_at_one_location_logs_in_at_another_after_a_transfer(
    centre: Centre, counters: tuple[CounterPC, CounterPC, str, str]
) -> None:
    here, there, home, away = counters
    here.sync()
    there.sync()
    cashier = f"cashier.{home.lower()}.1"
    supervisor = f"supervisor.{home.lower()}"
    assert here.roster.get(cashier) is not None
    assert there.roster.get(cashier) is None

    # At the home counter: the supervisor approves, then enrols the cashier's finger.
    assert here.login.approve_by_pin(supervisor, centre.pin) == supervisor
    here.sensor.touch(FINGER, times=2)
    template = here.login.enrol_finger(supervisor, cashier)
    with pytest.raises(CentreRefused) as refused:
        here.engine.client.upload_fingerprint(
            cashier, template, supervisor=supervisor, supervisor_pin="000000"
        )
    assert refused.value.status == 403 and refused.value.about("supervisor_pin")
    here.engine.client.upload_fingerprint(
        cashier, template, supervisor=supervisor, supervisor_pin=centre.pin
    )

    # Transferred: the away counter pulls the cashier with the template, sealed under its key.
    admin_moves(centre, cashier, away)
    there.sync()
    assert there.roster.get(cashier) is not None
    assert there.roster.fingerprint_template(cashier) == template
    with there.store.read() as conn:
        sealed = conn.exec_driver_sql(
            "SELECT fingerprint_sealed FROM cashiers WHERE user_id = ?", (cashier,)
        ).scalar_one()
    assert template not in bytes(sealed)

    there.sensor.touch("someone-else")
    with pytest.raises(FingerNotMatched):
        there.login.login_by_finger(cashier)
    there.sensor.touch(FINGER)
    session = there.login.login_by_finger(cashier)
    assert (session.user_id, session.role, session.method) == (cashier, Role.CASHIER, "finger")

    # The home location's supervisor may not log in over there.
    with pytest.raises(UnknownUser):
        there.login.login_by_pin(supervisor, centre.pin)
    # And the home counter, once it syncs, no longer lets the cashier in, nor keeps the finger.
    here.sync()
    with pytest.raises(UnknownUser):
        here.login.login_by_pin(cashier, centre.pin)
    assert here.roster.fingerprint_template(cashier) is None
    assert here.login.login_by_pin(supervisor, centre.pin).user_id == supervisor
