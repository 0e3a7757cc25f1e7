"""When the counter cannot record: storage faults in words a cashier understands.

Every write to the journal goes through `storage_faults()`, which turns SQLite's errors about the
disk into one of these. The message is what the cashier reads; the chained exception keeps the
technical cause for the log. The point of raising is that nothing gets printed for money that was
not recorded.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError

__all__ = [
    "DatabaseBusy",
    "DatabaseDamaged",
    "DatabaseReadOnly",
    "DiskFull",
    "JournalUnavailable",
    "NewerDatabase",
    "storage_faults",
]

# SQLite primary result codes (the low byte of an extended code).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


class JournalUnavailable(Exception):
    """The counter cannot record entries right now; nothing was recorded and nothing may print."""

    message = "The counter cannot record receipts right now. Do not hand over a receipt."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)


class DiskFull(JournalUnavailable):
    """The volume holding the journal has no space left."""

    message = (
        "The counter's disk is full, so this receipt was NOT recorded. "
        "Do not take the money or hand over a receipt; call support to free space."
    )


class DatabaseReadOnly(JournalUnavailable):
    """The journal file or its folder cannot be written."""

    message = (
        "The counter's receipt book cannot be written (the file is read-only), so this receipt "
        "was NOT recorded. Do not take the money or hand over a receipt; call support."
    )


class DatabaseBusy(JournalUnavailable):
    """Another program held the journal locked for longer than the busy timeout."""

    message = (
        "The counter's receipt book is busy in another window, so this receipt was NOT recorded. "
        "Try again in a moment; if it keeps happening, call support."
    )


class DatabaseDamaged(JournalUnavailable):
    """The journal file cannot be read or written because of an I/O error or damage."""

    message = (
        "The counter's receipt book could not be written (disk or file error), so this receipt "
        "was NOT recorded. Do not take the money or hand over a receipt; call support."
    )


class NewerDatabase(JournalUnavailable):
    """The database was written by a newer version of this program; it is left untouched."""

    message = (
        "This counter's receipt book was made by a newer version of TRM. "
        "Install the current version; nothing has been changed."
    )


def _sqlite_error(exc: BaseException) -> sqlite3.Error | None:
    if isinstance(exc, DBAPIError) and isinstance(exc.orig, sqlite3.Error):
        return exc.orig
    if isinstance(exc, sqlite3.Error):
        return exc
    return None


def classify(exc: BaseException) -> JournalUnavailable | None:
    """The JournalUnavailable that `exc` means, or None if it is not a storage fault."""
    error = _sqlite_error(exc)
    if error is None:
        return None
    code = getattr(error, "sqlite_errorcode", None)
    if not isinstance(code, int):
        return _classify_by_text(str(error))
    primary = code & 0xFF
    if primary == _SQLITE_FULL:
        return DiskFull()
    if primary in (_SQLITE_READONLY, _SQLITE_PERM):
        return DatabaseReadOnly()
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return DatabaseBusy()
    if primary in (_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_NOTADB, _SQLITE_CANTOPEN):
        return _classify_by_text(str(error)) or DatabaseDamaged()
    return None


def _classify_by_text(text: str) -> JournalUnavailable | None:
    lowered = text.lower()
    if "full" in lowered:
        return DiskFull()
    if "readonly" in lowered or "read-only" in lowered:
        return DatabaseReadOnly()
    if "locked" in lowered or "busy" in lowered:
        return DatabaseBusy()
    if "disk i/o" in lowered or "malformed" in lowered or "not a database" in lowered:
        return DatabaseDamaged()
    return None


@contextmanager
def storage_faults() -> Iterator[None]:
    """Re-raise SQLite disk, permission and lock errors as JournalUnavailable subclasses."""
    try:
        yield
    except JournalUnavailable:
        raise
    except Exception as exc:
        fault = classify(exc)
        if fault is None:
            raise
        raise fault from exc
