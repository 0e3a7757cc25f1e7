"""The people allowed at this counter: roles, PIN hashes, and fingerprint templates kept sealed.

PIN hashes arrive from the centre already hashed with argon2; the counter only verifies.
Fingerprint templates are biometric data: at rest they are sealed with AES-GCM under a key the
caller supplies (kept in the OS keyring, never in the database), bound to the user id so that a
template copied onto another user's row does not open.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import select

from common.roles import Role
from counter_client.store.database import Store
from counter_client.store.schema import cashiers

__all__ = [
    "COUNTER_ROLES",
    "Cashier",
    "CashierRecord",
    "CashierRoster",
    "FingerprintKeyError",
    "open_template",
    "seal_template",
]

COUNTER_ROLES = frozenset({Role.CASHIER, Role.SUPERVISOR})
"""The roles a person can hold at a counter."""

_NONCE_BYTES = 12
_AAD_PREFIX = b"trm-fingerprint-v1:"
_HASHER = PasswordHasher()


class FingerprintKeyError(Exception):
    """The fingerprint key is missing or wrong, or the sealed template was altered."""


@dataclass(frozen=True)
class CashierRecord:
    """A person allowed at this counter, as the centre sends them (template in the clear)."""

    user_id: str
    name: str
    role: Role
    pin_hash: str
    fingerprint_template: bytes | None = None
    active: bool = True


@dataclass(frozen=True)
class Cashier:
    """A person allowed at this counter, as the journal needs them."""

    user_id: str
    name: str
    role: Role
    active: bool

    @property
    def is_supervisor(self) -> bool:
        return self.role is Role.SUPERVISOR


def _check_key(key: bytes) -> AESGCM:
    if not isinstance(key, bytes) or len(key) != 32:
        raise FingerprintKeyError("the fingerprint key must be 32 bytes (AES-256)")
    return AESGCM(key)


def seal_template(key: bytes, user_id: str, template: bytes) -> bytes:
    """Encrypt a fingerprint template for storage: nonce followed by AES-GCM ciphertext."""
    nonce = os.urandom(_NONCE_BYTES)
    return nonce + _check_key(key).encrypt(nonce, template, _AAD_PREFIX + user_id.encode())


def open_template(key: bytes, user_id: str, sealed: bytes) -> bytes:
    """Decrypt a template sealed by `seal_template` for the same user."""
    aead = _check_key(key)
    nonce, ciphertext = sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:]
    try:
        return aead.decrypt(nonce, ciphertext, _AAD_PREFIX + user_id.encode())
    except InvalidTag:
        raise FingerprintKeyError(
            f"fingerprint template of {user_id} does not open with this key"
        ) from None


def check_record(record: CashierRecord) -> CashierRecord:
    """Refuse records a counter cannot use (unknown role, empty id or PIN hash)."""
    if not record.user_id.strip():
        raise ValueError("cashier user_id must not be empty")
    if Role(record.role) not in COUNTER_ROLES:
        raise ValueError(f"{record.user_id}: role {record.role} cannot work at a counter")
    if not record.pin_hash.startswith("$argon2"):
        raise ValueError(f"{record.user_id}: PIN hash is not an argon2 hash")
    return record


class CashierRoster:
    """Who may work at this counter, and checking their PIN or fingerprint."""

    def __init__(self, store: Store, *, fingerprint_key: bytes | None = None) -> None:
        self._store = store
        self._key = fingerprint_key

    def get(self, user_id: str) -> Cashier | None:
        """The person with this user id, active or not, or None if unknown here."""
        with self._store.read() as conn:
            row = (
                conn.execute(
                    select(
                        cashiers.c.user_id, cashiers.c.name, cashiers.c.role, cashiers.c.active
                    ).where(cashiers.c.user_id == user_id)
                )
                .mappings()
                .first()
            )
        if row is None:
            return None
        return Cashier(
            user_id=row["user_id"], name=row["name"], role=Role(row["role"]), active=row["active"]
        )

    def active(self) -> list[Cashier]:
        """Everyone currently allowed at this counter, by name."""
        query = (
            select(cashiers.c.user_id, cashiers.c.name, cashiers.c.role)
            .where(cashiers.c.active.is_(True))
            .order_by(cashiers.c.name)
        )
        with self._store.read() as conn:
            rows = conn.execute(query).mappings().all()
        return [
            Cashier(user_id=r["user_id"], name=r["name"], role=Role(r["role"]), active=True)
            for r in rows
        ]

    def verify_pin(self, user_id: str, pin: str) -> bool:
        """True only for an active person here whose PIN matches."""
        with self._store.read() as conn:
            row = conn.execute(
                select(cashiers.c.pin_hash, cashiers.c.active).where(cashiers.c.user_id == user_id)
            ).first()
        if row is None or not row.active:
            return False
        try:
            return _HASHER.verify(row.pin_hash, pin)
        except (VerificationError, InvalidHashError):
            return False

    def fingerprint_template(self, user_id: str) -> bytes | None:
        """The person's fingerprint template in the clear, or None if none is enrolled."""
        with self._store.read() as conn:
            sealed = conn.execute(
                select(cashiers.c.fingerprint_sealed).where(cashiers.c.user_id == user_id)
            ).scalar_one_or_none()
        if sealed is None:
            return None
        if self._key is None:
            raise FingerprintKeyError("no fingerprint key was given to the roster")
        return open_template(self._key, user_id, bytes(sealed))

    def keep_template(self, user_id: str, template: bytes) -> None:
        """Seal and keep a template enrolled at this counter (until the centre sends another)."""
        if self._key is None:
            raise FingerprintKeyError("no fingerprint key was given to the roster")
        if not template:
            raise ValueError("a fingerprint template must not be empty")
        sealed = seal_template(self._key, user_id, template)
        with self._store.write() as conn:
            updated = conn.execute(
                cashiers.update()
                .where(cashiers.c.user_id == user_id)
                .values(fingerprint_sealed=sealed)
            ).rowcount
        if updated != 1:
            raise ValueError(f"{user_id} is not a cashier at this counter")
