"""Daily money totals per counter, kept up to date on demand from counter_entries.

The grid reads `recon_day_totals` (entries and paise per counter, business date, kind and mode)
instead of grouping every receipt each time. Before reading, `refresh` adds what arrived since
the last refresh: for each counter, the entries with an id above its watermark. That is safe
because a counter's pushes run one at a time (the push locks the counter's sync state before it
inserts), so a counter's entries commit in id order: no entry can later commit below a
watermark already taken. Refreshers lock the counters' watermark rows, so two never add the
same entries twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import BigInteger, column, func, select, values
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from central_api.reconciliation.models import ReconDayTotal, ReconWatermark
from central_api.sync.models import CounterEntry

MONEY_KINDS = ("receipt", "cancellation", "cash_in", "cash_out")


def _insert(session: Session) -> Any:
    return postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


def refresh(session: Session, counter_ids: Iterable[int]) -> int:
    """Add the counters' entries received since the last refresh; the total rows touched."""
    ids = sorted(set(counter_ids))
    if not ids:
        return 0
    insert = _insert(session)
    session.execute(
        insert(ReconWatermark)
        .values([{"counter_id": cid, "last_entry_id": 0} for cid in ids])
        .on_conflict_do_nothing(index_elements=["counter_id"])
    )
    marks = dict(
        session.execute(
            select(ReconWatermark.counter_id, ReconWatermark.last_entry_id)
            .where(ReconWatermark.counter_id.in_(ids))
            .order_by(ReconWatermark.counter_id)
            .with_for_update()
        ).all()
    )
    marks = {cid: int(mark) for cid, mark in marks.items()}
    floor = min(marks.values())
    since = _bounds(marks, "since")
    newest = dict(
        session.execute(
            select(CounterEntry.counter_id, func.max(CounterEntry.id))
            .join(since, since.c.counter_id == CounterEntry.counter_id)
            .where(CounterEntry.id > floor, CounterEntry.id > since.c.low)
            .group_by(CounterEntry.counter_id)
        ).all()
    )
    if not newest:
        return 0
    # Only what the first read saw: later arrivals wait for the next refresh.
    window = _bounds({cid: marks[cid] for cid in newest}, "window", newest)
    mode = func.coalesce(CounterEntry.payment_mode, "")
    grouped = (
        select(
            CounterEntry.counter_id,
            CounterEntry.business_date,
            CounterEntry.kind,
            mode,
            func.count(),
            func.coalesce(func.sum(CounterEntry.amount_paise), 0),
        )
        .join(window, window.c.counter_id == CounterEntry.counter_id)
        .where(
            CounterEntry.id > floor,
            CounterEntry.id > window.c.low,
            CounterEntry.id <= window.c.high,
            CounterEntry.kind.in_(MONEY_KINDS),
        )
        .group_by(CounterEntry.counter_id, CounterEntry.business_date, CounterEntry.kind, mode)
    )
    # One INSERT ... SELECT ... GROUP BY ... ON CONFLICT: the sums never leave the database.
    statement = insert(ReconDayTotal).from_select(
        ["counter_id", "business_date", "kind", "payment_mode", "entries", "paise"], grouped
    )
    result = session.execute(
        statement.on_conflict_do_update(
            index_elements=["counter_id", "business_date", "kind", "payment_mode"],
            set_={
                "entries": ReconDayTotal.entries + statement.excluded.entries,
                "paise": ReconDayTotal.paise + statement.excluded.paise,
            },
        )
    )
    added = int(getattr(result, "rowcount", 0) or 0)
    for counter_id, last in newest.items():
        session.execute(
            ReconWatermark.__table__.update()  # type: ignore[attr-defined]
            .where(ReconWatermark.counter_id == counter_id)
            .values(last_entry_id=max(int(last), marks.get(counter_id, 0)))
        )
    return added


def _bounds(low: dict[int, int], name: str, high: dict[int, int] | None = None) -> Any:
    """A VALUES list (counter_id, low, high) to join entries to their counter's id window."""
    top = 2**62
    rows = [(cid, low[cid], (high or {}).get(cid, top)) for cid in sorted(low)]
    return (
        values(
            column("counter_id", BigInteger),
            column("low", BigInteger),
            column("high", BigInteger),
            name=name,
        )
        .data(rows)
        .alias(name)
    )
