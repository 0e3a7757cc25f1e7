"""What the cashier sees as due: the synced balance less what the centre has not yet counted."""

from __future__ import annotations

from datetime import datetime

from counter_client.journal import Cash, Journal
from counter_client.store import Outbox, Store
from tests.counter_client.store.factories import COUNTER, FakeClock, consumer, seed


def _take(journal: Journal, amount: int) -> str:
    return journal.take_receipt(
        cashier_id="C001", rr_number="MYS1001", amount_paise=amount, payment=Cash()
    ).receipt_number


def test_due_is_the_synced_balance_less_unacknowledged_receipts_with_the_sync_time(
    journal: Journal, clock: FakeClock
) -> None:
    synced_at = clock.now
    clock.advance(hours=3)
    _take(journal, 40_000)
    due = journal.due_for("mys1001")
    assert due is not None
    assert due.centre_balance_paise == 150_000
    assert due.due_paise == 110_000
    assert due.balance_synced_at == synced_at


def test_an_unacknowledged_cancellation_adds_the_amount_back(journal: Journal) -> None:
    number = _take(journal, 40_000)
    journal.cancel_receipt(
        cashier_id="C001", receipt_number=number, reason="wrong account", supervisor_id="S001"
    )
    due = journal.due_for("MYS1001")
    assert due is not None and due.due_paise == 150_000


def test_a_receipt_acknowledged_after_the_last_pull_is_still_subtracted(
    journal: Journal, store: Store, clock: FakeClock
) -> None:
    _take(journal, 40_000)
    clock.advance(minutes=1)
    Outbox(store, COUNTER).mark_acknowledged([2])
    due = journal.due_for("MYS1001")
    assert due is not None and due.due_paise == 110_000


def test_once_a_pull_after_the_acknowledgement_brings_the_new_balance_it_counts(
    journal: Journal, store: Store, clock: FakeClock
) -> None:
    _take(journal, 40_000)
    clock.advance(minutes=1)
    Outbox(store, COUNTER).mark_acknowledged([2])
    clock.advance(minutes=1)
    seed(store, consumers=[consumer(balance_paise=110_000)], cursor="c2")
    due = journal.due_for("MYS1001")
    assert due is not None
    assert (due.due_paise, due.uncounted_receipts_paise) == (110_000, 0)
    assert due.balance_synced_at == clock.now


def test_overpaying_shows_a_credit(journal: Journal) -> None:
    _take(journal, 200_000)
    due = journal.due_for("MYS1001")
    assert due is not None and due.due_paise == -50_000


def test_no_due_is_shown_for_a_consumer_not_in_the_cache(journal: Journal) -> None:
    assert journal.due_for("KRN2002") is None


def test_the_centres_balance_time_is_kept_apart_from_the_sync_time(
    store: Store, clock: FakeClock
) -> None:
    as_of = datetime.fromisoformat("2026-03-31T23:00:00+05:30")
    record = consumer()
    seed(store, consumers=[type(record)(**{**record.__dict__, "balance_as_of": as_of})])
    due = Journal(store, COUNTER).due_for("MYS1001")
    assert due is not None
    assert (due.balance_as_of, due.balance_synced_at) == (as_of, clock.now)
