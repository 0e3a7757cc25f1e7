"""HTTP routes: counters push and pull; staff watch sync, quarantine and suspense."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy import select

from central_api.db import write_transaction
from central_api.deps import Principal, SessionDep, require
from central_api.errors import Forbidden
from central_api.identity.permissions import Permission
from central_api.org.models import Counter, Location
from central_api.sync import pull, service, suspense
from central_api.sync.models import CounterSyncState, SyncConflict
from central_api.sync.schemas import (
    ConflictRead,
    CounterSyncRead,
    SuspenseRead,
)
from central_api.sync.suspense import at_counters_within
from common.sync_protocol import PullPage, PushBatch, PushResponse

router = APIRouter(prefix="/sync", tags=["sync"])
suspense_router = APIRouter(prefix="/suspense", tags=["suspense"])
Pusher = Annotated[Principal, Depends(require(Permission.SYNC_PUSH))]
Puller = Annotated[Principal, Depends(require(Permission.SYNC_PULL))]
Watcher = Annotated[Principal, Depends(require(Permission.SYNC_STATUS))]


@router.post("/push", response_model=PushResponse)
def push(body: PushBatch, session: SessionDep, principal: Pusher) -> PushResponse:
    with write_transaction(session):
        return service.push(session, principal=principal, batch=body)


@router.get("/pull", response_model=PullPage)
def pull_changes(
    request: Request,
    session: SessionDep,
    principal: Puller,
    stream: Literal["consumers", "cashiers"],
    cursor: Annotated[str, Query(max_length=80)] = "",
    limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
) -> PullPage:
    with session.begin():
        counter = session.scalar(select(Counter).where(Counter.device_id == principal.device_id))
        if counter is None:
            raise Forbidden("this device is not assigned to a counter", field="stream")
        if stream == "consumers":
            return pull.pull_consumers(session, counter=counter, cursor=cursor, limit=limit)
        return pull.pull_cashiers(
            session,
            counter=counter,
            cursor=cursor,
            limit=limit,
            fingerprint_key=request.app.state.settings.fingerprint_key,
        )


@router.get("/counters", response_model=list[CounterSyncRead])
def counters(session: SessionDep, principal: Watcher) -> list[CounterSyncRead]:
    rows = session.execute(
        at_counters_within(
            principal,
            select(CounterSyncState, Counter.code, Location.code),
            CounterSyncState.counter_id,
        ).order_by(Counter.code)
    ).all()
    return [
        CounterSyncRead(
            counter_code=code,
            location_code=location,
            highest_contiguous=state.highest_contiguous,
            highest_received=state.highest_received,
            entries_held=state.entries_held,
            gaps=service.gaps(session, state),
            chain_break_sequence=state.chain_break_sequence,
            chain_break_reason=state.chain_break_reason,
            last_push_at=state.last_push_at,
        )
        for state, code, location in rows
    ]


@router.get("/conflicts", response_model=list[ConflictRead])
def conflicts(
    session: SessionDep,
    principal: Watcher,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[ConflictRead]:
    rows = session.scalars(
        at_counters_within(principal, select(SyncConflict), SyncConflict.counter_id)
        .where(SyncConflict.resolved_at.is_(None))
        .order_by(SyncConflict.id)
        .limit(limit)
    )
    return [ConflictRead.model_validate(c) for c in rows]


@suspense_router.get("", response_model=list[SuspenseRead])
def list_suspense(
    session: SessionDep,
    principal: Watcher,
    state: Literal["open", "transferred"] = "open",
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[SuspenseRead]:
    rows = suspense.list_open(session, principal=principal, state=state, limit=limit)
    return [SuspenseRead.model_validate(s) for s in rows]
