"""78 counters sync at once against one centre; two of them took money for the same consumer
while the centre was away: both payments stand and the account goes into credit."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import pytest

from counter_client.journal import Upi
from tests.e2e.conftest import TillFactory
from tests.e2e.system import Centre, Till, assert_centre_equals_journal, centre_down

COUNTERS = 78
RECEIPTS_EACH = 15
T = TypeVar("T")


def _all_at_once(tills: list[Till], work: Callable[[Till], T]) -> list[T]:
    """Run `work` on every till in its own thread, all released together."""
    start = threading.Barrier(len(tills))

    def run(till: Till) -> T:
        start.wait()
        return work(till)

    with ThreadPoolExecutor(max_workers=len(tills)) as pool:
        return list(pool.map(run, tills))


@pytest.mark.slow
def test_78_counters_sync_at_once_and_two_offline_payments_for_one_consumer_both_stand(
    centre: Centre, open_till: TillFactory
) -> None:
    tills = [open_till(credential, batch_size=100) for credential in centre.register(COUNTERS)]
    _all_at_once(tills, lambda till: till.first_sync())
    pool = centre.consumers(200, offset=1000)
    shared = centre.consumers(1, offset=42)[0]
    due = centre.balance(shared)
    first, second = tills[0], tills[1]
    pay_first = max(due, 0) + 25_000  # each alone settles the whole due
    pay_second = max(due, 0) + 40_000
    rng = random.Random(78)

    with centre_down(centre):
        for till in tills:
            till.open_day()
            for _ in range(RECEIPTS_EACH):
                till.take(rng.choice(pool), rng.randint(100, 50_000))
        first.take(shared, pay_first, Upi("412300000001"))
        second.take(shared, pay_second, Upi("412300000002"))
        assert not first.sync().online and not second.sync().online

    _all_at_once(tills, lambda till: till.drain(timeout=120))

    for till in tills:
        assert till.pending() == 0
        assert_centre_equals_journal(centre, till.store, till.code)
    total = sum(len(till.entries()) for till in tills)
    assert int(centre.scalar("SELECT COUNT(*) FROM counter_entries")) == total
    # Both payments stand, neither refused nor held aside: the account is in credit.
    balance = centre.balance(shared)
    assert balance == due - pay_first - pay_second < 0
    refs = [f"receipt:{till.taken[-1].receipt_number}" for till in (first, second)]
    posted = centre.rows(
        "SELECT source_ref, amount_paise FROM ledger_entries WHERE source_ref IN (:a, :b)",
        a=refs[0],
        b=refs[1],
    )
    assert sorted((str(r[0]), int(r[1])) for r in posted) == sorted(
        [(refs[0], -pay_first), (refs[1], -pay_second)]
    )
    assert int(centre.scalar("SELECT COUNT(*) FROM sync_conflicts")) == 0
