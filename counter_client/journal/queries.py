"""Reads the journal rules need, each run inside the caller's transaction."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import ColumnElement, bindparam, func, select
from sqlalchemy.engine import Connection, RowMapping
from sqlalchemy.orm import aliased

from common.roles import Role
from common.sync_protocol import EntryKind, PaymentMode
from counter_client.journal.views import DayBook, DaySummary
from counter_client.store.cashiers import Cashier
from counter_client.store.clock import parse_iso
from counter_client.store.entries import JournalEntry, entry_from_row
from counter_client.store.schema import cashiers, day_books, journal, outbox

__all__ = [
    "cancellation_of",
    "cash_received_today",
    "chain_tail",
    "day_summary",
    "find_cashier",
    "find_receipt",
    "latest_day_book",
    "next_receipt_sequence",
    "open_day_book",
    "receipt_by_request",
    "reference_in_use",
    "reprint_count",
    "uncounted_for",
]


def _day_book(row: RowMapping) -> DayBook:
    closed_at = row["closed_at"]
    return DayBook(
        business_date=date.fromisoformat(row["business_date"]),
        opened_by=row["opened_by"],
        opened_at=parse_iso(row["opened_at"]),
        closed_by=row["closed_by"],
        closed_at=parse_iso(closed_at) if closed_at is not None else None,
    )


def open_day_book(conn: Connection) -> DayBook | None:
    """The day book that is open now, if any (there is at most one)."""
    row = conn.execute(select(day_books).where(day_books.c.closed_at.is_(None))).mappings().first()
    return _day_book(row) if row is not None else None


def latest_day_book(conn: Connection) -> DayBook | None:
    """The day book with the latest business date, open or closed."""
    query = select(day_books).order_by(day_books.c.business_date.desc()).limit(1)
    row = conn.execute(query).mappings().first()
    return _day_book(row) if row is not None else None


def find_cashier(conn: Connection, user_id: str) -> Cashier | None:
    """A person known at this counter, active or not."""
    row = (
        conn.execute(
            select(cashiers.c.user_id, cashiers.c.name, cashiers.c.role, cashiers.c.active).where(
                cashiers.c.user_id == user_id
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        return None
    return Cashier(
        user_id=row["user_id"], name=row["name"], role=Role(row["role"]), active=row["active"]
    )


def chain_tail(conn: Connection) -> tuple[int, str | None]:
    """The last sequence number and hash (0 and None for an empty journal)."""
    row = conn.execute(
        select(journal.c.sequence, journal.c.hash).order_by(journal.c.sequence.desc()).limit(1)
    ).first()
    return (0, None) if row is None else (int(row.sequence), str(row.hash))


def next_receipt_sequence(conn: Connection, financial_year: str) -> int:
    """The next receipt number's sequence part in this financial year (1 for the first)."""
    highest = conn.execute(
        select(func.max(journal.c.receipt_sequence)).where(
            journal.c.financial_year == financial_year
        )
    ).scalar_one()
    return 1 if highest is None else int(highest) + 1


def find_receipt(conn: Connection, counter_code: str, receipt_number: str) -> JournalEntry | None:
    """The receipt entry with this number, or None."""
    query = select(journal).where(
        journal.c.receipt_number == receipt_number, journal.c.kind == EntryKind.RECEIPT.value
    )
    row = conn.execute(query).mappings().first()
    return entry_from_row(counter_code, row) if row is not None else None


def receipt_by_request(conn: Connection, counter_code: str, request_id: str) -> JournalEntry | None:
    """The receipt taken earlier for this request id, if any."""
    row = conn.execute(select(journal).where(journal.c.request_id == request_id)).mappings().first()
    return entry_from_row(counter_code, row) if row is not None else None


def cancellation_of(conn: Connection, counter_code: str, sequence: int) -> JournalEntry | None:
    """The cancellation of the receipt at `sequence`, if it was cancelled."""
    query = select(journal).where(
        journal.c.refers_to == sequence, journal.c.kind == EntryKind.CANCELLATION.value
    )
    row = conn.execute(query).mappings().first()
    return entry_from_row(counter_code, row) if row is not None else None


def reprint_count(conn: Connection, sequence: int) -> int:
    """How many times the receipt at `sequence` has been reprinted."""
    query = select(func.count()).where(
        journal.c.refers_to == sequence, journal.c.kind == EntryKind.REPRINT.value
    )
    return int(conn.execute(query).scalar_one())


def _not_cancelled() -> ColumnElement[bool]:
    """True for journal rows that no cancellation refers to."""
    cancel = aliased(journal)
    return ~(
        select(cancel.c.sequence)
        .where(
            cancel.c.refers_to == journal.c.sequence,
            cancel.c.kind == EntryKind.CANCELLATION.value,
        )
        .exists()
    )


# Built once: constructing these per call costs more than running them.
_REFERENCE_IN_USE = (
    select(journal.c.receipt_number)
    .where(
        journal.c.kind == EntryKind.RECEIPT.value,
        journal.c.payment_mode == bindparam("mode"),
        journal.c.payment_reference == bindparam("reference"),
        _not_cancelled(),
    )
    .limit(1)
)

_CASH_RECEIVED = select(func.coalesce(func.sum(journal.c.amount_paise), 0)).where(
    journal.c.kind == EntryKind.RECEIPT.value,
    journal.c.rr_number == bindparam("rr_number"),
    journal.c.business_date == bindparam("business_date"),
    journal.c.payment_mode == PaymentMode.CASH.value,
    _not_cancelled(),
)


def reference_in_use(conn: Connection, mode: str, reference: str) -> str | None:
    """The number of a standing (uncancelled) receipt already paid with this card/UPI reference."""
    number = conn.execute(
        _REFERENCE_IN_USE, {"mode": mode, "reference": reference}
    ).scalar_one_or_none()
    return None if number is None else str(number)


def cash_received_today(conn: Connection, rr_number: str, business_date: date) -> int:
    """Cash in standing receipts for this account on this business date (for s.269ST)."""
    params = {"rr_number": rr_number, "business_date": business_date.isoformat()}
    return int(conn.execute(_CASH_RECEIVED, params).scalar_one())


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
