"""Reading the audit log (admins and auditors)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from central_api.audit import service
from central_api.audit.schemas import AuditEventRead
from central_api.deps import Principal, SessionDep, require
from central_api.identity.permissions import Permission

router = APIRouter(prefix="/audit", tags=["audit"])
Auditor = Annotated[Principal, Depends(require(Permission.AUDIT_READ))]


@router.get("/events", response_model=list[AuditEventRead])
def list_events(
    session: SessionDep,
    _: Auditor,
    action: Annotated[str | None, Query(max_length=40)] = None,
    since: datetime | None = None,
    before_id: Annotated[int | None, Query(ge=1)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[AuditEventRead]:
    events = service.list_events(
        session, action=action, since=since, before_id=before_id, limit=limit
    )
    return [AuditEventRead.model_validate(e) for e in events]
