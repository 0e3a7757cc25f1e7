"""The counter process is killed (SIGKILL) at random moments while taking receipts and while
syncing, fifty times; after each restart its journal is intact, and at the end the centre holds
exactly the counter's journal: same count, same sum, same chain."""

from __future__ import annotations

import multiprocessing
import random
import time
from pathlib import Path

import pytest

from counter_client.journal import verify_journal
from counter_client.store import Store
from counter_client.store.entries import JournalEntry, fetch_entries
from tests.e2e.conftest import TillFactory
from tests.e2e.system import Centre, assert_centre_equals_journal, wait_for
from tests.e2e.till_worker import WorkerPlan, work

KILLS = 50
LONGEST_LIFE_S = 0.45


def _receipts(store: Store, code: str) -> list[JournalEntry]:
    with store.read() as conn:
        return [e for e in fetch_entries(conn, code) if e.kind.value == "receipt"]


def _lines(log: Path) -> list[str]:
    if not log.exists():
        return []
    return log.read_text().splitlines()


def _claimed_receipts(lines: list[str]) -> dict[str, int]:
    return {
        parts[1]: int(parts[2])
        for parts in (line.split() for line in lines)
        if parts[0] == "took" and len(parts) == 3
    }


@pytest.mark.slow
def test_sigkill_fifty_times_while_taking_receipts_and_syncing_loses_and_doubles_nothing(
    centre: Centre, open_till: TillFactory, tmp_path: Path
) -> None:
    till = open_till(batch_size=20)
    till.first_sync()
    till.open_day()
    db, code = till.store.path, till.code
    till.close()  # from here on, the workers own the store

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.e2e.till_worker"])
    rng = random.Random(50)
    log = tmp_path / "worker.log"
    phases: dict[str, int] = {"receipts": 0, "sync": 0, "other": 0}
    rr_numbers = tuple(centre.consumers(50, offset=500))
    for round_number in range(KILLS):
        plan = WorkerPlan(
            db=str(db),
            log=str(log),
            centre_urls=(centre.url,),
            ca_file=centre.ca_file,
            credential=till.credential,
            cashier=till.cashier,
            rr_numbers=rr_numbers,
            seed=round_number,
        )
        seen = len(_lines(log))
        worker = context.Process(target=work, args=(plan,), daemon=True)
        worker.start()
        wait_for(lambda: len(_lines(log)) > seen, timeout=30, what="the worker to start")  # noqa: B023
        restarted = _lines(log)[seen].split()
        assert restarted[0] == "restarted" and restarted[2] == "ok", restarted
        time.sleep(rng.uniform(0.01, LONGEST_LIFE_S))
        worker.kill()  # SIGKILL
        worker.join(timeout=10)
        assert worker.exitcode == -9
        last = _lines(log)[-1].split()[0]
        phase = {"taking": "receipts", "took": "receipts", "syncing": "sync"}.get(last, "other")
        phases[phase] += 1

        with Store.open(db) as store:
            check = verify_journal(store, code)
            assert check.ok, (round_number, check.problems)
            numbers = {e.body["receipt_number"] for e in _receipts(store, code)}
        missing = set(_claimed_receipts(_lines(log))) - numbers
        assert not missing, f"round {round_number}: receipts claimed but not in the journal"

    # Killed while taking receipts and while syncing, both, many times.
    assert phases["receipts"] >= 5 and phases["sync"] >= 5, phases

    final = open_till(till.credential)
    final.cashier, final.supervisor = till.cashier, till.supervisor
    final.drain()
    entries = final.entries()
    claimed = _claimed_receipts(_lines(log))
    receipts = {
        e.body["receipt_number"]: e.body["amount_paise"]
        for e in entries
        if e.kind.value == "receipt"
    }
    assert {n: receipts[n] for n in claimed} == claimed
    assert_centre_equals_journal(centre, final.store, code)
    assert len(centre.held(code)) == len(entries) > KILLS
