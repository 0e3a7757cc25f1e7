"""A counter process for the SIGKILL test: takes receipts and syncs in rounds until it is killed.

It notes what it is doing in a log file, one line per write() (appended, so a line is whole or
absent however the process dies): ``took <receipt number> <paise>`` only after `take_receipt`
has returned, i.e. after the commit, so every receipt it claims must be in the journal.
Run by the test through a multiprocessing forkserver that has already imported this module, so
that each of the fifty restarts costs a fork, not a fresh interpreter; it is a real process all
the same, and dies by SIGKILL.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from pathlib import Path

import keyring

from counter_client.journal import Cash, Journal, verify_journal
from counter_client.store import Store
from counter_client.sync import SyncEngine
from counter_client.sync.config import KEYRING_SERVICE
from tests.e2e.system import till_config
from tests.support.central_server import CounterCredential


@dataclass(frozen=True)
class WorkerPlan:
    """Everything a worker needs, picklable."""

    db: str
    log: str
    centre_urls: tuple[str, ...]
    ca_file: str
    credential: CounterCredential
    cashier: str
    rr_numbers: tuple[str, ...]
    seed: int
    most_receipts_per_round: int = 25


class _Log:
    def __init__(self, path: str) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def note(self, line: str) -> None:
        os.write(self._fd, (line + "\n").encode())


def work(plan: WorkerPlan) -> None:
    """Take receipts and sync, forever."""
    log = _Log(plan.log)
    keyring.set_password(KEYRING_SERVICE, plan.credential.device_code, plan.credential.secret)
    store = Store.open(Path(plan.db))
    code = plan.credential.counter_code
    check = verify_journal(store, code)  # the journal as this restart finds it
    log.note(f"restarted {check.entries} {'ok' if check.ok else 'BROKEN'}")
    journal = Journal(store, code)
    engine = SyncEngine(
        store, till_config(plan.credential, plan.centre_urls, plan.ca_file, batch_size=20)
    )
    rng = random.Random(plan.seed)
    while True:
        for _ in range(rng.randint(1, plan.most_receipts_per_round)):
            log.note("taking")
            receipt = journal.take_receipt(
                cashier_id=plan.cashier,
                rr_number=rng.choice(plan.rr_numbers),
                amount_paise=rng.randint(100, 20_000),  # far below the s.269ST cash limit
                payment=Cash(),
            )
            log.note(f"took {receipt.receipt_number} {receipt.amount_paise}")
        log.note("syncing")
        report = engine.sync_once()
        log.note(f"synced {report.accepted} {report.duplicates}")


@dataclass(frozen=True)
class SyncPlan:
    """What a one-sync worker needs, picklable."""

    db: str
    centre_urls: tuple[str, ...]
    ca_file: str
    credential: CounterCredential


def sync_then_exit(plan: SyncPlan) -> None:
    """Open the counter's store and run one sync (the state machine kills it part-way)."""
    keyring.set_password(KEYRING_SERVICE, plan.credential.device_code, plan.credential.secret)
    store = Store.open(Path(plan.db))
    config = till_config(
        plan.credential, plan.centre_urls, plan.ca_file, batch_size=4, connect_timeout_s=1.0
    )
    SyncEngine(store, config).sync_once()
    store.close()
