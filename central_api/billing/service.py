"""Spot billing: a route's download, readings and device bills uploaded in batches, photos."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central_api.billing.config import BillingSettings
from central_api.billing.cycles import closed_for, parse_cycle, reading_date
from central_api.billing.meter import MeterState
from central_api.billing.models import Bill as BillRow
from central_api.billing.models import MeterPhoto, MeterProfile, MeterReading, ReadingRoute
from central_api.billing.run import meter_state
from central_api.billing.schemas import (
    ConsumerToRead,
    PhotoStored,
    ReadingBatch,
    RouteDownload,
    TariffFileOut,
    UploadResult,
)
from central_api.billing.tariffs import tariff_book, tariff_files
from central_api.billing.upload import Upload
from central_api.consumers.models import Consumer
from central_api.db import utcnow
from central_api.deps import Principal
from central_api.errors import BadInput, Conflict, Forbidden, NotFound
from central_api.ledger.models import AccountBalance
from central_api.org.models import OrgUnit
from common.billing import NoTariffInForce, TariffBook, entitlement_units
from common.identifiers import normalise_rr_number

PHOTO_MAGIC = {"image/jpeg": b"\xff\xd8\xff", "image/png": b"\x89PNG\r\n\x1a\n"}


@dataclass(frozen=True)
class RouteInScope:
    route: ReadingRoute
    section_code: str
    section_path: str


def route_in_scope(session: Session, *, principal: Principal, route_code: str) -> RouteInScope:
    """The route, if it lies within the principal's part of the company."""
    found = session.execute(
        select(ReadingRoute, OrgUnit.code, OrgUnit.path)
        .join(OrgUnit, OrgUnit.id == ReadingRoute.section_id)
        .where(ReadingRoute.code == route_code)
    ).first()
    if found is None:
        raise NotFound(f"no reading route {route_code}", field="route_code")
    route, code, path = found
    if not principal.covers(path):
        raise Forbidden(f"route {route_code} is outside your area", field="route_code")
    return RouteInScope(route, code, path)


def route_states(
    session: Session, *, route_id: int | None = None, rr_numbers: list[str] | None = None
) -> list[tuple[MeterState, Consumer]]:
    """Meter states of a route's consumers (or of the given RR numbers), in account order."""
    query = (
        select(Consumer, MeterProfile, func.coalesce(AccountBalance.balance_paise, 0))
        .join(MeterProfile, MeterProfile.consumer_id == Consumer.id)
        .outerjoin(AccountBalance, AccountBalance.consumer_id == Consumer.id)
        .order_by(Consumer.id)
    )
    if route_id is not None:
        query = query.where(MeterProfile.route_id == route_id)
    if rr_numbers is not None:
        query = query.where(Consumer.rr_number.in_(rr_numbers)).with_for_update(of=MeterProfile)
    out = []
    for consumer, profile, balance in session.execute(query):
        particulars = (
            consumer.id,
            consumer.rr_number,
            consumer.tariff_category,
            consumer.sanctioned_load_w,
        )
        out.append((meter_state(particulars, profile, balance), consumer))
    return out


def _entitlement(book: TariffBook, state: MeterState) -> int | None:
    baseline = state.gj_baseline_units
    if baseline is None:
        return None
    try:
        rules = book.order_for(state.billed_to).gruha_jyothi
    except NoTariffInForce:
        return None
    if rules is None or state.category not in rules.categories:
        return None
    return entitlement_units(baseline, rules)


def _to_read(
    state: MeterState, consumer: Consumer, book: TariffBook, billed: dict[int, str], read: set[int]
) -> ConsumerToRead:
    baseline = state.gj_baseline_units
    return ConsumerToRead(
        rr_number=consumer.rr_number,
        name_en=consumer.name_en,
        name_kn=consumer.name_kn,
        address=consumer.address,
        meter_number=consumer.meter_number,
        category=state.category,
        sanctioned_load_w=state.sanctioned_load_w,
        meter_digits=state.meter_digits,
        multiplying_factor=state.multiplying_factor,
        previous_reading=state.last_reading,
        previous_read_on=state.last_read_on,
        previous_status=state.last_status,
        period_start=state.billed_to,
        normal_months_units=list(state.normal_months),
        units_billed_on_average=state.units_on_average,
        arrears_paise=state.balance_paise,
        arrears_due_on=state.arrears_due_on,
        gruha_jyothi_baseline_units=None if baseline is None else str(baseline),
        gruha_jyothi_entitlement_units=_entitlement(book, state),
        read_this_cycle=state.consumer_id in read,
        bill_number=billed.get(state.consumer_id),
    )


