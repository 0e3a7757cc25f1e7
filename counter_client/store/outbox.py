"""The outbox the sync engine drains: pending journal entries in order, acknowledged by sequence.

Each journal entry has exactly one outbox row, created by a trigger in the same transaction as
the entry. The row is the only thing about an entry that ever changes, and only forwards: pending
to acknowledged, attempts counting up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection

from counter_client.store.clock import iso, parse_iso
from counter_client.store.database import Store
from counter_client.store.entries import JournalEntry, entry_from_row
from counter_client.store.schema import journal, outbox

__all__ = ["Outbox", "OutboxStatus", "UnknownSequence"]

_MAX_ERROR_CHARS = 2000


class UnknownSequence(ValueError):
    """The sync engine named a sequence number the journal does not hold."""


@dataclass(frozen=True)
class OutboxStatus:
    """What the UI shows about the queue to the centre."""

    pending: int
    acknowledged: int
    oldest_pending_time: datetime | None
    last_error: str | None
    last_attempt_at: datetime | None


class Outbox:
    """Pending journal entries for the centre, and recording what the centre answered."""

    def __init__(self, store: Store, counter_code: str) -> None:
        self._store = store
        self._counter_code = counter_code

    def pending(self, *, limit: int = 500) -> Sequence[JournalEntry]:
        """Up to `limit` unacknowledged entries, lowest sequence first."""
        if limit < 1:
            raise ValueError("limit must be at least 1")
        query = (
            select(journal)
            .join(outbox, outbox.c.sequence == journal.c.sequence)
            .where(outbox.c.state == "pending")
            .order_by(journal.c.sequence)
            .limit(limit)
        )
        with self._store.read() as conn:
            rows = conn.execute(query).mappings().all()
        return [entry_from_row(self._counter_code, row) for row in rows]

    def queue_length(self) -> int:
        """How many entries the centre has not yet acknowledged."""
        query = select(func.count()).select_from(outbox).where(outbox.c.state == "pending")
        with self._store.read() as conn:
            return int(conn.execute(query).scalar_one())

    def mark_acknowledged(self, sequences: Iterable[int]) -> int:
        """Mark these entries acknowledged by the centre; returns how many were newly marked.

        Acknowledging an entry twice is harmless (at-least-once delivery). A sequence the
        journal does not hold raises UnknownSequence and marks nothing.
        """
        wanted = sorted(set(sequences))
        if not wanted:
            return 0
        now = iso(self._store.clock())
        marked = 0
        with self._store.write() as conn:
            for chunk in _chunks(wanted):
                _check_known(conn, chunk)
            for chunk in _chunks(wanted):
                result = conn.execute(
                    update(outbox)
                    .where(outbox.c.sequence.in_(chunk), outbox.c.state == "pending")
                    .values(state="acknowledged", acknowledged_at=now)
                )
                marked += int(result.rowcount)
        return marked

    def record_failure(self, sequences: Iterable[int], error: str) -> None:
        """Note a failed attempt to deliver these pending entries, with the error text."""
        wanted = sorted(set(sequences))
        if not wanted:
            return
        now = iso(self._store.clock())
        with self._store.write() as conn:
            for chunk in _chunks(wanted):
                _check_known(conn, chunk)
            for chunk in _chunks(wanted):
                conn.execute(
                    update(outbox)
                    .where(outbox.c.sequence.in_(chunk), outbox.c.state == "pending")
                    .values(
                        attempts=outbox.c.attempts + 1,
                        last_error=error[:_MAX_ERROR_CHARS],
                        last_attempt_at=now,
                    )
                )

    def status(self) -> OutboxStatus:
        """Counts, the oldest waiting entry's time and the latest error, in one snapshot."""
        with self._store.read() as conn:
            grouped = select(outbox.c.state, func.count()).group_by(outbox.c.state)
            counts = {str(state): int(n) for state, n in conn.execute(grouped)}
            oldest = conn.execute(
                select(journal.c.local_time)
                .join(outbox, outbox.c.sequence == journal.c.sequence)
                .where(outbox.c.state == "pending")
                .order_by(journal.c.sequence)
                .limit(1)
            ).scalar_one_or_none()
            failure = conn.execute(
                select(outbox.c.last_error, outbox.c.last_attempt_at)
                .where(outbox.c.state == "pending", outbox.c.last_attempt_at.is_not(None))
                .order_by(outbox.c.last_attempt_at.desc())
                .limit(1)
            ).first()
        return OutboxStatus(
            pending=int(counts.get("pending", 0)),
            acknowledged=int(counts.get("acknowledged", 0)),
            oldest_pending_time=parse_iso(oldest) if oldest is not None else None,
            last_error=failure.last_error if failure is not None else None,
            last_attempt_at=parse_iso(failure.last_attempt_at) if failure is not None else None,
        )


def _chunks(sequences: list[int], size: int = 500) -> list[list[int]]:
    return [sequences[i : i + size] for i in range(0, len(sequences), size)]


def _check_known(conn: Connection, wanted: list[int]) -> None:
    found = conn.execute(
        select(func.count()).select_from(outbox).where(outbox.c.sequence.in_(wanted))
    ).scalar_one()
    if int(found) != len(wanted):
        query = select(outbox.c.sequence).where(outbox.c.sequence.in_(wanted))
        held = set(conn.execute(query).scalars())
        missing = [s for s in wanted if s not in held]
        raise UnknownSequence(f"the journal holds no entries {missing[:10]}")
