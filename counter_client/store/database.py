"""The counter's store: one SQLite file, migrated at open, with read and write transactions."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from sqlalchemy import Engine, insert, select
from sqlalchemy.engine import Connection

from common.identifiers import validate_counter_code
from counter_client.store.clock import Clock, iso, system_clock
from counter_client.store.engine import BEGIN_MODE, create_store_engine
from counter_client.store.faults import DatabaseDamaged, DatabaseReadOnly, storage_faults
from counter_client.store.migrate import MIGRATIONS, MigrationOutcome, upgrade_to_head
from counter_client.store.schema import counter_identity

__all__ = ["CounterMismatch", "Store"]


class CounterMismatch(Exception):
    """The store belongs to another counter; one file never carries two counters' journals."""


def _writable(db_path: Path) -> bool:
    # access() reports a read-only volume (EROFS) even to root.
    return os.access(db_path, os.W_OK) and os.access(db_path.parent, os.W_OK)


class Store:
    """An open counter database. Use `Store.open`; close it (or use `with`) when done."""

    def __init__(
        self, engine: Engine, path: Path, migration: MigrationOutcome, clock: Clock
    ) -> None:
        self._engine = engine
        # The same pool and events, with BEGIN IMMEDIATE preset (cheaper than per connection).
        self._write_engine = engine.execution_options(**{BEGIN_MODE: "IMMEDIATE"})
        self.path = path
        self.migration = migration
        self.clock = clock

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        read_only: bool = False,
        clock: Clock = system_clock,
        script_location: Path = MIGRATIONS,
    ) -> Store:
        """Open (creating if needed) and migrate the store at `path`; copies it before migrating."""
        db_path = Path(path)
        engine = create_store_engine(db_path, read_only=read_only)
        try:
            migration = upgrade_to_head(engine, db_path, script_location=script_location)
        except DatabaseDamaged as exc:
            engine.dispose()
            # SQLite says only "unable to open" when a WAL file's folder is read-only.
            if db_path.exists() and not _writable(db_path):
                raise DatabaseReadOnly() from exc
            raise
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, db_path, migration, clock)

    @property
    def engine(self) -> Engine:
        return self._engine

    def close(self) -> None:
        """Close every pooled connection (the last one to close checkpoints the WAL)."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read transaction: one consistent snapshot for everything read inside it."""
        with storage_faults(), self._engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction holding the write lock from its start (``BEGIN IMMEDIATE``).

        Commits durably when the block ends without an exception, before returning.
        Disk, permission and lock errors surface as JournalUnavailable subclasses.
        """
        with storage_faults(), self._write_engine.connect() as conn, conn.begin():
            yield conn

    def counter_code(self) -> str | None:
        """The counter this store belongs to, or None before it is bound."""
        with self.read() as conn:
            code = conn.execute(select(counter_identity.c.counter_code)).scalar_one_or_none()
        return code

    def bind_counter(self, counter_code: str) -> str:
        """Tie this store to `counter_code` on first use; refuse a different code afterwards."""
        code = validate_counter_code(counter_code)
        held = self.counter_code()
        if held == code:
            return code  # no write needed, so a read-only store can still be opened for viewing
        with self.write() as conn:
            held = conn.execute(select(counter_identity.c.counter_code)).scalar_one_or_none()
            if held is None:
                conn.execute(
                    insert(counter_identity).values(
                        id=1, counter_code=code, bound_at=iso(self.clock())
                    )
                )
            elif held != code:
                raise CounterMismatch(f"this database holds counter {held}'s journal, not {code}'s")
        return code
