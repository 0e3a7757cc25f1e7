"""The centre is down for a whole day of receipts; when it returns, everything arrives once, in
order, under the business date the counter set."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from counter_client.store.clock import KOLKATA
from tests.counter_client.journal.daybook_helpers import close_exactly
from tests.e2e.conftest import TillFactory
from tests.e2e.system import Centre, assert_centre_equals_journal, centre_down

RECEIPTS = 300
CANCEL_EVERY = 50


def test_a_day_of_receipts_while_the_centre_is_down_arrives_once_in_order_when_it_returns(
    centre: Centre, open_till: TillFactory
) -> None:
    till = open_till(batch_size=100)
    till.first_sync()
    rrs = centre.consumers(40, offset=100)
    before = {rr: centre.balance(rr) for rr in rrs}
    paid = dict.fromkeys(rrs, 0)
    business_date = datetime.now(KOLKATA).date() - timedelta(days=1)
    rng = random.Random(20260401)

    with centre_down(centre):
        till.open_day(business_date)
        for i in range(RECEIPTS):
            rr = rrs[i % len(rrs)]
            receipt = till.take(rr, rng.randint(100, 5_00_000))
            paid[rr] += receipt.amount_paise
            if i % CANCEL_EVERY == CANCEL_EVERY - 1:
                till.cancel(receipt.receipt_number)
                paid[rr] -= receipt.amount_paise
            if i % 100 == 0:
                report = till.sync()
                assert not report.online and report.offline_reason
                assert report.queue_length == len(till.entries())
        # The day book closes once the cashier's shift is counted (exactly, here) and approved.
        close_exactly(till.journal, till.cashier, approver=till.supervisor)
        till.journal.close_day(supervisor_id=till.supervisor)
        offline = till.sync()
        assert not offline.online
        assert till.pending() == len(till.entries())  # nothing acknowledged, nothing lost

    reports = []
    while till.pending():
        reports.append(till.sync(attempts=10))
    entries = till.entries()
    assert sum(r.accepted for r in reports) == len(entries)
    assert sum(r.duplicates for r in reports) == 0 and not any(r.refused for r in reports)

    held = centre.held(till.code)
    assert [h.sequence for h in held] == list(range(1, len(entries) + 1)), "not in order"
    assert {h.business_date for h in held} == {business_date}
    assert_centre_equals_journal(centre, till.store, till.code)
    for rr in rrs:
        assert centre.balance(rr) == before[rr] - paid[rr], rr
