"""Posting to the append-only ledger, the derived balance, and two-person adjustments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from central_api.audit.service import record
from central_api.consumers.models import Consumer
from central_api.db import utcnow
from central_api.deps import Principal
from central_api.errors import BadInput, Conflict, Forbidden, NotFound
from central_api.ledger.models import AccountBalance, LedgerAdjustment, LedgerEntry
from central_api.ledger.schemas import (
    CREDIT_CATEGORIES,
    DEMAND_CATEGORIES,
    AdjustmentCreate,
    EntryCategory,
    EntryKind,
)
from central_api.org.models import OrgUnit


@dataclass(frozen=True)
class Posting:
    """What to post: a positive amount owed (demand) or paid (credit), under a unique source."""

    consumer_id: int
    kind: EntryKind
    category: EntryCategory
    amount_paise: int
    source_ref: str
    business_date: date
    narration: str = ""
    posted_by_user_id: int | None = None
    approved_by_user_id: int | None = None
    device_id: int | None = None


def _check(posting: Posting) -> None:
    if isinstance(posting.amount_paise, bool) or not isinstance(posting.amount_paise, int):
        raise BadInput("must be whole paise", field="amount_paise")
    if posting.amount_paise <= 0:
        raise BadInput(
            "must be more than zero; the kind says which way it goes", field="amount_paise"
        )
    allowed = DEMAND_CATEGORIES if posting.kind is EntryKind.DEMAND else CREDIT_CATEGORIES
    if posting.category not in allowed:
        raise BadInput(f"a {posting.kind} cannot be a {posting.category}", field="category")
    if not posting.source_ref or len(posting.source_ref) > 80:
        raise BadInput("must be 1 to 80 characters", field="source_ref")


def post(session: Session, posting: Posting) -> tuple[LedgerEntry, bool]:
    """Append one entry and move the cached balance; the same source again is a no-op.

    Returns the entry and whether it is new. A different posting under a source already
    used is refused as a conflict, never overwritten.
    """
    _check(posting)
    signed = posting.amount_paise if posting.kind is EntryKind.DEMAND else -posting.amount_paise
    existing = session.scalar(
        select(LedgerEntry).where(LedgerEntry.source_ref == posting.source_ref)
    )
    if existing is not None:
        if (existing.consumer_id, existing.amount_paise, existing.kind) != (
            posting.consumer_id,
            signed,
            posting.kind.value,
        ):
            raise Conflict(
                f"{posting.source_ref} was already posted with different values", field="source_ref"
            )
        return existing, False
    entry = LedgerEntry(
        consumer_id=posting.consumer_id,
        kind=posting.kind.value,
        category=posting.category.value,
        amount_paise=signed,
        source_ref=posting.source_ref,
        business_date=posting.business_date,
        narration=posting.narration,
        posted_by_user_id=posting.posted_by_user_id,
        approved_by_user_id=posting.approved_by_user_id,
        device_id=posting.device_id,
    )
    session.add(entry)
    session.flush()
    moved = session.execute(
        update(AccountBalance)
        .where(AccountBalance.consumer_id == posting.consumer_id)
        .values(
            balance_paise=AccountBalance.balance_paise + signed,
            entry_count=AccountBalance.entry_count + 1,
            updated_at=utcnow(),
        )
    )
    if moved.rowcount == 0:  # type: ignore[attr-defined]
        session.add(
            AccountBalance(consumer_id=posting.consumer_id, balance_paise=signed, entry_count=1)
        )
    return entry, True


def derived_balance(session: Session, consumer_id: int) -> int:
    """The balance as the sum of the ledger: the truth that the cached balance must equal."""
    total = session.scalar(
        select(func.coalesce(func.sum(LedgerEntry.amount_paise), 0)).where(
            LedgerEntry.consumer_id == consumer_id
        )
    )
    return int(total or 0)


def statement(
    session: Session, *, consumer_id: int, before_id: int | None = None, limit: int = 100
) -> list[LedgerEntry]:
    query = select(LedgerEntry).where(LedgerEntry.consumer_id == consumer_id)
    if before_id:
        query = query.where(LedgerEntry.id < before_id)
    return list(session.scalars(query.order_by(LedgerEntry.id.desc()).limit(limit)))


def request_adjustment(
    session: Session, *, principal: Principal, consumer: Consumer, data: AdjustmentCreate
) -> LedgerAdjustment:
    """Ask for a correction; it posts only when a second officer approves it."""
    if data.amount_paise == 0:
        raise BadInput("must not be zero", field="amount_paise")
    assert principal.user_id is not None
    adjustment = LedgerAdjustment(
        consumer_id=consumer.id,
        amount_paise=data.amount_paise,
        reason=data.reason,
        requested_by=principal.user_id,
    )
    session.add(adjustment)
    session.flush()
    record(
        session,
        principal=principal,
        action="ledger.adjustment.request",
        target_type="consumer",
        target_id=consumer.rr_number,
        details={
            "adjustment": adjustment.id,
            "amount_paise": data.amount_paise,
            "reason": data.reason,
        },
    )
    return adjustment


def _pending(session: Session, adjustment_id: int, principal: Principal) -> LedgerAdjustment:
    adjustment = session.get(LedgerAdjustment, adjustment_id, with_for_update=True)
    if adjustment is None:
        raise NotFound(f"no adjustment {adjustment_id}", field="adjustment_id")
    if adjustment.state != "pending":
        raise Conflict(
            f"adjustment {adjustment_id} is already {adjustment.state}", field="adjustment_id"
        )
    if adjustment.requested_by == principal.user_id:
        raise Forbidden(
            "a second officer must decide on an adjustment you asked for", field="adjustment_id"
        )
    return adjustment


def approve_adjustment(
    session: Session, *, principal: Principal, adjustment_id: int, note: str | None
) -> LedgerAdjustment:
    """Post the correction as a new ledger entry with its reason and approver."""
    adjustment = _pending(session, adjustment_id, principal)
    kind = EntryKind.DEMAND if adjustment.amount_paise > 0 else EntryKind.CREDIT
    entry, _ = post(
        session,
        Posting(
            consumer_id=adjustment.consumer_id,
            kind=kind,
            category=EntryCategory.ADJUSTMENT,
            amount_paise=abs(adjustment.amount_paise),
            source_ref=f"adjustment:{adjustment.id}",
            business_date=utcnow().date(),
            narration=adjustment.reason,
            posted_by_user_id=adjustment.requested_by,
            approved_by_user_id=principal.user_id,
        ),
    )
    adjustment.state, adjustment.decided_by = "approved", principal.user_id
    adjustment.decided_at, adjustment.entry_id = utcnow(), entry.id
    record(
        session,
        principal=principal,
        action="ledger.adjustment.approve",
        target_type="adjustment",
        target_id=adjustment.id,
        details={"entry": entry.id, "note": note},
    )
    return adjustment


def reject_adjustment(
    session: Session, *, principal: Principal, adjustment_id: int, note: str | None
) -> LedgerAdjustment:
    adjustment = _pending(session, adjustment_id, principal)
    adjustment.state, adjustment.decided_by = "rejected", principal.user_id
    adjustment.decided_at = utcnow()
    record(
        session,
        principal=principal,
        action="ledger.adjustment.reject",
        target_type="adjustment",
        target_id=adjustment.id,
        details={"note": note},
    )
    return adjustment


def list_adjustments(
    session: Session, *, principal: Principal, state: str | None, limit: int
) -> list[LedgerAdjustment]:
    """Adjustments on accounts within the caller's scope, newest first."""
    query = (
        select(LedgerAdjustment)
        .join(Consumer, Consumer.id == LedgerAdjustment.consumer_id)
        .join(OrgUnit, OrgUnit.id == Consumer.section_id)
        .where(OrgUnit.path.startswith(principal.scope_path))
        .order_by(LedgerAdjustment.id.desc())
        .limit(limit)
    )
    if state:
        query = query.where(LedgerAdjustment.state == state)
    return list(session.scalars(query))
