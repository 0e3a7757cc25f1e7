"""The line drops after the centre applied a batch but before the counter read the answer: the
counter sends the batch again, the centre recognises every entry, nothing is posted twice."""

from __future__ import annotations

from tests.e2e.conftest import TillFactory
from tests.e2e.system import Centre, assert_centre_equals_journal
from tests.support.cutting_proxy import CuttingProxy

BATCH = 50
RECEIPTS = 120  # with the day-open entry: batches of 50, 50 and 21


def test_a_resend_after_a_lost_answer_is_recognised_and_nothing_is_posted_twice(
    centre: Centre, proxy: CuttingProxy, open_till: TillFactory
) -> None:
    till = open_till(urls=(proxy.url(),), batch_size=BATCH)
    till.first_sync()
    rrs = centre.consumers(10, offset=300)
    before = {rr: centre.balance(rr) for rr in rrs}
    paid = dict.fromkeys(rrs, 0)
    till.open_day()
    for i in range(RECEIPTS):
        receipt = till.take(rrs[i % len(rrs)], 1_000 + i)
        paid[receipt.rr_number] += receipt.amount_paise

    # Lose the answer to the second batch (the first passes): the centre applies it, the
    # counter never hears so.
    proxy.cut_responses(1, min_request_bytes=4096, after=1)
    lost = till.sync()
    assert proxy.cuts == 1
    assert not lost.online and lost.accepted == BATCH
    assert [h.sequence for h in centre.held(till.code)] == list(range(1, 2 * BATCH + 1))
    assert till.pending() == RECEIPTS + 1 - BATCH  # the applied second batch is still pending
    posted_before_resend = centre.postings(till.code)
    assert posted_before_resend == 2 * BATCH - 1  # receipts among sequences 1..100

    resent = till.sync()
    assert resent.online and not resent.refused
    assert resent.duplicates == BATCH  # recognised as already held
    assert resent.accepted == RECEIPTS + 1 - 2 * BATCH
    assert till.pending() == 0
    assert_centre_equals_journal(centre, till.store, till.code)
    assert centre.postings(till.code) == RECEIPTS
    for rr in rrs:
        assert centre.balance(rr) == before[rr] - paid[rr], rr
