"""Opening meter history and reading routes for consumers that have none (demo and benchmarks).

A real installation imports each consumer's last reading, last three normal months and
Gruha Jyothi baseline from the billing system it replaces; this makes plausible ones instead,
deterministically from the consumer's id, so the bill run and handhelds have something to start
from. Routes group a section's consumers in account order, ROUTE_SIZE to a route, each with a
reading day of the month.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, insert, select

from central_api.billing.cycles import due_on, previous_cycle, reading_date
from central_api.billing.models import MeterProfile, ReadingRoute
from central_api.consumers.models import Consumer
from central_api.db import utcnow
from central_api.org.models import OrgUnit

ROUTE_SIZE = 500
READING_DAYS = 25  # routes are read on days 1..25 of the month, spread evenly
BATCH = 10_000
HP_WATTS = 746

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class _Use:
    """Typical monthly units for a category: per kW (or HP) of load, plus a base."""

    per_load_unit: int
    load_watts: int
    base: int
    digits: int


USES: dict[str, _Use] = {
    "LT-1": _Use(35, 1000, 30, 5),
    "LT-3": _Use(90, 1000, 20, 5),
    "LT-4": _Use(120, HP_WATTS, 0, 5),
    "LT-5": _Use(150, HP_WATTS, 0, 6),
    "LT-6a": _Use(300, HP_WATTS, 0, 6),
    "LT-6b": _Use(300, 1000, 0, 6),
}
GRUHA_JYOTHI_SHARE = 0.85  # of domestic consumers, enrolled in the scheme


def typical_units(category: str, sanctioned_load_w: int) -> int:
    use = USES.get(category, USES["LT-3"])
    return use.base + use.per_load_unit * max(1, round(sanctioned_load_w / use.load_watts))


def profile_values(
    consumer_id: int, category: str, sanctioned_load_w: int, last_read_on: date
) -> dict[str, Any]:
    """A plausible opening history for one consumer, the same every time for the same id."""
    rng = random.Random(consumer_id * 7919)
    use = USES.get(category, USES["LT-3"])
    typical = typical_units(category, sanctioned_load_w)
    months = [max(0, round(typical * rng.uniform(0.8, 1.2))) for _ in range(3)]
    baseline = None
    if category == "LT-1" and rng.random() < GRUHA_JYOTHI_SHARE:
        baseline = round(typical * rng.uniform(0.85, 1.05) * 100)
    return {
        "consumer_id": consumer_id,
        "meter_digits": use.digits,
        "multiplying_factor": 1,
        "last_reading": rng.randrange(10**use.digits),
        "last_read_on": last_read_on,
        "last_status": "normal",
        "billed_to": last_read_on,
        "normal_1": months[0],
        "normal_2": months[1],
        "normal_3": months[2],
        "units_on_average": 0,
        "gj_baseline_centiunits": baseline,
        "arrears_due_on": due_on(last_read_on),
        "updated_at": utcnow(),
    }


_PROFILE_COLUMNS = (
    "consumer_id",
    "route_id",
    "meter_digits",
    "multiplying_factor",
    "last_reading",
    "last_read_on",
    "last_status",
    "billed_to",
    "normal_1",
    "normal_2",
    "normal_3",
    "units_on_average",
    "gj_baseline_centiunits",
    "arrears_due_on",
    "updated_at",
)


def _insert_profiles(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """COPY on PostgreSQL (millions of rows for a benchmark), executemany elsewhere."""
    if conn.dialect.name != "postgresql":
        conn.execute(insert(MeterProfile), rows)
        return
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f"COPY meter_profiles ({', '.join(_PROFILE_COLUMNS)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(tuple(row[name] for name in _PROFILE_COLUMNS))


def _unprofiled(conn: Connection, section_id: int) -> list[tuple[int, str, int]]:
    rows = conn.execute(
        select(Consumer.id, Consumer.tariff_category, Consumer.sanctioned_load_w)
        .outerjoin(MeterProfile, MeterProfile.consumer_id == Consumer.id)
        .where(Consumer.section_id == section_id, MeterProfile.consumer_id.is_(None))
        .order_by(Consumer.id)
    )
    return [(int(i), str(c), int(w)) for i, c, w in rows]


def synthesise_history(conn: Connection, *, cycle: str, progress: Progress | None = None) -> int:
    """Give every consumer without meter history a route and an opening history.

    The opening history ends on the route's reading date of the cycle before `cycle`, so the
    bill run for `cycle` bills about a month. Returns how many consumers got one.
    """
    total = int(
        conn.execute(
            select(func.count())
            .select_from(Consumer)
            .outerjoin(MeterProfile, MeterProfile.consumer_id == Consumer.id)
            .where(MeterProfile.consumer_id.is_(None))
        ).scalar_one()
    )
    before = previous_cycle(cycle)
    routes_made = int(conn.execute(select(func.count()).select_from(ReadingRoute)).scalar_one())
    done = 0
    pending: list[dict[str, Any]] = []
    sections = conn.execute(
        select(OrgUnit.id, OrgUnit.code).where(OrgUnit.level == "section").order_by(OrgUnit.id)
    ).all()
    for section_id, section_code in sections:
        consumers = _unprofiled(conn, int(section_id))
        for start in range(0, len(consumers), ROUTE_SIZE):
            routes_made += 1
            day = 1 + (routes_made - 1) % READING_DAYS
            route_id = conn.execute(
                insert(ReadingRoute)
                .values(
                    code=f"{section_code}-R{routes_made:05d}",
                    section_id=section_id,
                    reading_day=day,
                    created_at=utcnow(),
                )
                .returning(ReadingRoute.id)
            ).scalar_one()
            last = reading_date(before, day)
            for cid, category, load in consumers[start : start + ROUTE_SIZE]:
                pending.append({**profile_values(cid, category, load, last), "route_id": route_id})
            if len(pending) >= BATCH:
                _insert_profiles(conn, pending)
                done += len(pending)
                pending.clear()
                if progress:
                    progress(done, total)
    if pending:
        _insert_profiles(conn, pending)
        done += len(pending)
        if progress:
            progress(done, total)
    return done
