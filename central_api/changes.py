"""Change stamps: what lets counters pull only what changed, without ever missing a change.

Every writer stamps the rows it changes; a reader pages through stamps above its cursor and at
or below a ceiling below which no transaction can still commit a smaller stamp.

- PostgreSQL: the stamp is the writer's transaction id (`pg_current_xact_id()`), and the ceiling
  is just below the oldest transaction still running (`pg_snapshot_xmin`). Writers never wait
  for one another, so counters pushing at once do not queue behind a shared counter.
- SQLite: one writer at a time, so a plain counter row (sync_clock) ticked by each writer commits
  in order, and its committed value is the ceiling.
"""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from central_api.sync.models import SyncClock

_XACT_ID = text("SELECT pg_current_xact_id()::text::bigint")
_SAFE_CEILING = text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint - 1")


def _postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def tick(session: Session) -> int:
    """The stamp for rows this transaction changes (the same value for the whole transaction)."""
    if _postgresql(session):
        return int(session.execute(_XACT_ID).scalar_one())
    value = session.execute(
        text("UPDATE sync_clock SET value = value + 1 WHERE id = 1 RETURNING value")
    ).scalar()
    if value is None:  # an emptied table (e.g. after a restore): start again above zero
        session.add(SyncClock(id=1, value=1))
        session.flush()
        return 1
    return int(value)


def committed_value(session: Session) -> int:
    """The ceiling: no transaction can still commit a stamp at or below it."""
    if _postgresql(session):
        return int(session.execute(_SAFE_CEILING).scalar_one())
    return int(session.scalar(select(SyncClock.value).where(SyncClock.id == 1)) or 0)
