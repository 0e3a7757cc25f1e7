"""Today's receipts as the list shows them, read from the journal (no Qt: runs on a worker)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from common.sync_protocol import PaymentMode
    from counter_client.journal import Journal
    from counter_client.journal.views import DayReceipt

__all__ = ["DayList", "ReceiptRow", "read_day"]

_PAGE = 2000


@dataclass(frozen=True)
class ReceiptRow:
    """One receipt of the day, with what happened to it since."""

    receipt_number: str
    sequence: int
    local_time: datetime
    rr_number: str
    consumer_name: str | None
    amount_paise: int
    payment_mode: PaymentMode
    cashier: str
    cancelled: bool = False
    copies: int = 0


@dataclass(frozen=True)
class DayList:
    """The receipts of `business_date` in order, and the last journal sequence read."""

    business_date: date | None
    rows: tuple[ReceiptRow, ...]
    last_sequence: int


def _row(item: DayReceipt) -> ReceiptRow:
    receipt = item.receipt
    return ReceiptRow(
        receipt_number=receipt.receipt_number,
        sequence=receipt.sequence,
        local_time=receipt.local_time,
        rr_number=receipt.rr_number,
        consumer_name=receipt.consumer_name,
        amount_paise=receipt.amount_paise,
        payment_mode=receipt.payment_mode,
        cashier=receipt.cashier,
        cancelled=item.cancelled,
        copies=item.reprints,
    )


def read_day(journal: Journal, business_date: date, since: DayList | None = None) -> DayList:
    """The day's receipts: all of them (by index), or what is new after `since` (merged in)."""
    from common.sync_protocol import EntryKind, PaymentMode

    if since is not None and since.business_date == business_date:
        rows = {row.sequence: row for row in since.rows}
        after = since.last_sequence
    else:
        # The first load reads the day's receipts by index, not the journal from its start.
        day = journal.receipts_of_day(business_date)
        rows = {item.receipt.sequence: _row(item) for item in day.receipts}
        after = day.last_sequence
    while True:
        entries = journal.entries(after=after, limit=_PAGE)
        for entry in entries:
            after = entry.sequence
            if entry.business_date != business_date:
                continue
            body = entry.body
            if entry.kind is EntryKind.RECEIPT:
                rows[entry.sequence] = ReceiptRow(
                    receipt_number=str(body["receipt_number"]),
                    sequence=entry.sequence,
                    local_time=entry.local_time,
                    rr_number=str(body["rr_number"]),
                    consumer_name=body.get("consumer_name"),
                    amount_paise=int(body["amount_paise"]),
                    payment_mode=PaymentMode(body["payment_mode"]),
                    cashier=entry.cashier,
                )
            elif entry.kind in (EntryKind.CANCELLATION, EntryKind.REPRINT):
                target = rows.get(int(body["refers_to_sequence"]))
                if target is None:
                    continue
                if entry.kind is EntryKind.CANCELLATION:
                    rows[target.sequence] = replace(target, cancelled=True)
                else:
                    rows[target.sequence] = replace(target, copies=target.copies + 1)
        if len(entries) < _PAGE:
            break
    ordered = tuple(rows[key] for key in sorted(rows))
    return DayList(business_date=business_date, rows=ordered, last_sequence=after)
