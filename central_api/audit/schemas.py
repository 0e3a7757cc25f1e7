"""What the audit log shows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


class AuditEventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    at: datetime
    actor_user_id: int | None
    actor_device_id: int | None
    action: str
    target_type: str
    target_id: str
    details: dict[str, Any]
    client_ip: str | None
