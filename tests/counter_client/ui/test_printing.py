"""Save and print: the receipt goes to the (emulated) network printer only after it is saved;
a printer pulled out mid-receipt leaves the receipt saved, says so, and the reprint prints it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter_client.devices.printer import PrinterSettings, ReceiptPrinter
from counter_client.devices.printer.emulator import PaperState, PrinterEmulator
from counter_client.ui.window import MainWindow
from tests.counter_client.ui.conftest import OFFLINE_PIN, WindowFactory

TIMEOUT = 20_000


@pytest.fixture
def printer() -> Iterator[PrinterEmulator]:
    with PrinterEmulator() as emulator:
        yield emulator


@pytest.fixture
def window(
    qtbot: QtBot, open_window: WindowFactory, offline_home: Path, printer: PrinterEmulator
) -> MainWindow:
    settings = PrinterSettings.from_dict(
        {"connection": "network", "host": "127.0.0.1", "port": printer.port, "timeout_s": 1.0}
    )
    made = open_window(offline_home, printer=ReceiptPrinter(settings))
    qtbot.waitUntil(lambda: made.login.people.count() == 3, timeout=TIMEOUT)
    made.login.choose("C001")
    qtbot.keyClicks(made.login.pin, OFFLINE_PIN)
    qtbot.keyClick(made.login.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: made.current_page() == "collection", timeout=TIMEOUT)
    return made


def take_cash(qtbot: QtBot, window: MainWindow, typed: str, amount: str) -> str:
    page = window.collection
    with qtbot.waitSignal(page.search.results_shown, timeout=TIMEOUT):
        qtbot.keyClicks(page.search.field, typed)
    qtbot.waitUntil(lambda: page.search._searching is None, timeout=TIMEOUT)
    qtbot.keyClick(page.search.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.form.isEnabled(), timeout=TIMEOUT)
    page.form.amount.clear()
    qtbot.keyClicks(page.form.amount, amount)
    with qtbot.waitSignal(page.receipt_saved, timeout=TIMEOUT) as saved:
        qtbot.keyClick(page.form.amount, Qt.Key.Key_F9)
    return str(saved.args[0].receipt_number)


def test_a_saved_receipt_is_printed_on_the_network_printer(
    qtbot: QtBot, window: MainWindow, printer: PrinterEmulator
) -> None:
    page = window.collection
    with qtbot.waitSignal(page.receipt_printed, timeout=TIMEOUT):
        number = take_cash(qtbot, window, "mahadeva", "980")
    job = printer.printed_jobs()[-1]
    assert number in job.parsed().text
    assert "980.00" in job.parsed().text
    assert "DUPLICATE" not in job.parsed().text
    assert window.status.printer_label.text().startswith("Printer: ready")


def test_a_printer_unplugged_mid_receipt_leaves_it_saved_and_offers_the_reprint(
    qtbot: QtBot, window: MainWindow, printer: PrinterEmulator
) -> None:
    page = window.collection
    printer.cut_off_after(40)  # the cable comes out after the first bytes of the receipt
    with qtbot.waitSignal(page.print_failed, timeout=TIMEOUT):
        number = take_cash(qtbot, window, "MYS1001", "1500")
    assert page.banner.isVisible()
    assert f"Receipt {number} is saved, but it was not printed" in page.banner_text.text()
    assert window.status.printer_label.text() == "Printer: not reachable"
    assert window.services is not None
    assert window.services.journal.receipt(number) is not None
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=TIMEOUT)
    assert page.model.row_at(0).receipt_number == number

    printer.cut_off_after(None)
    with qtbot.waitSignal(page.receipt_printed, timeout=TIMEOUT):
        qtbot.mouseClick(page.banner_reprint, Qt.MouseButton.LeftButton)
    assert not page.banner.isVisible()
    reprinted = printer.printed_jobs()[-1].parsed().text
    assert number in reprinted and "DUPLICATE" in reprinted
    qtbot.waitUntil(lambda: page.model.row_at(0).copies == 1, timeout=TIMEOUT)


def test_the_status_bar_shows_paper_low_and_an_unreachable_printer(
    qtbot: QtBot, window: MainWindow, printer: PrinterEmulator
) -> None:
    printer.paper = PaperState.LOW
    window.check_printer()
    qtbot.waitUntil(lambda: "paper low" in window.status.printer_label.text(), timeout=TIMEOUT)
    assert window.status.printer_label.text() == "Printer: ready · paper low"
    printer.unplug()
    window.check_printer()
    qtbot.waitUntil(
        lambda: window.status.printer_label.text() == "Printer: not reachable", timeout=TIMEOUT
    )