def download_route(
    session: Session,
    *,
    principal: Principal,
    route_code: str,
    cycle: str,
    settings: BillingSettings,
) -> RouteDownload:
    """Everything a handheld needs for the route's cycle: consumers, history, tariff files."""
    parse_cycle(cycle)
    where = route_in_scope(session, principal=principal, route_code=route_code)
    route = where.route
    book = tariff_book(settings.tariff_dir)
    states = route_states(session, route_id=route.id)
    ids = [state.consumer_id for state, _ in states]
    billed = {
        int(cid): number
        for cid, number in session.execute(
            select(BillRow.consumer_id, BillRow.bill_number).where(
                BillRow.cycle == cycle, BillRow.consumer_id.in_(ids)
            )
        )
    }
    read = set(
        session.scalars(
            select(MeterReading.consumer_id).where(
                MeterReading.route_id == route.id, MeterReading.cycle == cycle
            )
        )
    )
    return RouteDownload(
        route_code=route.code,
        section_code=where.section_code,
        cycle=cycle,
        reading_date=reading_date(cycle, route.reading_day),
        closed=closed_for(session, cycle=cycle, unit_path=where.section_path),
        tariff_files=[
            TariffFileOut(name=f.name, sha256=f.sha256, text=f.text)
            for f in tariff_files(settings.tariff_dir)
        ],
        consumers=[_to_read(s, c, book, billed, read) for s, c in states],
    )


def upload_readings(
    session: Session,
    *,
    principal: Principal,
    route_code: str,
    cycle: str,
    batch: ReadingBatch,
    settings: BillingSettings,
) -> UploadResult:
    """Take a batch of readings: bill, hold for review, or refuse each; retries are duplicates."""
    parse_cycle(cycle)
    if len(batch.readings) > settings.upload_max_readings:
        raise BadInput(
            f"send at most {settings.upload_max_readings} readings in a batch", field="readings"
        )
    where = route_in_scope(session, principal=principal, route_code=route_code)
    upload = Upload(session, principal, where.route, cycle, settings)
    # Lock the batch's consumers first: a retry racing its own first attempt waits for it.
    states = route_states(session, rr_numbers=[item.rr_number for item in batch.readings])
    if closed_for(session, cycle=cycle, unit_path=where.section_path):
        raise Conflict(
            f"cycle {cycle} is closed for this route: the bill run has billed it", field="cycle"
        )
    results = upload.take(batch.readings, {state.rr_number: state for state, _ in states})
    return UploadResult(route_code=route_code, cycle=cycle, results=results)


def store_photo(
    session: Session,
    *,
    principal: Principal,
    route_code: str,
    cycle: str,
    rr_number: str,
    content_type: str,
    data: bytes,
    settings: BillingSettings,
) -> PhotoStored:
    """Keep a meter photo with the consumer's reading; the same photo again is a no-op."""
    parse_cycle(cycle)
    rr = normalise_rr_number(rr_number)
    kind = content_type.split(";")[0].strip().lower()
    if kind not in PHOTO_MAGIC:
        raise BadInput("send the photo as image/jpeg or image/png", field="content-type")
    if len(data) > settings.photo_max_bytes:
        raise BadInput(f"a photo may be at most {settings.photo_max_bytes} bytes", field="photo")
    if not data.startswith(PHOTO_MAGIC[kind]):
        raise BadInput(f"the body is not a {kind} image", field="photo")
    where = route_in_scope(session, principal=principal, route_code=route_code)
    reading = session.scalar(
        select(MeterReading)
        .join(Consumer, Consumer.id == MeterReading.consumer_id)
        .where(
            Consumer.rr_number == rr,
            MeterReading.cycle == cycle,
            MeterReading.route_id == where.route.id,
        )
    )
    if reading is None:
        raise NotFound(
            f"no reading of {rr} on this route in {cycle}: send it first", field="rr_number"
        )
    digest = hashlib.sha256(data).hexdigest()
    held = session.get(MeterPhoto, reading.id)
    if held is not None:
        if held.sha256 != digest:
            raise Conflict(f"{rr} already has a different photo for {cycle}", field="photo")
        duplicate = True
    else:
        session.add(
            MeterPhoto(
                reading_id=reading.id,
                content_type=kind,
                size_bytes=len(data),
                sha256=digest,
                data=data,
                received_at=utcnow(),
            )
        )
        session.flush()
        duplicate = False
    return PhotoStored(
        rr_number=rr,
        cycle=cycle,
        sha256=digest,
        size_bytes=len(data),
        content_type=kind,
        duplicate=duplicate,
    )
