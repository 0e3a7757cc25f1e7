"""A separate process that takes receipts on a store, for the crash and concurrency tests.

Run as ``python -m tests.counter_client.journal.receipt_worker DB COUNT CASHIER``. It prints
each receipt number only after `take_receipt` has returned, i.e. after the commit: whatever it
printed must be in the journal, however the process ends.
"""

from __future__ import annotations

import sys
from pathlib import Path

from counter_client.journal import Cash, Journal
from counter_client.store import Store
from tests.counter_client.store.factories import COUNTER


def main(db: str, count: int, cashier_id: str) -> None:
    store = Store.open(Path(db))
    journal = Journal(store, COUNTER)
    print("ready", flush=True)
    for i in range(count):
        receipt = journal.take_receipt(
            cashier_id=cashier_id,
            rr_number="MYS1001",
            amount_paise=100 + i,
            payment=Cash(),
        )
        print(receipt.receipt_number, flush=True)
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
