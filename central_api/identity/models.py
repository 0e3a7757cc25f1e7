"""Users, registered devices and their sign-in tokens."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from central_api.db import Base, BigId, IdPK, UTCDateTime, utcnow


class User(Base):
    __tablename__ = "users"

    id: Mapped[IdPK]
    username: Mapped[str] = mapped_column(String(40), unique=True)
    full_name: Mapped[str] = mapped_column(String(80))
    full_name_kn: Mapped[str] = mapped_column(String(80), default="")
    role: Mapped[str] = mapped_column(String(20))
    scope_unit_id: Mapped[int] = mapped_column(BigId, ForeignKey("org_units.id"), index=True)
    location_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("locations.id"))
    password_hash: Mapped[str] = mapped_column(String(200))
    pin_hash: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The sync clock's tick when this user last changed, for counters' cashier lists.
    change_seq: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0", index=True)
    # The enrolled fingerprint template, AES-GCM sealed (central_api.identity.fingerprints).
    fingerprint_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    fingerprint_enrolled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    fingerprint_enrolled_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id"))


class Device(Base):
    """A counter PC, ATP kiosk or spot-billing handheld registered by an admin."""

    __tablename__ = "devices"

    id: Mapped[IdPK]
    code: Mapped[str] = mapped_column(String(24), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    location_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("locations.id"))
    scope_unit_id: Mapped[int] = mapped_column(BigId, ForeignKey("org_units.id"))
    secret_hash: Mapped[str] = mapped_column(String(200))
    registered_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id"))
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuthToken(Base):
    """A bearer token, stored only as its SHA-256."""

    __tablename__ = "auth_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id"), index=True)
    device_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("devices.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
