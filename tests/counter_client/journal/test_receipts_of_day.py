"""The day's receipts for the list: by business date through indexes, cancelled and reprinted."""

from __future__ import annotations

from datetime import date

from common.sync_protocol import EntryKind, PaymentMode
from counter_client.journal import Cash, Journal, Upi
from counter_client.journal import queries as q
from counter_client.store import Store
from counter_client.store.engine import sqlite_connection
from tests.counter_client.journal.daybook_helpers import close_everything
from tests.counter_client.store.factories import FakeClock

DAY = date(2026, 4, 1)
NEXT_DAY = date(2026, 4, 2)


def _from_whole_journal(journal: Journal, day: date) -> list[tuple[str, bool, int]]:
    """What the list showed before: the journal read from its start (reprints of any date)."""
    receipts: dict[int, list[object]] = {}
    for entry in journal.entries():
        if entry.kind is EntryKind.RECEIPT and entry.business_date == day:
            receipts[entry.sequence] = [entry.body["receipt_number"], False, 0]
        elif entry.kind in (EntryKind.CANCELLATION, EntryKind.REPRINT):
            target = receipts.get(int(entry.body["refers_to_sequence"]))
            if target is not None and entry.kind is EntryKind.CANCELLATION:
                target[1] = True
            elif target is not None:
                target[2] = int(str(target[2])) + 1
    return [(str(n), bool(c), int(str(r))) for n, c, r in receipts.values()]


def _shown(journal: Journal, day: date) -> list[tuple[str, bool, int]]:
    listed = journal.receipts_of_day(day)
    return [(d.receipt.receipt_number, d.cancelled, d.reprints) for d in listed.receipts]


def test_the_days_receipts_come_in_order_with_cancellations_and_reprints(
    journal: Journal, clock: FakeClock
) -> None:
    taken = []
    for n, payment in enumerate([Cash(), Upi("412345678901"), Cash()]):
        clock.advance(minutes=5)
        taken.append(
            journal.take_receipt(
                cashier_id="C001", rr_number="MYS1001", amount_paise=10_000 + n, payment=payment
            )
        )
    journal.cash_in(cashier_id="C001", amount_paise=50_000, note="opening float")
    journal.cancel_receipt(
        cashier_id="C001",
        receipt_number=taken[1].receipt_number,
        reason="wrong account",
        supervisor_id="S001",
    )
    for _ in range(2):
        journal.reprint_receipt(
            cashier_id="C002", receipt_number=taken[0].receipt_number, reason="printer jammed"
        )

    listed = journal.receipts_of_day(DAY)
    assert listed.business_date == DAY
    assert listed.last_sequence == journal.entries()[-1].sequence
    assert [d.receipt.receipt_number for d in listed.receipts] == [r.receipt_number for r in taken]
    assert [(d.cancelled, d.reprints) for d in listed.receipts] == [
        (False, 2),
        (True, 0),
        (False, 0),
    ]
    first = listed.receipts[0].receipt
    assert (first.amount_paise, first.payment_mode, first.rr_number) == (
        10_000,
        PaymentMode.CASH,
        "MYS1001",
    )
    assert first.local_time == taken[0].local_time and not first.duplicate
    assert _shown(journal, DAY) == _from_whole_journal(journal, DAY)


def test_each_day_lists_only_its_own_receipts_and_later_reprints_count(
    journal: Journal, clock: FakeClock
) -> None:
    old = journal.take_receipt(
        cashier_id="C001", rr_number="MYS1001", amount_paise=5_000, payment=Cash()
    )
    close_everything(journal)
    clock.to_day(NEXT_DAY)
    journal.open_day(cashier_id="C001")
    assert journal.receipts_of_day(NEXT_DAY).receipts == ()
    journal.reprint_receipt(
        cashier_id="C001", receipt_number=old.receipt_number, reason="payer lost it"
    )
    new = journal.take_receipt(
        cashier_id="C001", rr_number="MYS1001", amount_paise=6_000, payment=Cash()
    )
    assert _shown(journal, NEXT_DAY) == [(new.receipt_number, False, 0)]
    assert _shown(journal, DAY) == [(old.receipt_number, False, 1)]
    assert journal.receipts_of_day(date(2026, 3, 31)).receipts == ()


def test_the_days_receipts_are_read_through_indexes_not_the_journal(
    journal: Journal, store: Store
) -> None:
    for n in range(20):
        journal.take_receipt(
            cashier_id="C001", rr_number="MYS1001", amount_paise=100 + n, payment=Cash()
        )
    with store.read() as conn:
        rows = sqlite_connection(conn).execute(
            f"EXPLAIN QUERY PLAN {q._RECEIPTS_OF_DAY}", (DAY.isoformat(),)
        )
        plan = " | ".join(str(row[-1]) for row in rows)
    assert "ix_journal_business_date" in plan
    assert "ux_journal_one_cancellation" in plan and "ix_journal_reprints" in plan
    assert "SCAN" not in plan and "TEMP B-TREE" not in plan, plan


def test_the_next_copy_number_counts_one_receipts_reprints_by_index(
    journal: Journal, store: Store
) -> None:
    with store.read() as conn:
        rows = sqlite_connection(conn).execute(f"EXPLAIN QUERY PLAN {q._REPRINT_COUNT}", (1,))
        plan = " | ".join(str(row[-1]) for row in rows)
    assert "ix_journal_reprints" in plan and "SCAN" not in plan, plan
