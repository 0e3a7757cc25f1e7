"""Bulk paths for consumers and ledger rows: COPY on PostgreSQL, executemany on SQLite."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from psycopg import sql
from sqlalchemy import func, insert, literal, select
from sqlalchemy.engine import Connection

from central_api.consumers.models import Consumer
from central_api.db import UTCDateTime
from central_api.ledger.models import AccountBalance, LedgerEntry
from central_api.seed.consumers import (
    COPY_COLUMNS,
    LEDGER_COLUMNS,
    ConsumerFactory,
    ConsumerRow,
)

Progress = Callable[[int, int], None]
BULK_TABLES = ("consumers", "ledger_entries", "account_balances")
PG_BATCH = 20_000
SQLITE_BATCH = 5_000
_CONSUMER_LINE = "\t".join(["%d"] + ["%s"] * 7 + ["%d", "%d"] + ["%s"] * 4 + ["%d", "%s", "%s"])
_LEDGER_LINE = "%d\t%d\t%s\t%s\t%d\t%s\t%s\t%s\t%s"


@dataclass
class _SavedSchema:
    """Constraints and indexes dropped for the load, with the SQL that puts each back."""

    foreign_keys: list[tuple[str, str, str]] = field(default_factory=list)
    keys: list[tuple[str, str, str]] = field(default_factory=list)
    indexes: list[tuple[str, str]] = field(default_factory=list)


def _capture_and_drop(cur: Any) -> _SavedSchema:
    """Drop the bulk tables' keys, foreign keys and indexes; remember how to recreate them."""
    saved = _SavedSchema()
    tables = list(BULK_TABLES)
    cur.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE contype = 'f'"
        " AND (conrelid = ANY(%s::regclass[]) OR confrelid = ANY(%s::regclass[]))"
        " ORDER BY 1, 2",
        (tables, tables),
    )
    saved.foreign_keys = list(cur.fetchall())
    cur.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE contype IN ('p', 'u') AND conrelid = ANY(%s::regclass[]) ORDER BY 1, 2",
        (tables,),
    )
    saved.keys = list(cur.fetchall())
    cur.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i"
        " WHERE i.indrelid = ANY(%s::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c"
        " WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x')) ORDER BY 1",
        (tables,),
    )
    saved.indexes = list(cur.fetchall())
    for table, name, _ in saved.foreign_keys + saved.keys:
        cur.execute(
            sql.SQL("ALTER TABLE {} DROP CONSTRAINT {}").format(
                sql.SQL(table), sql.Identifier(name)
            )
        )
    for name, _ in saved.indexes:
        cur.execute(sql.SQL("DROP INDEX {}").format(sql.SQL(name)))
    return saved


def _restore(cur: Any, saved: _SavedSchema) -> None:
    """Build the indexes and keys again (sorted builds, faster than row by row), then the FKs."""
    for _, definition in saved.indexes:
        cur.execute(definition)
    for table, name, definition in saved.keys + saved.foreign_keys:
        cur.execute(
            sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} {}").format(
                sql.SQL(table), sql.Identifier(name), sql.SQL(definition)
            )
        )


def _insert_balances(conn: Connection, stamp: Any) -> None:
    """One balance row per consumer: the sum and count of its entries (0 for none)."""
    sums = (
        select(
            LedgerEntry.consumer_id,
            func.sum(LedgerEntry.amount_paise).label("total"),
            func.count().label("entries"),
        )
        .group_by(LedgerEntry.consumer_id)
        .subquery()
    )
    rows = select(
        Consumer.id,
        func.coalesce(sums.c.total, 0),
        func.coalesce(sums.c.entries, 0),
        literal(stamp, UTCDateTime()),
    ).outerjoin(sums, sums.c.consumer_id == Consumer.id)
    conn.execute(
        insert(AccountBalance).from_select(
            ["consumer_id", "balance_paise", "entry_count", "updated_at"], rows
        )
    )


