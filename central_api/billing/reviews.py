"""The review queue (accounts officers decide on held readings) and each route's progress."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central_api.audit.service import record
from central_api.billing.config import BillingSettings
from central_api.billing.cycles import bill_number, parse_cycle
from central_api.billing.meter import bill_inputs
from central_api.billing.models import Bill as BillRow
from central_api.billing.models import BillReview, MeterProfile, MeterReading, ReadingRoute
from central_api.billing.posting import Billed, post_bills
from central_api.billing.readings import observation_of
from central_api.billing.schemas import (
    ExceptionItem,
    ReviewRead,
    RouteProgress,
    RouteProgressDetail,
)
from central_api.billing.service import route_in_scope, route_states
from central_api.billing.tariffs import tariff_book
from central_api.consumers.models import Consumer
from central_api.db import utcnow
from central_api.deps import Principal
from central_api.errors import BadInput, Conflict, Forbidden, NotFound
from central_api.org.models import OrgUnit
from common.billing import BillingInputError, NoTariffInForce, compute_bill


def _review_read(review: BillReview, rr_number: str, number: str | None) -> ReviewRead:
    return ReviewRead(
        id=review.id,
        rr_number=rr_number,
        cycle=review.cycle,
        kind=review.kind,
        reason=review.reason,
        state=review.state,
        device_bill=review.device_bill,
        centre_bill=review.centre_bill,
        opened_at=review.opened_at,
        decided_at=review.decided_at,
        note=review.note,
        bill_number=number,
    )


def list_reviews(
    session: Session, *, principal: Principal, state: str | None, cycle: str | None, limit: int
) -> list[ReviewRead]:
    """Reviews of consumers in the caller's area, oldest open first."""
    query = (
        select(BillReview, Consumer.rr_number, BillRow.bill_number)
        .join(Consumer, Consumer.id == BillReview.consumer_id)
        .join(OrgUnit, OrgUnit.id == Consumer.section_id)
        .outerjoin(BillRow, BillRow.id == BillReview.bill_id)
        .where(OrgUnit.path.startswith(principal.scope_path))
        .order_by(BillReview.id)
        .limit(limit)
    )
    if state:
        query = query.where(BillReview.state == state)
    if cycle:
        parse_cycle(cycle)
        query = query.where(BillReview.cycle == cycle)
    return [_review_read(r, rr, number) for r, rr, number in session.execute(query)]


def _open_review(session: Session, principal: Principal, review_id: int) -> BillReview:
    review = session.get(BillReview, review_id, with_for_update=True)
    if review is None:
        raise NotFound(f"no review {review_id}", field="review_id")
    path = session.scalar(
        select(OrgUnit.path)
        .join(Consumer, Consumer.section_id == OrgUnit.id)
        .where(Consumer.id == review.consumer_id)
    )
    if path is None or not principal.covers(path):
        raise Forbidden(f"review {review_id} is outside your area", field="review_id")
    if review.state != "open":
        raise Conflict(f"review {review_id} is already {review.state}", field="review_id")
    return review


def accept_review(
    session: Session,
    *,
    principal: Principal,
    review_id: int,
    note: str | None,
    settings: BillingSettings,
) -> ReviewRead:
    """Bill the reading as read, with the centre's computation, and close the review."""
    review = _open_review(session, principal, review_id)
    reading = session.get(MeterReading, review.reading_id)
    assert reading is not None
    rr = session.scalar(select(Consumer.rr_number).where(Consumer.id == review.consumer_id))
    assert rr is not None
    [(state, _)] = route_states(session, rr_numbers=[rr])
    seen = observation_of(reading)
    try:
        bill = compute_bill(bill_inputs(state, seen), tariff_book(settings.tariff_dir))
    except (BillingInputError, NoTariffInForce) as problem:
        raise BadInput(
            f"this reading cannot be billed as read ({problem}); reject it instead",
            field="review_id",
        ) from None
    [bill_id] = post_bills(
        session,
        [
            Billed(
                state,
                seen,
                bill,
                review.cycle,
                "review",
                reading.id,
                device_id=reading.device_id,
                user_id=principal.user_id,
            )
        ],
    )
    _decide(session, principal, review, "accepted", note, bill_id)
    return _review_read(review, rr, bill_number(review.cycle, rr))


def reject_review(
    session: Session, *, principal: Principal, review_id: int, note: str | None
) -> ReviewRead:
    """Set the reading aside: the bill run bills the consumer on the average instead."""
    review = _open_review(session, principal, review_id)
    _decide(session, principal, review, "rejected", note, None)
    rr = session.scalar(select(Consumer.rr_number).where(Consumer.id == review.consumer_id))
    return _review_read(review, rr or "", None)


