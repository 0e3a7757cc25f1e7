"""The append-only ledger per account, its cached balance, and adjustments awaiting approval."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, CheckConstraint, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from central_api.db import Base, BigId, IdPK, Paise, PaiseCol, UTCDateTime, utcnow


class LedgerEntry(Base):
    """One posting: demands are positive paise (owed), credits negative; never changed."""

    __tablename__ = "ledger_entries"
    __table_args__ = (
        CheckConstraint(
            "(kind = 'demand' AND amount_paise > 0) OR (kind = 'credit' AND amount_paise < 0)",
            name="sign_matches_kind",
        ),
    )

    id: Mapped[IdPK]
    consumer_id: Mapped[int] = mapped_column(BigId, ForeignKey("consumers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    category: Mapped[str] = mapped_column(String(16))
    amount_paise: Mapped[PaiseCol]
    # Makes a repeated posting a no-op: "bill:<no>", "receipt:<counter>/<fy>/<seq>", ...
    source_ref: Mapped[str] = mapped_column(String(80), unique=True)
    business_date: Mapped[date] = mapped_column(Date)
    narration: Mapped[str] = mapped_column(String(200), default="")
    posted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    posted_by_user_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id"))
    approved_by_user_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id"))
    device_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("devices.id"))


class AccountBalance(Base):
    """A cache of the sum of an account's ledger entries, kept in the same transaction."""

    __tablename__ = "account_balances"
    # Counters page through changes in (change_seq, consumer_id) order.
    __table_args__ = (Index("ix_account_balances_changes", "change_seq", "consumer_id"),)

    consumer_id: Mapped[int] = mapped_column(BigId, ForeignKey("consumers.id"), primary_key=True)
    balance_paise: Mapped[int] = mapped_column(Paise, default=0)
    entry_count: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The sync clock's tick when this account last changed (balance or particulars).
    change_seq: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")


class LedgerAdjustment(Base):
    """A correction asked for by one officer and posted only when another approves it."""

    __tablename__ = "ledger_adjustments"

    id: Mapped[IdPK]
    consumer_id: Mapped[int] = mapped_column(BigId, ForeignKey("consumers.id"), index=True)
    amount_paise: Mapped[PaiseCol]
    reason: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(10), default="pending")
    requested_by: Mapped[int] = mapped_column(BigId, ForeignKey("users.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    entry_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("ledger_entries.id"))
