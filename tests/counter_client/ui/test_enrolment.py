"""The supervisor's fingerprint enrolment screen: the real app offscreen, pyfingerprint on the
emulated sensor, and a real centre over HTTPS that must end up holding the finger."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from central_api.identity.models import User
from counter_client.devices.fingerprint import ZfmSensor
from counter_client.devices.fingerprint.emulator import SensorEmulator
from counter_client.store.schema import cashiers
from counter_client.ui.enrolment import EnrolDialog
from counter_client.ui.window import MainWindow
from tests.counter_client.store.factories import pin_hash
from tests.counter_client.sync.conftest import Centre, start_centre
from tests.counter_client.ui.conftest import OFFLINE_PIN, WindowFactory, people, wait_for_roster
from tests.counter_client.ui.test_cashier_flow import log_in_by_pin

TIMEOUT = 30_000
FINGER = "cashier-right-index"
SENSOR_PASSWORD = 0x1234
OLD = "135790"  # a supervisor PIN the centre no longer holds


@pytest.fixture(scope="module")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Centre]:
    """A centre that can keep fingers (it has a fingerprint key); overrides the shared one."""
    workdir = tmp_path_factory.mktemp("enrolment-centre")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TRM_FINGERPRINT_KEY", os.urandom(32).hex())
        running = start_centre(f"sqlite:///{workdir / 'centre.db'}", workdir)
    yield running
    running.server.kill()


@pytest.fixture
def sensor() -> Iterator[SensorEmulator]:
    with SensorEmulator(password=SENSOR_PASSWORD) as emulator:
        yield emulator


def open_counter(
    qtbot: QtBot, open_window: WindowFactory, home: Path, sensor: SensorEmulator, *, password: int
) -> MainWindow:
    window = open_window(
        home,
        sensor=lambda: ZfmSensor(sensor.port, password=password, serial_timeout_s=0.5),
    )
    assert window.services is not None
    window.services.login.finger_timeout_s = 1.5  # "no finger" in seconds, not the default 10
    wait_for_roster(qtbot, window)
    return window


@pytest.fixture
def window(
    qtbot: QtBot, open_window: WindowFactory, registered_home: Path, sensor: SensorEmulator
) -> MainWindow:
    return open_counter(qtbot, open_window, registered_home, sensor, password=SENSOR_PASSWORD)


def centre_finger(centre: Centre, username: str) -> tuple[object, ...]:
    rows = centre.query(
        select(User.fingerprint_sealed, User.fingerprint_enrolled_by).where(
            User.username == username
        )
    )
    return rows[0]


def fresh_cashier(window: MainWindow) -> str:
    """A cashier at this counter with no finger enrolled (an earlier test may have enrolled one)."""
    assert window.services is not None
    roster = window.services.roster
    return next(
        p.user_id
        for p in roster.active()
        if not p.is_supervisor and roster.fingerprint_template(p.user_id) is None
    )


def open_dialog(qtbot: QtBot, window: MainWindow, person: str) -> EnrolDialog:
    """Ctrl+Shift+E, then choose `person` with the arrow keys."""
    qtbot.keyClick(
        window,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: window.enrolment.dialog is not None, timeout=TIMEOUT)
    dialog = window.enrolment.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.person.count() > 0, timeout=TIMEOUT)
    dialog.person.setFocus()
    qtbot.keyClick(dialog.person, Qt.Key.Key_Home)
    for _ in range(dialog.person.count()):
        if dialog.chosen() == person:
            break
        qtbot.keyClick(dialog.person, Qt.Key.Key_Down)
    assert dialog.chosen() == person
    qtbot.waitUntil(lambda: person in dialog._has_finger, timeout=TIMEOUT)
    return dialog


def test_a_supervisor_enrols_a_cashier_by_keyboard_who_then_logs_in_by_finger(
    qtbot: QtBot, window: MainWindow, sensor: SensorEmulator, centre: Centre
) -> None:
    _someone, supervisor = people(window)
    cashier = fresh_cashier(window)
    log_in_by_pin(qtbot, window, supervisor, centre.pin)
    assert window.enrolment.action.isVisible() and window.enrolment.action.isEnabled()
    assert window.enrolment.action.shortcut().toString() == "Ctrl+Shift+E"

    dialog = open_dialog(qtbot, window, cashier)
    steps: list[str] = []
    dialog._sensor_step.connect(steps.append)
    sensor.touch(FINGER, times=2)
    qtbot.keyClick(dialog.person, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.pin, centre.pin)
    with qtbot.waitSignal(dialog.enrolled, timeout=TIMEOUT) as done:
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert done.args == [cashier, True]
    assert steps == ["place", "lift", "place_again"]
    assert dialog.progress.value() == dialog.progress.maximum()
    assert dialog.problem.text() == "" and dialog.pin.text() == ""
    roster = window.services.roster
    qtbot.waitUntil(lambda: roster.fingerprint_template(cashier) is not None, timeout=TIMEOUT)
    template = roster.fingerprint_template(cashier)
    assert template is not None
    sealed, enrolled_by = centre_finger(centre, cashier)
    assert sealed is not None and template not in bytes(sealed)  # type: ignore[arg-type]
    assert enrolled_by is not None

    # The same cashier again: the screen asks to confirm before replacing the finger.
    sensor.touch("cashier-left-index", times=2)
    qtbot.keyClicks(dialog.pin, centre.pin)
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert "already has a finger" in dialog.problem.text() and dialog.replace.isVisible()
    assert window.services.roster.fingerprint_template(cashier) == template
    qtbot.keyClick(dialog.replace, Qt.Key.Key_Space)
    dialog.pin.setFocus()
    qtbot.keyClicks(dialog.pin, centre.pin)
    with qtbot.waitSignal(dialog.enrolled, timeout=TIMEOUT) as again:
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert again.args == [cashier, True]
    assert window.bridge is not None
    for _ in range(2):  # a pull already under way may bring the first finger back for a moment
        with qtbot.waitSignal(window.bridge.synced, timeout=TIMEOUT):
            window.sync_now()
    replaced = window.services.roster.fingerprint_template(cashier)
    assert replaced is not None and replaced != template
    assert centre_finger(centre, cashier)[0] != sealed
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.enrolment.dialog is None, timeout=TIMEOUT)

    # The cashier logs in at this counter with the finger just enrolled (not the first one).
    window.log_out()
    window.login.choose(cashier)
    window.login.message.clear()
    sensor.place_finger(FINGER)
    qtbot.mouseClick(window.login.finger_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "does not match" in window.login.message.text(), timeout=TIMEOUT)
    qtbot.waitUntil(window.login.finger_button.isEnabled, timeout=TIMEOUT)
    assert window.current_page() == "login"
    sensor.place_finger("cashier-left-index")
    qtbot.mouseClick(window.login.finger_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() == "collection", timeout=TIMEOUT)
    assert window.session is not None
    assert (window.session.user_id, window.session.method) == (cashier, "finger")


def test_a_cashier_neither_sees_nor_can_run_the_enrolment(
    qtbot: QtBot, window: MainWindow, centre: Centre
) -> None:
    cashier, _supervisor = people(window)
    assert not window.enrolment.action.isVisible()  # nobody logged in yet
    log_in_by_pin(qtbot, window, cashier, centre.pin)
    action = window.enrolment.action
    assert not action.isVisible() and not action.isEnabled()
    qtbot.keyClick(
        window,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    action.trigger()
    assert window.enrolment.open() is None
    qtbot.wait(200)
    assert window.enrolment.dialog is None


def test_a_wrong_supervisor_pin_is_shown_beside_the_field_and_nothing_is_stored(
    qtbot: QtBot, window: MainWindow, sensor: SensorEmulator, centre: Centre
) -> None:
    _someone, supervisor = people(window)
    cashier = fresh_cashier(window)
    log_in_by_pin(qtbot, window, supervisor, centre.pin)
    dialog = open_dialog(qtbot, window, cashier)
    sensor.touch(FINGER, times=2)
    commands_before = len(sensor.commands)
    dialog.pin.setFocus()
    qtbot.keyClicks(dialog.pin, centre.pin + "9")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.pin_problem.text() != "", timeout=TIMEOUT)
    assert "Wrong PIN" in dialog.pin_problem.text()
    assert dialog.problem.text() == "" and not dialog.busy and dialog.isVisible()
    assert len(sensor.commands) == commands_before  # the sensor was never asked
    assert window.services is not None
    assert window.services.roster.fingerprint_template(cashier) is None
    assert centre_finger(centre, cashier)[0] is None


@pytest.mark.parametrize(
    ("trouble", "message"),
    [
        ("no_finger", "No finger was placed"),
        ("unplugged", "not connected"),
        ("wrong_password", "refused its password"),
    ],
)
def test_sensor_trouble_is_said_plainly_and_nothing_is_enrolled(
    qtbot: QtBot,
    open_window: WindowFactory,
    registered_home: Path,
    sensor: SensorEmulator,
    centre: Centre,
    trouble: str,
    message: str,
) -> None:
    password = SENSOR_PASSWORD if trouble != "wrong_password" else SENSOR_PASSWORD + 1
    window = open_counter(qtbot, open_window, registered_home, sensor, password=password)
    _someone, supervisor = people(window)
    cashier = fresh_cashier(window)
    log_in_by_pin(qtbot, window, supervisor, centre.pin)
    dialog = open_dialog(qtbot, window, cashier)
    if trouble == "unplugged":
        sensor.unplug()
    dialog.pin.setFocus()
    qtbot.keyClicks(dialog.pin, centre.pin)
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.problem.text() != "", timeout=TIMEOUT)
    assert message in dialog.problem.text()
    assert not dialog.busy and dialog.isVisible() and dialog.pin.isEnabled()
    assert window.services is not None
    assert window.services.roster.fingerprint_template(cashier) is None
    assert centre_finger(centre, cashier)[0] is None


def test_when_the_centre_refuses_the_supervisors_pin_the_pin_field_says_so(
    qtbot: QtBot, window: MainWindow, sensor: SensorEmulator, centre: Centre
) -> None:
    _someone, supervisor = people(window)
    cashier = fresh_cashier(window)
    assert window.services is not None
    # This counter holds an older PIN than the centre (changed there, not yet pulled here).
    with window.services.store.write() as conn:
        conn.execute(
            update(cashiers).where(cashiers.c.user_id == supervisor).values(pin_hash=pin_hash(OLD))
        )
    log_in_by_pin(qtbot, window, supervisor, OLD)
    dialog = open_dialog(qtbot, window, cashier)
    sensor.touch(FINGER, times=2)
    dialog.pin.setFocus()
    qtbot.keyClicks(dialog.pin, OLD)
    with qtbot.waitSignal(dialog.enrolled, timeout=TIMEOUT) as done:
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert done.args == [cashier, False]
    assert "centre refused your PIN" in dialog.pin_problem.text()
    assert "this counter only" in dialog.prompt.text()
    assert window.services.roster.fingerprint_template(cashier) is not None
    assert centre_finger(centre, cashier)[0] is None


def test_offline_the_finger_works_here_and_the_screen_says_to_enrol_again_online(
    qtbot: QtBot, open_window: WindowFactory, offline_home: Path, sensor: SensorEmulator
) -> None:
    window = open_counter(qtbot, open_window, offline_home, sensor, password=SENSOR_PASSWORD)
    log_in_by_pin(qtbot, window, "S001", OFFLINE_PIN)
    dialog = open_dialog(qtbot, window, "C002")
    sensor.touch(FINGER, times=2)
    dialog.pin.setFocus()
    qtbot.keyClicks(dialog.pin, OFFLINE_PIN)
    with qtbot.waitSignal(dialog.enrolled, timeout=TIMEOUT) as done:
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert done.args == ["C002", False]
    assert "works at this counter now" in dialog.prompt.text()
    assert "cannot be reached" in dialog.problem.text()
    assert "again" in dialog.problem.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.enrolment.dialog is None, timeout=TIMEOUT)
    window.log_out()
    window.login.choose("C002")
    sensor.place_finger(FINGER)
    qtbot.mouseClick(window.login.finger_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() == "collection", timeout=TIMEOUT)
    assert window.session is not None and window.session.user_id == "C002"
