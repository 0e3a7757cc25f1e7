"""Reads the journal rules need, each run inside the caller's transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection, RowMapping
from sqlalchemy.orm import aliased

from common.roles import Role
from common.sync_protocol import EntryKind
from counter_client.journal.views import DayBook, DayReceipt, DayReceipts, DaySummary, ReceiptView
from counter_client.store.cashiers import Cashier
from counter_client.store.clock import parse_iso
from counter_client.store.engine import sqlite_connection
from counter_client.store.entries import (
    JOURNAL_COLUMNS,
    JournalEntry,
    entry_from_row,
    fetch_entry_where,
)
from counter_client.store.schema import day_books, journal, outbox

__all__ = [
    "cancellation_of",
    "cash_received_today",
    "chain_tail",
    "day_book_of",
    "day_summary",
    "entries_of_kind",
    "find_cashier",
    "find_receipt",
    "latest_day_book",
    "next_receipt_sequence",
    "open_day_book",
    "receipt_by_request",
    "receipts_of_day",
    "reference_in_use",
    "reprint_count",
    "uncounted_for",
]


def _day_book(row: RowMapping | Mapping[str, Any]) -> DayBook:
    closed_at = row["closed_at"]
    return DayBook(
        business_date=date.fromisoformat(row["business_date"]),
        opened_by=row["opened_by"],
        opened_at=parse_iso(row["opened_at"]),
        closed_by=row["closed_by"],
        closed_at=parse_iso(closed_at) if closed_at is not None else None,
    )


_DAY_BOOK_COLUMNS = ("business_date", "opened_by", "opened_at", "closed_by", "closed_at")
_OPEN_DAY_BOOK = (
    f"SELECT {', '.join(_DAY_BOOK_COLUMNS)} FROM day_books WHERE closed_at IS NULL LIMIT 1"
)


def open_day_book(conn: Connection) -> DayBook | None:
    """The day book that is open now, if any (there is at most one)."""
    row = sqlite_connection(conn).execute(_OPEN_DAY_BOOK).fetchone()
    return _day_book(dict(zip(_DAY_BOOK_COLUMNS, row, strict=True))) if row is not None else None


def latest_day_book(conn: Connection) -> DayBook | None:
    """The day book with the latest business date, open or closed."""
    query = select(day_books).order_by(day_books.c.business_date.desc()).limit(1)
    row = conn.execute(query).mappings().first()
    return _day_book(row) if row is not None else None


def day_book_of(conn: Connection, business_date: date) -> DayBook | None:
    """The day book of one business date, open or closed, or None if there is none."""
    query = select(day_books).where(day_books.c.business_date == business_date.isoformat())
    row = conn.execute(query).mappings().first()
    return _day_book(row) if row is not None else None


def entries_of_kind(
    conn: Connection, counter_code: str, kind: EntryKind, business_date: date
) -> list[JournalEntry]:
    """Entries of one kind on one business date, in order (served by ix_journal_business_date)."""
    query = (
        select(journal)
        .where(journal.c.business_date == business_date.isoformat(), journal.c.kind == kind.value)
        .order_by(journal.c.sequence)
    )
    return [entry_from_row(counter_code, row) for row in conn.execute(query).mappings()]


_FIND_CASHIER = "SELECT user_id, name, role, active FROM cashiers WHERE user_id = ?"


def find_cashier(conn: Connection, user_id: str) -> Cashier | None:
    """A person known at this counter, active or not."""
    row = sqlite_connection(conn).execute(_FIND_CASHIER, (user_id,)).fetchone()
    if row is None:
        return None
    found_id, name, role, active = row
    return Cashier(user_id=found_id, name=name, role=Role(role), active=bool(active))


_CHAIN_TAIL = "SELECT sequence, hash FROM journal ORDER BY sequence DESC LIMIT 1"


def chain_tail(conn: Connection) -> tuple[int, str | None]:
    """The last sequence number and hash (0 and None for an empty journal)."""
    row = sqlite_connection(conn).execute(_CHAIN_TAIL).fetchone()
    return (0, None) if row is None else (int(row[0]), str(row[1]))


_LAST_RECEIPT_SEQUENCE = "SELECT MAX(receipt_sequence) FROM journal WHERE financial_year = ?"


def next_receipt_sequence(conn: Connection, financial_year: str) -> int:
    """The next receipt number's sequence part in this financial year (1 for the first)."""
    (highest,) = (
        sqlite_connection(conn).execute(_LAST_RECEIPT_SEQUENCE, (financial_year,)).fetchone()
    )
    return 1 if highest is None else int(highest) + 1


