"""Schema migrations at start-up, with a copy of the database taken before any that change it.

Migrations run programmatically from the scripts shipped in this package, under the write lock
(``BEGIN IMMEDIATE``) so that two processes starting at once cannot both migrate. The copy is made
with SQLite's online backup API, which includes what is still in the WAL file; a plain file copy
of a WAL database can miss the latest receipts.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine, text

from counter_client.store.engine import BEGIN_MODE
from counter_client.store.faults import DatabaseDamaged, NewerDatabase, storage_faults

__all__ = ["MIGRATIONS", "MigrationOutcome", "backup_database", "head_revision", "upgrade_to_head"]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
"""The Alembic script directory shipped with the package."""


@dataclass(frozen=True)
class MigrationOutcome:
    """What start-up did to the schema: from which revision to which, and where the copy is."""

    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.from_revision != self.to_revision


def _config(script_location: Path) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location))
    return config


def head_revision(script_location: Path = MIGRATIONS) -> str:
    """The newest revision among the shipped migrations."""
    head = ScriptDirectory.from_config(_config(script_location)).get_current_head()
    if head is None:
        raise RuntimeError(f"no migrations found in {script_location}")
    return head


def backup_database(db_path: Path, from_revision: str | None, to_revision: str) -> Path:
    """Copy `db_path` (WAL content included) beside it as ``<name>.bak-<from>-<to>-<time>``."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    name = f"{db_path.name}.bak-{from_revision or 'base'}-{to_revision}-{stamp}"
    target = db_path.with_name(name)
    source = sqlite3.connect(db_path)
    try:
        copy = sqlite3.connect(target)
        try:
            copy.execute("PRAGMA synchronous = FULL")
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    return target


def _current_revision(engine: Engine) -> tuple[str | None, bool]:
    """The database's revision, and whether it holds any tables at all."""
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        has_tables = (
            conn.execute(text("SELECT count(*) FROM sqlite_master WHERE type = 'table'")).scalar()
            or 0
        ) > 0
    return current, has_tables


def _check_known(current: str | None, has_tables: bool, script_location: Path) -> None:
    if current is None:
        if has_tables:
            raise DatabaseDamaged(
                "This file is not a TRM counter database (it has tables but no version). "
                "Nothing has been changed; call support."
            )
        return
    scripts = ScriptDirectory.from_config(_config(script_location))
    try:
        known = scripts.get_revision(current) is not None
    except CommandError:
        known = False
    if not known:
        raise NewerDatabase()


def upgrade_to_head(
    engine: Engine, db_path: Path, *, script_location: Path = MIGRATIONS
) -> MigrationOutcome:
    """Bring the schema to the newest revision, copying the file first if it holds anything."""
    head = head_revision(script_location)
    with storage_faults():
        current, has_tables = _current_revision(engine)
        _check_known(current, has_tables, script_location)
        if current == head:
            return MigrationOutcome(from_revision=current, to_revision=head, backup=None)
        with engine.connect() as conn:
            conn.execution_options(**{BEGIN_MODE: "IMMEDIATE"})
            with conn.begin():
                # Another process may have migrated while we waited for the lock.
                current = MigrationContext.configure(conn).get_current_revision()
                if current == head:
                    return MigrationOutcome(from_revision=current, to_revision=head, backup=None)
                backup = backup_database(db_path, current, head) if has_tables else None
                config = _config(script_location)
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
    return MigrationOutcome(from_revision=current, to_revision=head, backup=backup)
