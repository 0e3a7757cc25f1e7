"""The hierarchy (company > zone > circle > division > subdivision > section) and counters."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from central_api.db import Base, BigId, IdPK, UTCDateTime, utcnow


class OrgUnit(Base):
    __tablename__ = "org_units"

    id: Mapped[IdPK]
    level: Mapped[str] = mapped_column(String(12))
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name_en: Mapped[str] = mapped_column(String(80))
    name_kn: Mapped[str] = mapped_column(String(80))
    parent_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("org_units.id"))
    # Materialised path of ids, "/1/4/17/": an ancestor's path is a prefix of its descendants'.
    path: Mapped[str] = mapped_column(String(255), index=True, default="")


class Location(Base):
    """A computerised cash-collection location; it has one or more counters."""

    __tablename__ = "locations"

    id: Mapped[IdPK]
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name_en: Mapped[str] = mapped_column(String(80))
    name_kn: Mapped[str] = mapped_column(String(80))
    unit_id: Mapped[int] = mapped_column(BigId, ForeignKey("org_units.id"), index=True)
    address: Mapped[str] = mapped_column(String(200), default="")


class Counter(Base):
    __tablename__ = "counters"

    id: Mapped[IdPK]
    code: Mapped[str] = mapped_column(String(16), unique=True)
    location_id: Mapped[int] = mapped_column(BigId, ForeignKey("locations.id"), index=True)
    device_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("devices.id"), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


Index("ix_org_units_parent", OrgUnit.parent_id)
