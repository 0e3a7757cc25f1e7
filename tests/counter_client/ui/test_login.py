"""Login at the counter, offline: finger through the emulated sensor, PIN, wrong finger, lockout."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter_client.devices.fingerprint import ZfmSensor
from counter_client.devices.fingerprint.emulator import SensorEmulator, finger_characteristics
from counter_client.ui.window import MainWindow
from tests.counter_client.ui.conftest import OFFLINE_PIN, WindowFactory

TIMEOUT = 20_000


@pytest.fixture
def sensor() -> Iterator[SensorEmulator]:
    with SensorEmulator(password=0) as emulator:
        yield emulator


@pytest.fixture
def window(open_window: WindowFactory, offline_home: Path, sensor: SensorEmulator) -> MainWindow:
    made = open_window(offline_home, sensor=lambda: ZfmSensor(sensor.port, score_threshold=60))
    assert made.services is not None
    made.services.roster.keep_template("C001", finger_characteristics("ravi-right-index"))
    return made


def test_the_cashier_logs_in_by_finger_with_no_centre(
    qtbot: QtBot, window: MainWindow, sensor: SensorEmulator
) -> None:
    qtbot.waitUntil(lambda: window.login.people.count() == 3, timeout=TIMEOUT)
    window.login.choose("C001")
    sensor.place_finger("ravi-right-index")
    qtbot.keyClick(window.login.people, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: window.current_page() == "collection", timeout=TIMEOUT)
    assert window.session is not None and window.session.user_id == "C001"
    assert window.session.method == "finger"
    assert window.collection.search.field.hasFocus()
    qtbot.waitUntil(lambda: window.status.online is False, timeout=TIMEOUT)
    assert window.status.centre_label.text() == "Offline"


def test_a_wrong_finger_is_refused_and_says_how_many_tries_are_left(
    qtbot: QtBot, window: MainWindow, sensor: SensorEmulator
) -> None:
    qtbot.waitUntil(lambda: window.login.people.count() == 3, timeout=TIMEOUT)
    window.login.choose("C001")
    sensor.place_finger("someone-else")
    qtbot.keyClick(window.login.people, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: "does not match" in window.login.message.text(), timeout=TIMEOUT)
    assert "4 attempt(s) left" in window.login.message.text()
    assert window.current_page() == "login"
    assert window.login.finger_button.isEnabled()


def test_a_person_with_no_finger_enrolled_is_sent_to_the_pin(
    qtbot: QtBot, window: MainWindow, sensor: SensorEmulator
) -> None:
    qtbot.waitUntil(lambda: window.login.people.count() == 3, timeout=TIMEOUT)
    window.login.choose("C002")
    qtbot.keyClick(window.login.people, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: "use the PIN" in window.login.message.text(), timeout=TIMEOUT)
    qtbot.keyClicks(window.login.pin, OFFLINE_PIN)
    qtbot.keyClick(window.login.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page() == "collection", timeout=TIMEOUT)
    assert window.session is not None and window.session.method == "pin"


def test_five_wrong_attempts_lock_the_account_even_for_the_right_pin(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.waitUntil(lambda: window.login.people.count() == 3, timeout=TIMEOUT)
    window.login.choose("C002")
    for attempt in range(1, 6):
        qtbot.keyClicks(window.login.pin, "0000")
        qtbot.keyClick(window.login.pin, Qt.Key.Key_Return)
        expected = "Locked out" if attempt == 5 else f"{5 - attempt} attempt(s) left"
        qtbot.waitUntil(lambda e=expected: e in window.login.message.text(), timeout=TIMEOUT)
        qtbot.waitUntil(lambda: window.login.pin.isEnabled(), timeout=TIMEOUT)
    qtbot.keyClicks(window.login.pin, OFFLINE_PIN)
    qtbot.keyClick(window.login.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.login.pin.isEnabled(), timeout=TIMEOUT)
    assert "Locked out" in window.login.message.text()
    assert window.current_page() == "login"
    assert window.session is None
