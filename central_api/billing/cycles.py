"""Billing cycles ("YYYY-MM"): bill numbers, reading dates, and closing a cycle for a unit."""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from central_api.billing.models import CycleClosure
from central_api.errors import BadInput, Conflict

IST = timezone(timedelta(hours=5, minutes=30), "IST")
DUE_DAYS = 15  # a bill is due 15 days after its date, as CESC prints it
_CYCLE = re.compile(r"^(20[0-9]{2})-(0[1-9]|1[0-2])$")
CYCLE_PATTERN = _CYCLE.pattern


def parse_cycle(cycle: str, field: str = "cycle") -> tuple[int, int]:
    """(year, month) of a cycle written YYYY-MM; BadInput naming `field` otherwise."""
    match = _CYCLE.match(cycle)
    if match is None:
        raise BadInput(f"{cycle!r} is not a cycle: write it YYYY-MM, e.g. 2025-06", field=field)
    return int(match.group(1)), int(match.group(2))


def reading_date(cycle: str, reading_day: int) -> date:
    """The route's scheduled reading date in the cycle (the last day if the month is short)."""
    year, month = parse_cycle(cycle)
    return date(year, month, min(reading_day, monthrange(year, month)[1]))


def cycle_of(day: date) -> str:
    """The cycle a date falls in."""
    return f"{day.year:04d}-{day.month:02d}"


def previous_cycle(cycle: str) -> str:
    year, month = parse_cycle(cycle)
    return f"{year - 1:04d}-12" if month == 1 else f"{year:04d}-{month - 1:02d}"


def bill_number(cycle: str, rr_number: str) -> str:
    """One number per consumer and cycle, e.g. 202506-MYS1000001: a second bill cannot exist."""
    return f"{cycle.replace('-', '')}-{rr_number}"


def due_on(bill_day: date) -> date:
    return bill_day + timedelta(days=DUE_DAYS)


def local_date(moment: datetime) -> date:
    """The date in India of an aware timestamp."""
    return moment.astimezone(IST).date()


def unit_ids_of(path: str) -> list[int]:
    """The ids in a materialised path "/1/4/17/", the unit itself and all its ancestors."""
    return [int(part) for part in path.strip("/").split("/") if part]


def closed_for(session: Session, *, cycle: str, unit_path: str) -> bool:
    """True when the cycle is closed for the unit at `unit_path` or any unit above it."""
    found = session.scalar(
        select(CycleClosure.id)
        .where(CycleClosure.cycle == cycle, CycleClosure.unit_id.in_(unit_ids_of(unit_path)))
        .limit(1)
    )
    return found is not None


def refuse_if_closed(session: Session, *, cycle: str, unit_path: str) -> None:
    if closed_for(session, cycle=cycle, unit_path=unit_path):
        raise Conflict(
            f"cycle {cycle} is closed: the bill run has billed it; readings are no longer taken",
            field="cycle",
        )


def close_cycle(session: Session, *, cycle: str, unit_id: int, closed_by: str) -> bool:
    """Close the cycle for a unit; False when it was already closed (closing twice is a no-op)."""
    held = session.scalar(
        select(CycleClosure.id).where(CycleClosure.cycle == cycle, CycleClosure.unit_id == unit_id)
    )
    if held is not None:
        return False
    session.add(CycleClosure(cycle=cycle, unit_id=unit_id, closed_by=closed_by[:40]))
    session.flush()
    return True
