"""The day book screens in the real app, offscreen, driven from the keyboard."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from common.sync_protocol import EntryKind
from counter_client.journal import Cash, Cheque
from counter_client.ui.daybook import DaybookPage
from counter_client.ui.daybook.closing import ClosingDialog
from counter_client.ui.daybook.dialogs import CloseDayDialog, RemittanceDialog
from counter_client.ui.window import MainWindow
from tests.counter_client.ui.conftest import OFFLINE_PIN, WindowFactory
from tests.counter_client.ui.test_cashier_flow import log_in_by_pin

TIMEOUT = 30_000


def _dialog(qtbot: QtBot, kind: type) -> object:
    found: list[object] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind)]
        return any(w.isVisible() for w in found)  # type: ignore[attr-defined]

    qtbot.waitUntil(shown, timeout=TIMEOUT)
    return next(w for w in found if w.isVisible())  # type: ignore[attr-defined]


def _open_page(qtbot: QtBot, window: MainWindow) -> DaybookPage:
    window.daybook_action.trigger()
    qtbot.waitUntil(lambda: window.current_page() == "daybook", timeout=TIMEOUT)
    page = window.pages["daybook"]
    assert isinstance(page, DaybookPage)
    return page


def test_a_cashier_counts_a_short_shift_and_the_supervisor_closes_the_day(
    qtbot: QtBot, open_window: WindowFactory, offline_home: Path
) -> None:
    window = open_window(offline_home)
    log_in_by_pin(qtbot, window, "C001", OFFLINE_PIN)
    services = window.services
    assert services is not None
    journal = services.journal
    day = journal.day_book()
    assert day is not None
    journal.take_receipt(
        cashier_id="C001", rr_number="MYS1001", amount_paise=150_000, payment=Cash()
    )
    cheque = journal.take_receipt(
        cashier_id="C001",
        rr_number="MYS1002",
        amount_paise=90_000,
        payment=Cheque("123456", "Canara Bank", "Mysuru", day.business_date),
    )
    page = _open_page(qtbot, window)
    qtbot.waitUntil(lambda: page.shift.findData("C001") >= 0, timeout=TIMEOUT)
    assert "C001" in page.status.text()

    qtbot.keyClick(page, Qt.Key.Key_F5)
    dialog = _dialog(qtbot, ClosingDialog)
    assert isinstance(dialog, ClosingDialog)
    qtbot.waitUntil(lambda: dialog.expectation is not None, timeout=TIMEOUT)
    assert dialog.instruments.count() == 1

    # A count that does not parse names its field, live, and nothing is written.
    before = len(journal.entries())
    qtbot.keyClicks(dialog.counts["note_500"], "2x")
    assert dialog.problem.property("field") == "denominations.note_500"
    dialog.counts["note_500"].clear()
    qtbot.keyClicks(dialog.counts["note_500"], "2")
    qtbot.keyClicks(dialog.counts["note_100"], "4")
    assert dialog.problem.text() == ""
    assert dialog.cash_total.text() == "₹1,400.00"
    assert dialog.comparison.item(0, 2).text() == "-₹100.00"  # cash: ₹100 short
    dialog.instruments.item(0).setCheckState(Qt.CheckState.Checked)
    assert dialog.comparison.item(1, 2).text() == "₹0.00"  # the cheque is there

    # Approved by the supervisor's PIN, but a short needs a reason first.
    qtbot.keyClicks(dialog.approval.pin, OFFLINE_PIN)
    qtbot.keyClick(dialog.approval.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.problem.property("field") == "reason", timeout=TIMEOUT)
    assert len(journal.entries()) == before
    qtbot.keyClicks(dialog.reason, "a 100 rupee note given twice as change")
    qtbot.keyClicks(dialog.approval.pin, OFFLINE_PIN)
    with qtbot.waitSignal(dialog.closed, timeout=TIMEOUT) as closed:
        qtbot.keyClick(dialog.approval.pin, Qt.Key.Key_Return)
    entry = closed.args[0]
    assert entry.kind is EntryKind.SHIFT_CLOSE and entry.body["approved_by"] == "S001"
    assert entry.body["over_short_paise"]["cash"] == -10_000
    assert entry.body["instruments"][0]["receipt_number"] == cheque.receipt_number
    qtbot.waitUntil(lambda: page.shift.count() == 0, timeout=TIMEOUT)

    # The supervisor closes the day book with their PIN.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=TIMEOUT)
    qtbot.keyClick(page, Qt.Key.Key_F6)
    close = _dialog(qtbot, CloseDayDialog)
    assert isinstance(close, CloseDayDialog)
    qtbot.waitUntil(lambda: close.approval.supervisor.count() > 0, timeout=TIMEOUT)
    qtbot.keyClicks(close.approval.pin, OFFLINE_PIN)
    with qtbot.waitSignal(close.day_closed, timeout=TIMEOUT):
        qtbot.keyClick(close.approval.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "is closed" in page.status.text(), timeout=TIMEOUT)
    assert journal.day_book() is None

    # The DCR of the day as an A4 PDF, saved beside the counter's files.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=TIMEOUT)
    qtbot.keyClick(page, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: "saved" in page.message.text(), timeout=TIMEOUT)
    saved = Path(page.message.text().split(": ", 1)[1])
    assert saved.is_file() and saved.read_bytes().startswith(b"%PDF")
    assert saved.name == f"DCR-{journal.counter_code}-{day.business_date.isoformat()}.pdf"
    assert page.report_date() == day.business_date != date(1, 1, 1)

    # Esc goes back to collection.
    qtbot.keyClick(page, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.current_page() == "collection", timeout=TIMEOUT)


def test_the_day_book_page_speaks_kannada(
    qtbot: QtBot, open_window: WindowFactory, offline_home: Path
) -> None:
    window = open_window(offline_home)
    log_in_by_pin(qtbot, window, "C002", OFFLINE_PIN)
    page = _open_page(qtbot, window)
    assert page.buttons["close_day"].text() == "Close the day book (F6)"
    window.switch_language("kn", save=False)
    qtbot.waitUntil(lambda: page.title.text() == "ದಿನದ ಪುಸ್ತಕ", timeout=TIMEOUT)
    assert page.buttons["close_day"].text() == "ದಿನದ ಪುಸ್ತಕ ಮುಚ್ಚಿ (F6)"
    window.switch_language("en", save=False)
    qtbot.waitUntil(lambda: page.title.text() == "Day book", timeout=TIMEOUT)


def test_a_remittance_is_recorded_and_its_pay_in_slip_saved(
    qtbot: QtBot, open_window: WindowFactory, offline_home: Path
) -> None:
    window = open_window(offline_home)
    log_in_by_pin(qtbot, window, "C002", OFFLINE_PIN)
    services = window.services
    assert services is not None
    journal = services.journal
    journal.take_receipt(
        cashier_id="C002", rr_number="MYS1001", amount_paise=250_000, payment=Cash()
    )
    journal.close_shift(
        "C002",
        denominations={"note_500": 5},
        instruments_present=set(),
        card_paise=0,
        upi_paise=0,
        approved_by="S001",
    )
    journal.close_day(supervisor_id="S001")
    page = _open_page(qtbot, window)
    qtbot.waitUntil(lambda: "is closed" in page.status.text(), timeout=TIMEOUT)
    qtbot.keyClick(page, Qt.Key.Key_F8)
    dialog = _dialog(qtbot, RemittanceDialog)
    assert isinstance(dialog, RemittanceDialog)
    qtbot.waitUntil(lambda: "2,500.00" in dialog.available.text(), timeout=TIMEOUT)
    qtbot.keyClicks(dialog.bank, "State Bank of India")
    qtbot.keyClicks(dialog.account, "00001234567")
    before = len(journal.entries())
    dialog.submit()  # no slip number yet
    qtbot.waitUntil(lambda: dialog.problem.property("field") == "slip_number", timeout=TIMEOUT)
    assert len(journal.entries()) == before
    dialog.cash.clear()
    qtbot.keyClicks(dialog.cash, "2,600")
    qtbot.keyClicks(dialog.slip, "PIS-0009")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.problem.property("field") == "cash_paise", timeout=TIMEOUT)
    dialog.cash.clear()
    qtbot.keyClicks(dialog.cash, "2,500")
    with qtbot.waitSignal(dialog.recorded, timeout=TIMEOUT) as recorded:
        dialog.submit()
    assert recorded.args[0].body["cash_paise"] == 250_000
    qtbot.waitUntil(lambda: "pay-in slip" in page.message.text(), timeout=TIMEOUT)
    slip = Path(page.message.text().split("pay-in slip: ", 1)[1])
    assert slip.is_file() and slip.read_bytes().startswith(b"%PDF")
