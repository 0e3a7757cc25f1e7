"""The database itself refuses to rewrite the journal, lose an outbox row or reopen a day."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import insert, text
from sqlalchemy.exc import IntegrityError

from common.chain import GENESIS_HASH
from common.sync_protocol import EntryKind
from counter_client.store import JournalEntry, Store
from counter_client.store.schema import journal
from tests.counter_client.store.factories import COUNTER, FakeClock


def _entry(sequence: int, prev_hash: str, kind: EntryKind, body: dict[str, object]) -> JournalEntry:
    return JournalEntry.seal(
        counter_code=COUNTER,
        sequence=sequence,
        kind=kind,
        business_date=date(2026, 4, 1),
        local_time=FakeClock()(),
        cashier="C001",
        body=body,
        prev_hash=prev_hash,
    )


def _receipt_body(n: int = 1) -> dict[str, object]:
    return {
        "receipt_number": f"{COUNTER}/2026-27/{n}",
        "financial_year": "2026-27",
        "receipt_sequence": n,
        "rr_number": "MYS1001",
        "amount_paise": 100,
        "payment_mode": "cash",
    }


@pytest.fixture
def first(store: Store) -> JournalEntry:
    entry = _entry(1, GENESIS_HASH, EntryKind.RECEIPT, _receipt_body())
    with store.write() as conn:
        conn.execute(insert(journal).values(entry.row()))
    return entry


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE journal SET amount_paise = 1",
        "UPDATE journal SET body = '{}'",
        "DELETE FROM journal",
    ],
)
def test_journal_rows_cannot_be_updated_or_deleted(
    store: Store, first: JournalEntry, statement: str
) -> None:
    with pytest.raises(IntegrityError, match="append-only"), store.write() as conn:
        conn.execute(text(statement))


def test_inserting_a_journal_entry_creates_its_outbox_row(
    store: Store, first: JournalEntry
) -> None:
    with store.read() as conn:
        rows = conn.execute(text("SELECT sequence, state, attempts FROM outbox")).all()
    assert [tuple(r) for r in rows] == [(1, "pending", 0)]


def test_an_entry_out_of_sequence_is_refused(store: Store, first: JournalEntry) -> None:
    skipped = _entry(3, first.hash, EntryKind.DAY_OPEN, {})
    with pytest.raises(IntegrityError, match="sequence or the hash chain"), store.write() as conn:
        conn.execute(insert(journal).values(skipped.row()))


def test_an_entry_not_linked_to_the_last_hash_is_refused(store: Store, first: JournalEntry) -> None:
    unlinked = _entry(2, GENESIS_HASH, EntryKind.DAY_OPEN, {})
    with pytest.raises(IntegrityError, match="sequence or the hash chain"), store.write() as conn:
        conn.execute(insert(journal).values(unlinked.row()))


def test_a_receipt_number_skipping_one_is_refused(store: Store, first: JournalEntry) -> None:
    skipping = _entry(2, first.hash, EntryKind.RECEIPT, _receipt_body(3))
    with pytest.raises(IntegrityError, match="next in its financial year"), store.write() as conn:
        conn.execute(insert(journal).values(skipping.row()))


def test_a_cancellation_of_a_cancellation_is_refused_by_the_database(
    store: Store, first: JournalEntry
) -> None:
    cancel = _entry(2, first.hash, EntryKind.CANCELLATION, {"refers_to_sequence": 1})
    with store.write() as conn:
        conn.execute(insert(journal).values(cancel.row()))
    again = _entry(3, cancel.hash, EntryKind.CANCELLATION, {"refers_to_sequence": 2})
    with pytest.raises(IntegrityError, match="must refer to a receipt"), store.write() as conn:
        conn.execute(insert(journal).values(again.row()))


def test_a_receipt_cannot_be_cancelled_twice_by_the_database(
    store: Store, first: JournalEntry
) -> None:
    cancel = _entry(2, first.hash, EntryKind.CANCELLATION, {"refers_to_sequence": 1})
    with store.write() as conn:
        conn.execute(insert(journal).values(cancel.row()))
    twice = _entry(3, cancel.hash, EntryKind.CANCELLATION, {"refers_to_sequence": 1})
    with pytest.raises(IntegrityError, match="UNIQUE"), store.write() as conn:
        conn.execute(insert(journal).values(twice.row()))


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("DELETE FROM outbox", "never deleted"),
        ("UPDATE outbox SET sequence = 7", "only move forward"),
        ("UPDATE outbox SET attempts = -1", "only move forward"),
    ],
)
def test_outbox_rows_are_never_deleted_and_only_move_forward(
    store: Store, first: JournalEntry, statement: str, message: str
) -> None:
    with pytest.raises(IntegrityError, match=message), store.write() as conn:
        conn.execute(text(statement))


def test_an_acknowledged_outbox_row_never_returns_to_pending(
    store: Store, first: JournalEntry
) -> None:
    with store.write() as conn:
        conn.execute(
            text(
                "UPDATE outbox SET state = 'acknowledged', acknowledged_at = 'x' WHERE sequence = 1"
            )
        )
    with pytest.raises(IntegrityError, match="only move forward"), store.write() as conn:
        conn.execute(text("UPDATE outbox SET state = 'pending', acknowledged_at = NULL"))


def _open_day(store: Store, day: str) -> None:
    with store.write() as conn:
        conn.execute(
            text(
                "INSERT INTO day_books (business_date, opened_by, opened_at, opened_sequence) "
                "VALUES (:d, 'C001', 't', 1)"
            ),
            {"d": day},
        )


def test_only_one_day_book_can_be_open(store: Store) -> None:
    _open_day(store, "2026-04-01")
    with pytest.raises(IntegrityError, match="still open"):
        _open_day(store, "2026-04-02")


def test_a_closed_day_book_cannot_be_reopened_or_deleted(store: Store) -> None:
    _open_day(store, "2026-04-01")
    with store.write() as conn:
        conn.execute(
            text("UPDATE day_books SET closed_by = 'C001', closed_at = 't', closed_sequence = 2")
        )
    with pytest.raises(IntegrityError, match="closed, once"), store.write() as conn:
        conn.execute(
            text("UPDATE day_books SET closed_by = NULL, closed_at = NULL, closed_sequence = NULL")
        )
    with pytest.raises(IntegrityError, match="never deleted"), store.write() as conn:
        conn.execute(text("DELETE FROM day_books"))
