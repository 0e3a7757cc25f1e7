"""The receipt's hand-written reads: the same answers as the rules say, by the indexes meant.

Taking a receipt runs its checking reads as fixed SQL on the sqlite3 connection (SQLAlchemy's
per-statement work cost several times SQLite's). These tests pin what those reads answer and
that the ones that could grow with the day stay on an index that does not.
"""

from __future__ import annotations

from datetime import date

import pytest

from common.errors import ValidationProblem
from counter_client.journal import CASH_LIMIT_PAISE, Card, Cash, Journal, Upi
from counter_client.journal import queries as q
from counter_client.store import Store
from counter_client.store.engine import sqlite_connection
from tests.counter_client.journal.daybook_helpers import close_everything
from tests.counter_client.store.factories import FakeClock, consumer, seed

DAY = date(2026, 4, 1)


def _plan(store: Store, sql: str, params: tuple[object, ...]) -> str:
    with store.read() as conn:
        rows = sqlite_connection(conn).execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
    return " | ".join(str(row[-1]) for row in rows)


def test_the_cash_limit_reads_one_accounts_receipts_not_the_whole_day(
    journal: Journal, store: Store
) -> None:
    for n in range(30):
        journal.take_receipt(
            cashier_id="C001", rr_number="MYS1001", amount_paise=100 + n, payment=Cash()
        )
    plan = _plan(store, q._CASH_RECEIVED, ("MYS1001", DAY.isoformat()))
    assert "ix_journal_rr_number" in plan
    assert "ix_journal_business_date" not in plan and "SCAN journal" not in plan


def test_the_reference_check_reads_by_reference(journal: Journal, store: Store) -> None:
    journal.take_receipt(
        cashier_id="C001", rr_number="MYS1001", amount_paise=100, payment=Upi("412345678901")
    )
    plan = _plan(store, q._REFERENCE_IN_USE, ("412345678901", "upi"))
    assert "ix_journal_payment_reference" in plan and "SCAN journal" not in plan


def test_cash_counted_for_the_limit_is_this_accounts_standing_cash_of_this_day(
    store: Store, clock: FakeClock, journal: Journal
) -> None:
    seed(store, consumers=[consumer("MYS1002")])

    def cash(rr: str, amount: int) -> str:
        return journal.take_receipt(
            cashier_id="C001", rr_number=rr, amount_paise=amount, payment=Cash()
        ).receipt_number

    first = cash("MYS1001", 1_50_000_00)
    cash("MYS1002", 1_90_000_00)  # another payer's cash does not count
    journal.take_receipt(  # nor does this payer's card payment
        cashier_id="C001", rr_number="MYS1001", amount_paise=1_90_000_00, payment=Card("AUTH01")
    )
    with store.read() as conn:
        assert q.cash_received_today(conn, "MYS1001", DAY) == 1_50_000_00
    with pytest.raises(ValidationProblem, match="already received"):
        cash("MYS1001", 50_000_00)

    journal.cancel_receipt(
        cashier_id="C001", receipt_number=first, reason="wrong account", supervisor_id="S001"
    )
    with store.read() as conn:  # a cancelled receipt's cash is not the payer's any more
        assert q.cash_received_today(conn, "MYS1001", DAY) == 0
    cash("MYS1001", CASH_LIMIT_PAISE - 1)

    close_everything(journal)
    clock.to_day(date(2026, 4, 2))
    journal.open_day(cashier_id="C001")
    cash("MYS1001", CASH_LIMIT_PAISE - 1)  # a new day starts from nothing


def test_the_hand_written_reads_answer_as_the_tables_say(journal: Journal, store: Store) -> None:
    view = journal.take_receipt(
        cashier_id="C001",
        rr_number="MYS1001",
        amount_paise=500,
        payment=Card("AUTH02"),
        request_id="req-00000001",
    )
    with store.read() as conn:
        person = q.find_cashier(conn, "C001")
        assert person is not None and person.user_id == "C001" and person.active is True
        assert q.find_cashier(conn, "nobody") is None
        day = q.open_day_book(conn)
        assert day is not None and day.business_date == DAY and day.closed_at is None
        sequence, last_hash = q.chain_tail(conn)
        assert (sequence, last_hash) == (view.sequence, view.entry_hash)
        assert q.next_receipt_sequence(conn, "2026-27") == 2
        assert q.next_receipt_sequence(conn, "2027-28") == 1
        assert q.reference_in_use(conn, "card", "AUTH02") == view.receipt_number
        assert q.reference_in_use(conn, "upi", "AUTH02") is None
        by_request = q.receipt_by_request(conn, journal.counter_code, "req-00000001")
        by_number = q.find_receipt(conn, journal.counter_code, view.receipt_number)
        assert by_request is not None and by_request == by_number
        assert by_request == journal.entries()[-1]
        assert q.receipt_by_request(conn, journal.counter_code, "req-00000002") is None
        assert q.cancellation_of(conn, journal.counter_code, view.sequence) is None
        assert q.reprint_count(conn, view.sequence) == 0
    journal.reprint_receipt(
        cashier_id="C001", receipt_number=view.receipt_number, reason="paper jammed"
    )
    with store.read() as conn:
        assert q.reprint_count(conn, view.sequence) == 1
