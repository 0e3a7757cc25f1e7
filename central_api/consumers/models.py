"""Consumer accounts: the centre is their system of record."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, SmallInteger, String, false
from sqlalchemy.orm import Mapped, mapped_column

from central_api.db import Base, BigId, IdPK, UTCDateTime, utcnow


class Consumer(Base):
    __tablename__ = "consumers"

    id: Mapped[IdPK]
    rr_number: Mapped[str] = mapped_column(String(20), unique=True)
    account_id: Mapped[str] = mapped_column(String(10), unique=True)
    name_en: Mapped[str] = mapped_column(String(100))
    name_kn: Mapped[str] = mapped_column(String(100))
    # Upper-cased English name: a plain b-tree range scan serves prefix search on both back ends.
    name_key: Mapped[str] = mapped_column(String(100), index=True)
    address: Mapped[str] = mapped_column(String(200))
    tariff_category: Mapped[str] = mapped_column(String(12))
    sanctioned_load_w: Mapped[int] = mapped_column(Integer)
    phase: Mapped[int] = mapped_column(SmallInteger)
    meter_number: Mapped[str] = mapped_column(String(20))
    connection_status: Mapped[str] = mapped_column(String(12))
    mobile: Mapped[str | None] = mapped_column(String(10), index=True)
    email: Mapped[str | None] = mapped_column(String(120))
    section_id: Mapped[int] = mapped_column(BigId, ForeignKey("org_units.id"), index=True)
    # Set after repeated returned cheques: counters then take only cash for this account.
    cash_only: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
