"""The change clock: one tick per committed change that counters must pull.

Writers tick it as the last step of their transaction. The tick takes a row lock held until
commit, so ticks commit in increasing order; a reader capped at the committed clock value can
page through changes without ever missing one that commits later with a smaller tick.
"""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from central_api.sync.models import SyncClock


def tick(session: Session) -> int:
    """Advance the clock inside the caller's transaction and return the new value."""
    value = session.execute(
        text("UPDATE sync_clock SET value = value + 1 WHERE id = 1 RETURNING value")
    ).scalar()
    if value is None:  # an emptied table (e.g. after a restore): start again above zero
        session.add(SyncClock(id=1, value=1))
        session.flush()
        return 1
    return int(value)


def committed_value(session: Session) -> int:
    """The clock as last committed: every change stamped at or below it is visible."""
    return int(session.scalar(select(SyncClock.value).where(SyncClock.id == 1)) or 0)
