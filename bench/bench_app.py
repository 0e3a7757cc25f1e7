"""The counter desktop app: cold start, a keystroke in the consumer search, F9 to the printer.

- `app_cold_start_s`: a fresh process of the app (`counter_client.ui.app.make_window`) from its
  start until the login screen is shown (the engine then loads on a worker); `app_ready_s`: until
  the counter is open behind it (store migrated, sync started, cashiers listed). Baseline: a
  fresh process that shows a bare QApplication + QWidget.
- `search_keystroke_ms`: over a 50,000-consumer cache, from a key pressed in the search field
  to the results shown in the list (worker lane, queued back to the GUI thread), typing names,
  RR numbers and account ids a letter at a time. Baseline: the bare `ConsumerCache.search` call.
- `app_save_to_print_ms`: from F9 pressed on the collection screen to the port-9100 printer
  emulator holding the receipt's last byte (journal commit on the store lane, then printing on
  the device lane). Baseline: `Journal.take_receipt` then `ReceiptPrinter.print_receipt` called
  directly (as `save_to_print_ms` in bench_printer measures), in the same run.

`python -m bench.bench_app [--quick]` runs these alone and merges into results.json.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "tests.support.memory_keyring.MemoryKeyring")

from bench.bench_counter import CACHE_CONSUMERS, WORK_DIR, consumer_records, seeded_store
from bench.results import Result, merge_into, table

COUNTER = "MYS001-1"
ROOT = Path(__file__).resolve().parents[1]

_APP_CHILD = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from counter_client.ui.app import make_window
app = QApplication([])
window = make_window(app, Path(sys.argv[1]))
assert window.current_page() == "login"
QTimer.singleShot(0, lambda: print("shown", flush=True))
def ready():
    assert window.login.people.count() > 0 or window.services is not None
    print("ready", flush=True)
    app.quit()
window.ready.connect(ready)
app.exec()
"""

_BARE_CHILD = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
widget = QWidget()
widget.resize(1200, 800)
widget.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), print("ready", flush=True), app.quit()))
app.exec()
"""


def prepare_home(folder: Path, consumers: int) -> Path:
    """A registered counter folder, its centre away (offline), with `consumers` cached."""
    from central_api.tls import make_local_ca
    from counter_client.ui.home import STORE_FILE, CounterSettings
    from tests.support.central_server import free_port

    tls = make_local_ca(folder / "tls")
    home = folder / "home"
    CounterSettings(
        centre_urls=(f"https://localhost:{free_port()}",),
        ca_file=str(tls.ca_cert),
        counter_code=COUNTER,
        device_code=f"PC-{COUNTER}",
    ).save(home)
    seeded_store(home / STORE_FILE, consumer_records(consumers)).close()
    return home


def _child_seconds(code: str, *args: str) -> tuple[float, float]:
    """Seconds from starting the process to its "shown" line, and to its "ready" line."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    marks: dict[str, float] = {}
    for line in child.stdout:
        marks[line.strip()] = time.perf_counter() - started
        if line.strip() == "ready":
            break
    child.wait(timeout=60)
    if "shown" not in marks or "ready" not in marks:
        raise RuntimeError("the app did not reach its login screen")
    return marks["shown"], marks["ready"]


def cold_start(home: Path, runs: int) -> list[Result]:
    app = [_child_seconds(_APP_CHILD, str(home)) for _ in range(runs)]
    bare = statistics.median(_child_seconds(_BARE_CHILD)[0] for _ in range(runs))
    baseline = "bare QApplication + QWidget shown, fresh process"
    return [
        Result(
            name="app_cold_start_s",
            value=round(statistics.median(shown for shown, _ in app), 3),
            unit="s",
            baseline_name=baseline,
            baseline_value=round(bare, 3),
            goal="< 2 s",
        ),
        Result(
            name="app_ready_s",
            value=round(statistics.median(ready for _, ready in app), 3),
            unit="s",
            baseline_name=baseline,
            baseline_value=round(bare, 3),
        ),
    ]


def _wait(app: object, condition: Callable[[], object], timeout: float = 30.0) -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        QApplication.processEvents()
        time.sleep(0.0002)  # let the worker threads have the GIL, as an idle event loop would


def _typing(count: int) -> list[str]:
    """What cashiers type, a letter at a time: names, RR numbers and account ids."""
    words = ["Ramesh Gowda", "Lakshmi", "MY001D000", "MY004D0401", "0000012", "Kavya Sh", "Suresh"]
    typed: list[str] = []
    while len(typed) < count:
        for word in words:
            typed += [word[: n + 1] for n in range(len(word))]
    return typed[:count]


