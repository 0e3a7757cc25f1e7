"""The demo on the real app: opened for a person (`open_app`), or driven offscreen (`run_scripted`).

The scripted flow uses the app's own widgets through key clicks, as a cashier would: pick the
cashier and log in by finger (the sensor emulator is touched first), three receipts while the
centre is up (cash, cheque, UPI), the centre process stopped, two receipts offline (cash, UPI),
the centre started again and "Sync now" (Ctrl+Shift+S); then it asks the centre's API which
receipts it holds. Screenshots of each step go to the run's folder, receipt previews (PNGs of
the bytes the printer emulator received) to its receipts/ folder.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMessageLogContext, Qt, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from common.sync_protocol import PaymentMode
from counter_client.demo.console import INTERRUPTED, say
from counter_client.demo.processes import DemoError
from counter_client.demo.stack import DemoCounter, DemoStack
from counter_client.journal.views import ReceiptView
from counter_client.ui.i18n import Languages
from counter_client.ui.modes import MODE_ORDER
from counter_client.ui.services import Services
from counter_client.ui.window import MainWindow

__all__ = ["Summary", "open_app", "run_scripted"]

SIZE = (1280, 800)
STEP_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class Payment:
    """One receipt of the script: the amount as typed and the payment details."""

    amount: str
    mode: PaymentMode
    details: dict[str, str] = field(default_factory=dict)


ONLINE = (
    Payment("1,250.00", PaymentMode.CASH),
    Payment(
        "2,480.50",
        PaymentMode.CHEQUE,
        {"number": "004512", "bank": "Canara Bank", "branch": "Mysuru Main"},
    ),
    Payment("999", PaymentMode.UPI, {"reference": "412345678901"}),
)
OFFLINE = (
    Payment("640", PaymentMode.CASH),
    Payment("1,105.75", PaymentMode.UPI, {"reference": "412345678902"}),
)


@dataclass(frozen=True)
class Summary:
    taken: int
    offline: int
    held: int
    printed: int
    folder: Path
    wanted: int = len(ONLINE) + len(OFFLINE)

    @property
    def ok(self) -> bool:
        return self.taken == self.held == self.printed == self.wanted

    @property
    def line(self) -> str:
        held = f"all {self.held}" if self.held == self.taken else f"only {self.held}"
        return (
            f"{self.taken} receipts taken ({self.offline} offline), {held} at the centre, "
            f"{self.printed} printed; screenshots in {self.folder}"
        )


def _drop_offscreen_noise(_mode: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    if "propagateSizeHints" not in message:  # the offscreen platform says this on every show
        sys.stderr.write(message + "\n")


def _application() -> QApplication:
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        qInstallMessageHandler(_drop_offscreen_noise)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName("TRM Counter")
    app.setOrganizationName("TRM")
    return app


def _window(app: QApplication, counter: DemoCounter, sync: dict[str, Any]) -> MainWindow:
    window = MainWindow(counter.home, Languages(app), open_services=partial(Services.open, **sync))
    window.resize(*SIZE)
    window.show()
    window.start()
    return window


# -- for a person -------------------------------------------------------------------------


def open_app(stack: DemoStack, counter: DemoCounter, sync: dict[str, Any]) -> int:
    """Open the app on this run's counter until it is closed (or Ctrl-C)."""
    stack.sensor_says(f"place {counter.finger}")
    say(f"opening the app: log in as {counter.cashier} with the finger (F2; it rests on the")
    say(f"  emulated sensor) or the PIN; the supervisor is {counter.supervisor}; the PIN and")
    say(f"  passwords are in {stack.folders.centre / 'demo-credentials.txt'}")
    say(f"  to stop the centre and start it again: kill -USR1 {os.getpid()}")
    say(f"  receipts print as PNGs to {stack.folders.receipts}")
    app = _application()
    window = _window(app, counter, sync)
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: app.quit())
    toggling = threading.Lock()

    def toggle_centre() -> None:
        if not toggling.acquire(blocking=False):
            return  # still starting or stopping
        try:
            if stack.centre.running():
                stack.stop_centre()
                say("the centre is stopped: the counter works offline")
            else:
                stack.start_centre()
                say("the centre is back: the counter syncs")
        except DemoError as error:
            say(f"the centre: {error}")
        finally:
            toggling.release()

    signal.signal(
        signal.SIGUSR1, lambda *_: threading.Thread(target=toggle_centre, daemon=True).start()
    )
    wake = QTimer()
    wake.timeout.connect(lambda: None)  # lets Python see signals while Qt runs
    wake.start(250)
    status = app.exec()
    wake.stop()
    window.close()
    with toggling:  # not while the centre is half started
        return int(status)


