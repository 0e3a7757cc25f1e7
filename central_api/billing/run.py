"""The monthly bill run: bills every consumer of a cycle not already billed, chunk by chunk.

Each chunk is one transaction (bills, ledger demands, the State's share, meter history), so a
crash loses at most the chunk in flight and a rerun carries on where the last commit ended: a
consumer with a bill for the cycle is never selected again, and the bills table and the ledger
both refuse a second bill for the same consumer and cycle. Consumers read during the cycle are
billed from their reading; those not read (or whose reading was rejected on review) are billed
on the average of their last three normal months, as a door-locked meter would be.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, exists, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from central_api.audit.service import record
from central_api.billing.bulk import copy_bills
from central_api.billing.config import BillingSettings
from central_api.billing.cycles import close_cycle, parse_cycle, reading_date
from central_api.billing.meter import MeterState, Observation, bill_inputs, months_of
from central_api.billing.models import Bill as BillRow
from central_api.billing.models import BillReview, MeterProfile, MeterReading, ReadingRoute
from central_api.billing.posting import Billed, post_bills
from central_api.billing.readings import observation_of
from central_api.billing.tariffs import tariff_book
from central_api.consumers.models import Consumer
from central_api.db import make_session_factory
from central_api.deps import Principal
from central_api.errors import BadInput
from central_api.ledger.models import AccountBalance
from central_api.org.models import OrgUnit
from common.billing import BillingInputError, MeterStatus, NoTariffInForce, TariffBook, compute_bill
from common.org import OrgLevel

Progress = Callable[[int, int], None]
CHUNK = 5_000


@dataclass
class RunReport:
    """What a bill run did; `not_billable` names a few consumers it could not bill, and why."""

    cycle: str
    scope: str
    candidates: int = 0
    from_readings: int = 0
    estimated: int = 0
    held_for_review: int = 0
    not_billable: int = 0
    problems: list[str] = field(default_factory=list)
    chunks: int = 0
    retried_chunks: int = 0
    seconds: float = 0.0

    @property
    def billed(self) -> int:
        return self.from_readings + self.estimated


def _scope(session: Session, subdivision: str | None) -> OrgUnit:
    if subdivision is None:
        unit = session.scalar(select(OrgUnit).where(OrgUnit.level == OrgLevel.COMPANY.value))
        if unit is None:
            raise BadInput("there is no company yet", field="subdivision")
        return unit
    unit = session.scalar(select(OrgUnit).where(OrgUnit.code == subdivision))
    if unit is None or unit.level != OrgLevel.SUBDIVISION.value:
        raise BadInput(f"{subdivision!r} is not a subdivision's code", field="subdivision")
    return unit


def _candidates(cycle: str, scope_path: str) -> Select[*tuple[Any, ...]]:
    """Consumers of the scope, live and on a route, with no bill for the cycle."""
    billed = exists().where(BillRow.consumer_id == Consumer.id, BillRow.cycle == cycle)
    return (
        select(
            Consumer.id,
            Consumer.rr_number,
            Consumer.tariff_category,
            Consumer.sanctioned_load_w,
            MeterProfile,
            func.coalesce(AccountBalance.balance_paise, 0),
            ReadingRoute.reading_day,
            MeterReading,
            BillReview.state,
        )
        .join(MeterProfile, MeterProfile.consumer_id == Consumer.id)
        .join(ReadingRoute, ReadingRoute.id == MeterProfile.route_id)
        .join(OrgUnit, OrgUnit.id == Consumer.section_id)
        .outerjoin(AccountBalance, AccountBalance.consumer_id == Consumer.id)
        .outerjoin(
            MeterReading, and_(MeterReading.consumer_id == Consumer.id, MeterReading.cycle == cycle)
        )
        .outerjoin(BillReview, BillReview.reading_id == MeterReading.id)
        .where(
            Consumer.connection_status == "live",
            OrgUnit.path.startswith(scope_path),
            ~billed,
        )
    )


def meter_state(
    consumer: tuple[int, str, str, int], profile: MeterProfile, balance: int
) -> MeterState:
    """A MeterState from a consumer's particulars, profile row and balance."""
    consumer_id, rr_number, category, load = consumer
    return MeterState(
        consumer_id=consumer_id,
        rr_number=rr_number,
        category=category,
        sanctioned_load_w=load,
        meter_digits=profile.meter_digits,
        multiplying_factor=profile.multiplying_factor,
        last_reading=profile.last_reading,
        last_read_on=profile.last_read_on,
        last_status=profile.last_status,
        billed_to=profile.billed_to,
        normal_months=months_of(profile.normal_1, profile.normal_2, profile.normal_3),
        units_on_average=profile.units_on_average,
        gj_baseline_centiunits=profile.gj_baseline_centiunits,
        arrears_due_on=profile.arrears_due_on,
        balance_paise=int(balance),
        route_id=profile.route_id,
    )


@dataclass
class _Chunk:
    """One chunk's bills and what it set aside, counted into the report once it commits."""

    items: list[Billed] = field(default_factory=list)
    held: int = 0
    problems: list[str] = field(default_factory=list)


