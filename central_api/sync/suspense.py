"""Suspense: money for RR numbers the centre did not know, until accounts staff place it."""

from __future__ import annotations

from typing import TypeVarTuple

from sqlalchemy import Select, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from central_api.audit.service import record
from central_api.consumers.models import Consumer
from central_api.db import utcnow
from central_api.deps import Principal
from central_api.errors import Conflict, NotFound
from central_api.ledger.schemas import EntryCategory, EntryKind
from central_api.ledger.service import Posting, post
from central_api.org.models import Counter, Location, OrgUnit
from central_api.sync.models import SuspenseEntry

Ts = TypeVarTuple("Ts")


def at_counters_within(
    principal: Principal, query: Select[*Ts], counter_id: InstrumentedAttribute[int | None]
) -> Select[*Ts]:
    """`query` limited to rows of counters whose location lies within the principal's scope."""
    located = query.join(Counter, Counter.id == counter_id).join(
        Location, Location.id == Counter.location_id
    )
    return principal.within(located, Location.unit_id)


def list_open(
    session: Session, *, principal: Principal, state: str, limit: int
) -> list[SuspenseEntry]:
    """Suspense entries taken at counters within the caller's scope."""
    query = (
        at_counters_within(principal, select(SuspenseEntry), SuspenseEntry.counter_id)
        .where(SuspenseEntry.state == state)
        .order_by(SuspenseEntry.id)
        .limit(limit)
    )
    return list(session.scalars(query))


def open_entry(session: Session, suspense_id: int) -> SuspenseEntry:
    """The suspense entry, locked, refused unless it is still open."""
    held = session.get(SuspenseEntry, suspense_id, with_for_update=True)
    if held is None:
        raise NotFound(f"no suspense entry {suspense_id}", field="suspense_id")
    if held.state != "open":
        raise Conflict(f"suspense entry {suspense_id} is already {held.state}", field="suspense_id")
    return held


def consumer_for(session: Session, *, principal: Principal, rr_number: str) -> Consumer:
    """The account an amount is to be placed on, refused outside the principal's scope."""
    consumer = session.scalar(select(Consumer).where(Consumer.rr_number == rr_number))
    if consumer is None:
        raise NotFound(f"no consumer with RR number {rr_number}", field="rr_number")
    path = session.scalar(select(OrgUnit.path).where(OrgUnit.id == consumer.section_id)) or ""
    principal.require_covers(path, rr_number, "rr_number")
    return consumer


def post_transfer(
    session: Session,
    *,
    principal: Principal,
    held: SuspenseEntry,
    consumer: Consumer,
    reason: str,
    asked_by: int | None,
) -> SuspenseEntry:
    """Post the held amount to `consumer`: asked by `asked_by`, approved by `principal`.

    Only the reconciliation's two-person transfer (central_api.reconciliation.corrections)
    calls this, once a second officer approves."""
    paid = held.amount_paise > 0
    entry, _ = post(
        session,
        Posting(
            consumer_id=consumer.id,
            kind=EntryKind.CREDIT if paid else EntryKind.DEMAND,
            category=EntryCategory.PAYMENT if paid else EntryCategory.REVERSAL,
            amount_paise=abs(held.amount_paise),
            source_ref=f"suspense:{held.id}",
            business_date=held.business_date,
            narration=f"{held.narration} (from suspense: {reason})"[:200],
            posted_by_user_id=asked_by,
            approved_by_user_id=principal.user_id,
        ),
    )
    held.state, held.transferred_to, held.transferred_by = (
        "transferred",
        consumer.id,
        principal.user_id,
    )
    held.transferred_at, held.ledger_entry_id = utcnow(), entry.id
    record(
        session,
        principal=principal,
        action="suspense.transfer",
        target_type="suspense",
        target_id=held.id,
        details={
            "rr_number": consumer.rr_number,
            "amount_paise": held.amount_paise,
            "given_as": held.rr_number_given,
            "reason": reason,
            "asked_by": asked_by,
        },
    )
    return held
