"""Writing and reading the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central_api.audit.models import AuditEvent
from central_api.deps import Principal


def record(
    session: Session,
    *,
    principal: Principal | None,
    action: str,
    target_type: str,
    target_id: str | int,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add one audit event in the caller's transaction, so it commits or fails with the action."""
    event = AuditEvent(
        actor_user_id=principal.user_id if principal else None,
        actor_device_id=principal.device_id if principal else None,
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        details=details or {},
        client_ip=principal.client_ip if principal else None,
    )
    session.add(event)
    session.flush()
    return event


def list_events(
    session: Session,
    *,
    action: str | None = None,
    since: datetime | None = None,
    before_id: int | None = None,
    limit: int = 100,
) -> list[AuditEvent]:
    """Newest first, paged by id."""
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if action:
        query = query.where(AuditEvent.action == action)
    if since:
        query = query.where(AuditEvent.at >= since)
    if before_id:
        query = query.where(AuditEvent.id < before_id)
    return list(session.scalars(query))
