"""A full disk or a read-only file: the receipt is refused with a clear message, nothing is written.

The disk-full test runs twice: on a real 1 MiB tmpfs volume filled up (skipped, saying so, where
this process may not mount one; root on Linux may), and with SQLite's max_page_count, which makes
SQLite report the same SQLITE_FULL that a full volume does.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from counter_client.journal import (
    Cash,
    DatabaseReadOnly,
    DiskFull,
    Journal,
    JournalUnavailable,
    verify_journal,
)
from counter_client.store import Store
from tests.counter_client.store.factories import COUNTER, FakeClock, open_store, seed


def _try_mount_tmpfs(target: Path, size: str) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(target)],
        capture_output=True,
        check=False,
    )
    return result.returncode == 0


@pytest.fixture
def small_volume(tmp_path: Path) -> Iterator[Path | None]:
    """A 1 MiB tmpfs, or None where this process may not mount one."""
    target = tmp_path / "volume"
    target.mkdir()
    if not _try_mount_tmpfs(target, "1m"):
        yield None
        return
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


def _take(journal: Journal) -> str:
    return journal.take_receipt(
        cashier_id="C001", rr_number="MYS1001", amount_paise=100, payment=Cash()
    ).receipt_number


class PageCap:
    """Caps the database at its current size on every new connection, as a full volume would."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __call__(self, dbapi_connection: Any, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        pages = cursor.execute("PRAGMA page_count").fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {pages}")
        cursor.close()

    def fill(self) -> None:
        event.listen(self.store.engine, "connect", self)
        self.store.engine.dispose()

    def free(self) -> None:
        event.remove(self.store.engine, "connect", self)
        self.store.engine.dispose()


class FullVolume:
    """A real 1 MiB tmpfs filled with a file."""

    def __init__(self, volume: Path) -> None:
        self.filler = volume / "filler"

    def fill(self) -> None:
        try:
            with self.filler.open("wb") as out:
                while True:
                    out.write(b"\0" * 4096)
                    out.flush()
        except OSError:
            pass

    def free(self) -> None:
        self.filler.unlink()


@pytest.mark.parametrize("how", ["tmpfs", "max_page_count"])
def test_a_full_disk_refuses_the_receipt_clearly_and_loses_nothing(
    how: str, small_volume: Path | None, tmp_path: Path
) -> None:
    if how == "tmpfs" and small_volume is None:
        pytest.skip("mounting a tmpfs is not permitted here; max_page_count simulates it")
    folder = small_volume if how == "tmpfs" and small_volume is not None else tmp_path
    store = open_store(folder / "trm-counter.db", FakeClock())
    seed(store)
    journal = Journal(store, COUNTER)
    journal.open_day(cashier_id="C001")
    _take(journal)
    before = journal.entries()
    disk: FullVolume | PageCap = FullVolume(folder) if how == "tmpfs" else PageCap(store)

    disk.fill()
    with pytest.raises(DiskFull) as raised:
        for _ in range(10_000):  # the WAL may absorb a few before the volume refuses
            _take(journal)
    assert "disk is full" in str(raised.value) and "NOT recorded" in str(raised.value)
    assert isinstance(raised.value, JournalUnavailable)
    taken = journal.entries()
    assert taken[: len(before)] == before
    assert verify_journal(store, COUNTER).ok

    disk.free()
    number = _take(journal)
    receipts_so_far = len(taken) - 1  # all but the day-open entry are receipts
    assert number.endswith(f"/{receipts_so_far + 1}")  # the refused receipt left no gap
    assert verify_journal(store, COUNTER).ok
    store.close()


def _prepared(db: Path) -> None:
    store = open_store(db, FakeClock())
    seed(store)
    journal = Journal(store, COUNTER)
    journal.open_day(cashier_id="C001")
    _take(journal)
    store.close()


def test_a_read_only_database_refuses_the_receipt_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "trm-counter.db"
    _prepared(db)
    store = Store.open(db, read_only=True, clock=FakeClock())
    journal = Journal(store, COUNTER)
    before = journal.entries()
    with pytest.raises(DatabaseReadOnly, match="read-only.*NOT recorded"):
        _take(journal)
    assert journal.entries() == before
    store.close()


def test_a_volume_gone_read_only_refuses_to_open_for_receipts(small_volume: Path | None) -> None:
    if small_volume is None:
        pytest.skip("mounting a tmpfs is not permitted here; the mode=ro test covers the refusal")
    db = small_volume / "trm-counter.db"
    _prepared(db)
    subprocess.run(["mount", "-o", "remount,ro", str(small_volume)], check=True)
    with pytest.raises(DatabaseReadOnly, match="read-only"):
        Store.open(db)
