"""`make demo` without a display: the whole scripted demo, as its own process, as a user runs it.

Real centre (SQLite, HTTPS, its own process, stopped and started again), real sensor and printer
emulators (processes), the real app offscreen driven by key clicks. Checked from outside: the
summary line, the screenshots, the printed receipts (parsed from the bytes the printer got), the
five receipts in the centre's database, and that no process of the demo is left behind.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from central_api.db import make_engine
from central_api.org.models import Counter
from central_api.sync.models import CounterEntry
from counter_client.devices.printer.escpos_reader import parse
from tests.support.central_server import ROOT

pytestmark = pytest.mark.slow

SUMMARY = re.compile(
    r"^5 receipts taken \(2 offline\), all 5 at the centre, 5 printed; screenshots in (?P<dir>.+)$",
)
# What demo_flow's script takes: amounts in paise and modes, three online then two offline.
EXPECTED = sorted(
    [(125000, "cash"), (248050, "cheque"), (99900, "upi"), (64000, "cash"), (110575, "upi")]
)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo data folder for the module: the centre is seeded once, as on a real machine."""
    return tmp_path_factory.mktemp("demo-data")


def demo_command(data: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "counter_client.ui.demo",
        "--scripted",
        "--data",
        str(data),
        "--port",
        "0",
        "--consumers",
        "2000",
    ]


def demo_env() -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHON_KEYRING_BACKEND", None)  # the demo chooses its own
    return env


def children_of(pid: int) -> list[int]:
    """Processes started by the demo with this pid (they carry it on their command line)."""
    marker = f"counter_client.demo.child\0{pid}\0".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def wait_gone(pid: int, timeout_s: float = 15.0) -> list[int]:
    deadline = time.monotonic() + timeout_s
    while (left := children_of(pid)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


def is_blank(path: Path) -> bool:
    with Image.open(path) as image:
        low, high = image.convert("L").getextrema()
    return bool(low == high)


def centre_receipts(data: Path, counter_code: str) -> list[tuple[str, int, str]]:
    engine = make_engine(f"sqlite:///{data / 'demo-centre' / 'trm-central.db'}")
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(
                    CounterEntry.receipt_number,
                    CounterEntry.amount_paise,
                    CounterEntry.payment_mode,
                )
                .join(Counter, Counter.id == CounterEntry.counter_id)
                .where(Counter.code == counter_code, CounterEntry.kind == "receipt")
            ).all()
    finally:
        engine.dispose()
    return [(str(r[0]), int(r[1]), str(r[2])) for r in rows]


def test_the_scripted_demo_takes_five_receipts_across_an_outage_and_the_centre_holds_them(
    data_dir: Path,
) -> None:
    demo = subprocess.run(
        demo_command(data_dir),
        cwd=ROOT,
        env=demo_env(),
        capture_output=True,
        text=True,
        timeout=110,  # the whole demo, seeding the centre included, in under two minutes
    )
    assert demo.returncode == 0, demo.stdout[-3000:] + demo.stderr[-3000:]
    found = SUMMARY.match(demo.stdout.rstrip().splitlines()[-1])  # it ends with the summary
    assert found is not None, demo.stdout
    assert "a real counter keeps them in the OS keyring" in demo.stdout
    run = Path(found["dir"])
    assert run.parent == data_dir.resolve() and run.name.startswith("demo-")

    shots = sorted(run.glob("*.png"))
    names = [p.stem.split("-", 1)[1] for p in shots]
    assert names[:2] == ["login", "logged-in"]
    for step in ("online-1-cash-saved", "online-2-cheque-saved", "online-3-upi-saved"):
        assert step in names
    for step in ("centre-stopped", "offline-1-cash-saved", "offline-2-upi-saved", "synced"):
        assert step in names
    blank = [p.name for p in shots if is_blank(p)]
    assert not blank, f"blank screenshots: {blank}"

    # The first run enrols the finger (supervisor at the counter, sent to the centre); the
    # cashier then logs in by that finger on the emulated sensor, through pyfingerprint.
    assert "enrolled" in demo.stdout and "the template went to the centre" in demo.stdout
    cashier = re.search(r"\] (\S+) logged in by finger", demo.stdout)
    assert cashier is not None
    with closing(sqlite3.connect(run / "counter" / "counter.db")) as db:
        logins = db.execute(
            "SELECT user_id, method, outcome FROM login_attempts WHERE purpose = 'login'"
        ).fetchall()
    assert logins == [(cashier[1], "finger", "ok")]

    settings = json.loads((run / "counter" / "counter.json").read_text())
    counter_code = settings["counter_code"]
    assert "secret" not in json.dumps(settings).lower()
    held = centre_receipts(data_dir, counter_code)
    assert sorted((amount, mode) for _, amount, mode in held) == EXPECTED

    previews = sorted((run / "receipts").glob("job-*.png"))
    assert len(previews) == 5 and not [p for p in previews if is_blank(p)]
    printed = "\n".join(parse(p.with_suffix(".bin").read_bytes()).text for p in previews)
    for number, _, _ in held:
        assert number in printed

    assert wait_gone(demo_pid_from(demo.stdout)) == []


def demo_pid_from(stdout: str) -> int:
    found = re.search(r"demo process (\d+)", stdout)
    assert found is not None, stdout
    return int(found[1])


@pytest.fixture
def demo_process(data_dir: Path) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        demo_command(data_dir),
        cwd=ROOT,
        env=demo_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield process
    if process.poll() is None:
        process.kill()
        process.wait()


def read_until(process: subprocess.Popen[str], text: str, timeout_s: float = 90.0) -> str:
    assert process.stdout is not None
    seen = ""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        seen += line
        if text in line:
            return seen
    raise AssertionError(f"never saw {text!r}:\n{seen}")


@pytest.mark.parametrize(
    ("how", "when"),
    [(signal.SIGINT, "logged in by finger"), (signal.SIGKILL, "registered at")],
    ids=["ctrl-c-in-the-app", "kill-9-while-registering"],
)
def test_stopping_the_demo_midway_leaves_no_process_behind(
    demo_process: subprocess.Popen[str], how: signal.Signals, when: str
) -> None:
    seen = read_until(demo_process, when)
    assert len(children_of(demo_process.pid)) == 3, seen  # centre, sensor, printer
    demo_process.send_signal(how)
    status = demo_process.wait(timeout=60)
    assert demo_process.stdout is not None
    seen += demo_process.stdout.read()
    assert status == (130 if how == signal.SIGINT else -signal.SIGKILL), seen
    assert wait_gone(demo_process.pid) == [], seen
