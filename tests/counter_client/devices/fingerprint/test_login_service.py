"""LoginService at a counter: finger and PIN login, supervisor approval, enrolment, and a lockout
after five wrong attempts that a restart of the app does not reset. Real pyfingerprint, real
emulated sensor, real counter store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from common.roles import Role
from counter_client.auth import (
    FingerNotMatched,
    LockedOut,
    LoginService,
    NoFingerEnrolled,
    NotSupervisor,
    UnknownUser,
    WrongPin,
)
from counter_client.devices.fingerprint import NoFinger, SensorUnplugged, ZfmSensor
from counter_client.devices.fingerprint.emulator import SensorEmulator
from counter_client.store import CashierRoster, PulledPage, Store, apply_pulled_page
from tests.counter_client.store.factories import (
    FINGERPRINT_KEY,
    FakeClock,
    cashier,
    open_store,
    supervisor,
)

RAVI, ASHA, SUMA = "ravi-right-index", "asha-right-index", "suma-left-thumb"


def enrolled(emulator: SensorEmulator, finger: str) -> bytes:
    with ZfmSensor(emulator.port, serial_timeout_s=0.5) as sensor:
        emulator.touch(finger, times=2)
        return sensor.enrol(timeout_s=2)


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock, emulator: SensorEmulator) -> Iterator[Store]:
    opened = open_store(tmp_path / "counter.db", clock)
    people = [
        cashier("C001", name="Ravi K", pin="2468", fingerprint=enrolled(emulator, RAVI)),
        cashier("C002", name="Asha M", pin="1357"),
        supervisor("S001", name="Suma R", pin="9753", fingerprint=enrolled(emulator, SUMA)),
        cashier("C009", name="Gone", active=False),
    ]
    apply_pulled_page(
        opened, PulledPage("cashiers", "c1", cashiers=people), fingerprint_key=FINGERPRINT_KEY
    )
    yield opened
    opened.close()


ServiceFactory = Callable[..., LoginService]


@pytest.fixture
def service_on(emulator: SensorEmulator, clock: FakeClock) -> ServiceFactory:
    def make(store: Store, **options: object) -> LoginService:
        return LoginService(
            store,
            CashierRoster(store, fingerprint_key=FINGERPRINT_KEY),
            lambda: ZfmSensor(emulator.port, serial_timeout_s=0.5),
            clock,
            finger_timeout_s=1.0,
            **options,  # type: ignore[arg-type]
        )

    return make


@pytest.fixture
def service(store: Store, service_on: ServiceFactory) -> LoginService:
    return service_on(store)


def test_the_right_finger_logs_the_cashier_in(
    service: LoginService, emulator: SensorEmulator, clock: FakeClock
) -> None:
    emulator.touch(RAVI)
    session = service.login_by_finger("C001")
    assert (session.user_id, session.name, session.role) == ("C001", "Ravi K", Role.CASHIER)
    assert session.method == "finger" and session.started_at == clock.now
    (attempt,) = service.recent_attempts()
    assert (attempt.user_id, attempt.outcome, attempt.method) == ("C001", "ok", "finger")
    assert attempt.score is not None and attempt.score >= 60


def test_a_wrong_finger_is_refused_and_counted(
    service: LoginService, emulator: SensorEmulator
) -> None:
    emulator.touch(ASHA)
    with pytest.raises(FingerNotMatched, match="4 attempts left") as refused:
        service.login_by_finger("C001")
    assert refused.value.attempts_left == 4
    assert service.lockout("C001").failures == 1
    assert service.recent_attempts()[0].outcome == "wrong"


def test_five_wrong_attempts_lock_out_even_the_right_finger_and_survive_a_restart(
    tmp_path: Path,
    store: Store,
    service_on: ServiceFactory,
    emulator: SensorEmulator,
    clock: FakeClock,
) -> None:
    service = service_on(store, lockout_period=timedelta(minutes=15))
    for _ in range(3):
        emulator.touch(ASHA)
        with pytest.raises(FingerNotMatched):
            service.login_by_finger("C001")
    with pytest.raises(WrongPin, match="1 attempts left"):
        service.login_by_pin("C001", "0000")  # finger and PIN count together
    emulator.touch(ASHA)
    with pytest.raises(LockedOut) as locked:
        service.login_by_finger("C001")
    assert locked.value.until == clock.now + timedelta(minutes=15)

    # The app restarts: a new store handle and a new service on the same file.
    store.close()
    reopened = open_store(tmp_path / "counter.db", clock)
    try:
        restarted = service_on(reopened, lockout_period=timedelta(minutes=15))
        commands_before = len(emulator.commands)
        emulator.touch(RAVI)
        with pytest.raises(LockedOut):
            restarted.login_by_finger("C001")
        with pytest.raises(LockedOut):
            restarted.login_by_pin("C001", "2468")
        assert len(emulator.commands) == commands_before  # refused before the sensor is asked
        outcomes = [a.outcome for a in restarted.recent_attempts() if a.user_id == "C001"]
        assert outcomes[:3] == ["refused_locked", "refused_locked", "locked_out"]
        assert outcomes.count("wrong") == 5

        clock.advance(minutes=15, seconds=1)
        emulator.lift_finger()
        emulator.touch(RAVI)
        assert restarted.login_by_finger("C001").user_id == "C001"
        assert restarted.lockout("C001").failures == 0
    finally:
        reopened.close()


def test_a_success_resets_the_count(service: LoginService, emulator: SensorEmulator) -> None:
    for _ in range(4):
        with pytest.raises(WrongPin):
            service.login_by_pin("C001", "1111")
    assert service.login_by_pin("C001", "2468").method == "pin"
    with pytest.raises(WrongPin, match="4 attempts left"):
        service.login_by_pin("C001", "1111")


def test_pin_is_the_fallback_for_a_cashier_with_no_finger_enrolled(
    service: LoginService, emulator: SensorEmulator
) -> None:
    emulator.touch(ASHA)
    with pytest.raises(NoFingerEnrolled, match="use the PIN"):
        service.login_by_finger("C002")
    assert service.lockout("C002").failures == 0
    session = service.login_by_pin("C002", "1357")
    assert (session.user_id, session.method) == ("C002", "pin")


def test_sensor_trouble_is_reported_and_never_counted(
    service: LoginService, emulator: SensorEmulator
) -> None:
    with pytest.raises(NoFinger):
        service.login_by_finger("C001")
    emulator.unplug()
    with pytest.raises(SensorUnplugged):
        service.login_by_finger("C001")
    assert service.lockout("C001").failures == 0


def test_unknown_and_inactive_people_may_not_log_in(service: LoginService) -> None:
    with pytest.raises(UnknownUser):
        service.login_by_pin("C404", "1234")
    with pytest.raises(UnknownUser, match="not allowed"):
        service.login_by_pin("C009", "1234")


def test_only_a_supervisor_approves(service: LoginService, emulator: SensorEmulator) -> None:
    emulator.touch(SUMA)
    assert service.approve_by_finger("S001") == "S001"
    assert service.approve_by_pin("S001", "9753") == "S001"
    emulator.touch(RAVI)
    with pytest.raises(NotSupervisor):
        service.approve_by_finger("C001")
    with pytest.raises(NotSupervisor):
        service.approve_by_pin("C001", "2468")
    emulator.touch(RAVI)
    with pytest.raises(FingerNotMatched):
        service.approve_by_finger("S001")  # Ravi's finger on Suma's approval
    assert service.recent_attempts()[0].purpose == "approval"


def test_a_supervisor_enrols_a_cashier_who_then_logs_in_by_finger(
    service: LoginService, store: Store, emulator: SensorEmulator
) -> None:
    emulator.touch("asha-left-index", times=2)
    template = service.enrol_finger("S001", "C002")
    emulator.touch("asha-left-index")
    assert service.login_by_finger("C002").user_id == "C002"
    # A later pull that carries no template (the centre has not got it yet) keeps it.
    apply_pulled_page(
        store,
        PulledPage("cashiers", "c2", cashiers=[cashier("C002", name="Asha M", pin="1357")]),
        fingerprint_key=FINGERPRINT_KEY,
    )
    roster = CashierRoster(store, fingerprint_key=FINGERPRINT_KEY)
    assert roster.fingerprint_template("C002") == template


def test_a_cashier_may_not_enrol_anyone(service: LoginService, emulator: SensorEmulator) -> None:
    emulator.touch(RAVI, times=2)
    with pytest.raises(NotSupervisor):
        service.enrol_finger("C001", "C002")
