"""Starting receipt workers as real processes on one database file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from counter_client.journal import Journal
from counter_client.store import Store
from tests.counter_client.store.factories import COUNTER, seed

REPO = Path(__file__).resolve().parents[3]


def prepared_store(db: Path) -> None:
    """A seeded store with today's day book open, closed again so workers have the file."""
    store = Store.open(db)
    seed(store)
    Journal(store, COUNTER).open_day(cashier_id="C001")
    store.close()


def start_worker(db: Path, count: int, cashier_id: str = "C001") -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.counter_client.journal.receipt_worker",
            str(db),
            str(count),
            cashier_id,
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