# -- scripted -----------------------------------------------------------------------------


class Driver:
    """Key clicks on the window, waiting for the app, and screenshots."""

    def __init__(self, window: MainWindow, folder: Path) -> None:
        self.window = window
        self.folder = folder
        self.shots: list[Path] = []
        self.saved: list[ReceiptView] = []
        self.printed: list[str] = []
        self.print_failures: list[str] = []
        page = window.collection
        page.receipt_saved.connect(self.saved.append)
        page.receipt_printed.connect(self.printed.append)
        page.print_failed.connect(self.print_failures.append)

    def wait(self, condition: Callable[[], object], what: str) -> None:
        deadline = time.monotonic() + STEP_TIMEOUT_S
        while not condition():
            if INTERRUPTED.is_set():
                raise KeyboardInterrupt
            if time.monotonic() > deadline:
                raise DemoError(f"the app did not get there in {STEP_TIMEOUT_S:.0f} s: {what}")
            QApplication.processEvents()
            time.sleep(0.01)
        QApplication.processEvents()

    def key(
        self,
        key: Qt.Key,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
        widget: QWidget | None = None,
    ) -> None:
        target = widget or QApplication.focusWidget() or self.window
        QTest.keyClick(target, key, modifier)

    def type(self, widget: QWidget, text: str) -> None:
        widget.setFocus()
        QTest.keyClicks(widget, text)

    def shot(self, name: str) -> Path:
        for _ in range(5):
            QApplication.processEvents()
        path = self.folder / f"{len(self.shots) + 1:02d}-{name}.png"
        if not self.window.grab().save(str(path)):
            raise DemoError(f"could not write the screenshot {path}")
        self.shots.append(path)
        return path


def log_in_by_finger(drive: Driver, stack: DemoStack, counter: DemoCounter) -> None:
    login = drive.window.login
    drive.wait(lambda: login.people.count() > 0, "the cashiers to arrive from the centre")
    login.people.setFocus()
    drive.key(Qt.Key.Key_Home, widget=login.people)
    for _ in range(login.people.count()):
        if login.chosen() == counter.cashier:
            break
        drive.key(Qt.Key.Key_Down, widget=login.people)
    if login.chosen() != counter.cashier:
        raise DemoError(f"{counter.cashier} is not in the login list")
    drive.shot("login")
    stack.sensor_says(f"touch {counter.finger}")
    drive.key(Qt.Key.Key_Return, widget=login.people)  # Enter: place the finger
    drive.wait(lambda: drive.window.current_page() == "collection", "login by finger")
    drive.shot("logged-in")


def consumers_to_serve(window: MainWindow, count: int) -> list[str]:
    """RR numbers of consumers in this counter's cache, those with dues first."""
    assert window.services is not None
    with window.services.store.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT rr_number FROM consumers WHERE NOT cash_only"
            " ORDER BY balance_paise <= 0, rr_number LIMIT ?",
            (count,),
        )
        found = [str(row[0]) for row in rows]
    if len(found) < count:
        raise DemoError(f"the counter holds only {len(found)} consumers; the demo needs {count}")
    return found


