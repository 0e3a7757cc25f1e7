"""More of the collection screen: pay anywhere, cash in and out, a cancel approved by finger."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from central_api.consumers.models import Consumer
from counter_client.devices.fingerprint import ZfmSensor
from counter_client.devices.fingerprint.emulator import SensorEmulator, finger_characteristics
from counter_client.ui.collection.dialogs import CancelDialog, CashDialog
from counter_client.ui.window import MainWindow
from tests.counter_client.sync.conftest import Centre
from tests.counter_client.ui.conftest import OFFLINE_PIN, WindowFactory, people, wait_for_roster
from tests.counter_client.ui.test_cashier_flow import log_in_by_pin, pick_consumer, save

TIMEOUT = 30_000


@pytest.fixture
def sensor() -> Iterator[SensorEmulator]:
    with SensorEmulator(password=0) as emulator:
        yield emulator


def test_a_consumer_of_another_office_pays_here_after_a_lookup_at_the_centre(
    qtbot: QtBot, open_window: WindowFactory, centre: Centre, registered_home: Path
) -> None:
    window = open_window(registered_home)
    wait_for_roster(qtbot, window)
    cashier, _ = people(window)
    log_in_by_pin(qtbot, window, cashier, centre.pin)
    assert window.services is not None
    with window.services.store.read() as conn:
        cached = {str(r[0]) for r in conn.exec_driver_sql("SELECT rr_number FROM consumers")}
    elsewhere = next(
        str(rr) for (rr,) in centre.query(select(Consumer.rr_number)) if str(rr) not in cached
    )
    page = window.collection
    with qtbot.waitSignal(page.search.results_shown, timeout=TIMEOUT):
        qtbot.keyClicks(page.search.field, elsewhere)
    qtbot.waitUntil(lambda: page.search._searching is None, timeout=TIMEOUT)
    assert page.search.results.count() == 0
    assert "asks the centre" in page.search.hint.text()
    qtbot.keyClick(page.search.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.form.isEnabled(), timeout=TIMEOUT)
    assert page.dues.values["as_of"].text() == "looked up at the centre just now"
    shown_name = page.dues.values["name"].text()
    qtbot.keyClicks(page.form.amount, "700")
    receipt = save(qtbot, window)
    assert receipt.rr_number == elsewhere
    assert receipt.consumer_name and shown_name.startswith(receipt.consumer_name)
    qtbot.waitUntil(lambda: page.model.rowCount() >= 1, timeout=TIMEOUT)


def log_in_offline(qtbot: QtBot, window: MainWindow, user_id: str = "C001") -> None:
    qtbot.waitUntil(lambda: window.login.people.count() == 3, timeout=TIMEOUT)
    window.login.choose(user_id)
    qtbot.keyClicks(window.login.pin, OFFLINE_PIN)
    qtbot.keyClick(window.login.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page() == "collection", timeout=TIMEOUT)


def test_cash_in_and_a_cash_out_of_more_than_the_drawer_holds(
    qtbot: QtBot, open_window: WindowFactory, offline_home: Path
) -> None:
    window = open_window(offline_home)
    log_in_offline(qtbot, window)
    page = window.collection
    qtbot.keyClick(page.search.field, Qt.Key.Key_F10)
    dialog = page.active_dialog
    assert isinstance(dialog, CashDialog)
    qtbot.keyClicks(dialog.amount, "500")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert "note" in dialog.problem.text()  # a cash movement needs a note
    qtbot.keyClicks(dialog.note, "opening float")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.problem.text() == "Cash in: ₹500.00", timeout=TIMEOUT)

    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(page.search.field, Qt.Key.Key_F11)
    dialog = page.active_dialog
    assert isinstance(dialog, CashDialog)
    qtbot.keyClicks(dialog.amount, "1,000")
    qtbot.keyClicks(dialog.note, "to bank")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "cannot be taken out" in page.problem.text(), timeout=TIMEOUT)
    assert "₹500.00" in page.problem.text()


def test_a_cancellation_approved_by_the_supervisors_finger(
    qtbot: QtBot, open_window: WindowFactory, offline_home: Path, sensor: SensorEmulator
) -> None:
    window = open_window(offline_home, sensor=lambda: ZfmSensor(sensor.port, score_threshold=60))
    assert window.services is not None
    window.services.roster.keep_template("S001", finger_characteristics("suresh-thumb"))
    log_in_offline(qtbot, window)
    pick_consumer(qtbot, window, "MYS1002")
    page = window.collection
    page.form.amount.selectAll()
    qtbot.keyClicks(page.form.amount, "250")
    receipt = save(qtbot, window)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=TIMEOUT)
    page.receipts.choose(receipt.receipt_number)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(page.receipts, Qt.Key.Key_F8)
    dialog = page.active_dialog
    assert isinstance(dialog, CancelDialog)
    qtbot.waitUntil(lambda: dialog.supervisor.count() == 1, timeout=TIMEOUT)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_F2)
    assert "reason" in dialog.problem.text()  # the reason comes first
    qtbot.keyClicks(dialog.reason, "amount typed wrong")
    sensor.place_finger("suresh-thumb")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: page.model.row_at(0).cancelled, timeout=TIMEOUT)
    assert "cancelled" in page.problem.text()
