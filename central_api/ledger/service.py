"""Posting to the append-only ledger, the derived balance, and two-person adjustments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal, cast

from sqlalchemy import Table, bindparam, func, insert, select, text, update
from sqlalchemy.orm import Session

from central_api.audit.service import record
from central_api.bulk import among, insert_rows, int_array_literal
from central_api.changes import move_balances_at_commit, touch_accounts
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
    (outcome,) = post_many(session, [posting])
    entry = session.scalar(select(LedgerEntry).where(LedgerEntry.source_ref == posting.source_ref))
    assert entry is not None
    return entry, outcome is PostingOutcome.NEW


class PostingOutcome(StrEnum):
    NEW = "new"  # appended now
    HELD = "held"  # the same posting was already there: nothing done
    CONFLICT = "conflict"  # its source was used for a different posting: nothing done


def _signed(posting: Posting) -> int:
    return posting.amount_paise if posting.kind is EntryKind.DEMAND else -posting.amount_paise


def post_many(
    session: Session,
    postings: Sequence[Posting],
    *,
    conflicts: Literal["raise", "report"] = "raise",
    balances: Literal["now", "at_commit"] = "now",
) -> list[PostingOutcome]:
    """Append many entries in bulk and move each account's cached balance once.

    Never overwrites: a source already held with the same values is HELD; one held with
    different values raises Conflict before anything is written, or with conflicts="report"
    is answered CONFLICT (and skipped) so the caller can quarantine it.

    balances="at_commit" (for writers that read no balance afterwards in the transaction, such
    as counter sync) locks the balance rows now and moves them at commit in the statement that
    stamps them as changed; see move_balances.
    """
    for posting in postings:
        _check(posting)
    held: dict[str, tuple[int, int, str]] = {
        ref: (consumer_id, amount, kind)
        for ref, consumer_id, amount, kind in session.execute(
            select(
                LedgerEntry.source_ref,
                LedgerEntry.consumer_id,
                LedgerEntry.amount_paise,
                LedgerEntry.kind,
            ).where(among(session, LedgerEntry.source_ref, {p.source_ref for p in postings}))
        )
    }
    fresh: list[dict[str, object]] = []
    outcomes: list[PostingOutcome] = []
    moves: dict[int, tuple[int, int]] = {}
    now = utcnow()
    for posting in postings:
        key = (posting.consumer_id, _signed(posting), posting.kind.value)
        if posting.source_ref in held:
            if held[posting.source_ref] == key:
                outcomes.append(PostingOutcome.HELD)
                continue
            if conflicts == "raise":
                raise Conflict(
                    f"{posting.source_ref} was already posted with different values",
                    field="source_ref",
                )
            outcomes.append(PostingOutcome.CONFLICT)
            continue
        held[posting.source_ref] = key
        outcomes.append(PostingOutcome.NEW)
        paise, entries = moves.get(posting.consumer_id, (0, 0))
        moves[posting.consumer_id] = (paise + key[1], entries + 1)
        fresh.append(
            {
                "consumer_id": posting.consumer_id,
                "kind": posting.kind.value,
                "category": posting.category.value,
                "amount_paise": key[1],
                "source_ref": posting.source_ref,
                "business_date": posting.business_date,
                "narration": posting.narration,
                "posted_at": now,
                "posted_by_user_id": posting.posted_by_user_id,
                "approved_by_user_id": posting.approved_by_user_id,
                "device_id": posting.device_id,
            }
        )
    if fresh:
        insert_rows(session, cast(Table, LedgerEntry.__table__), fresh)
        move_balances(session, moves, at_commit=balances == "at_commit")
    return outcomes


_LOCK_BALANCES = text(
    "SELECT consumer_id FROM account_balances WHERE consumer_id = ANY(CAST(:ids AS BIGINT[])) "
    "ORDER BY consumer_id FOR UPDATE"
)
_MOVE_BALANCES = text(
    "UPDATE account_balances AS b SET balance_paise = b.balance_paise + v.paise, "
    "entry_count = b.entry_count + v.entries, updated_at = :now "
    "FROM unnest(CAST(:ids AS BIGINT[]), CAST(:paise AS BIGINT[]), CAST(:entries AS INT[])) "
    "AS v(id, paise, entries) "
    "WHERE b.consumer_id = v.id"
)


def move_balances(
    session: Session, moves: dict[int, tuple[int, int]], *, at_commit: bool = False
) -> None:
    """Add (paise, entries) to each account's cached balance; counters pull it as changed.

    Rows are locked in account order first, so two writers moving overlapping accounts wait
    for each other instead of deadlocking. With `at_commit` (PostgreSQL; elsewhere it has no
    effect) the rows are locked now but moved when the transaction commits, in the one
    statement that also stamps them, instead of being written twice.
    """
    ids = sorted(moves)
    touch_accounts(session, ids)
    postgresql = session.get_bind().dialect.name == "postgresql"
    if postgresql:
        present = set(session.scalars(_LOCK_BALANCES, {"ids": int_array_literal(ids)}))
    else:
        present = set(
            session.scalars(
                select(AccountBalance.consumer_id).where(AccountBalance.consumer_id.in_(ids))
            )
        )
    missing = [cid for cid in ids if cid not in present]
    if missing:
        session.execute(
            insert(AccountBalance),
            [{"consumer_id": cid, "balance_paise": 0, "entry_count": 0} for cid in missing],
        )
    if postgresql and at_commit:
        move_balances_at_commit(session, moves)
        return
    now = utcnow()
    if postgresql:
        session.execute(
            _MOVE_BALANCES,
            {
                "ids": int_array_literal(ids),
                "paise": int_array_literal([moves[i][0] for i in ids]),
                "entries": int_array_literal([moves[i][1] for i in ids]),
                "now": now,
            },
        )
        return
    table = cast(Table, AccountBalance.__table__)
    session.connection().execute(
        update(table)
        .where(table.c.consumer_id == bindparam("cid"))
        .values(
            balance_paise=table.c.balance_paise + bindparam("delta"),
            entry_count=table.c.entry_count + bindparam("entries"),
            updated_at=now,
        ),
        [{"cid": cid, "delta": moves[cid][0], "entries": moves[cid][1]} for cid in ids],
    )


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
        principal.within(
            select(LedgerAdjustment).join(Consumer, Consumer.id == LedgerAdjustment.consumer_id),
            Consumer.section_id,
        )
        .order_by(LedgerAdjustment.id.desc())
        .limit(limit)
    )
    if state:
        query = query.where(LedgerAdjustment.state == state)
    return list(session.scalars(query))