def take_receipt(drive: Driver, rr_number: str, payment: Payment, name: str) -> ReceiptView:
    page = drive.window.collection
    before = len(drive.saved)
    drive.key(Qt.Key.Key_F3)  # search
    drive.type(page.search.field, rr_number)

    def found() -> bool:
        item = page.search.results.currentItem()
        current = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return page.search._searching is None and current == rr_number

    drive.wait(found, f"{rr_number} in the search results")
    drive.key(Qt.Key.Key_Return, widget=page.search.field)
    drive.wait(page.form.isEnabled, f"the payment form for {rr_number}")
    drive.key(Qt.Key.Key_F5)  # amount
    page.form.amount.selectAll()
    drive.type(page.form.amount, payment.amount)
    drive.key(Qt.Key.Key_F6)  # mode
    for _ in range(MODE_ORDER.index(payment.mode)):
        drive.key(Qt.Key.Key_Down, widget=page.form.mode)
    if page.form.current_mode() is not payment.mode:
        raise DemoError(f"the mode list did not reach {payment.mode.value}")
    for field_name, text in payment.details.items():
        drive.type(getattr(page.form, field_name), text)
    drive.shot(f"{name}-entered")
    drive.key(Qt.Key.Key_F9)  # save and print
    drive.wait(lambda: len(drive.saved) > before, f"receipt for {rr_number} saved")
    receipt = drive.saved[-1]
    drive.wait(
        lambda: receipt.receipt_number in drive.printed or drive.print_failures,
        f"receipt {receipt.receipt_number} printed",
    )
    drive.shot(f"{name}-saved")
    return receipt


def sync_now(drive: Driver) -> None:
    drive.window.activateWindow()
    drive.key(
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )


def queue_shows(drive: Driver, waiting: int) -> Callable[[], bool]:
    label = drive.window.status.queue_label
    return lambda: label.text().rstrip().endswith(f": {waiting}")


def run_scripted(stack: DemoStack, counter: DemoCounter, sync: dict[str, Any]) -> Summary:
    """The whole flow offscreen; returns what was taken, held at the centre and printed."""
    app = _application()
    window = _window(app, counter, sync)
    drive = Driver(window, stack.folders.run)
    try:
        return _script(drive, stack, counter)
    except DemoError:
        say(f"the app as it was: {drive.shot('failed')}")
        raise
    finally:
        window.close()
        QApplication.processEvents()


def _script(drive: Driver, stack: DemoStack, counter: DemoCounter) -> Summary:
    window = drive.window
    drive.wait(lambda: window.services is not None, "the counter's store and engine to open")
    drive.wait(lambda: window.status.online is True, "the first sync with the centre")
    log_in_by_finger(drive, stack, counter)
    say(f"{counter.cashier} logged in by finger")
    serve = consumers_to_serve(window, len(ONLINE) + len(OFFLINE))
    names = {PaymentMode.CASH: "cash", PaymentMode.CHEQUE: "cheque", PaymentMode.UPI: "upi"}
    receipts: list[ReceiptView] = []
    for payment in ONLINE:
        name = f"online-{len(receipts) + 1}-{names[payment.mode]}"
        receipts.append(take_receipt(drive, serve[len(receipts)], payment, name))
    say(f"{len(receipts)} receipts taken online; stopping the centre (process {stack.centre.pid})")
    stack.stop_centre()
    sync_now(drive)
    drive.wait(lambda: window.status.online is False, "the status bar to say Offline")
    drive.shot("centre-stopped")
    for payment in OFFLINE:
        name = f"offline-{len(receipts) + 1 - len(ONLINE)}-{names[payment.mode]}"
        receipts.append(take_receipt(drive, serve[len(receipts)], payment, name))
    drive.wait(queue_shows(drive, len(OFFLINE)), f"{len(OFFLINE)} receipts waiting to sync")
    drive.shot("offline-queue")
    say(f"{len(OFFLINE)} receipts taken offline; starting the centre again")
    stack.start_centre()
    sync_now(drive)
    drive.wait(lambda: window.status.online is True, "the status bar to say Online")
    drive.wait(queue_shows(drive, 0), "the queue to drain")
    drive.shot("synced")
    with stack.admin() as admin:
        held = admin.receipts_held(counter.counter_code, receipts[0].business_date)
    numbers = {r.receipt_number for r in receipts}
    held_here = [r for r in held if r["receipt_number"] in numbers]
    deadline = time.monotonic() + STEP_TIMEOUT_S
    while len(stack.printed()) < len(receipts) and time.monotonic() < deadline:
        time.sleep(0.1)
    return Summary(
        taken=len(receipts),
        offline=len(OFFLINE),
        held=len(held_here),
        printed=len(stack.printed()),
        folder=stack.folders.run,
    )
