"""The SQLite engine for the counter's store: durability settings on every connection.

Every connection gets WAL, ``synchronous=FULL`` (a commit is on the platter before it returns;
DESIGN invariant 2), foreign keys and a busy timeout. Transactions are begun explicitly, so that
writers can ask for ``BEGIN IMMEDIATE`` and hold the write lock from their first read: that is what
keeps two windows or processes on one till from taking the same receipt number.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.pool import ConnectionPoolEntry

__all__ = ["BEGIN_MODE", "BUSY_TIMEOUT_MS", "create_store_engine", "sqlite_connection"]

BUSY_TIMEOUT_MS = 10_000
"""How long a writer waits for another writer before giving up (DatabaseBusy)."""

BEGIN_MODE = "trm_begin"
"""Execution option naming the BEGIN mode for a connection: "DEFERRED" (default) or "IMMEDIATE"."""

_BEGIN_SQL = {"DEFERRED": "BEGIN DEFERRED", "IMMEDIATE": "BEGIN IMMEDIATE"}
_BEGIN_MODES = frozenset(_BEGIN_SQL)
_SQLITE_READONLY = 8


def _configure_connection(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    """Durability and safety settings; run on every new DBAPI connection."""
    assert isinstance(dbapi_connection, sqlite3.Connection)
    # Let SQLAlchemy's "begin" event below issue BEGIN itself, instead of pysqlite's guesswork.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() != "wal":
            try:
                cursor.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError as exc:
                # A read-only file cannot change mode; its writes fail later, and say why.
                if exc.sqlite_errorcode & 0xFF != _SQLITE_READONLY:
                    raise
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get(BEGIN_MODE, "DEFERRED")
    if mode not in _BEGIN_MODES:
        raise ValueError(f"unknown BEGIN mode {mode!r}")
    # Straight to sqlite3: this runs before every transaction, and SQLAlchemy's statement path
    # costs more than the BEGIN. A failure (e.g. SQLITE_BUSY) raises from conn.begin() as before.
    sqlite_connection(conn).execute(_BEGIN_SQL[mode])


def create_store_engine(path: Path, *, read_only: bool = False) -> Engine:
    """An engine on the SQLite file at `path`; `read_only` opens it with ``mode=ro``."""
    resolved = path.resolve()
    if read_only:
        url = f"sqlite:///file:{resolved.as_posix()}?mode=ro&uri=true"
    else:
        url = f"sqlite:///{resolved.as_posix()}"
    engine = create_engine(
        url,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        pool_pre_ping=False,
    )
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _begin)
    return engine


def sqlite_connection(conn: Connection) -> sqlite3.Connection:
    """The sqlite3 connection under `conn`, for the few hand-written statements on hot paths.

    A statement run on it belongs to `conn`'s open transaction (pysqlite starts none of its own:
    see `_configure_connection`), so it commits or rolls back with the block around it. It skips
    SQLAlchemy's per-statement work (building, cache keys, result wrapping), which costs many
    times what SQLite does for a primary-key read. Its errors are plain ``sqlite3.Error``s, which
    `storage_faults` classifies as it does wrapped ones.
    """
    driver = conn.connection.driver_connection
    if not isinstance(driver, sqlite3.Connection):
        raise TypeError(f"the counter's store runs on sqlite3, not {type(driver).__name__}")
    return driver