def find_receipt(conn: Connection, counter_code: str, receipt_number: str) -> JournalEntry | None:
    """The receipt entry with this number, or None."""
    condition = "receipt_number = ? AND kind = 'receipt'"
    return fetch_entry_where(conn, counter_code, condition, (receipt_number,))


def receipt_by_request(conn: Connection, counter_code: str, request_id: str) -> JournalEntry | None:
    """The receipt taken earlier for this request id, if any."""
    return fetch_entry_where(conn, counter_code, "request_id = ?", (request_id,))


def cancellation_of(conn: Connection, counter_code: str, sequence: int) -> JournalEntry | None:
    """The cancellation of the receipt at `sequence`, if it was cancelled."""
    condition = "refers_to = ? AND kind = 'cancellation'"
    return fetch_entry_where(conn, counter_code, condition, (sequence,))


_REPRINT_COUNT = "SELECT COUNT(*) FROM journal WHERE refers_to = ? AND kind = 'reprint'"


def reprint_count(conn: Connection, sequence: int) -> int:
    """How many times the receipt at `sequence` has been reprinted."""
    (count,) = sqlite_connection(conn).execute(_REPRINT_COUNT, (sequence,)).fetchone()
    return int(count)


# True for a journal row `r` that no cancellation refers to (served by ux_journal_one_cancellation,
# whose WHERE the literal kind matches).
_NOT_CANCELLED = (
    "NOT EXISTS (SELECT 1 FROM journal AS c WHERE c.refers_to = r.sequence "
    "AND c.kind = 'cancellation')"
)

_REFERENCE_IN_USE = (
    "SELECT r.receipt_number FROM journal AS r "
    "WHERE r.payment_reference = ? AND r.payment_mode = ? AND r.kind = 'receipt' "
    f"AND {_NOT_CANCELLED} LIMIT 1"
)

# By account through ix_journal_rr_number: one account's receipts are few. The unary + keeps
# SQLite off ix_journal_business_date (business_date, kind), which it otherwise prefers for its
# two equalities and which holds every receipt of the day: a scan that grew with each receipt.
_CASH_RECEIVED = (
    "SELECT COALESCE(SUM(r.amount_paise), 0) FROM journal AS r "
    "WHERE r.rr_number = ? AND +r.business_date = ? AND r.kind = 'receipt' "
    f"AND r.payment_mode = 'cash' AND {_NOT_CANCELLED}"
)


def reference_in_use(conn: Connection, mode: str, reference: str) -> str | None:
    """The number of a standing (uncancelled) receipt already paid with this card/UPI reference."""
    row = sqlite_connection(conn).execute(_REFERENCE_IN_USE, (reference, mode)).fetchone()
    return None if row is None else str(row[0])


def cash_received_today(conn: Connection, rr_number: str, business_date: date) -> int:
    """Cash in standing receipts for this account on this business date (for s.269ST)."""
    params = (rr_number, business_date.isoformat())
    (total,) = sqlite_connection(conn).execute(_CASH_RECEIVED, params).fetchone()
    return int(total)


# The day's receipts through ix_journal_business_date (business_date, kind), already in sequence
# order (the rowid ends every index); each one's cancellation through ux_journal_one_cancellation
# and its reprints through ix_journal_reprints, so the read grows with the day, not the journal.
_RECEIPTS_OF_DAY = (
    f"SELECT {', '.join('r.' + c for c in JOURNAL_COLUMNS)}, "
    "EXISTS (SELECT 1 FROM journal AS c WHERE c.refers_to = r.sequence "
    "AND c.kind = 'cancellation'), "
    "(SELECT COUNT(*) FROM journal AS p WHERE p.refers_to = r.sequence AND p.kind = 'reprint') "
    "FROM journal AS r WHERE r.business_date = ? AND r.kind = 'receipt' ORDER BY r.sequence"
)


