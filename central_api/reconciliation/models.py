"""What the centre keeps to reconcile collections: bank statements and their lines, matches of
bank credits to remittances, returned cheques, the alerts outbox, and two-person corrections
(suspense transfers and transfers of mis-posted payments) awaiting a second officer."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Date, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from central_api.db import Base, BigId, IdPK, Paise, PaiseCol, UTCDateTime, utcnow
from central_api.sync.models import CounterEntry

# The reconciliation groups a month of counter entries by (counter, business date, kind, mode):
# this index serves that GROUP BY for a set of counters and a date range, each counter's month
# one contiguous range; on PostgreSQL it also carries the amount, so the
# grid is read from the index alone (no heap pages, where every counter's rows interleave).
Index(
    "ix_counter_entries_recon",
    CounterEntry.counter_id,
    CounterEntry.business_date,
    CounterEntry.kind,
    CounterEntry.payment_mode,
    postgresql_include=["amount_paise"],
)
# The few closing entries (shift and day closes, reopens, remittances) of a counter's month.
Index(
    "ix_counter_entries_closings",
    CounterEntry.counter_id,
    CounterEntry.business_date,
    postgresql_where=CounterEntry.kind.in_(
        ("shift_close", "day_close", "day_reopen", "remittance")
    ),
    sqlite_where=CounterEntry.kind.in_(("shift_close", "day_close", "day_reopen", "remittance")),
)


class BankStatement(Base):
    """One imported statement file; the same file (by SHA-256) is never imported twice."""

    __tablename__ = "bank_statements"

    id: Mapped[IdPK]
    profile: Mapped[str] = mapped_column(String(24))
    account_number: Mapped[str] = mapped_column(String(20), index=True)
    file_name: Mapped[str] = mapped_column(String(200))
    file_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    lines_read: Mapped[int] = mapped_column(Integer)
    lines_new: Mapped[int] = mapped_column(Integer)
    lines_already_held: Mapped[int] = mapped_column(Integer)
    first_date: Mapped[date | None] = mapped_column(Date)
    last_date: Mapped[date | None] = mapped_column(Date)
    imported_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id"))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class BankLine(Base):
    """One line of a bank statement, in paise; `line_key` makes a repeated line a no-op."""

    __tablename__ = "bank_lines"
    __table_args__ = (Index("ix_bank_lines_account_date", "account_number", "txn_date"),)

    id: Mapped[IdPK]
    statement_id: Mapped[int] = mapped_column(BigId, ForeignKey("bank_statements.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    account_number: Mapped[str] = mapped_column(String(20))
    txn_date: Mapped[date] = mapped_column(Date)
    value_date: Mapped[date | None] = mapped_column(Date)
    description: Mapped[str] = mapped_column(String(300))
    reference: Mapped[str] = mapped_column(String(60))
    debit_paise: Mapped[int] = mapped_column(Paise)
    credit_paise: Mapped[int] = mapped_column(Paise)
    balance_paise: Mapped[int | None] = mapped_column(Paise)
    # SHA-256 of account, reference, date and amount (and narration when there is no reference).
    line_key: Mapped[str] = mapped_column(String(64), unique=True)


class RemittanceMatch(Base):
    """A bank credit matched to a counter's remittance entry; undone, never deleted."""

    __tablename__ = "remittance_matches"
    __table_args__ = (
        Index(
            "uq_remittance_matches_line_live",
            "bank_line_id",
            unique=True,
            postgresql_where=text("undone_at IS NULL"),
            sqlite_where=text("undone_at IS NULL"),
        ),
        Index(
            "uq_remittance_matches_remittance_live",
            "remittance_entry_id",
            unique=True,
            postgresql_where=text("undone_at IS NULL"),
            sqlite_where=text("undone_at IS NULL"),
        ),
    )

    id: Mapped[IdPK]
    bank_line_id: Mapped[int] = mapped_column(BigId, ForeignKey("bank_lines.id"))
    remittance_entry_id: Mapped[int] = mapped_column(BigId, ForeignKey("counter_entries.id"))
    method: Mapped[str] = mapped_column(String(8))  # auto | manual
    note: Mapped[str] = mapped_column(String(200), default="")
    matched_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id"))
    matched_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    undone_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id"))
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    undo_reason: Mapped[str | None] = mapped_column(String(200))


class ChequeReturn(Base):
    """A cheque or draft receipt the bank returned unpaid, with what was posted for it."""

    __tablename__ = "cheque_returns"

    id: Mapped[IdPK]
    receipt_entry_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("counter_entries.id"), unique=True
    )
    receipt_number: Mapped[str] = mapped_column(String(40), unique=True)
    consumer_id: Mapped[int] = mapped_column(BigId, ForeignKey("consumers.id"), index=True)
    amount_paise: Mapped[PaiseCol]
    charge_paise: Mapped[PaiseCol]
    reason: Mapped[str] = mapped_column(String(200))
    returned_on: Mapped[date] = mapped_column(Date)
    reversal_entry_id: Mapped[int] = mapped_column(BigId, ForeignKey("ledger_entries.id"))
    charge_entry_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("ledger_entries.id"))
    recorded_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AlertOutbox(Base):
    """A message owed to a consumer; the alerts service (a later issue) sends and stamps it."""

    __tablename__ = "alerts_outbox"

    id: Mapped[IdPK]
    consumer_id: Mapped[int] = mapped_column(BigId, ForeignKey("consumers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SuspenseTransferRequest(Base):
    """A suspense amount one officer asks to place on an account; posted when another approves."""

    __tablename__ = "suspense_transfer_requests"

    id: Mapped[IdPK]
    suspense_id: Mapped[int] = mapped_column(BigId, ForeignKey("suspense_entries.id"), index=True)
    consumer_id: Mapped[int] = mapped_column(BigId, ForeignKey("consumers.id"))
    rr_number: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(10), default="pending")
    requested_by: Mapped[int] = mapped_column(BigId, ForeignKey("users.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(String(200))


class AccountTransfer(Base):
    """A payment posted to the wrong account, moved by a pair of ledger entries once approved."""

    __tablename__ = "account_transfers"

    id: Mapped[IdPK]
    payment_entry_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("ledger_entries.id"), index=True
    )
    from_consumer_id: Mapped[int] = mapped_column(BigId, ForeignKey("consumers.id"))
    to_consumer_id: Mapped[int] = mapped_column(BigId, ForeignKey("consumers.id"))
    amount_paise: Mapped[PaiseCol]
    reason: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(10), default="pending")
    requested_by: Mapped[int] = mapped_column(BigId, ForeignKey("users.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(String(200))
    reversal_entry_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("ledger_entries.id"))
    credit_entry_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("ledger_entries.id"))


class ReconDayTotal(Base):
    """Entries and paise per counter, business date, kind and mode (payment_mode "" for none),
    added to as entries arrive (central_api.reconciliation.totals); never edited by hand."""

    __tablename__ = "recon_day_totals"

    counter_id: Mapped[int] = mapped_column(BigId, ForeignKey("counters.id"), primary_key=True)
    business_date: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    payment_mode: Mapped[str] = mapped_column(String(16), primary_key=True)
    entries: Mapped[int] = mapped_column(BigInteger)
    paise: Mapped[int] = mapped_column(Paise)


class ReconWatermark(Base):
    """Per counter, the highest counter_entries id already added into recon_day_totals."""

    __tablename__ = "recon_watermarks"

    counter_id: Mapped[int] = mapped_column(BigId, ForeignKey("counters.id"), primary_key=True)
    last_entry_id: Mapped[int] = mapped_column(BigInteger)
