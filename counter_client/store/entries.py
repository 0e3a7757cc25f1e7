"""Journal entries as stored: the row, the hashed content, and the wire form for the centre.

The hash of an entry covers its envelope (counter, sequence, kind, business date, local time,
cashier) and its body, and is computed by `common.sync_protocol.JournalEntryWire` itself, so the
centre recomputes the same hash from what it receives. The body is stored as its canonical JSON
and the local time as the ISO text that was hashed, so reading an entry back rebuilds the same
bytes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection, RowMapping

from common.chain import canonical_json
from common.sync_protocol import EntryKind, JournalEntryWire
from counter_client.store.clock import iso, parse_iso
from counter_client.store.engine import sqlite_connection
from counter_client.store.schema import journal

__all__ = [
    "JOURNAL_COLUMNS",
    "JournalEntry",
    "entry_from_row",
    "fetch_entries",
    "fetch_entry",
    "fetch_entry_where",
    "fetch_last_entry",
    "insert_entry",
]

_AMOUNT_KINDS = frozenset({EntryKind.RECEIPT, EntryKind.CASH_IN, EntryKind.CASH_OUT})

JOURNAL_COLUMNS: tuple[str, ...] = tuple(column.name for column in journal.columns)
"""The journal's columns in table order; `JournalEntry.row()` has exactly these keys."""

# Written once: the journal's one INSERT, on the hot path of every receipt. The triggers on
# the table (gapless sequence, unbroken chain, gapless receipt numbers, outbox row) run on it.
_INSERT = (
    f"INSERT INTO journal ({', '.join(JOURNAL_COLUMNS)}) "
    f"VALUES ({', '.join(':' + name for name in JOURNAL_COLUMNS)})"
)
_SELECT = f"SELECT {', '.join(JOURNAL_COLUMNS)} FROM journal"


@dataclass(frozen=True)
class JournalEntry:
    """One entry of the counter's journal, exactly as chained and sent to the centre."""

    counter_code: str
    sequence: int
    kind: EntryKind
    business_date: date
    local_time: datetime
    cashier: str
    body: Mapping[str, Any]
    prev_hash: str
    hash: str
    body_json: str | None = field(default=None, compare=False, repr=False, kw_only=True)
    """The body's canonical JSON as `seal` hashed and stores it; None: computed when needed."""

    @classmethod
    def seal(
        cls,
        *,
        counter_code: str,
        sequence: int,
        kind: EntryKind,
        business_date: date,
        local_time: datetime,
        cashier: str,
        body: Mapping[str, Any],
        prev_hash: str,
    ) -> JournalEntry:
        """Build an entry and compute its hash from `prev_hash` and its content."""
        # Round-trip the body through canonical JSON: it must be hashable, and the stored
        # copy must be exactly what was hashed. The wire model computes the hash, so the
        # counter and the centre hash by one definition. The canonical text is kept for the row:
        # canonical_json of `plain` gives the same bytes again.
        text = canonical_json(dict(body))
        plain = json.loads(text)
        wire = JournalEntryWire.sealed(
            counter_code=counter_code,
            sequence=sequence,
            kind=kind,
            business_date=business_date,
            local_time=local_time,
            cashier=cashier,
            prev_hash=prev_hash,
            body=plain,
        )
        return cls(
            counter_code=counter_code,
            sequence=sequence,
            kind=kind,
            business_date=business_date,
            local_time=local_time,
            cashier=cashier,
            body=plain,
            prev_hash=prev_hash,
            hash=wire.hash,
            body_json=text.decode("utf-8"),
        )

    def recomputed_hash(self) -> str:
        """The hash this entry's content gives; differs from `hash` only if it was altered."""
        return self.to_wire().recompute_hash()

    def to_wire(self) -> JournalEntryWire:
        """The entry as the sync protocol carries it to the centre."""
        return JournalEntryWire(
            counter_code=self.counter_code,
            sequence=self.sequence,
            kind=self.kind,
            business_date=self.business_date,
            local_time=self.local_time,
            cashier=self.cashier,
            prev_hash=self.prev_hash,
            hash=self.hash,
            body=dict(self.body),
        )

    def row(self) -> dict[str, object]:
        """The journal row: the hashed fields plus the columns that queries index."""
        body = self.body
        receipt = self.kind is EntryKind.RECEIPT
        text = self.body_json
        if text is None:
            text = canonical_json(dict(body)).decode("utf-8")

        def receipt_field(key: str) -> object:
            return body.get(key) if receipt else None

        return {
            "sequence": self.sequence,
            "kind": self.kind.value,
            "business_date": self.business_date.isoformat(),
            "local_time": iso(self.local_time),
            "cashier": self.cashier,
            "receipt_number": receipt_field("receipt_number"),
            "financial_year": receipt_field("financial_year"),
            "receipt_sequence": receipt_field("receipt_sequence"),
            "rr_number": receipt_field("rr_number"),
            "payment_mode": receipt_field("payment_mode"),
            "payment_reference": receipt_field("reference"),
            "request_id": receipt_field("request_id"),
            "amount_paise": body.get("amount_paise") if self.kind in _AMOUNT_KINDS else None,
            "refers_to": body.get("refers_to_sequence"),
            "body": text,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


def insert_entry(conn: Connection, entry: JournalEntry) -> None:
    """Insert `entry` in the caller's write transaction (the trigger adds its outbox row)."""
    sqlite_connection(conn).execute(_INSERT, entry.row())


def fetch_entry_where(
    conn: Connection, counter_code: str, condition: str, params: Sequence[object]
) -> JournalEntry | None:
    """The first entry (lowest sequence) matching an SQL `condition` with ``?`` parameters.

    For the journal's own fixed conditions only; never build `condition` from input.
    """
    sql = f"{_SELECT} WHERE {condition} ORDER BY sequence LIMIT 1"
    found = sqlite_connection(conn).execute(sql, params).fetchone()
    if found is None:
        return None
    return entry_from_row(counter_code, dict(zip(JOURNAL_COLUMNS, found, strict=True)))


def entry_from_row(counter_code: str, row: RowMapping | Mapping[str, Any]) -> JournalEntry:
    """Rebuild an entry from its stored row."""
    return JournalEntry(
        counter_code=counter_code,
        sequence=int(row["sequence"]),
        kind=EntryKind(row["kind"]),
        business_date=date.fromisoformat(row["business_date"]),
        local_time=parse_iso(row["local_time"]),
        cashier=row["cashier"],
        body=json.loads(row["body"]),
        prev_hash=row["prev_hash"],
        hash=row["hash"],
    )


def fetch_last_entry(conn: Connection, counter_code: str) -> JournalEntry | None:
    """The newest entry, or None for an empty journal."""
    row = conn.execute(select(journal).order_by(journal.c.sequence.desc()).limit(1)).mappings()
    first = row.first()
    return entry_from_row(counter_code, first) if first is not None else None


def fetch_entry(conn: Connection, counter_code: str, sequence: int) -> JournalEntry | None:
    """The entry with this sequence number, or None."""
    query = select(journal).where(journal.c.sequence == sequence)
    row = conn.execute(query).mappings().first()
    return entry_from_row(counter_code, row) if row is not None else None


def fetch_entries(
    conn: Connection, counter_code: str, *, after: int = 0, limit: int | None = None
) -> Sequence[JournalEntry]:
    """Entries with sequence above `after`, in order."""
    query = select(journal).where(journal.c.sequence > after).order_by(journal.c.sequence)
    if limit is not None:
        query = query.limit(limit)
    return [entry_from_row(counter_code, row) for row in conn.execute(query).mappings()]
