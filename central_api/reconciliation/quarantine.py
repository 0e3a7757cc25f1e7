"""Closing out quarantined entries: accounts staff record what they decided about each one.

A quarantined entry is one the centre would not take as sent (see central_api.sync.models
SyncConflict): `conflict`, a different entry under a (counter, sequence) the centre already
holds; `rejected`, content that does not match its hash (nothing held under it); `posting`, held
but its money could not be posted. What an officer decides, after checking the counterfoil:

- `held_entry_stands`: the entry the centre holds is the true one; the copy is set aside.
  Only when the centre holds an entry under that sequence.
- `counter_to_resend`: the counter is to send the entry again (its copy was damaged); the
  sequence stays a gap in the grid until it arrives. Only when nothing is held under it.
- `corrected_by_adjustment`: money had to move, and did, through an approved two-person ledger
  adjustment (central_api.ledger), whose id is linked here.

The held entry is never overwritten (DESIGN invariant 5) and no money moves here.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from central_api.audit.service import record
from central_api.consumers.models import Consumer
from central_api.db import utcnow
from central_api.deps import Principal
from central_api.errors import BadInput, Conflict, NotFound
from central_api.identity.models import User
from central_api.ledger.models import LedgerAdjustment
from central_api.org.models import Counter, OrgUnit
from central_api.reconciliation.schemas import Resolution
from central_api.sync.models import CounterEntry, SyncConflict
from central_api.sync.suspense import at_counters_within


def open_conflicts(session: Session, *, principal: Principal, limit: int) -> list[SyncConflict]:
    """Quarantined entries not yet resolved, at counters within the caller's scope."""
    return list(
        session.scalars(
            at_counters_within(principal, select(SyncConflict), SyncConflict.counter_id)
            .where(SyncConflict.resolved_at.is_(None))
            .order_by(SyncConflict.id)
            .limit(limit)
        )
    )


def _conflict_in_scope(session: Session, principal: Principal, conflict_id: int) -> SyncConflict:
    in_scope = session.scalar(
        at_counters_within(principal, select(SyncConflict.id), SyncConflict.counter_id).where(
            SyncConflict.id == conflict_id
        )
    )
    conflict = session.get(SyncConflict, conflict_id, with_for_update=True) if in_scope else None
    if conflict is None:
        raise NotFound(f"no quarantined entry {conflict_id}", field="conflict_id")
    if conflict.resolved_at is not None:
        who = session.scalar(select(User.username).where(User.id == conflict.resolved_by))
        raise Conflict(
            f"quarantined entry {conflict_id} was already resolved by {who or 'someone'}"
            f" ({conflict.resolution})",
            field="conflict_id",
        )
    return conflict


def _approved_adjustment(session: Session, principal: Principal, adjustment_id: int) -> int:
    row = session.execute(
        select(LedgerAdjustment.state, Consumer.rr_number, OrgUnit.path)
        .join(Consumer, Consumer.id == LedgerAdjustment.consumer_id)
        .join(OrgUnit, OrgUnit.id == Consumer.section_id)
        .where(LedgerAdjustment.id == adjustment_id)
    ).first()
    if row is None:
        raise NotFound(f"no ledger adjustment {adjustment_id}", field="adjustment_id")
    state, rr_number, path = row
    principal.require_covers(path, f"the account {rr_number}", "adjustment_id")
    if state != "approved":
        raise Conflict(
            f"ledger adjustment {adjustment_id} is {state}; link it once a second officer"
            " has approved it",
            field="adjustment_id",
        )
    return adjustment_id


def _check_fits(
    session: Session, conflict: SyncConflict, resolution: Resolution, adjustment_id: int | None
) -> None:
    """Refuse a resolution that does not fit the entry, naming the field at fault."""
    if resolution is Resolution.CORRECTED_BY_ADJUSTMENT:
        if adjustment_id is None:
            raise BadInput(
                "give the approved ledger adjustment that put the money right",
                field="adjustment_id",
            )
        return
    if adjustment_id is not None:
        raise BadInput(
            f"only a {Resolution.CORRECTED_BY_ADJUSTMENT} resolution links an adjustment",
            field="adjustment_id",
        )
    held = session.scalar(
        select(CounterEntry.id).where(
            CounterEntry.counter_id == conflict.counter_id,
            CounterEntry.sequence == conflict.sequence,
        )
    )
    if resolution is Resolution.HELD_ENTRY_STANDS and held is None:
        raise BadInput(
            f"the centre holds no entry {conflict.sequence} from this counter;"
            f" ask the counter to resend it ({Resolution.COUNTER_TO_RESEND})",
            field="resolution",
        )
    if resolution is Resolution.COUNTER_TO_RESEND and held is not None:
        raise BadInput(
            f"entry {conflict.sequence} is already held, so a resend would change nothing;"
            f" the held entry stands ({Resolution.HELD_ENTRY_STANDS})",
            field="resolution",
        )


def resolve_conflict(
    session: Session,
    *,
    principal: Principal,
    conflict_id: int,
    resolution: Resolution,
    reason: str,
    adjustment_id: int | None = None,
) -> SyncConflict:
    """Close out a quarantined entry with the officer's decision and reason; audited, once."""
    assert principal.user_id is not None
    conflict = _conflict_in_scope(session, principal, conflict_id)
    _check_fits(session, conflict, resolution, adjustment_id)
    if adjustment_id is not None:
        _approved_adjustment(session, principal, adjustment_id)
    linked = f" {adjustment_id}" if adjustment_id is not None else ""
    conflict.resolution = f"{resolution}{linked}: {reason}"[:200]
    conflict.resolved_at, conflict.resolved_by = utcnow(), principal.user_id
    counter = session.scalar(select(Counter.code).where(Counter.id == conflict.counter_id))
    record(
        session,
        principal=principal,
        action="sync.conflict.resolve",
        target_type="sync_conflict",
        target_id=conflict.id,
        details={
            "counter": counter,
            "sequence": conflict.sequence,
            "kind": conflict.kind,
            "resolution": str(resolution),
            "reason": reason,
            "adjustment_id": adjustment_id,
        },
    )
    return conflict