def search_and_save(home: Path, keystrokes: int, receipts: int) -> list[Result]:
    from functools import partial

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from counter_client.devices.printer import PrinterSettings, ReceiptPrinter
    from counter_client.devices.printer.emulator import PrinterEmulator
    from counter_client.journal import Cash
    from counter_client.ui.i18n import Languages
    from counter_client.ui.services import Services
    from counter_client.ui.window import MainWindow

    app = QApplication.instance() or QApplication([])
    with PrinterEmulator() as emulator:
        settings = PrinterSettings.from_dict(
            {"connection": "network", "host": "127.0.0.1", "port": emulator.port}
        )
        printer = ReceiptPrinter(settings)
        window = MainWindow(
            home, Languages(app), open_services=partial(Services.open, printer=printer)
        )
        window.resize(1200, 800)
        window.show()
        window.start()
        _wait(app, lambda: window.services is not None and window.login.people.count() > 0)
        window.login.choose("C001")
        window.login.pin.setText("1234")
        window.login.login_by_pin()
        _wait(app, lambda: window.current_page() == "collection")
        page, services = window.collection, window.services
        assert services is not None

        # A keystroke to results shown, against the bare search of the same text.
        field, shown = page.search.field, []
        page.search.results_shown.connect(lambda _n: shown.append(time.perf_counter()))
        keystroke_ms, bare_ms = [], []
        for text in _typing(keystrokes):
            field.setText(text[:-1])
            _wait(app, lambda: page.search._searching is None)
            before = len(shown)
            started = time.perf_counter()
            QTest.keyClick(field, text[-1])
            _wait(app, lambda b=before: len(shown) > b and page.search._searching is None)
            keystroke_ms.append((shown[-1] - started) * 1000)
            bare_started = time.perf_counter()
            services.consumers.search(text, limit=30)
            bare_ms.append((time.perf_counter() - bare_started) * 1000)

        # F9 to the printer's last byte, against the journal and printer called directly.
        rr_numbers = [c.rr_number for c in consumer_records(2 * receipts)]
        app_ms, direct_ms = [], []
        for n in range(receipts):
            page.back_out()
            field.setText(rr_numbers[n])
            _wait(app, lambda: page.search._searching is None and page.search.results.count())
            QTest.keyClick(field, Qt.Key.Key_Return)
            _wait(app, lambda: page.form.isEnabled())
            page.form.amount.setText(f"{100 + n}")
            jobs = len(emulator.printed_jobs())
            started = time.perf_counter()
            QTest.keyClick(page.form.amount, Qt.Key.Key_F9)
            _wait(app, lambda j=jobs: len(emulator.printed_jobs()) > j)
            job = emulator.wait_for_jobs(len(emulator.jobs))[-1]
            _wait(app, lambda: services is not None and window.ops.pending == 0)
            assert job.last_byte_at is not None
            app_ms.append((job.last_byte_at - started) * 1000)
            assert services.company is not None
            started = time.perf_counter()
            receipt = services.journal.take_receipt(
                cashier_id="C001",
                rr_number=rr_numbers[receipts + n],
                amount_paise=10_000 + n,
                payment=Cash(),
            )
            printer.print_receipt(receipt, duplicate=False, language="en", company=services.company)
            direct = emulator.wait_for_jobs(len(emulator.jobs))[-1]
            assert direct.last_byte_at is not None
            direct_ms.append((direct.last_byte_at - started) * 1000)
        window.close()
    return [
        Result(
            name="search_keystroke_ms",
            value=round(statistics.median(keystroke_ms), 2),
            unit="ms",
            baseline_name=f"bare ConsumerCache.search, {CACHE_CONSUMERS:,} consumers",
            baseline_value=round(statistics.median(bare_ms), 3),
            goal="< 50 ms",
        ),
        Result(
            name="app_save_to_print_ms",
            value=round(statistics.median(app_ms), 1),
            unit="ms",
            baseline_name="Journal.take_receipt + ReceiptPrinter.print_receipt called directly",
            baseline_value=round(statistics.median(direct_ms), 1),
            goal="< 300 ms",
        ),
    ]


def app_benchmarks(*, quick: bool = False) -> list[Result]:
    """Cold start, search keystroke and F9-to-print of the desktop app, each beside a baseline."""
    WORK_DIR.mkdir(exist_ok=True)
    runs, keystrokes, receipts = (3, 60, 10) if quick else (7, 200, 40)
    with tempfile.TemporaryDirectory(dir=WORK_DIR) as folder:
        print(f"app: a counter with {CACHE_CONSUMERS:,} cached consumers ...", file=sys.stderr)
        home = prepare_home(Path(folder), CACHE_CONSUMERS)
        print(f"app: cold start, {runs} runs each ...", file=sys.stderr)
        results = cold_start(home, runs)
        print(f"app: {keystrokes} keystrokes, {receipts} receipts F9 to print ...", file=sys.stderr)
        results += search_and_save(home, keystrokes, receipts)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_app", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer samples")
    args = parser.parse_args(argv)
    results = app_benchmarks(quick=args.quick)
    merge_into(results)
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
