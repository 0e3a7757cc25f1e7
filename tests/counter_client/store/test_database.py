"""Opening the store: durability settings, the schema matches the code, one counter per file."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from counter_client.store import CounterMismatch, Store
from counter_client.store.engine import BUSY_TIMEOUT_MS
from counter_client.store.migrate import head_revision
from counter_client.store.schema import metadata


def test_every_connection_is_wal_with_full_sync_busy_timeout_and_foreign_keys(store: Store) -> None:
    with store.read() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == BUSY_TIMEOUT_MS
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_a_new_file_is_migrated_to_head_without_a_backup(store: Store, db_path: Path) -> None:
    assert store.migration.from_revision is None
    assert store.migration.to_revision == head_revision()
    assert store.migration.backup is None
    assert not list(db_path.parent.glob("*.bak-*"))


def test_reopening_at_head_changes_nothing(store: Store, db_path: Path) -> None:
    store.close()
    again = Store.open(db_path)
    try:
        assert not again.migration.changed
        assert again.migration.backup is None
    finally:
        again.close()


def test_migrated_schema_matches_the_metadata_the_queries_use(store: Store) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn)
        assert compare_metadata(context, metadata) == []


def test_the_store_binds_to_one_counter_and_refuses_another(store: Store) -> None:
    assert store.counter_code() is None
    assert store.bind_counter("mys001-1") == "MYS001-1"
    assert store.bind_counter("MYS001-1") == "MYS001-1"
    with pytest.raises(CounterMismatch, match="MYS001-1"):
        store.bind_counter("MYS002-1")
