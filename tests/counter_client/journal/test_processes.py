"""Real processes: two tills on one file never share a number; SIGKILL never breaks the journal."""

from __future__ import annotations

import random
import signal
import time
from pathlib import Path

import pytest

from common.sync_protocol import EntryKind
from counter_client.journal import Journal, verify_journal
from counter_client.store import Store
from tests.counter_client.journal.processes import prepared_store, start_worker
from tests.counter_client.store.factories import COUNTER

KILL_ROUNDS = 15


def _receipt_numbers(db: Path) -> list[str]:
    """Reopen the file, verify the whole journal, and list its receipt numbers in order."""
    store = Store.open(db)
    try:
        check = verify_journal(store, COUNTER)
        assert check.ok, check.problems
        entries = Journal(store, COUNTER).entries()
    finally:
        store.close()
    assert [e.sequence for e in entries] == list(range(1, len(entries) + 1))
    return [str(e.body["receipt_number"]) for e in entries if e.kind is EntryKind.RECEIPT]


def test_three_processes_taking_receipts_on_one_file_never_duplicate_a_number(
    tmp_path: Path,
) -> None:
    db = tmp_path / "trm-counter.db"
    prepared_store(db)
    per_worker = 120
    workers = [start_worker(db, per_worker, cashier) for cashier in ("C001", "C002", "S001")]
    printed: list[str] = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        printed += out.split()[1:]

    numbers = _receipt_numbers(db)
    total = per_worker * len(workers)
    assert len(numbers) == len(set(numbers)) == total
    assert sorted(printed) == sorted(numbers)
    prefix = numbers[0].rsplit("/", 1)[0]
    assert numbers == [f"{prefix}/{n}" for n in range(1, total + 1)]


@pytest.mark.slow
def test_killing_the_process_mid_receipt_never_loses_a_returned_receipt_or_breaks_the_chain(
    tmp_path: Path,
) -> None:
    db = tmp_path / "trm-counter.db"
    prepared_store(db)
    rng = random.Random(20260401)
    returned: list[str] = []
    for _ in range(KILL_ROUNDS):
        worker = start_worker(db, 10_000)
        assert worker.stdout is not None
        assert worker.stdout.readline().strip() == "ready"
        for _ in range(rng.randint(1, 25)):
            returned.append(worker.stdout.readline().strip())
        time.sleep(rng.random() * 0.02)  # land anywhere inside the next transaction
        worker.send_signal(signal.SIGKILL)
        rest, _ = worker.communicate(timeout=30)
        returned += rest.split()
        assert worker.returncode == -signal.SIGKILL

        numbers = _receipt_numbers(db)  # reopens, verifies chain, sequence and outbox
        assert set(returned) <= set(numbers)
        prefix = numbers[0].rsplit("/", 1)[0]
        assert numbers == [f"{prefix}/{n}" for n in range(1, len(numbers) + 1)]
