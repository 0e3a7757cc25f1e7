"""Shifts and the day book: each cashier's count, the supervisor's approval, the locked date."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from common.daybook import ShiftCloseBody
from common.errors import ValidationProblem
from common.sync_protocol import EntryKind
from counter_client.journal import Cash, Cheque, Journal, Upi
from counter_client.store import Store
from tests.counter_client.journal.daybook_helpers import close_exactly, exact_notes
from tests.counter_client.store.factories import KOLKATA, FakeClock

CHEQUE = Cheque("111111", "Canara Bank", "Mysuru", date(2026, 3, 30))


def _take(journal: Journal, cashier: str, paise: int, payment: object = None) -> str:
    view = journal.take_receipt(
        cashier_id=cashier,
        rr_number="MYS1001",
        amount_paise=paise,
        payment=payment or Cash(),  # type: ignore[arg-type]
    )
    return view.receipt_number


def _count(journal: Journal) -> int:
    return len(journal.entries())


def test_two_cashiers_each_close_their_own_shift(journal: Journal) -> None:
    journal.cash_in(cashier_id="C001", amount_paise=100_000, note="opening float")
    _take(journal, "C001", 50_000)
    cheque = _take(journal, "C001", 120_000, CHEQUE)
    _take(journal, "C002", 30_000)
    _take(journal, "C002", 45_000, Upi("412345678901"))
    doomed = _take(journal, "C002", 20_000)
    journal.cancel_receipt(
        cashier_id="C002", receipt_number=doomed, reason="wrong account", supervisor_id="S001"
    )

    first = journal.expected_for_shift("C001")
    assert first.expected_paise["cash"] == 150_000 and first.expected_paise["cheque"] == 120_000
    assert [i.receipt_number for i in first.instruments] == [cheque]
    second = journal.expected_for_shift("C002")
    assert second.expected_paise == {
        "cash": 30_000,
        "cheque": 0,
        "demand_draft": 0,
        "card": 0,
        "upi": 45_000,
    }
    assert (second.receipts, second.cancellations) == (3, 1)

    _, entry = close_exactly(journal, "C001")
    assert entry.kind is EntryKind.SHIFT_CLOSE and entry.cashier == "C001"
    body = ShiftCloseBody.model_validate(entry.body)
    assert body.counted_paise["cash"] == 150_000 and body.approved_by == "S001"
    assert all(v == 0 for v in body.over_short_paise.values())
    # C001's closing leaves C002's shift as it was.
    assert journal.expected_for_shift("C002") == second
    close_exactly(journal, "C002")
    assert journal.expected_for_shift("C002").is_empty


def test_a_short_needs_a_reason_and_is_recorded_with_it(journal: Journal) -> None:
    _take(journal, "C001", 50_000)
    counts = {"note_100": 4}  # ₹500 taken, ₹400 counted: ₹100 short
    before = _count(journal)
    with pytest.raises(ValidationProblem) as raised:
        journal.close_shift(
            "C001",
            denominations=counts,
            instruments_present=set(),
            card_paise=0,
            upi_paise=0,
            approved_by="S001",
        )
    assert raised.value.field == "reason"
    assert _count(journal) == before
    entry = journal.close_shift(
        "C001",
        denominations=counts,
        instruments_present=set(),
        card_paise=0,
        upi_paise=0,
        reason="a note given as change twice",
        approved_by="S001",
    )
    assert entry.body["over_short_paise"]["cash"] == -10_000
    assert entry.body["reason"] == "a note given as change twice"


def test_an_excess_and_a_missing_cheque_are_counted_per_mode(journal: Journal) -> None:
    _take(journal, "C002", 20_000)
    _take(journal, "C002", 120_000, CHEQUE)
    counts = exact_notes(20_000)
    counts["coin_5"] += 1
    entry = journal.close_shift(
        "C002",
        denominations=counts,
        instruments_present=set(),
        card_paise="0",
        upi_paise="",
        reason="cheque sent to the office early; ₹5 extra in the drawer",
        approved_by="S002",
    )
    assert entry.body["over_short_paise"]["cash"] == 500
    assert entry.body["over_short_paise"]["cheque"] == -120_000
    assert entry.body["instruments"][0]["present"] is False


def test_approval_by_a_non_supervisor_is_refused_and_writes_nothing(journal: Journal) -> None:
    _take(journal, "C001", 50_000)
    before = _count(journal)
    for approver, why in (("C002", "not a supervisor"), ("NOBODY", "not allowed")):
        with pytest.raises(ValidationProblem, match=why) as raised:
            journal.close_shift(
                "C001",
                denominations=exact_notes(50_000),
                instruments_present=set(),
                card_paise=0,
                upi_paise=0,
                approved_by=approver,
            )
        assert raised.value.field == "supervisor_id"
    assert _count(journal) == before


def test_a_supervisor_does_not_approve_their_own_shift(journal: Journal) -> None:
    _take(journal, "S001", 10_000)
    with pytest.raises(ValidationProblem, match="other than the cashier whose shift"):
        close_exactly(journal, "S001", approver="S001")
    close_exactly(journal, "S001", approver="S002")


def test_a_second_closing_of_the_same_shift_is_refused(journal: Journal) -> None:
    _take(journal, "C001", 50_000)
    close_exactly(journal, "C001")
    before = _count(journal)
    with pytest.raises(ValidationProblem, match="already closed") as raised:
        close_exactly(journal, "C001")
    assert raised.value.field == "cashier_id"
    assert _count(journal) == before


def test_receipts_after_a_closed_shift_start_a_new_shift(journal: Journal) -> None:
    _take(journal, "C001", 50_000)
    _, first = close_exactly(journal, "C001")
    _take(journal, "C001", 7_000)
    shift = journal.expected_for_shift("C001")
    assert shift.expected_paise["cash"] == 7_000 and shift.receipts == 1
    assert shift.first_sequence is not None and shift.first_sequence > first.sequence
    _, second = close_exactly(journal, "C001")
    assert second.body["first_sequence"] > first.body["last_sequence"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"denominations": {"note_500": "abc"}}, "denominations.note_500"),
        ({"denominations": {"note_500": "-2"}}, "denominations.note_500"),
        ({"denominations": {"coin_1": "1.5"}}, "denominations.coin_1"),
        ({"denominations": {"note_2000": 1}}, "denominations.note_2000"),
        ({"card_paise": "12.345"}, "card_paise"),
        ({"upi_paise": "rupees"}, "upi_paise"),
        ({"upi_paise": -5}, "upi_paise"),
        ({"instruments_present": {"MYS001-1/2026-27/99"}}, "instruments_present"),
        ({"instruments_present": "MYS001-1/2026-27/1"}, "instruments_present"),
        ({"reason": "x"}, "reason"),
    ],
)
def test_every_bad_count_names_its_field_and_writes_nothing(
    journal: Journal, change: dict[str, object], field: str
) -> None:
    _take(journal, "C001", 50_000)
    arguments: dict[str, object] = {
        "denominations": exact_notes(50_000),
        "instruments_present": set(),
        "card_paise": 0,
        "upi_paise": 0,
        "approved_by": "S001",
        **change,
    }
    before = _count(journal)
    with pytest.raises(ValidationProblem) as raised:
        journal.close_shift("C001", **arguments)  # type: ignore[arg-type]
    assert raised.value.field == field
    assert _count(journal) == before


def test_the_day_book_closes_only_when_every_shift_is_closed(journal: Journal) -> None:
    _take(journal, "C001", 50_000)
    _take(journal, "C002", 30_000)
    close_exactly(journal, "C001")
    with pytest.raises(ValidationProblem, match="C002") as raised:
        journal.close_day(supervisor_id="S001")
    assert raised.value.field == "shifts"
    close_exactly(journal, "C002")
    with pytest.raises(ValidationProblem, match="not a supervisor"):
        journal.close_day(supervisor_id="C001")
    summary = journal.close_day(supervisor_id="S001")
    assert summary.net_paise == 80_000
    close = journal.entries()[-1]
    assert close.kind is EntryKind.DAY_CLOSE and close.body["shifts"] == 2
    assert journal.day_book() is None


def test_a_receipt_after_the_evening_close_takes_tomorrows_date(
    journal: Journal, clock: FakeClock
) -> None:
    _take(journal, "C001", 50_000)
    close_exactly(journal, "C001")
    clock.now = datetime(2026, 4, 1, 17, 0, tzinfo=KOLKATA)
    journal.close_day(supervisor_id="S001")
    clock.now = datetime(2026, 4, 1, 18, 0, tzinfo=KOLKATA)
    late = journal.take_receipt(
        cashier_id="C002", rr_number="MYS1001", amount_paise=9_000, payment=Cash()
    )
    assert late.business_date == date(2026, 4, 2)
    opened = [e for e in journal.entries() if e.kind is EntryKind.DAY_OPEN]
    assert opened[-1].business_date == date(2026, 4, 2) and opened[-1].body == {"automatic": True}
    # Closing tomorrow's book tonight does not let a third date start before the calendar does.
    close_exactly(journal, "C002")
    journal.close_day(supervisor_id="S002")
    before = len(journal.entries())
    with pytest.raises(ValidationProblem, match="more than one day ahead") as raised:
        _take(journal, "C001", 1_000)
    assert raised.value.field == "business_date"
    assert len(journal.entries()) == before
    clock.now = datetime(2026, 4, 2, 9, 0, tzinfo=KOLKATA)
    assert journal.take_receipt(
        cashier_id="C001", rr_number="MYS1001", amount_paise=1_000, payment=Cash()
    ).business_date == date(2026, 4, 3)


def test_a_receipt_days_after_the_close_takes_todays_date(
    journal: Journal, clock: FakeClock
) -> None:
    journal.close_day(supervisor_id="S001")
    clock.to_day(date(2026, 4, 6))
    assert _take(journal, "C001", 1_000).endswith("/1")
    assert journal.entries()[-1].business_date == date(2026, 4, 6)


def test_nothing_takes_a_closed_date_even_by_opening_it(journal: Journal, store: Store) -> None:
    journal.close_day(supervisor_id="S001")
    with pytest.raises(ValidationProblem, match="reopened only by an accounts officer"):
        journal.open_day(cashier_id="C001", business_date=date(2026, 4, 1))
    assert journal.day_summary(date(2026, 4, 1)) is not None


def test_opening_without_a_date_after_todays_close_opens_tomorrow(
    journal: Journal, clock: FakeClock
) -> None:
    journal.close_day(supervisor_id="S001")
    book = journal.open_day(cashier_id="C001")
    assert book.business_date == date(2026, 4, 2)
    journal.close_day(supervisor_id="S001")
    with pytest.raises(ValidationProblem, match="more than one day ahead"):
        journal.open_day(cashier_id="C001")


def test_a_cancellation_refunds_from_the_drawer_of_the_cashier_who_took_the_receipt(
    journal: Journal,
) -> None:
    taken = _take(journal, "C001", 30_000)
    journal.cancel_receipt(
        cashier_id="C002", receipt_number=taken, reason="wrong account", supervisor_id="S001"
    )
    first = journal.expected_for_shift("C001")
    assert first.expected_paise["cash"] == 0 and first.cancellations == 1
    assert journal.expected_for_shift("C002").is_empty
    assert journal.open_shifts() == ["C001"]


def test_a_receipt_of_a_closed_shift_is_not_cancelled_at_the_counter(journal: Journal) -> None:
    taken = _take(journal, "C001", 30_000)
    close_exactly(journal, "C001")
    before = _count(journal)
    with pytest.raises(ValidationProblem, match="closed shift of C001") as raised:
        journal.cancel_receipt(
            cashier_id="C002", receipt_number=taken, reason="wrong account", supervisor_id="S001"
        )
    assert raised.value.field == "receipt_number"
    assert _count(journal) == before


def test_cash_out_is_limited_to_the_cashiers_own_drawer(journal: Journal) -> None:
    _take(journal, "C001", 50_000)
    _take(journal, "C002", 1_000)
    with pytest.raises(ValidationProblem, match="only ₹10.00 cash") as raised:
        journal.cash_out(cashier_id="C002", amount_paise=20_000, note="to the bank")
    assert raised.value.field == "amount_paise"
    journal.cash_out(cashier_id="C001", amount_paise=20_000, note="to the bank")