def _bill_chunk(rows: list[Any], cycle: str, book: TariffBook) -> _Chunk:
    chunk = _Chunk()
    for cid, rr, category, load, profile, balance, day, reading, review in rows:
        state = meter_state((cid, rr, category, load), profile, balance)
        if reading is not None and review == "open":
            chunk.held += 1
            continue
        if reading is not None and review != "rejected":
            seen, source = observation_of(reading), "reading"
        else:
            seen = Observation(
                read_on=reading_date(cycle, day), meter_status=MeterStatus.DOOR_LOCKED
            )
            source = "estimated"
        try:
            bill = compute_bill(bill_inputs(state, seen), book)
        except (BillingInputError, NoTariffInForce) as problem:
            chunk.problems.append(f"{rr}: {problem}")
            continue
        reading_id = reading.id if source == "reading" else None
        chunk.items.append(Billed(state, seen, bill, cycle, source, reading_id))
    return chunk


def _count(report: RunReport, chunk: _Chunk) -> None:
    report.chunks += 1
    report.from_readings += sum(1 for item in chunk.items if item.source == "reading")
    report.estimated += sum(1 for item in chunk.items if item.source == "estimated")
    report.held_for_review += chunk.held
    report.not_billable += len(chunk.problems)
    report.problems.extend(chunk.problems[: max(0, 20 - len(report.problems))])


class _Chunks:
    """Reads and computes the next chunk on a worker thread while this one writes the last.

    Chunks are disjoint ranges of consumer ids, so reading the next one before the last commits
    changes nothing; the database's wait on one overlaps Python's computing of the other.
    """

    def __init__(
        self,
        factory: sessionmaker[Session],
        query: Select[*tuple[Any, ...]],
        size: int,
        cycle: str,
        book: TariffBook,
    ) -> None:
        self.factory, self.query, self.size, self.cycle, self.book = (
            factory,
            query,
            size,
            cycle,
            book,
        )
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bill-run")

    def _read(self, session: Session, after: int) -> tuple[list[Any], _Chunk]:
        rows = list(
            session.execute(
                self.query.where(Consumer.id > after).order_by(Consumer.id).limit(self.size)
            ).all()
        )
        return rows, _bill_chunk(rows, self.cycle, self.book)

    def _prepare(self, after: int) -> tuple[list[Any], _Chunk]:
        with self.factory() as session, session.begin():
            return self._read(session, after)

    def ahead(self, after: int) -> Future[tuple[list[Any], _Chunk]]:
        return self.worker.submit(self._prepare, after)

    def write(
        self, after: int, prepared: tuple[list[Any], _Chunk], report: RunReport
    ) -> tuple[list[Any], _Chunk]:
        """Post a prepared chunk in one transaction; read it again if an upload got there first."""
        rows, chunk = prepared
        for attempt in (1, 2):
            try:
                with self.factory() as session, session.begin():
                    if attempt == 2:
                        rows, chunk = self._read(session, after)
                    if session.get_bind().dialect.name == "postgresql":
                        copy_bills(session, chunk.items)
                    else:
                        post_bills(session, chunk.items)
                return rows, chunk
            except IntegrityError:
                # A handheld's upload billed someone of this chunk first: take it again.
                if attempt == 2:
                    raise
                report.retried_chunks += 1
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.worker.shutdown(wait=True, cancel_futures=True)


def bill_run(
    engine: Engine,
    *,
    cycle: str,
    principal: Principal,
    subdivision: str | None = None,
    chunk: int = CHUNK,
    pause: float = 0.0,
    progress: Progress | None = None,
    settings: BillingSettings | None = None,
) -> RunReport:
    """Close the cycle for the scope and bill everyone in it not yet billed; safe to rerun."""
    parse_cycle(cycle)
    started = time.perf_counter()
    book = tariff_book((settings or BillingSettings.from_env()).tariff_dir)
    factory = make_session_factory(engine)
    with factory() as session, session.begin():
        unit = _scope(session, subdivision)
        scope_path, scope_code = unit.path, unit.code
        if close_cycle(session, cycle=cycle, unit_id=unit.id, closed_by=principal.name):
            record(
                session,
                principal=principal,
                action="billing.cycle.close",
                target_type="org_unit",
                target_id=scope_code,
                details={"cycle": cycle},
            )
        query = _candidates(cycle, scope_path)
        total = int(
            session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        )
    report = RunReport(cycle=cycle, scope=scope_code, candidates=total)
    after, done = 0, 0
    if progress:
        progress(0, total)
    chunks = _Chunks(factory, query, chunk, cycle, book)
    try:
        upcoming = chunks.ahead(after)
        while True:
            prepared = upcoming.result()
            if not prepared[0]:
                break
            next_after = int(prepared[0][-1][0])
            if not pause:
                upcoming = chunks.ahead(next_after)
            rows, chunk_done = chunks.write(after, prepared, report)
            after = next_after
            done += len(rows)
            _count(report, chunk_done)
            if progress:
                progress(done, total)
            if pause:
                time.sleep(pause)
                upcoming = chunks.ahead(after)
    finally:
        chunks.close()
    report.seconds = time.perf_counter() - started
    with factory() as session, session.begin():
        record(
            session,
            principal=principal,
            action="billing.bill_run",
            target_type="org_unit",
            target_id=scope_code,
            details={
                "cycle": cycle,
                "billed": report.billed,
                "estimated": report.estimated,
                "held_for_review": report.held_for_review,
                "not_billable": report.not_billable,
            },
        )
    return report
