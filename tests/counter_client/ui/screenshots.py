"""Screenshots of every screen of the counter app, in English and Kannada (`make screenshots`).

    python -m tests.counter_client.ui.screenshots docs/screenshots

Runs the real app offscreen against a real centre (seeded SQLite, HTTPS on loopback) and the
printer emulator, drives it as a cashier would, and saves one PNG per screen and language.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "tests.support.memory_keyring.MemoryKeyring")

import keyring  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from counter_client.devices.printer import PrinterSettings, ReceiptPrinter  # noqa: E402
from counter_client.devices.printer.emulator import PrinterEmulator  # noqa: E402
from counter_client.sync.config import KEYRING_SERVICE  # noqa: E402
from counter_client.ui.i18n import Languages  # noqa: E402
from counter_client.ui.services import Services  # noqa: E402
from counter_client.ui.window import MainWindow  # noqa: E402
from tests.counter_client.sync.conftest import start_centre  # noqa: E402
from tests.counter_client.ui.conftest import FAST_SYNC, counter_settings  # noqa: E402

LANGUAGES = ("en", "kn")
SIZE = (1280, 800)


def wait_until(condition: Callable[[], object], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        QApplication.processEvents()
        time.sleep(0.01)
    QApplication.processEvents()


class Shooter:
    def __init__(self, out: Path, languages: Languages) -> None:
        self.out = out
        self.languages = languages

    def each_language(self, name: str, widget: QWidget) -> None:
        for code in LANGUAGES:
            if isinstance(widget, MainWindow):
                widget.login.set_language(code)  # the language box at login, as a cashier would
            self.languages.switch(code)
            wait_until(lambda: True)
            for _ in range(5):
                QApplication.processEvents()
            widget.grab().save(str(self.out / f"{name}-{code}.png"))
        if isinstance(widget, MainWindow):
            widget.login.set_language("en")
        self.languages.switch("en")
        QApplication.processEvents()


def registration(shooter: Shooter, languages: Languages, home: Path) -> None:
    window = MainWindow(home, languages)
    window.resize(*SIZE)
    window.show()
    window.start()
    window.registration.register()  # empty form: the problem shows beside the field
    shooter.each_language("registration", window)
    window.close()


def counter(shooter: Shooter, languages: Languages, workdir: Path) -> None:
    centre = start_centre(f"sqlite:///{workdir / 'centre.db'}", workdir)
    printer = PrinterEmulator().start()
    try:
        credential = centre.new_counter()
        keyring.set_password(KEYRING_SERVICE, credential.device_code, credential.secret)
        home = workdir / "counter"
        counter_settings(centre, credential).save(home)
        settings = PrinterSettings.from_dict(
            {"connection": "network", "host": "127.0.0.1", "port": printer.port}
        )
        opener = partial(Services.open, printer=ReceiptPrinter(settings), **FAST_SYNC)
        window = MainWindow(home, languages, open_services=opener)
        window.resize(*SIZE)
        window.show()
        window.start()
        wait_until(lambda: window.login.people.count() > 0)
        wait_until(lambda: window.status.queue_label.text().endswith("0"))
        shooter.each_language("login", window)
        assert window.services is not None
        people = window.services.roster.active()
        cashier = next(p for p in people if not p.is_supervisor)
        window.login.choose(cashier.user_id)
        window.login.pin.setText(centre.pin)
        window.login.login_by_pin()
        wait_until(lambda: window.current_page() == "collection")
        page = window.collection
        for rr, amount in (("", "1250"), ("", "480.50")):
            take(page, rr, amount)
        page.search.field.setText(first_name(window))
        wait_until(lambda: page.search.results.count() > 0 and page.search._searching is None)
        page.search.pick_current()
        wait_until(lambda: "…" not in page.dues.values["as_of"].text() and page.form.isEnabled())
        if not page.form.amount.text():
            page.form.amount.setText("1,500")
        shooter.each_language("collection", window)
        for code in LANGUAGES:  # a dialog takes the language it is opened in
            languages.switch(code)
            wait_until(lambda: True)
            page.receipts.selectRow(0)
            page.cancel_chosen()
            dialog = page.active_dialog
            wait_until(lambda d=dialog: d.supervisor.count() > 0)
            dialog.reason.setText("wrong account")
            QApplication.processEvents()
            dialog.grab().save(str(shooter.out / f"cancel-{code}.png"))
            dialog.reject()
        languages.switch("en")
        printer.unplug()
        take(page, "", "300")
        wait_until(lambda: page.banner.isVisible())
        shooter.each_language("printer-failed", window)
        enrolment(shooter, window, centre.pin)
        window.close()
    finally:
        printer.stop()
        centre.server.kill()


def enrolment(shooter: Shooter, window: MainWindow, pin: str) -> None:
    """The supervisor's fingerprint enrolment, at the step "lift the finger"."""
    assert window.services is not None
    people = window.services.roster.active()
    supervisor = next(p for p in people if p.is_supervisor)
    cashier = next(p for p in people if not p.is_supervisor)
    window.log_out()
    window.login.choose(supervisor.user_id)
    window.login.pin.setText(pin)
    window.login.login_by_pin()
    wait_until(lambda: window.current_page() == "collection")
    for code in LANGUAGES:  # a dialog takes the language it is opened in
        shooter.languages.switch(code)
        wait_until(lambda: True)
        dialog = window.enrolment.open()
        assert dialog is not None
        wait_until(lambda d=dialog: d.person.count() > 0)
        dialog.choose(cashier.user_id)
        wait_until(lambda d=dialog: cashier.user_id in d._has_finger)
        dialog.show_step("lift")
        QApplication.processEvents()
        dialog.grab().save(str(shooter.out / f"enrol-{code}.png"))
        dialog.reject()
    shooter.languages.switch("en")


def first_name(window: MainWindow) -> str:
    assert window.services is not None
    with window.services.store.read() as conn:
        row = conn.exec_driver_sql("SELECT name_en FROM consumers ORDER BY rr_number LIMIT 1")
        return str(next(iter(row))[0]).split()[0]


def take(page: object, _rr: str, amount: str) -> None:
    from counter_client.ui.collection.page import CollectionPage

    assert isinstance(page, CollectionPage)
    before = page.model.rowCount()
    page.back_out()
    page.search.field.setText("MY")
    wait_until(lambda: page.search.results.count() > before and page.search._searching is None)
    page.search.results.setCurrentRow(before)
    page.search.pick_current()
    wait_until(lambda: page.form.isEnabled())
    page.form.amount.setText(amount)
    page.save_and_print()
    wait_until(lambda: page.model.rowCount() == before + 1)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    languages = Languages(app)
    shooter = Shooter(out, languages)
    with tempfile.TemporaryDirectory(prefix="trm-screens-") as tmp:
        registration(shooter, languages, Path(tmp) / "empty")
        counter(shooter, languages, Path(tmp))
    print(f"screenshots in {out}: {', '.join(sorted(p.name for p in out.glob('*.png')))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
