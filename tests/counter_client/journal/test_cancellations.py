"""Cancellations and reprints: new entries that refer to the receipt, never edits of it."""

from __future__ import annotations

from datetime import date

import pytest

from common.errors import ValidationProblem
from common.sync_protocol import EntryKind
from counter_client.journal import Cash, Journal
from tests.counter_client.journal.daybook_helpers import close_everything
from tests.counter_client.store.factories import FakeClock


@pytest.fixture
def number(journal: Journal) -> str:
    return journal.take_receipt(
        cashier_id="C001", rr_number="MYS1001", amount_paise=25_000, payment=Cash()
    ).receipt_number


def cancel(journal: Journal, number: str, **overrides: str) -> None:
    args = {
        "cashier_id": "C001",
        "receipt_number": number,
        "reason": "wrong consumer",
        "supervisor_id": "S001",
    }
    args.update(overrides)
    journal.cancel_receipt(**args)


def test_a_cancellation_refers_to_the_receipt_and_leaves_it_as_it_was(
    journal: Journal, number: str
) -> None:
    receipt_before = journal.entries()[-1]
    cancel(journal, number)
    entries = journal.entries()
    assert entries[-2] == receipt_before
    cancellation = entries[-1]
    assert cancellation.kind is EntryKind.CANCELLATION
    assert cancellation.body["refers_to_sequence"] == receipt_before.sequence
    assert cancellation.body["supervisor"] == "S001"
    assert cancellation.body["reason"] == "wrong consumer"
    view = journal.receipt(number)
    assert view is not None and view.cancelled


def test_a_receipt_cannot_be_cancelled_twice(journal: Journal, number: str) -> None:
    cancel(journal, number)
    with pytest.raises(ValidationProblem, match="already cancelled") as raised:
        cancel(journal, number, supervisor_id="S002")
    assert raised.value.field == "receipt_number"


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"reason": "  "}, "reason", "at least 5"),
        ({"supervisor_id": "C002"}, "supervisor_id", "not a supervisor"),
        ({"supervisor_id": "NOBODY"}, "supervisor_id", "not allowed"),
        ({"cashier_id": "S001"}, "supervisor_id", "someone other than the cashier cancelling"),
        ({"receipt_number": "MYS001-1/2026-27/99"}, "receipt_number", "no receipt"),
        ({"receipt_number": "MYS002-1/2026-27/1"}, "receipt_number", "not this counter"),
        ({"receipt_number": "garbage"}, "receipt_number", "3 parts"),
    ],
)
def test_a_cancellation_without_a_proper_reason_supervisor_or_receipt_is_refused(
    journal: Journal, number: str, overrides: dict[str, str], field: str, words: str
) -> None:
    before = len(journal.entries())
    with pytest.raises(ValidationProblem, match=words) as raised:
        cancel(journal, number, **overrides)
    assert raised.value.field == field
    assert len(journal.entries()) == before


def test_the_supervisor_who_took_the_receipt_cannot_approve_its_cancellation(
    journal: Journal,
) -> None:
    own = journal.take_receipt(
        cashier_id="S001", rr_number="MYS1001", amount_paise=100, payment=Cash()
    ).receipt_number
    with pytest.raises(ValidationProblem, match="who took the receipt"):
        cancel(journal, own, supervisor_id="S001")
    cancel(journal, own, supervisor_id="S002")


def test_only_receipts_of_the_open_day_can_be_cancelled(
    journal: Journal, number: str, clock: FakeClock
) -> None:
    close_everything(journal)
    clock.to_day(date(2026, 4, 2))
    journal.open_day(cashier_id="C001")
    with pytest.raises(ValidationProblem, match="ask accounts for a correction"):
        cancel(journal, number)


def test_a_reprint_is_recorded_with_its_reason_and_marked_duplicate(
    journal: Journal, number: str
) -> None:
    first = journal.reprint_receipt(
        cashier_id="C002", receipt_number=number, reason="  customer   lost the original "
    )
    second = journal.reprint_receipt(cashier_id="C002", receipt_number=number, reason="torn copy")
    assert first.duplicate and first.copy_label == "DUPLICATE"
    assert first.receipt_number == number and first.amount_paise == 25_000
    reprints = [e for e in journal.entries() if e.kind is EntryKind.REPRINT]
    assert [e.body["copy_number"] for e in reprints] == [1, 2]
    assert [e.body["reason"] for e in reprints] == ["customer lost the original", "torn copy"]
    assert second.reprint_sequence == reprints[-1].sequence
    original = journal.receipt(number)
    assert original is not None and not original.duplicate


def test_a_reprint_of_a_cancelled_receipt_says_so(journal: Journal, number: str) -> None:
    cancel(journal, number)
    view = journal.reprint_receipt(cashier_id="C001", receipt_number=number, reason="for audit")
    assert view.duplicate and view.cancelled


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "at least 5 characters"),
        ("   ", "at least 5 characters"),
        ("ok", "at least 5 characters"),
        ("x" * 201, "at most 200 characters"),
        ("lost <script>", "must not contain '<'"),
    ],
)
def test_a_reprint_without_a_usable_reason_is_refused_and_writes_nothing(
    journal: Journal, number: str, reason: str, message: str
) -> None:
    before = len(journal.entries())
    with pytest.raises(ValidationProblem, match=message) as refused:
        journal.reprint_receipt(cashier_id="C002", receipt_number=number, reason=reason)
    assert refused.value.field == "reason"
    assert len(journal.entries()) == before
