"""The counter's consumer cache: found by RR number, account, name or mobile."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection, RowMapping

from common.errors import ValidationProblem
from common.identifiers import normalise_mobile, normalise_rr_number
from counter_client.store.clock import parse_iso
from counter_client.store.database import Store
from counter_client.store.engine import sqlite_connection
from counter_client.store.schema import consumers

__all__ = ["CachedConsumer", "ConsumerCache", "ConsumerRecord", "typed_mobile"]


@dataclass(frozen=True)
class ConsumerRecord:
    """One consumer as the centre sends it. `balance_paise` is what they owe (negative: credit)."""

    rr_number: str
    account_id: str | None
    name_en: str
    name_kn: str | None
    address: str
    tariff_category: str
    section_code: str
    balance_paise: int
    balance_as_of: datetime | None = None
    cash_only: bool = False
    """Set by the centre after repeated dishonoured cheques: the counter takes only cash."""
    mobile: str | None = None
    """10 digits, or None. Personal data: screens show it masked unless it was typed in full."""
    mobile_sent: bool = True
    """False when an older centre sent no "mobile" key: applying keeps the mobile cached."""


@dataclass(frozen=True)
class CachedConsumer:
    """A consumer as held at the counter, with when the counter last received it."""

    record: ConsumerRecord
    synced_at: datetime

    @property
    def rr_number(self) -> str:
        return self.record.rr_number


def _from_row(row: RowMapping | Mapping[str, Any]) -> CachedConsumer:
    as_of = row["balance_as_of"]
    record = ConsumerRecord(
        rr_number=row["rr_number"],
        account_id=row["account_id"],
        name_en=row["name_en"],
        name_kn=row["name_kn"],
        address=row["address"],
        tariff_category=row["tariff_category"],
        section_code=row["section_code"],
        balance_paise=int(row["balance_paise"]),
        balance_as_of=parse_iso(as_of) if as_of is not None else None,
        cash_only=bool(row.get("cash_only", False)),
        mobile=row.get("mobile"),
    )
    return CachedConsumer(record=record, synced_at=parse_iso(row["synced_at"]))


_COLUMNS: tuple[str, ...] = tuple(column.name for column in consumers.columns)
_BY_RR_NUMBER = f"SELECT {', '.join(_COLUMNS)} FROM consumers WHERE rr_number = ?"
# Prefix searches as ranges (a LIKE would not use the BINARY-collated key and account index).
_BY_RR_PREFIX = (
    f"SELECT {', '.join(_COLUMNS)} FROM consumers "
    "WHERE rr_number >= ? AND rr_number < ? ORDER BY rr_number LIMIT ?"
)
_BY_ACCOUNT_PREFIX = (
    f"SELECT {', '.join(_COLUMNS)} FROM consumers "
    "WHERE account_id >= ? AND account_id < ? ORDER BY account_id LIMIT ?"
)
# Exact, through the partial ix_consumers_mobile (`mobile = ?` implies `mobile IS NOT NULL`).
_BY_MOBILE = (
    f"SELECT {', '.join(_COLUMNS)} FROM consumers WHERE mobile = ? ORDER BY rr_number LIMIT ?"
)
_BY_NAME_PREFIX = (
    f"SELECT {', '.join(_COLUMNS)} FROM consumers "
    "WHERE name_en LIKE ? ESCAPE '\\' ORDER BY name_en, rr_number LIMIT ?"
)


def fetch_consumer(conn: Connection, rr_number: str) -> CachedConsumer | None:
    """The cached consumer with this (normalised) RR number, inside an open transaction."""
    # Hand-written: it is on the path of every receipt and every look-up by RR number.
    row = sqlite_connection(conn).execute(_BY_RR_NUMBER, (rr_number,)).fetchone()
    return _from_row(dict(zip(_COLUMNS, row, strict=True))) if row is not None else None


def typed_mobile(text: str) -> str | None:
    """The 10-digit mobile number `text` is, in any usual form (+91, 0, spaces), or None."""
    if sum(ch.isdigit() for ch in text) < 10:
        return None  # not a whole number yet: no exception per keystroke
    try:
        return normalise_mobile(text)
    except ValidationProblem:
        return None


def _like_prefix(prefix: str) -> str:
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{escaped}%"


class ConsumerCache:
    """Read access to the cached consumers."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, rr_number: str) -> CachedConsumer | None:
        """The consumer with this RR number, or None if it is not in this counter's cache."""
        rr = normalise_rr_number(rr_number)
        with self._store.read() as conn:
            return fetch_consumer(conn, rr)

    def by_account_id(self, account_id: str) -> CachedConsumer | None:
        """The consumer with this account id, or None."""
        with self._store.read() as conn:
            row = (
                conn.execute(select(consumers).where(consumers.c.account_id == account_id.strip()))
                .mappings()
                .first()
            )
        return _from_row(row) if row is not None else None

    def search_by_name(self, prefix: str, *, limit: int = 20) -> Sequence[CachedConsumer]:
        """Consumers whose English name starts with `prefix` (any case), by name."""
        text = prefix.strip()
        if not text:
            return []
        name = consumers.c.name_en
        query = (
            select(consumers)
            .where(name.like(_like_prefix(text), escape="\\"))
            .order_by(name, consumers.c.rr_number)
            .limit(limit)
        )
        with self._store.read() as conn:
            rows = conn.execute(query).mappings().all()
        return [_from_row(row) for row in rows]

    def search(self, text: str, *, limit: int = 20) -> Sequence[CachedConsumer]:
        """Consumers as the cashier types: a whole mobile number exactly, then RR number,
        account id and name by prefix.

        Each part is an index look-up or range scan (RR number is the key; mobile, account id
        and name have indexes), so a keystroke stays cheap over the whole jurisdiction.
        """
        typed = " ".join(text.split())
        if not typed or limit < 1:
            return []
        found: dict[str, CachedConsumer] = {}
        key = typed.upper().replace(" ", "")
        mobile = typed_mobile(typed)
        with self._store.read() as conn:
            raw = sqlite_connection(conn)
            if mobile is not None:
                for row in raw.execute(_BY_MOBILE, (mobile, limit)):
                    self._keep(found, row)
            if key.isalnum() and key.isascii() and len(found) < limit:
                for row in raw.execute(_BY_RR_PREFIX, (key, key + "\uffff", limit)):
                    self._keep(found, row)
                if key.isdigit() and len(found) < limit:
                    for row in raw.execute(_BY_ACCOUNT_PREFIX, (key, key + "\uffff", limit)):
                        self._keep(found, row)
            if len(found) < limit:
                for row in raw.execute(_BY_NAME_PREFIX, (_like_prefix(typed), limit)):
                    self._keep(found, row)
        return list(found.values())[:limit]

    @staticmethod
    def _keep(found: dict[str, CachedConsumer], row: tuple[Any, ...]) -> None:
        consumer = _from_row(dict(zip(_COLUMNS, row, strict=True)))
        found.setdefault(consumer.rr_number, consumer)

    def count(self) -> int:
        """How many consumers the cache holds."""
        with self._store.read() as conn:
            return int(conn.execute(select(func.count()).select_from(consumers)).scalar_one())