def receipts_of_day(conn: Connection, counter_code: str, business_date: date) -> DayReceipts:
    """The receipts of `business_date`, cancelled or not and how often reprinted, in order."""
    raw = sqlite_connection(conn)
    last, _ = chain_tail(conn)  # in the same read transaction: nothing new slips in between
    receipts = []
    for row in raw.execute(_RECEIPTS_OF_DAY, (business_date.isoformat(),)):
        *columns, cancelled, reprints = row
        entry = entry_from_row(counter_code, dict(zip(JOURNAL_COLUMNS, columns, strict=True)))
        view = ReceiptView.of(entry, cancelled=bool(cancelled))
        receipts.append(DayReceipt(receipt=view, reprints=int(reprints)))
    return DayReceipts(business_date=business_date, receipts=tuple(receipts), last_sequence=last)


def day_summary(conn: Connection, business_date: date) -> DaySummary:
    """Totals of one business day, from its journal entries."""
    receipt = aliased(journal)
    query = (
        select(
            journal.c.kind,
            journal.c.amount_paise,
            journal.c.payment_mode,
            receipt.c.amount_paise.label("cancelled_paise"),
            receipt.c.payment_mode.label("cancelled_mode"),
        )
        .outerjoin(receipt, receipt.c.sequence == journal.c.refers_to)
        .where(journal.c.business_date == business_date.isoformat())
    )
    by_mode: dict[str, int] = defaultdict(int)
    cancelled_by_mode: dict[str, int] = defaultdict(int)
    counts: dict[str, int] = defaultdict(int)
    for row in conn.execute(query).mappings():
        kind = row["kind"]
        counts[kind] += 1
        if kind == EntryKind.RECEIPT.value:
            by_mode[row["payment_mode"]] += int(row["amount_paise"])
        elif kind == EntryKind.CANCELLATION.value:
            cancelled_by_mode[row["cancelled_mode"]] += int(row["cancelled_paise"])
        elif kind in (EntryKind.CASH_IN.value, EntryKind.CASH_OUT.value):
            counts[kind + "_paise"] += int(row["amount_paise"])
    return DaySummary(
        business_date=business_date,
        receipts=counts[EntryKind.RECEIPT.value],
        receipts_paise=sum(by_mode.values()),
        by_mode_paise=dict(by_mode),
        cancellations=counts[EntryKind.CANCELLATION.value],
        cancelled_paise=sum(cancelled_by_mode.values()),
        cancelled_by_mode_paise=dict(cancelled_by_mode),
        cash_in_paise=counts["cash_in_paise"],
        cash_out_paise=counts["cash_out_paise"],
    )


def uncounted_for(conn: Connection, rr_number: str, synced_at: datetime) -> tuple[int, int]:
    """Receipts and cancellations for this account that the centre's balance does not yet include.

    An entry is counted in the balance only once the centre acknowledged it before the balance
    was pulled (`synced_at`); anything pending, or acknowledged after that pull, is not.
    """
    receipt = aliased(journal)
    query = (
        select(
            journal.c.kind,
            receipt.c.amount_paise.label("cancelled_paise"),
            journal.c.amount_paise,
            outbox.c.state,
            outbox.c.acknowledged_at,
        )
        .join(outbox, outbox.c.sequence == journal.c.sequence)
        .outerjoin(receipt, receipt.c.sequence == journal.c.refers_to)
        .where(
            ((journal.c.kind == EntryKind.RECEIPT.value) & (journal.c.rr_number == rr_number))
            | (
                (journal.c.kind == EntryKind.CANCELLATION.value)
                & (receipt.c.rr_number == rr_number)
            )
        )
    )
    receipts = cancellations = 0
    for row in conn.execute(query):
        acked = row.acknowledged_at
        if acked is not None and parse_iso(acked) <= synced_at:
            continue
        if row.kind == EntryKind.RECEIPT.value:
            receipts += int(row.amount_paise)
        else:
            cancellations += int(row.cancelled_paise)
    return receipts, cancellations
