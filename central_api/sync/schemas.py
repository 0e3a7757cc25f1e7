"""Shapes for the accounts staff's view of counter sync, quarantine and suspense."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


class CounterSyncRead(BaseModel):
    counter_code: str
    location_code: str
    highest_contiguous: int
    highest_received: int
    entries_held: int
    gaps: list[tuple[int, int]]
    chain_break_sequence: int | None
    chain_break_reason: str | None
    last_push_at: datetime | None


class ConflictRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    counter_id: int
    sequence: int
    kind: str
    reason: str
    received_hash: str
    received_entry: dict[str, Any]
    received_at: datetime
    resolved_at: datetime | None


class SuspenseRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    source_ref: str
    counter_id: int | None
    rr_number_given: str
    amount_paise: int
    business_date: date
    narration: str
    state: str
    transferred_to: int | None
    transferred_at: datetime | None
