"""What the centre keeps of each counter's journal: the entries, how far they run without a gap,
conflicts held in quarantine, receipts for unknown accounts held in suspense, and the change
clock that lets counters pull only what changed."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from central_api.db import Base, BigId, IdPK, Paise, UTCDateTime, utcnow


class CounterEntry(Base):
    """One journal entry received from a counter, exactly as it was hashed. Never changed."""

    __tablename__ = "counter_entries"
    __table_args__ = (UniqueConstraint("counter_id", "sequence", name="uq_counter_entries_key"),)

    id: Mapped[IdPK]
    counter_id: Mapped[int] = mapped_column(BigId, ForeignKey("counters.id"))
    sequence: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(16))
    business_date: Mapped[date] = mapped_column(Date, index=True)
    local_time: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    cashier: Mapped[str] = mapped_column(String(64))
    receipt_number: Mapped[str | None] = mapped_column(String(40))
    rr_number: Mapped[str | None] = mapped_column(String(20))
    amount_paise: Mapped[int | None] = mapped_column(Paise)
    payment_mode: Mapped[str | None] = mapped_column(String(16))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    body: Mapped[dict[str, Any]] = mapped_column(JSON)


class CounterSyncState(Base):
    """Per counter: the highest sequence held with none missing below it, and the chain's health."""

    __tablename__ = "counter_sync_state"

    counter_id: Mapped[int] = mapped_column(BigId, ForeignKey("counters.id"), primary_key=True)
    highest_contiguous: Mapped[int] = mapped_column(BigInteger, default=0)
    highest_received: Mapped[int] = mapped_column(BigInteger, default=0)
    entries_held: Mapped[int] = mapped_column(BigInteger, default=0)
    chain_break_sequence: Mapped[int | None] = mapped_column(BigInteger)
    chain_break_reason: Mapped[str | None] = mapped_column(String(300))
    last_push_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SyncConflict(Base):
    """An entry that could not be taken as sent: a different entry under a held key, or a
    malformed one. Kept for accounts staff; never applied, never overwriting what is held."""

    __tablename__ = "sync_conflicts"

    id: Mapped[IdPK]
    counter_id: Mapped[int] = mapped_column(BigId, ForeignKey("counters.id"), index=True)
    sequence: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(10))  # conflict | rejected
    reason: Mapped[str] = mapped_column(String(300))
    received_hash: Mapped[str] = mapped_column(String(64))
    received_entry: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id"))
    resolution: Mapped[str | None] = mapped_column(String(200))


class SuspenseEntry(Base):
    """Money taken for an RR number the centre does not know, held until accounts transfer it."""

    __tablename__ = "suspense_entries"

    id: Mapped[IdPK]
    source_ref: Mapped[str] = mapped_column(String(80), unique=True)
    counter_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("counters.id"), index=True)
    rr_number_given: Mapped[str] = mapped_column(String(20), index=True)
    amount_paise: Mapped[int] = mapped_column(Paise)
    business_date: Mapped[date] = mapped_column(Date)
    narration: Mapped[str] = mapped_column(String(200), default="")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    state: Mapped[str] = mapped_column(String(12), default="open")
    transferred_to: Mapped[int | None] = mapped_column(BigId, ForeignKey("consumers.id"))
    transferred_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id"))
    transferred_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ledger_entry_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("ledger_entries.id"))


class SyncClock(Base):
    """One row whose value ticks once per committed change that counters must pull.

    Taken with a row lock at the very end of a writing transaction, so the ticks commit in order
    and a counter that has pulled up to tick N can never later meet a change stamped below N.
    """

    __tablename__ = "sync_clock"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)
