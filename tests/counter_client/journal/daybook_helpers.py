"""Closing helpers for journal tests: count a shift exactly and close the day book."""

from __future__ import annotations

from common.daybook import DENOMINATIONS
from counter_client.journal import Journal, ShiftExpectation
from counter_client.store.entries import JournalEntry


def exact_notes(paise: int) -> dict[str, int]:
    """Notes and coins adding up to `paise` rounded down to whole rupees (largest first)."""
    left = max(paise, 0) // 100 * 100
    counts: dict[str, int] = {}
    for name, value in DENOMINATIONS:
        counts[name], left = divmod(left, value)
    return counts


def close_exactly(
    journal: Journal, cashier: str, *, approver: str | None = None
) -> tuple[ShiftExpectation, JournalEntry]:
    """Close `cashier`'s shift with every instrument present and the cash as expected."""
    expected = journal.expected_for_shift(cashier)
    cash = expected.expected_paise["cash"]
    entry = journal.close_shift(
        cashier,
        denominations=exact_notes(cash),
        instruments_present={i.receipt_number for i in expected.instruments},
        card_paise=expected.expected_paise["card"],
        upi_paise=expected.expected_paise["upi"],
        reason=None if cash % 100 == 0 and cash >= 0 else "paise in the test amounts",
        approved_by=approver or ("S002" if cashier == "S001" else "S001"),
    )
    return expected, entry


def close_everything(journal: Journal, supervisor: str = "S001") -> None:
    """Close every open shift exactly, then the day book, approved by `supervisor`."""
    summary = journal.day_summary()
    assert summary is not None, "no day is open"
    for entry in journal.entries():
        if entry.business_date != summary.business_date:
            continue
        money = entry.kind.value in {"receipt", "cancellation", "cash_in", "cash_out"}
        if money and not journal.expected_for_shift(entry.cashier).is_empty:
            approver = supervisor if entry.cashier != supervisor else None
            close_exactly(journal, entry.cashier, approver=approver)
    journal.close_day(supervisor_id=supervisor)
