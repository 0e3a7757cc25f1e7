"""The suspense queue and payment corrections (two officers: one asks, another approves), and
the quarantine queue.

Each route only translates a page or a form to a service call; the rules live in the services.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from central_api.consumers.models import Consumer
from central_api.db import write_transaction
from central_api.deps import SessionDep
from central_api.identity.models import User
from central_api.org.models import Counter
from central_api.reconciliation import service as recon
from central_api.reconciliation.schemas import (
    AccountTransferAsk,
    ConflictResolve,
    Decision,
    Resolution,
    SuspenseTransferAsk,
)
from central_api.sync import suspense
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


def counter_codes(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    rows = session.execute(select(Counter.id, Counter.code).where(Counter.id.in_(wanted)))
    return {row.id: row.code for row in rows}


def usernames(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    rows = session.execute(select(User.id, User.username).where(User.id.in_(wanted)))
    return {row.id: row.username for row in rows}


def rr_numbers(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(select(Consumer.id, Consumer.rr_number).where(Consumer.id.in_(ids)))
    return {row.id: row.rr_number for row in rows}


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
        payments = recon.pending_account_transfers(session, principal=principal, limit=QUEUE_LIMIT)
        counters = counter_codes(session, {e.counter_id for e in entries})
        people = usernames(
            session, {p.requested_by for p in pending} | {p.requested_by for p in payments}
        )
        accounts = rr_numbers(
            session, {p.from_consumer_id for p in payments} | {p.to_consumer_id for p in payments}
        )
    return page(
        request,
        "suspense.html",
        principal,
        active="suspense",
        entries=entries,
        pending=pending,
        payments=payments,
        accounts=accounts,
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


def _decision(form: FormData) -> Decision:
    """The approve/reject button pressed, and the optional note."""
    decision = text_field(form, "decision", max_chars=10)
    if decision not in ("approve", "reject"):
        raise WebRefusal(422, "must be approve or reject", field="decision")
    note = text_field(form, "note", required=False)
    return validated(Decision, {"approve": decision == "approve", "note": note or None})


@router.post("/suspense-transfers/{request_id}/decide", response_class=RedirectResponse)
def decide_transfer(
    request_id: RowId, session: SessionDep, principal: WebPrincipal, form: ActForm
) -> RedirectResponse:
    """Approve (the money moves, as new ledger entries) or reject another officer's request."""
    body = _decision(form)
    with refusals_as_pages(), write_transaction(session):
        decided = recon.decide_suspense_transfer(
            session,
            principal=principal,
            request_id=request_id,
            approve=body.approve,
            note=body.note,
        )
    return see_other(f"{PREFIX}/suspense?done={decided.state}-{decided.id}")


@router.post("/payment-transfers", response_class=RedirectResponse)
def ask_payment_transfer(
    session: SessionDep, principal: WebPrincipal, form: ActForm
) -> RedirectResponse:
    """Ask for a payment posted to the wrong account to move; a second officer approves."""
    body = validated(
        AccountTransferAsk,
        {
            "receipt_number": text_field(form, "receipt_number", max_chars=40),
            "to_rr_number": text_field(form, "to_rr_number", max_chars=20),
            "reason": text_field(form, "reason"),
        },
    )
    with refusals_as_pages(), write_transaction(session):
        asked = recon.ask_account_transfer(
            session,
            principal=principal,
            receipt_number=body.receipt_number,
            to_rr_number=body.to_rr_number,
            reason=body.reason,
        )
    return see_other(f"{PREFIX}/suspense?done=asked-payment-{asked.id}")


@router.post("/payment-transfers/{request_id}/decide", response_class=RedirectResponse)
def decide_payment_transfer(
    request_id: RowId, session: SessionDep, principal: WebPrincipal, form: ActForm
) -> RedirectResponse:
    """Approve (reverse on one account, credit the other) or reject a payment transfer."""
    body = _decision(form)
    with refusals_as_pages(), write_transaction(session):
        decided = recon.decide_account_transfer(
            session,
            principal=principal,
            request_id=request_id,
            approve=body.approve,
            note=body.note,
        )
    return see_other(f"{PREFIX}/suspense?done={decided.state}-payment-{decided.id}")


@router.get("/quarantine", response_class=HTMLResponse)
def quarantine_queue(
    request: Request, session: SessionDep, principal: WebPrincipal
) -> HTMLResponse:
    """Entries the centre would not take as sent (conflicts, malformed), never applied."""
    with session.begin():
        conflicts = recon.open_conflicts(session, principal=principal, limit=QUEUE_LIMIT)
        counters = counter_codes(session, {c.counter_id for c in conflicts})
    return page(
        request,
        "quarantine.html",
        principal,
        active="quarantine",
        conflicts=conflicts,
        counters=counters,
        resolutions=list(Resolution),
        done=request.query_params.get("done", "")[:40],
    )


@router.post("/quarantine/{conflict_id}/resolve", response_class=RedirectResponse)
def resolve_conflict(
    conflict_id: RowId, session: SessionDep, principal: WebPrincipal, form: ActForm
) -> RedirectResponse:
    """Close out a quarantined entry with the officer's decision; the held entry stays as is."""
    adjustment = text_field(form, "adjustment_id", required=False, max_chars=20)
    body = validated(
        ConflictResolve,
        {
            "resolution": text_field(form, "resolution", max_chars=30),
            "reason": text_field(form, "reason"),
            "adjustment_id": _whole_number(adjustment, "adjustment_id") if adjustment else None,
        },
    )
    with refusals_as_pages(), write_transaction(session):
        resolved = recon.resolve_conflict(
            session,
            principal=principal,
            conflict_id=conflict_id,
            resolution=body.resolution,
            reason=body.reason,
            adjustment_id=body.adjustment_id,
        )
    return see_other(f"{PREFIX}/quarantine?done=resolved-{resolved.id}")


def _whole_number(value: str, field: str) -> int:
    """A form's id field: ASCII digits only (no signs, decimals or other scripts' digits)."""
    if not (value.isascii() and value.isdigit()):
        raise WebRefusal(422, "must be a whole number", field=field)
    return int(value)
