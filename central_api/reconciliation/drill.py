"""One cell of the grid opened up: its receipts, day book, remittances with their bank lines, the
receipt numbers missing, and the suspense and quarantine behind it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from central_api.deps import Principal
from central_api.errors import NotFound
from central_api.reconciliation.config import ReconSettings
from central_api.reconciliation.grid import (
    CLOSING_KINDS,
    bank_seen,
    counters_in_scope,
    date_in,
    gather,
    paise_in,
    read_cell,
)
from central_api.reconciliation.schemas import (
    BankLineRead,
    CellDetail,
    ConflictBrief,
    ReceiptRead,
    RemittanceRead,
    ShiftCloseRead,
    SuspenseBrief,
)
from central_api.sync.models import CounterEntry, SuspenseEntry, SyncConflict
from common.daybook import MODES

MAX_RECEIPTS = 20_000


def _read(entry: CounterEntry) -> ReceiptRead:
    return ReceiptRead(
        sequence=entry.sequence,
        kind=entry.kind,
        receipt_number=entry.receipt_number,
        rr_number=entry.rr_number,
        payment_mode=entry.payment_mode,
        amount_paise=entry.amount_paise,
        cashier=entry.cashier,
        local_time=entry.local_time,
    )


def _missing_numbers(session: Session, counter_id: int, receipts: list[CounterEntry]) -> list[str]:
    numbers = sorted(
        (int(e.receipt_number.rsplit("/", 1)[1]), e.receipt_number.rsplit("/", 1)[0])
        for e in receipts
        if e.kind == "receipt" and e.receipt_number
    )
    if not numbers:
        return []
    first_seq = min(e.sequence for e in receipts if e.kind == "receipt")
    before = session.scalar(
        select(CounterEntry.receipt_number)
        .where(
            CounterEntry.counter_id == counter_id,
            CounterEntry.kind == "receipt",
            CounterEntry.sequence < first_seq,
        )
        .order_by(CounterEntry.sequence.desc())
        .limit(1)
    )
    prefix = numbers[0][1]
    expected = numbers[0][0]
    if before and before.rsplit("/", 1)[0] == prefix:
        expected = int(before.rsplit("/", 1)[1]) + 1
    missing: list[str] = []
    for n, _ in numbers:
        missing.extend(f"{prefix}/{k}" for k in range(expected, min(n, expected + 1000)))
        expected = max(expected, n + 1)
    return missing[:1000]


def cell_detail(
    session: Session,
    *,
    principal: Principal,
    counter_code: str,
    business_date: date,
    settings: ReconSettings | None = None,
) -> CellDetail:
    """Everything behind one counter's figures on one business date."""
    settings = settings or ReconSettings.from_env()
    counters = counters_in_scope(
        session, principal=principal, unit_id=None, counter_code=counter_code
    )
    if not counters:
        raise NotFound(
            f"no counter {counter_code} in your part of the company", field="counter_code"
        )
    (counter_id,) = counters
    cells = gather(session, counters, business_date, business_date)
    cell = cells.get((counter_id, business_date))
    if cell is None:
        raise NotFound(
            f"counter {counter_code} has nothing on {business_date.isoformat()}",
            field="business_date",
        )
    entries = list(
        session.scalars(
            select(CounterEntry)
            .where(
                CounterEntry.counter_id == counter_id,
                CounterEntry.business_date == business_date,
                CounterEntry.kind.in_(("receipt", "cancellation", *CLOSING_KINDS)),
            )
            .order_by(CounterEntry.sequence)
            .limit(MAX_RECEIPTS)
        )
    )
    money = [e for e in entries if e.kind in ("receipt", "cancellation")]
    shifts = [
        ShiftCloseRead(
            sequence=e.sequence,
            cashier=e.cashier,
            approved_by=str(e.body.get("approved_by", "")),
            expected_paise={m: paise_in(e.body.get("expected_paise"), m) for m in MODES},
            counted_paise={m: paise_in(e.body.get("counted_paise"), m) for m in MODES},
            over_short_paise={m: paise_in(e.body.get("over_short_paise"), m) for m in MODES},
            reason=str(e.body["reason"]) if e.body.get("reason") else None,
        )
        for e in entries
        if e.kind == "shift_close"
    ]
    remittances = [
        RemittanceRead(
            entry_id=r.entry_id,
            sequence=r.sequence,
            bank=str(r.body.get("bank", "")),
            account_number=str(r.body.get("account_number", "")),
            slip_number=str(r.body.get("slip_number", "")),
            deposit_date=date_in(r.body, "deposit_date"),
            amount_paise=paise_in(r.body, "amount_paise"),
            cash_paise=paise_in(r.body, "cash_paise"),
            cheque_paise=paise_in(r.body, "cheque_paise"),
            match_id=r.match_id,
            bank_line=BankLineRead.model_validate(r.line) if r.line is not None else None,
        )
        for r in cell.remittances
    ]
    suspense = session.scalars(
        select(SuspenseEntry).where(
            SuspenseEntry.counter_id == counter_id, SuspenseEntry.business_date == business_date
        )
    )
    conflicts = [
        ConflictBrief(id=c.id, sequence=c.sequence, kind=c.kind, reason=c.reason)
        for c in session.scalars(
            select(SyncConflict).where(
                SyncConflict.counter_id == counter_id, SyncConflict.resolved_at.is_(None)
            )
        )
        if str(c.received_entry.get("business_date")) == business_date.isoformat()
    ]
    return CellDetail(
        cell=read_cell(cell, settings, bank_seen(session)),
        receipts=[_read(e) for e in money],
        day_book=[_read(e) for e in entries if e.kind in CLOSING_KINDS and e.kind != "remittance"],
        shifts=shifts,
        remittances=remittances,
        missing_receipt_numbers=_missing_numbers(session, counter_id, money),
        suspense=[
            SuspenseBrief(
                id=s.id,
                rr_number_given=s.rr_number_given,
                amount_paise=s.amount_paise,
                state=s.state,
            )
            for s in suspense
        ],
        conflicts=conflicts,
    )
