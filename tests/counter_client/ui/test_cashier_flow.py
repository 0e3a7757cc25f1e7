"""The whole cashier flow, driven from the keyboard on the real app against a real centre."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from common.sync_protocol import EntryKind, PaymentMode
from counter_client.ui.collection.dialogs import CancelDialog, ReasonDialog
from counter_client.ui.window import MainWindow
from tests.counter_client.sync.conftest import Centre
from tests.counter_client.ui.conftest import WindowFactory, people, wait_for_roster

TIMEOUT = 30_000


def log_in_by_pin(qtbot: QtBot, window: MainWindow, user_id: str, pin: str) -> None:
    wait_for_roster(qtbot, window)
    window.login.choose(user_id)
    qtbot.keyClicks(window.login.pin, pin)
    qtbot.keyClick(window.login.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page() == "collection", timeout=TIMEOUT)


def pick_consumer(qtbot: QtBot, window: MainWindow, typed: str) -> None:
    page = window.collection
    qtbot.waitUntil(lambda: page.search.field.hasFocus() or True)
    page.search.field.setFocus()
    with qtbot.waitSignal(page.search.results_shown, timeout=TIMEOUT):
        qtbot.keyClicks(page.search.field, typed)
    qtbot.waitUntil(lambda: page.search._searching is None, timeout=TIMEOUT)
    qtbot.keyClick(page.search.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.form.isEnabled(), timeout=TIMEOUT)


def save(qtbot: QtBot, window: MainWindow) -> object:
    page = window.collection
    with qtbot.waitSignal(page.receipt_saved, timeout=TIMEOUT) as saved:
        qtbot.keyClick(page.form.amount, Qt.Key.Key_F9)
    return saved.args[0]


def cached_rr_numbers(window: MainWindow, count: int) -> list[str]:
    assert window.services is not None
    with window.services.store.read() as conn:
        rows = conn.exec_driver_sql(
            f"SELECT rr_number FROM consumers ORDER BY rr_number LIMIT {int(count)}"
        )
        return [str(r[0]) for r in rows]


def test_cashier_takes_cash_and_cheque_reprints_cancels_and_works_offline(
    qtbot: QtBot, open_window: WindowFactory, centre: Centre, registered_home: Path
) -> None:
    window = open_window(registered_home)
    assert window.current_page() == "login"
    wait_for_roster(qtbot, window)
    cashier, supervisor = people(window)
    log_in_by_pin(qtbot, window, cashier, centre.pin)
    page = window.collection
    assert page.search.field.hasFocus()
    first, second, third = cached_rr_numbers(window, 3)

    # Cash: search by RR number as typed (lower case), Enter picks, amount, F9 saves.
    pick_consumer(qtbot, window, first.lower())
    assert page.dues.values["rr_number"].text() == first
    qtbot.waitUntil(lambda: "last sync" in page.dues.values["as_of"].text(), timeout=TIMEOUT)
    page.form.amount.selectAll()
    qtbot.keyClicks(page.form.amount, "1,250.50")
    assert page.form.words.text().startswith("Rupees One Thousand Two Hundred")
    cash = save(qtbot, window)
    assert cash.amount_paise == 125050 and cash.payment_mode is PaymentMode.CASH
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=TIMEOUT)
    assert page.search.field.hasFocus() and not page.form.isEnabled()

    # Cheque with a wrong number: the problem shows beside the field and nothing is saved.
    pick_consumer(qtbot, window, second)
    page.form.amount.selectAll()
    qtbot.keyClicks(page.form.amount, "900")
    page.form.mode.setFocus()
    qtbot.keyClick(page.form.mode, Qt.Key.Key_Down)  # cash -> cheque
    assert page.form.current_mode() is PaymentMode.CHEQUE  # the same enum member
    qtbot.keyClicks(page.form.number, "12")
    qtbot.keyClicks(page.form.bank, "Canara Bank")
    qtbot.keyClicks(page.form.branch, "Mysuru Main")
    qtbot.keyClick(page.form.branch, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: page.form.errors["number"].isVisible(), timeout=TIMEOUT)
    assert "6 digits" in page.form.errors["number"].text()
    assert page.model.rowCount() == 1
    page.form.number.clear()
    qtbot.keyClicks(page.form.number, "004512")
    cheque = save(qtbot, window)
    assert cheque.payment_mode is PaymentMode.CHEQUE
    assert cheque.payment_details["instrument_date"] == date.today().isoformat()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=TIMEOUT)

    # Reprint the first receipt: the reason is asked, the row shows a duplicate.
    page.receipts.choose(cash.receipt_number)
    qtbot.keyClick(page.receipts, Qt.Key.Key_F7)
    dialog = page.active_dialog
    assert isinstance(dialog, ReasonDialog)
    qtbot.keyClicks(dialog.reason, "lost")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)  # too short for the journal: asked again
    assert "at least 5" in dialog.problem.text()
    qtbot.keyClicks(dialog.reason, " by the customer")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.row_at(0).copies == 1, timeout=TIMEOUT)
    assert window.services is not None
    reprint = window.services.journal.entries()[-1]
    assert reprint.kind is EntryKind.REPRINT
    assert reprint.body["reason"] == "lost by the customer"  # kept in the journal, not a log

    # Cancel it with the supervisor's PIN (a wrong PIN first is refused inside the dialog).
    page.receipts.choose(cash.receipt_number)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(page.receipts, Qt.Key.Key_F8)
    cancel = page.active_dialog
    assert isinstance(cancel, CancelDialog)
    qtbot.waitUntil(lambda: cancel.supervisor.count() > 0, timeout=TIMEOUT)
    cancel.supervisor.setCurrentIndex(cancel.supervisor.findData(supervisor))
    qtbot.keyClicks(cancel.reason, "wrong account")
    qtbot.keyClicks(cancel.pin, "999999")
    qtbot.keyClick(cancel.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Wrong PIN" in cancel.problem.text(), timeout=TIMEOUT)
    assert not page.model.row_at(0).cancelled
    qtbot.keyClicks(cancel.pin, centre.pin)
    qtbot.keyClick(cancel.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.row_at(0).cancelled, timeout=TIMEOUT)
    assert "CANCELLED" in page.model.index(0, 6).data()

    # The centre goes away: the status bar says so and receipts are still taken.
    qtbot.waitUntil(lambda: window.status.online is True, timeout=TIMEOUT)
    centre.server.stop()
    try:
        window.sync_now()
        qtbot.waitUntil(lambda: window.status.online is False, timeout=TIMEOUT)
        assert window.status.centre_label.text() == "Offline"
        pick_consumer(qtbot, window, third)
        page.form.amount.selectAll()
        qtbot.keyClicks(page.form.amount, "300")
        offline = save(qtbot, window)
        assert offline.rr_number == third
        qtbot.waitUntil(lambda: "Waiting to sync: 0" not in window.status.queue_label.text())
    finally:
        centre.server.start()
    window.sync_now()
    qtbot.waitUntil(lambda: window.status.online is True, timeout=TIMEOUT)
    qtbot.waitUntil(
        lambda: window.status.queue_label.text() == "Waiting to sync: 0", timeout=TIMEOUT
    )
    assert window.status.sync_label.text() != "Last sync: never"
    assert centre.receipts_paise(window.services.settings.counter_code) == 125050 + 90000 + 30000
