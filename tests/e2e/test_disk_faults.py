"""The disk fills up, or the database goes read-only, under the real app: `trm-counter --headless`.

The app must refuse the receipt with a clear message rather than hand over one it did not
record: every receipt it reports is in the journal, and nothing else is. Afterwards, with space
again, the counter carries on gaplessly and the centre gets exactly the journal.

The full disk is a real 2 MiB tmpfs volume where this process may mount one (root on Linux),
and otherwise a file-size limit (RLIMIT_FSIZE) on the app's process; the read-only database is
the volume remounted read-only, or (not as root, who may write anyway) a read-only file.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from counter_client.store import Store
from counter_client.store.entries import fetch_entries
from tests.e2e.system import Centre, assert_centre_equals_journal
from tests.support.central_server import CounterCredential

ROOT = Path(__file__).resolve().parents[2]


def _mount_tmpfs(target: Path, size: str) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(target)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


@pytest.fixture
def volume(tmp_path: Path) -> Iterator[tuple[Path, bool]]:
    """A folder for the store, and whether it is a 2 MiB tmpfs of its own."""
    target = tmp_path / "volume"
    target.mkdir()
    mounted = _mount_tmpfs(target, "2m")
    try:
        yield target, mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(target)], check=False)


class Headless:
    """Runs `trm-counter --headless` scripts for one counter against the centre."""

    def __init__(self, centre: Centre, credential: CounterCredential, store: Path) -> None:
        self.centre = centre
        self.credential = credential
        self.store = store
        self.location = credential.counter_code.rsplit("-", 1)[0].lower()

    def run(
        self, steps: list[dict[str, Any]], *, limit: Callable[[], None] | None = None
    ) -> tuple[int, dict[str, Any] | None, str]:
        script = self.store.parent.parent / "script.json"
        script.write_text(
            json.dumps(
                {
                    "store": str(self.store),
                    "centre": {"urls": [self.centre.url], "ca_file": self.centre.ca_file},
                    "counter": {
                        "code": self.credential.counter_code,
                        "device_code": self.credential.device_code,
                    },
                    "device_secret_env": "TRM_DEVICE_SECRET",
                    "cashier": f"cashier.{self.location}.1",
                    "steps": steps,
                }
            )
        )
        env = {
            **os.environ,
            "PYTHON_KEYRING_BACKEND": "tests.support.memory_keyring.MemoryKeyring",
            "TRM_DEVICE_SECRET": self.credential.secret,
        }
        done = subprocess.run(
            [sys.executable, "-m", "counter_client.cli", "--headless", str(script)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
            preexec_fn=limit,
        )
        summary = json.loads(done.stdout) if done.stdout.strip() else None
        return done.returncode, summary, done.stderr

    def journal_receipts(self) -> list[str]:
        with Store.open(self.store, read_only=True) as store, store.read() as conn:
            entries = fetch_entries(conn, self.credential.counter_code)
            return [str(e.body["receipt_number"]) for e in entries if e.kind.value == "receipt"]


def _receipts(rrs: list[str], count: int) -> list[dict[str, Any]]:
    return [
        {
            "action": "receipt",
            "rr_number": rrs[i % len(rrs)],
            "amount_paise": 100 + i,
            "payment": {"mode": "cash"},
        }
        for i in range(count)
    ]


def _file_size_limit(store: Path, headroom: int) -> Callable[[], None]:
    """In the child: writes past the store's size plus `headroom` fail, as on a full disk."""
    ceiling = store.stat().st_size + headroom

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # so write() fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (ceiling, ceiling))

    return limit


def _fill(filler: Path, *, leave: int) -> None:
    stats = os.statvfs(filler.parent)
    spare = stats.f_bavail * stats.f_frsize - leave
    with filler.open("wb") as out:
        while spare > 0:
            chunk = min(spare, 64 * 1024)
            out.write(b"\0" * chunk)
            spare -= chunk


@pytest.mark.parametrize("how", ["tmpfs", "file size limit"])
def test_a_full_disk_refuses_the_receipt_clearly_and_reports_only_recorded_receipts(
    how: str, centre: Centre, volume: tuple[Path, bool]
) -> None:
    folder, mounted = volume
    if how == "tmpfs" and not mounted:
        pytest.skip("mounting a tmpfs is not permitted here; the file-size limit covers it")
    app = Headless(centre, centre.register(1)[0], folder / "counter.db")
    rrs = centre.consumers(20, offset=700)
    status, first, stderr = app.run(_receipts(rrs, 3))
    assert status == 0 and first is not None and first["error"] is None, stderr

    limit = None
    filler = folder / "filler"
    if how == "tmpfs":
        _fill(filler, leave=256 * 1024)  # something else took the disk, all but 256 KiB
    else:
        limit = _file_size_limit(app.store, 256 * 1024)
    status, summary, stderr = app.run(_receipts(rrs, 4000), limit=limit)

    assert status == 1 and summary is not None
    taken = [r["receipt_number"] for r in summary["receipts"]]
    error = summary["error"]
    assert error.startswith(f"steps[{len(taken)}] (receipt): "), error
    assert "NOT recorded" in error and "Do not take the money" in error, error
    if how == "tmpfs":
        assert "disk is full" in error
    assert len(taken) < 4000
    # Every receipt the app handed over is in the journal, and nothing it refused.
    first_taken = [r["receipt_number"] for r in first["receipts"]]
    assert app.journal_receipts() == first_taken + taken

    filler.unlink(missing_ok=True)  # support frees the disk (or the limit is gone)
    status, after, stderr = app.run(_receipts(rrs, 1))
    if status != 0:
        pytest.fail(f"with the limit lifted the counter should carry on: {stderr}")
    assert after is not None and after["queue_length"] == 0
    number = after["receipts"][0]["receipt_number"]
    assert number.endswith(f"/{len(first_taken) + len(taken) + 1}")  # no gap
    with Store.open(app.store) as store:
        assert_centre_equals_journal(centre, store, app.credential.counter_code)


@pytest.mark.parametrize("how", ["volume remounted read-only", "read-only file"])
def test_a_read_only_database_refuses_receipts_clearly_and_hands_over_none(
    how: str, centre: Centre, volume: tuple[Path, bool]
) -> None:
    folder, mounted = volume
    if how == "volume remounted read-only" and not mounted:
        pytest.skip("mounting a tmpfs is not permitted here")
    if how == "read-only file" and os.geteuid() == 0:
        pytest.skip("root may write a read-only file; the read-only volume covers it")
    app = Headless(centre, centre.register(1)[0], folder / "counter.db")
    rrs = centre.consumers(5, offset=900)
    status, first, stderr = app.run(_receipts(rrs, 2))
    assert status == 0 and first is not None, stderr
    before = app.journal_receipts()

    if how == "volume remounted read-only":
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    else:
        for path in folder.iterdir():
            path.chmod(0o444)
        folder.chmod(0o555)
    try:
        status, summary, stderr = app.run(_receipts(rrs, 5))
        assert status == 1
        refused = summary["error"] if summary is not None else stderr
        assert "read-only" in refused and "NOT recorded" in refused, refused
        assert summary is None or summary["receipts"] == []  # nothing handed over
        assert app.journal_receipts() == before
    finally:
        if how == "volume remounted read-only":
            subprocess.run(["mount", "-o", "remount,rw", str(folder)], check=True)
        else:
            folder.chmod(0o755)
            for path in folder.iterdir():
                path.chmod(0o644)
