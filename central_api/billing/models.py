"""Reading routes, meter history, readings and photos, bills, reviews, what the State owes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from central_api.db import Base, BigId, IdPK, Paise, PaiseCol, UTCDateTime, utcnow


class ReadingRoute(Base):
    """The consumers a meter reader walks on one reading day of every cycle, within a section."""

    __tablename__ = "reading_routes"

    id: Mapped[IdPK]
    code: Mapped[str] = mapped_column(String(24), unique=True)
    section_id: Mapped[int] = mapped_column(BigId, ForeignKey("org_units.id"), index=True)
    reading_day: Mapped[int] = mapped_column(SmallInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MeterProfile(Base):
    """A consumer's meter and reading history as billing needs it; a cache moved by each bill.

    `normal_1..3` are the units of the latest normal months, oldest first (None: not known).
    `billed_to` ends the last bill's period (the next one starts there); `last_reading` and
    `last_read_on` are the last actual reading, which an assessed bill does not move.
    """

    __tablename__ = "meter_profiles"

    consumer_id: Mapped[int] = mapped_column(BigId, ForeignKey("consumers.id"), primary_key=True)
    route_id: Mapped[int] = mapped_column(BigId, ForeignKey("reading_routes.id"), index=True)
    meter_digits: Mapped[int] = mapped_column(SmallInteger, default=5)
    multiplying_factor: Mapped[int] = mapped_column(Integer, default=1)
    last_reading: Mapped[int] = mapped_column(Integer)
    last_read_on: Mapped[date] = mapped_column(Date)
    last_status: Mapped[str] = mapped_column(String(20), default="normal")
    billed_to: Mapped[date] = mapped_column(Date)
    normal_1: Mapped[int | None] = mapped_column(Integer)
    normal_2: Mapped[int | None] = mapped_column(Integer)
    normal_3: Mapped[int | None] = mapped_column(Integer)
    units_on_average: Mapped[int] = mapped_column(Integer, default=0)
    # Gruha Jyothi baseline in hundredths of a unit (None: not a beneficiary); integers keep
    # SQLite and PostgreSQL alike and exact.
    gj_baseline_centiunits: Mapped[int | None] = mapped_column(Integer)
    arrears_due_on: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CycleClosure(Base):
    """A billing cycle closed for an org unit (the company or a subdivision): no more readings."""

    __tablename__ = "cycle_closures"
    __table_args__ = (UniqueConstraint("cycle", "unit_id", name="uq_cycle_closures_key"),)

    id: Mapped[IdPK]
    cycle: Mapped[str] = mapped_column(String(7))
    unit_id: Mapped[int] = mapped_column(BigId, ForeignKey("org_units.id"))
    closed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_by: Mapped[str] = mapped_column(String(40))


class MeterReading(Base):
    """What the meter reader found, once per consumer and cycle; never changed."""

    __tablename__ = "meter_readings"
    __table_args__ = (
        UniqueConstraint("consumer_id", "cycle", name="uq_meter_readings_key"),
        Index("ix_meter_readings_route_cycle", "route_id", "cycle"),
    )

    id: Mapped[IdPK]
    consumer_id: Mapped[int] = mapped_column(BigId, ForeignKey("consumers.id"))
    cycle: Mapped[str] = mapped_column(String(7))
    route_id: Mapped[int] = mapped_column(BigId, ForeignKey("reading_routes.id"))
    meter_status: Mapped[str] = mapped_column(String(20))
    present_reading: Mapped[int | None] = mapped_column(Integer)
    meter_rolled_over: Mapped[bool] = mapped_column(Boolean, default=False)
    meter_change: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    read_at: Mapped[datetime] = mapped_column(UTCDateTime)
    read_on: Mapped[date] = mapped_column(Date)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    device_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("devices.id"))
    user_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id"))
    content_sha256: Mapped[str] = mapped_column(String(64))


class MeterPhoto(Base):
    """A photo of the meter, stored with its reading (KERC allows self-reading by photo)."""

    __tablename__ = "meter_photos"

    reading_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("meter_readings.id"), primary_key=True
    )
    content_type: Mapped[str] = mapped_column(String(20))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Bill(Base):
    """One consumer's bill for one cycle, itemised as printed; posted to the ledger as a demand."""

    __tablename__ = "bills"
    __table_args__ = (UniqueConstraint("consumer_id", "cycle", name="uq_bills_key"),)

    id: Mapped[IdPK]
    bill_number: Mapped[str] = mapped_column(String(40), unique=True)
    consumer_id: Mapped[int] = mapped_column(BigId, ForeignKey("consumers.id"))
    cycle: Mapped[str] = mapped_column(String(7))
    source: Mapped[str] = mapped_column(String(12))
    reading_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("meter_readings.id"))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    billed_days: Mapped[int] = mapped_column(SmallInteger)
    units: Mapped[int] = mapped_column(Integer)
    meter_status: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(12))
    tariff_title: Mapped[str] = mapped_column(String(120))
    net_paise: Mapped[PaiseCol]
    demand_paise: Mapped[PaiseCol]
    arrears_paise: Mapped[PaiseCol]
    government_paise: Mapped[PaiseCol]
    due_on: Mapped[date] = mapped_column(Date)
    # [[code, amount_paise, quantity or null, rate or null], ...] in bill order
    lines: Mapped[list[Any]] = mapped_column(JSON)
    device_net_paise: Mapped[int | None] = mapped_column(Paise)
    device_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("devices.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class BillReview(Base):
    """A reading the centre would not bill unseen: a device bill that differs, or a bad reading."""

    __tablename__ = "bill_reviews"

    id: Mapped[IdPK]
    reading_id: Mapped[int] = mapped_column(BigId, ForeignKey("meter_readings.id"), unique=True)
    consumer_id: Mapped[int] = mapped_column(BigId, ForeignKey("consumers.id"), index=True)
    cycle: Mapped[str] = mapped_column(String(7))
    kind: Mapped[str] = mapped_column(String(24))
    reason: Mapped[str] = mapped_column(String(300))
    device_bill: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    centre_bill: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(10), default="open", index=True)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(String(200))
    bill_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("bills.id"))


class GovernmentReceivable(Base):
    """What the State owes for a bill (Gruha Jyothi, IP sets): not the consumer's ledger."""

    __tablename__ = "government_receivables"
    __table_args__ = (UniqueConstraint("bill_id", "scheme", name="uq_government_receivables_key"),)

    id: Mapped[IdPK]
    bill_id: Mapped[int] = mapped_column(BigId, ForeignKey("bills.id"))
    consumer_id: Mapped[int] = mapped_column(BigId, ForeignKey("consumers.id"), index=True)
    cycle: Mapped[str] = mapped_column(String(7), index=True)
    scheme: Mapped[str] = mapped_column(String(16))
    amount_paise: Mapped[PaiseCol]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