def _decide(
    session: Session,
    principal: Principal,
    review: BillReview,
    state: str,
    note: str | None,
    bill_id: int | None,
) -> None:
    review.state, review.note, review.bill_id = state, note, bill_id
    review.decided_by, review.decided_at = principal.user_id, utcnow()
    session.flush()
    record(
        session,
        principal=principal,
        action=f"billing.review.{'accept' if state == 'accepted' else 'reject'}",
        target_type="bill_review",
        target_id=review.id,
        details={"kind": review.kind, "cycle": review.cycle, "bill": bill_id, "note": note},
    )


def _counts(session: Session, route_ids: list[int], cycle: str) -> dict[str, dict[int, int]]:
    def grouped(query: object) -> dict[int, int]:
        return {int(k): int(v) for k, v in session.execute(query)}  # type: ignore[call-overload]

    return {
        "consumers": grouped(
            select(MeterProfile.route_id, func.count())
            .where(MeterProfile.route_id.in_(route_ids))
            .group_by(MeterProfile.route_id)
        ),
        "read": grouped(
            select(MeterReading.route_id, func.count())
            .where(MeterReading.route_id.in_(route_ids), MeterReading.cycle == cycle)
            .group_by(MeterReading.route_id)
        ),
        "billed": grouped(
            select(MeterProfile.route_id, func.count())
            .join(BillRow, BillRow.consumer_id == MeterProfile.consumer_id)
            .where(MeterProfile.route_id.in_(route_ids), BillRow.cycle == cycle)
            .group_by(MeterProfile.route_id)
        ),
        "exceptions": grouped(
            select(MeterReading.route_id, func.count())
            .join(BillReview, BillReview.reading_id == MeterReading.id)
            .where(
                MeterReading.route_id.in_(route_ids),
                MeterReading.cycle == cycle,
                BillReview.state == "open",
            )
            .group_by(MeterReading.route_id)
        ),
    }


def _progress(
    route: ReadingRoute, section: str, cycle: str, counts: dict[str, dict[int, int]]
) -> RouteProgress:
    consumers = counts["consumers"].get(route.id, 0)
    read = counts["read"].get(route.id, 0)
    return RouteProgress(
        route_code=route.code,
        section_code=section,
        cycle=cycle,
        reading_day=route.reading_day,
        consumers=consumers,
        read=read,
        unread=max(0, consumers - read),
        billed=counts["billed"].get(route.id, 0),
        exceptions=counts["exceptions"].get(route.id, 0),
    )


def routes_progress(
    session: Session, *, principal: Principal, cycle: str, after: str, limit: int
) -> list[RouteProgress]:
    """Progress of the routes in the caller's area, by route code, `limit` after `after`."""
    parse_cycle(cycle)
    rows = session.execute(
        select(ReadingRoute, OrgUnit.code)
        .join(OrgUnit, OrgUnit.id == ReadingRoute.section_id)
        .where(OrgUnit.path.startswith(principal.scope_path), ReadingRoute.code > after)
        .order_by(ReadingRoute.code)
        .limit(limit)
    ).all()
    counts = _counts(session, [route.id for route, _ in rows], cycle)
    return [_progress(route, section, cycle, counts) for route, section in rows]


def route_progress(
    session: Session, *, principal: Principal, route_code: str, cycle: str
) -> RouteProgressDetail:
    """One route's progress, with who is still unread and the open exceptions."""
    parse_cycle(cycle)
    where = route_in_scope(session, principal=principal, route_code=route_code)
    route = where.route
    summary = _progress(route, where.section_code, cycle, _counts(session, [route.id], cycle))
    unread = session.scalars(
        select(Consumer.rr_number)
        .join(MeterProfile, MeterProfile.consumer_id == Consumer.id)
        .outerjoin(
            MeterReading,
            (MeterReading.consumer_id == Consumer.id) & (MeterReading.cycle == cycle),
        )
        .where(MeterProfile.route_id == route.id, MeterReading.id.is_(None))
        .order_by(Consumer.rr_number)
    ).all()
    exceptions = session.execute(
        select(Consumer.rr_number, BillReview.id, BillReview.kind, BillReview.reason)
        .join(MeterReading, MeterReading.id == BillReview.reading_id)
        .join(Consumer, Consumer.id == BillReview.consumer_id)
        .where(
            MeterReading.route_id == route.id,
            MeterReading.cycle == cycle,
            BillReview.state == "open",
        )
        .order_by(BillReview.id)
    ).all()
    return RouteProgressDetail(
        **summary.model_dump(),
        unread_rr_numbers=list(unread),
        exception_items=[
            ExceptionItem(rr_number=rr, review_id=rid, kind=kind, reason=reason)
            for rr, rid, kind, reason in exceptions
        ],
    )
