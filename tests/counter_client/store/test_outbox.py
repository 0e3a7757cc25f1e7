"""The outbox API the sync engine drains: order, batches, acknowledgement, failures."""

from __future__ import annotations

import pytest

from counter_client.journal import Cash, Journal
from counter_client.store import Outbox, Store, UnknownSequence
from tests.counter_client.store.factories import COUNTER, FakeClock, seed


@pytest.fixture
def outbox(store: Store) -> Outbox:
    seed(store)
    journal = Journal(store, COUNTER)
    journal.open_day(cashier_id="C001")
    for amount in (100, 200, 300, 400):
        journal.take_receipt(
            cashier_id="C001", rr_number="MYS1001", amount_paise=amount, payment=Cash()
        )
    return Outbox(store, COUNTER)


def test_pending_lists_entries_in_sequence_order_in_batches(outbox: Outbox) -> None:
    assert [e.sequence for e in outbox.pending(limit=3)] == [1, 2, 3]
    assert [e.sequence for e in outbox.pending(limit=10)] == [1, 2, 3, 4, 5]
    assert outbox.queue_length() == 5


def test_pending_entries_carry_their_hash_and_verify_on_the_wire(outbox: Outbox) -> None:
    entries = outbox.pending(limit=10)
    for before, entry in zip(entries, entries[1:], strict=False):
        assert entry.prev_hash == before.hash
    for entry in entries:
        wire = entry.to_wire()
        assert wire.hash_matches()
        assert wire.hash == entry.hash


def test_acknowledged_entries_leave_the_queue_and_repeat_acks_are_harmless(
    outbox: Outbox,
) -> None:
    assert outbox.mark_acknowledged([1, 2]) == 2
    assert outbox.mark_acknowledged([2, 1]) == 0
    assert [e.sequence for e in outbox.pending()] == [3, 4, 5]
    assert outbox.queue_length() == 3
    status = outbox.status()
    assert (status.pending, status.acknowledged) == (3, 2)


def test_acknowledging_an_unknown_sequence_marks_nothing(outbox: Outbox) -> None:
    with pytest.raises(UnknownSequence, match=r"\[99\]"):
        outbox.mark_acknowledged([1, 99])
    assert outbox.queue_length() == 5


def test_a_failed_attempt_is_counted_with_its_error(outbox: Outbox, clock: FakeClock) -> None:
    clock.advance(minutes=5)
    outbox.record_failure([1, 2], "centre unreachable: connection refused")
    outbox.record_failure([1], "HTTP 503")
    status = outbox.status()
    assert status.last_error == "HTTP 503"
    assert status.last_attempt_at == clock.now
    assert status.oldest_pending_time is not None
    assert outbox.queue_length() == 5


def test_a_large_acknowledgement_is_applied_in_chunks(store: Store) -> None:
    seed(store)
    journal = Journal(store, COUNTER)
    journal.open_day(cashier_id="C001")
    for _ in range(1200):
        journal.cash_in(cashier_id="C001", amount_paise=1, note="float")
    outbox = Outbox(store, COUNTER)
    assert outbox.mark_acknowledged(range(1, 1202)) == 1201
    assert outbox.queue_length() == 0
