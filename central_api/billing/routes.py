"""HTTP routes of spot billing: route download, reading uploads, photos, progress, reviews."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Body, Depends, Header, Path, Query, Request
from sqlalchemy.exc import IntegrityError

from central_api.billing import reviews, service
from central_api.billing.config import BillingSettings
from central_api.billing.cycles import CYCLE_PATTERN
from central_api.billing.schemas import (
    PhotoStored,
    ReadingBatch,
    ReviewDecision,
    ReviewRead,
    RouteDownload,
    RouteProgress,
    RouteProgressDetail,
    UploadResult,
)
from central_api.deps import Principal, SessionDep, require
from central_api.errors import Conflict
from central_api.identity.permissions import Permission

router = APIRouter(prefix="/spot-billing", tags=["spot billing"])
Reader = Annotated[Principal, Depends(require(Permission.READINGS_TAKE))]
Watcher = Annotated[Principal, Depends(require(Permission.BILLING_PROGRESS))]
Reviewer = Annotated[Principal, Depends(require(Permission.BILLING_REVIEW))]
RouteCode = Annotated[str, Path(min_length=3, max_length=24, pattern=r"^[A-Z0-9-]+$")]
Cycle = Annotated[str, Path(pattern=CYCLE_PATTERN)]
RR = Annotated[str, Path(min_length=4, max_length=20, pattern=r"^[A-Za-z0-9]+$")]


def billing_settings(request: Request) -> BillingSettings:
    """The app's billing settings (tests set their own), else from the environment."""
    held = getattr(request.app.state, "billing_settings", None)
    if held is None:
        held = request.app.state.billing_settings = BillingSettings.from_env()
    return held


SettingsDep = Annotated[BillingSettings, Depends(billing_settings)]


@router.get("/routes", response_model=list[RouteProgress])
def list_routes(
    session: SessionDep,
    principal: Watcher,
    cycle: Annotated[str, Query(pattern=CYCLE_PATTERN)],
    after: Annotated[str, Query(max_length=24)] = "",
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[RouteProgress]:
    with session.begin():
        return reviews.routes_progress(
            session, principal=principal, cycle=cycle, after=after, limit=limit
        )


@router.get("/routes/{route_code}/cycles/{cycle}", response_model=RouteDownload)
def download(
    route_code: RouteCode,
    cycle: Cycle,
    session: SessionDep,
    principal: Reader,
    settings: SettingsDep,
) -> RouteDownload:
    with session.begin():
        return service.download_route(
            session, principal=principal, route_code=route_code, cycle=cycle, settings=settings
        )


@router.get("/routes/{route_code}/cycles/{cycle}/progress", response_model=RouteProgressDetail)
def progress(
    route_code: RouteCode, cycle: Cycle, session: SessionDep, principal: Watcher
) -> RouteProgressDetail:
    with session.begin():
        return reviews.route_progress(
            session, principal=principal, route_code=route_code, cycle=cycle
        )


@router.post("/routes/{route_code}/cycles/{cycle}/readings", response_model=UploadResult)
def upload(
    route_code: RouteCode,
    cycle: Cycle,
    body: ReadingBatch,
    session: SessionDep,
    principal: Reader,
    settings: SettingsDep,
) -> UploadResult:
    try:
        with session.begin():
            return service.upload_readings(
                session,
                principal=principal,
                route_code=route_code,
                cycle=cycle,
                batch=body,
                settings=settings,
            )
    except IntegrityError:
        # Only a bill run billing the same consumers at this moment gets here.
        raise Conflict(
            "the bill run is billing this route now; send again", field="cycle"
        ) from None


@router.put(
    "/routes/{route_code}/cycles/{cycle}/readings/{rr_number}/photo", response_model=PhotoStored
)
def put_photo(
    route_code: RouteCode,
    cycle: Cycle,
    rr_number: RR,
    photo: Annotated[bytes, Body(media_type="image/jpeg")],
    content_type: Annotated[str, Header(max_length=100)],
    session: SessionDep,
    principal: Reader,
    settings: SettingsDep,
) -> PhotoStored:
    with session.begin():
        return service.store_photo(
            session,
            principal=principal,
            route_code=route_code,
            cycle=cycle,
            rr_number=rr_number,
            content_type=content_type,
            data=photo,
            settings=settings,
        )


@router.get("/reviews", response_model=list[ReviewRead])
def list_reviews(
    session: SessionDep,
    principal: Reviewer,
    state: Literal["open", "accepted", "rejected"] | None = "open",
    cycle: Annotated[str | None, Query(pattern=CYCLE_PATTERN)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[ReviewRead]:
    with session.begin():
        return reviews.list_reviews(
            session, principal=principal, state=state, cycle=cycle, limit=limit
        )


@router.post("/reviews/{review_id}/accept", response_model=ReviewRead)
def accept(
    review_id: Annotated[int, Path(ge=1, le=2**62)],
    body: ReviewDecision,
    session: SessionDep,
    principal: Reviewer,
    settings: SettingsDep,
) -> ReviewRead:
    with session.begin():
        return reviews.accept_review(
            session, principal=principal, review_id=review_id, note=body.note, settings=settings
        )


@router.post("/reviews/{review_id}/reject", response_model=ReviewRead)
def reject(
    review_id: Annotated[int, Path(ge=1, le=2**62)],
    body: ReviewDecision,
    session: SessionDep,
    principal: Reviewer,
) -> ReviewRead:
    with session.begin():
        return reviews.reject_review(
            session, principal=principal, review_id=review_id, note=body.note
        )
