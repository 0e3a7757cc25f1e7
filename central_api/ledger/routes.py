"""HTTP routes for account statements and two-person ledger adjustments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query
from sqlalchemy.orm import Session

from central_api.consumers import service as consumers
from central_api.db import write_transaction
from central_api.deps import Principal, SessionDep, require
from central_api.identity.permissions import Permission
from central_api.ledger import service
from central_api.ledger.models import LedgerAdjustment
from central_api.ledger.schemas import (
    AdjustmentCreate,
    AdjustmentDecision,
    AdjustmentRead,
    LedgerEntryRead,
    StatementRead,
)

router = APIRouter(tags=["ledger"])
Reader = Annotated[Principal, Depends(require(Permission.LEDGER_READ))]
Adjuster = Annotated[Principal, Depends(require(Permission.LEDGER_ADJUST))]
RR = Annotated[str, Path(min_length=4, max_length=20, pattern=r"^[A-Za-z0-9]+$")]


@router.get("/consumers/{rr_number}/ledger", response_model=StatementRead)
def statement(
    rr_number: RR,
    session: SessionDep,
    principal: Reader,
    before_id: Annotated[int | None, Query(ge=1)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> StatementRead:
    consumer = consumers.by_rr_number(session, principal=principal, rr_number=rr_number.upper())
    entries = service.statement(session, consumer_id=consumer.id, before_id=before_id, limit=limit)
    return StatementRead(
        rr_number=consumer.rr_number,
        balance_paise=consumers.balance_of(session, consumer.id),
        entries=[LedgerEntryRead.model_validate(e) for e in entries],
    )


@router.get("/ledger/adjustments", response_model=list[AdjustmentRead])
def list_adjustments(
    session: SessionDep,
    principal: Adjuster,
    state: Literal["pending", "approved", "rejected"] | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[AdjustmentRead]:
    rows = service.list_adjustments(session, principal=principal, state=state, limit=limit)
    return [AdjustmentRead.model_validate(a) for a in rows]


@router.post("/ledger/adjustments", response_model=AdjustmentRead, status_code=201)
def request_adjustment(
    body: AdjustmentCreate, session: SessionDep, principal: Adjuster
) -> AdjustmentRead:
    with write_transaction(session):
        consumer = consumers.by_rr_number(
            session, principal=principal, rr_number=body.rr_number, for_change=True
        )
        adjustment = service.request_adjustment(
            session, principal=principal, consumer=consumer, data=body
        )
    return AdjustmentRead.model_validate(adjustment)


Decide = Callable[..., LedgerAdjustment]


def _decide(
    decide: Decide, adjustment_id: int, note: str | None, session: Session, principal: Principal
) -> AdjustmentRead:
    with write_transaction(session):
        adjustment = decide(session, principal=principal, adjustment_id=adjustment_id, note=note)
    return AdjustmentRead.model_validate(adjustment)


@router.post("/ledger/adjustments/{adjustment_id}/approve", response_model=AdjustmentRead)
def approve_adjustment(
    adjustment_id: Annotated[int, Path(ge=1)],
    body: AdjustmentDecision,
    session: SessionDep,
    principal: Adjuster,
) -> AdjustmentRead:
    return _decide(service.approve_adjustment, adjustment_id, body.note, session, principal)


@router.post("/ledger/adjustments/{adjustment_id}/reject", response_model=AdjustmentRead)
def reject_adjustment(
    adjustment_id: Annotated[int, Path(ge=1)],
    body: AdjustmentDecision,
    session: SessionDep,
    principal: Adjuster,
) -> AdjustmentRead:
    return _decide(service.reject_adjustment, adjustment_id, body.note, session, principal)
