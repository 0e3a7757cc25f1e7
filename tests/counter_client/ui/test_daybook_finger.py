"""A shift closing approved by the supervisor's finger on the emulated sensor (and a wrong one)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from common.sync_protocol import EntryKind
from counter_client.devices.fingerprint import ZfmSensor
from counter_client.devices.fingerprint.emulator import SensorEmulator, finger_characteristics
from counter_client.journal import Cash
from counter_client.ui.daybook.closing import ClosingDialog
from tests.counter_client.ui.conftest import OFFLINE_PIN, WindowFactory
from tests.counter_client.ui.test_cashier_flow import log_in_by_pin
from tests.counter_client.ui.test_daybook_screens import _dialog, _open_page

TIMEOUT = 30_000


@pytest.fixture
def sensor() -> Iterator[SensorEmulator]:
    with SensorEmulator(password=0) as emulator:
        yield emulator


def test_the_supervisors_finger_approves_a_closing_and_a_wrong_finger_does_not(
    qtbot: QtBot, open_window: WindowFactory, offline_home: Path, sensor: SensorEmulator
) -> None:
    window = open_window(offline_home, sensor=lambda: ZfmSensor(sensor.port, score_threshold=60))
    services = window.services
    assert services is not None
    services.roster.keep_template("S001", finger_characteristics("suresh-right-thumb"))
    log_in_by_pin(qtbot, window, "C001", OFFLINE_PIN)
    journal = services.journal
    journal.take_receipt(
        cashier_id="C001", rr_number="MYS1001", amount_paise=50_000, payment=Cash()
    )
    page = _open_page(qtbot, window)
    qtbot.waitUntil(lambda: page.shift.findData("C001") >= 0, timeout=TIMEOUT)
    qtbot.keyClick(page, Qt.Key.Key_F5)
    dialog = _dialog(qtbot, ClosingDialog)
    assert isinstance(dialog, ClosingDialog)
    qtbot.waitUntil(lambda: dialog.expectation is not None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: dialog.approval.supervisor.count() == 1, timeout=TIMEOUT)
    qtbot.keyClicks(dialog.counts["note_500"], "1")
    before = len(journal.entries())

    sensor.place_finger("someone-else")
    qtbot.keyClick(dialog.counts["note_500"], Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: dialog.problem.text() != "", timeout=TIMEOUT)
    assert dialog.isVisible() and len(journal.entries()) == before

    sensor.place_finger("suresh-right-thumb")
    with qtbot.waitSignal(dialog.closed, timeout=TIMEOUT) as closed:
        qtbot.keyClick(dialog.counts["note_500"], Qt.Key.Key_F2)
    entry = closed.args[0]
    assert entry.kind is EntryKind.SHIFT_CLOSE and entry.body["approved_by"] == "S001"
    assert all(value == 0 for value in entry.body["over_short_paise"].values())
