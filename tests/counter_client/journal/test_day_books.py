"""Day books: one open at a time, nothing on a closed date, totals written at close."""

from __future__ import annotations

from datetime import date

import pytest

from common.errors import ValidationProblem
from common.sync_protocol import EntryKind
from counter_client.journal import Cash, Cheque, Journal
from counter_client.store import Store
from tests.counter_client.journal.daybook_helpers import close_exactly
from tests.counter_client.store.factories import COUNTER, FakeClock


def test_nothing_is_taken_before_a_day_is_opened(store: Store) -> None:
    journal = Journal(store, COUNTER)
    with pytest.raises(ValidationProblem, match="open the day") as raised:
        journal.take_receipt(cashier_id="C001", rr_number="MYS1001", amount_paise=1, payment=Cash())
    assert raised.value.field == "day_book"
    assert journal.entries() == []


def test_after_closing_nothing_takes_that_business_date(journal: Journal) -> None:
    # Changed with day book closing: a receipt after the close opens the next date's book.
    journal.close_day(supervisor_id="S001")
    assert journal.day_book() is None
    with pytest.raises(ValidationProblem, match="reopened only by an accounts officer"):
        journal.open_day(cashier_id="C001", business_date=date(2026, 4, 1))
    view = journal.take_receipt(
        cashier_id="C001", rr_number="MYS1001", amount_paise=1, payment=Cash()
    )
    assert view.business_date == date(2026, 4, 2)


def test_a_second_day_cannot_open_while_one_is_open(journal: Journal, clock: FakeClock) -> None:
    clock.to_day(date(2026, 4, 2))
    with pytest.raises(ValidationProblem, match="still open"):
        journal.open_day(cashier_id="C001")


def test_a_future_business_date_cannot_be_opened(store: Store) -> None:
    journal = Journal(store, COUNTER)
    with pytest.raises(ValidationProblem, match="in the future"):
        journal.open_day(cashier_id="C001", business_date=date(2026, 4, 2))


def test_an_entry_keeps_the_open_days_date_even_after_midnight(
    journal: Journal, clock: FakeClock
) -> None:
    clock.to_day(date(2026, 4, 2), hour=0)
    journal.take_receipt(cashier_id="C001", rr_number="MYS1001", amount_paise=1, payment=Cash())
    entry = journal.entries()[-1]
    assert entry.business_date == date(2026, 4, 1)
    assert entry.local_time.date() == date(2026, 4, 2)


def test_closing_writes_the_days_totals_into_the_journal(journal: Journal) -> None:
    journal.cash_in(cashier_id="C001", amount_paise=50_000, note="opening float")
    take = journal.take_receipt
    take(cashier_id="C001", rr_number="MYS1001", amount_paise=30_000, payment=Cash())
    cancelled = take(cashier_id="C001", rr_number="MYS1001", amount_paise=7_000, payment=Cash())
    take(
        cashier_id="C001",
        rr_number="MYS1001",
        amount_paise=100_000,
        payment=Cheque("111111", "Canara Bank", "Mysuru", date(2026, 3, 30)),
    )
    journal.cancel_receipt(
        cashier_id="C001",
        receipt_number=cancelled.receipt_number,
        reason="typed twice",
        supervisor_id="S001",
    )
    journal.cash_out(cashier_id="C001", amount_paise=20_000, note="remitted to bank")
    close_exactly(journal, "C001")
    summary = journal.close_day(supervisor_id="S002")
    assert summary.receipts == 3 and summary.cancellations == 1
    assert summary.net_paise == 130_000
    assert summary.cash_in_drawer_paise == 50_000 + 30_000 - 20_000
    close = journal.entries()[-1]
    assert close.kind is EntryKind.DAY_CLOSE and close.cashier == "S002"
    assert close.body["approved_by"] == "S002" and close.body["shifts"] == 1
    assert close.body["counted_cash_paise"] == 60_000
    assert close.body["cash_in_drawer_paise"] == 60_000
    assert close.body["by_mode_paise"] == {"cash": 37_000, "cheque": 100_000}


def test_cash_out_cannot_exceed_the_cash_in_the_drawer(journal: Journal) -> None:
    journal.cash_in(cashier_id="C001", amount_paise=1_000, note="float")
    with pytest.raises(ValidationProblem, match="only ₹10.00 cash") as raised:
        journal.cash_out(cashier_id="C001", amount_paise=1_001, note="remit")
    assert raised.value.field == "amount_paise"


def test_cash_movements_need_a_note(journal: Journal) -> None:
    with pytest.raises(ValidationProblem) as raised:
        journal.cash_in(cashier_id="C001", amount_paise=1_000, note=" ")
    assert raised.value.field == "note"
