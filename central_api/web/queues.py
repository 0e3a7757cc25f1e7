"""The suspense queue (two-officer transfer: one asks, another approves) and the quarantine queue.

Each route only translates a page or a form to a service call; the rules live in the services.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from central_api.db import write_transaction
from central_api.deps import SessionDep
from central_api.identity.models import User
from central_api.org.models import Counter
from central_api.reconciliation import service as recon
from central_api.reconciliation.schemas import Decision, SuspenseTransferAsk
from central_api.sync import suspense
from central_api.sync.models import SyncConflict
from central_api.sync.suspense import at_counters_within
from central_api.web.render import PREFIX, page, refusals_as_pages, see_other
from central_api.web.session import (
    ACTING_ROLES,
    WebPrincipal,
    WebRefusal,
    acting,
    text_field,
    validated,
)

router = APIRouter(include_in_schema=False)  # included under PREFIX by web.routes
ActForm = Annotated[FormData, Depends(acting(ACTING_ROLES, "act on the reconciliation"))]
QUEUE_LIMIT = 200
RowId = Annotated[int, Path(ge=1, le=2**62)]


def counter_codes(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    rows = session.execute(select(Counter.id, Counter.code).where(Counter.id.in_(wanted)))
    return {row.id: row.code for row in rows}


def usernames(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    rows = session.execute(select(User.id, User.username).where(User.id.in_(wanted)))
    return {row.id: row.username for row in rows}


@router.get("/suspense", response_class=HTMLResponse)
def suspense_queue(
    request: Request,
    session: SessionDep,
    principal: WebPrincipal,
    state: Literal["open", "transferred"] = "open",
) -> HTMLResponse:
    """Money for unknown RR numbers at counters in the reader's scope, and transfers asked."""
    with session.begin():
        entries = suspense.list_open(session, principal=principal, state=state, limit=QUEUE_LIMIT)
        pending = recon.pending_suspense_transfers(session, principal=principal, limit=QUEUE_LIMIT)
        counters = counter_codes(session, {e.counter_id for e in entries})
        people = usernames(session, {p.requested_by for p in pending})
    return page(
        request,
        "suspense.html",
        principal,
        active="suspense",
        entries=entries,
        pending=pending,
        asked={p.suspense_id for p in pending},
        counters=counters,
        people=people,
        state=state,
        done=request.query_params.get("done", "")[:40],
    )


@router.post("/suspense/{suspense_id}/ask", response_class=RedirectResponse)
def ask_transfer(
    suspense_id: RowId, session: SessionDep, principal: WebPrincipal, form: ActForm
) -> RedirectResponse:
    """Ask for a suspense receipt to go to an RR number; a second officer must approve."""
    body = validated(
        SuspenseTransferAsk,
        {
            "suspense_id": suspense_id,
            "rr_number": text_field(form, "rr_number", max_chars=20),
            "reason": text_field(form, "reason"),
        },
    )
    with refusals_as_pages(), write_transaction(session):
        asked = recon.ask_suspense_transfer(
            session,
            principal=principal,
            suspense_id=body.suspense_id,
            rr_number=body.rr_number,
            reason=body.reason,
        )
    return see_other(f"{PREFIX}/suspense?done=asked-{asked.id}")


@router.post("/suspense-transfers/{request_id}/decide", response_class=RedirectResponse)
def decide_transfer(
    request_id: RowId, session: SessionDep, principal: WebPrincipal, form: ActForm
) -> RedirectResponse:
    """Approve (the money moves, as new ledger entries) or reject another officer's request."""
    decision = text_field(form, "decision", max_chars=10)
    if decision not in ("approve", "reject"):
        raise WebRefusal(422, "must be approve or reject", field="decision")
    note = text_field(form, "note", required=False)
    body = validated(Decision, {"approve": decision == "approve", "note": note or None})
    with refusals_as_pages(), write_transaction(session):
        decided = recon.decide_suspense_transfer(
            session,
            principal=principal,
            request_id=request_id,
            approve=body.approve,
            note=body.note,
        )
    return see_other(f"{PREFIX}/suspense?done={decided.state}-{decided.id}")


@router.get("/quarantine", response_class=HTMLResponse)
def quarantine_queue(
    request: Request, session: SessionDep, principal: WebPrincipal
) -> HTMLResponse:
    """Entries the centre would not take as sent (conflicts, malformed), never applied."""
    with session.begin():
        conflicts = list(
            session.scalars(
                at_counters_within(principal, select(SyncConflict), SyncConflict.counter_id)
                .where(SyncConflict.resolved_at.is_(None))
                .order_by(SyncConflict.id)
                .limit(QUEUE_LIMIT)
            )
        )
        counters = counter_codes(session, {c.counter_id for c in conflicts})
    return page(
        request,
        "quarantine.html",
        principal,
        active="quarantine",
        conflicts=conflicts,
        counters=counters,
    )
