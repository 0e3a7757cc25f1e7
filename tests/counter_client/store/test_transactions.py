"""Write transactions hold the write lock from their first statement; reads never take it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from counter_client.store import Store
from counter_client.store.engine import sqlite_connection
from counter_client.store.schema import counter_identity


def _other_writer(db_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(db_path, timeout=0, isolation_level=None)


def test_a_write_holds_the_write_lock_before_it_writes_anything(
    store: Store, db_path: Path
) -> None:
    other = _other_writer(db_path)
    with store.write() as conn:
        conn.execute(select(counter_identity)).all()  # only a read so far
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")  # released at commit
    other.execute("ROLLBACK")
    other.close()


def test_a_read_leaves_the_write_lock_free(store: Store, db_path: Path) -> None:
    other = _other_writer(db_path)
    with store.read() as conn:
        conn.execute(select(counter_identity)).all()
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    other.close()


def test_hand_written_statements_commit_and_roll_back_with_the_block(store: Store) -> None:
    with store.write() as conn:
        sqlite_connection(conn).execute(
            "INSERT INTO sync_state (stream, cursor, synced_at) VALUES ('t', 'kept', 'now')"
        )
    with pytest.raises(RuntimeError), store.write() as conn:
        sqlite_connection(conn).execute(
            "INSERT INTO sync_state (stream, cursor, synced_at) VALUES ('u', 'lost', 'now')"
        )
        raise RuntimeError("the block fails after the statement ran")
    with store.read() as conn:
        rows = sqlite_connection(conn).execute("SELECT stream, cursor FROM sync_state").fetchall()
    assert rows == [("t", "kept")]