def consumer_copy_text(rows: list[ConsumerRow]) -> str:
    """COPY text format for consumer rows (the generator never makes tabs, newlines or '\\')."""
    line = _CONSUMER_LINE
    return "\n".join([line % row for row in rows]) + "\n"


CONSUMER_COPY = sql.SQL("COPY {} ({}) FROM STDIN")


def copy_consumers_statement(table: str = "consumers") -> sql.Composed:
    return CONSUMER_COPY.format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, COPY_COLUMNS))
    )


def load_postgresql(
    conn: Connection,
    factory: ConsumerFactory,
    stamp: Any,
    progress: Progress | None,
    phases: dict[str, float],
) -> None:
    """COPY consumers and ledger rows into bare tables, then build indexes and keys once."""
    raw = conn.connection.dbapi_connection
    assert raw is not None
    cur = raw.cursor()
    cur.execute("SET LOCAL maintenance_work_mem = '512MB'")
    clock = time.perf_counter()
    saved = _capture_and_drop(cur)
    ledger_text: list[str] = []
    done = 0
    with cur.copy(copy_consumers_statement()) as copy:
        for rows, ledger in factory.batches(PG_BATCH):
            copy.write(consumer_copy_text(rows))
            if ledger:
                ledger_text.append("\n".join([_LEDGER_LINE % entry for entry in ledger]) + "\n")
            done += len(rows)
            if progress:
                progress(done, factory.total)
    clock = _lap(phases, "generate_and_copy_consumers", clock)
    ledger_copy = sql.SQL("COPY ledger_entries ({}) FROM STDIN").format(
        sql.SQL(", ").join(map(sql.Identifier, LEDGER_COLUMNS))
    )
    with cur.copy(ledger_copy) as copy:
        for chunk in ledger_text:
            copy.write(chunk)
    ledger_text.clear()
    clock = _lap(phases, "copy_ledger", clock)
    _insert_balances(conn, stamp)
    clock = _lap(phases, "balances", clock)
    _restore(cur, saved)
    clock = _lap(phases, "indexes_and_keys", clock)
    for table in ("consumers", "ledger_entries"):
        cur.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
            f" (SELECT max(id) FROM {table})) WHERE pg_get_serial_sequence('{table}', 'id')"
            f" IS NOT NULL AND EXISTS (SELECT 1 FROM {table})"
        )
    for table in BULK_TABLES:
        cur.execute(f"ANALYZE {table}")
    _lap(phases, "analyze", clock)


def _lap(phases: dict[str, float], name: str, since: float) -> float:
    now = time.perf_counter()
    phases[name] = round(now - since, 3)
    return now


def load_sqlite(
    conn: Connection,
    factory: ConsumerFactory,
    stamp: Any,
    progress: Progress | None,
    phases: dict[str, float],
) -> None:
    """executemany in the caller's one transaction; SQLite checks the foreign keys as it goes."""
    raw = conn.connection.dbapi_connection
    assert raw is not None
    cur = raw.cursor()
    insert_consumer = (
        f"INSERT INTO consumers ({', '.join(COPY_COLUMNS)}) "
        f"VALUES ({', '.join('?' * len(COPY_COLUMNS))})"
    )
    insert_entry = (
        f"INSERT INTO ledger_entries ({', '.join(LEDGER_COLUMNS)}) "
        f"VALUES ({', '.join('?' * len(LEDGER_COLUMNS))})"
    )
    done = 0
    clock = time.perf_counter()
    for rows, ledger in factory.batches(SQLITE_BATCH):
        cur.executemany(insert_consumer, rows)
        cur.executemany(insert_entry, ledger)
        done += len(rows)
        if progress:
            progress(done, factory.total)
    clock = _lap(phases, "generate_and_insert", clock)
    _insert_balances(conn, stamp)
    _lap(phases, "balances", clock)
