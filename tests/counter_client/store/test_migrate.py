"""Migrations at start-up: a copy before any version change, including un-checkpointed WAL data."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from counter_client.store import NewerDatabase, Store
from counter_client.store.migrate import MIGRATIONS, head_revision

NEXT_REVISION = '''
"""A later release adds a column (test only).

Revision ID: 9001
Revises: {down}
"""
import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("consumers") as batch:
        batch.add_column(sa.Column("landmark", sa.Text(), nullable=True))


def downgrade() -> None:
    raise RuntimeError("no")
'''


@pytest.fixture
def next_release(tmp_path: Path) -> Path:
    """A copy of the shipped migrations plus one more revision, as the next release would ship."""
    scripts = tmp_path / "next-release-migrations"
    shutil.copytree(MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9001_landmark.py").write_text(
        NEXT_REVISION.format(down=head_revision()), encoding="utf-8"
    )
    return scripts


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_upgrading_copies_the_file_first_named_by_both_versions(
    tmp_path: Path, next_release: Path
) -> None:
    db = tmp_path / "trm-counter.db"
    first = Store.open(db)
    first.bind_counter("MYS001-1")
    first.close()

    upgraded = Store.open(db, script_location=next_release)
    upgraded.close()

    backup = upgraded.migration.backup
    assert backup is not None
    assert backup.name.startswith(f"trm-counter.db.bak-{head_revision()}-9001-")
    assert _rows(backup, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
    assert _rows(db, "SELECT version_num FROM alembic_version") == [("9001",)]
    assert "landmark" in [r[1] for r in _rows(db, "PRAGMA table_info(consumers)")]
    assert "landmark" not in [r[1] for r in _rows(backup, "PRAGMA table_info(consumers)")]


def test_the_backup_holds_data_still_in_the_wal_file(tmp_path: Path, next_release: Path) -> None:
    db = tmp_path / "trm-counter.db"
    writer = Store.open(db)
    writer.bind_counter("MYS001-1")
    # Keep a connection open with checkpointing off so the row stays in -wal only.
    holder = sqlite3.connect(db)
    holder.execute("PRAGMA wal_autocheckpoint = 0")
    holder.execute("SELECT 1 FROM counter_identity").fetchall()
    writer.close()
    assert Path(f"{db}-wal").stat().st_size > 0

    upgraded = Store.open(db, script_location=next_release)
    upgraded.close()
    holder.close()
    assert upgraded.migration.backup is not None
    assert _rows(upgraded.migration.backup, "SELECT counter_code FROM counter_identity") == [
        ("MYS001-1",)
    ]


def test_a_database_from_a_newer_release_is_refused_untouched(
    tmp_path: Path, next_release: Path
) -> None:
    db = tmp_path / "trm-counter.db"
    Store.open(db, script_location=next_release).close()
    before = db.read_bytes()
    with pytest.raises(NewerDatabase, match="newer version"):
        Store.open(db)
    assert db.read_bytes() == before


def test_a_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "someone-else.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(Exception, match="not a TRM counter database"):
        Store.open(db)


def test_the_migration_scripts_ship_inside_the_package() -> None:
    assert (MIGRATIONS / "env.py").is_file()
    assert list((MIGRATIONS / "versions").glob("0001_*.py"))
    assert MIGRATIONS.parent.name == "store"
