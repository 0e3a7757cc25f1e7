"""Readings as uploaded: their content hash, date checks, and the observation they record."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timedelta

from central_api.billing.cycles import cycle_of, local_date
from central_api.billing.meter import MeterState, Observation
from central_api.billing.models import MeterReading
from central_api.billing.schemas import ReadingIn
from common.billing import MeterChange, MeterStatus

# A handheld's clock may run a little ahead of the centre's.
CLOCK_SLACK = timedelta(minutes=10)


def content_hash(item: ReadingIn) -> str:
    """SHA-256 of the reading and the device's bill: the same upload again has the same hash."""
    canonical = json.dumps(item.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def meter_change_of(item: ReadingIn) -> MeterChange | None:
    change = item.meter_change
    if change is None:
        return None
    return MeterChange(
        old_meter_final_reading=change.old_meter_final_reading,
        new_meter_initial_reading=change.new_meter_initial_reading,
        new_meter_digits=change.new_meter_digits,
        new_meter_multiplying_factor=change.new_meter_multiplying_factor,
    )


def observation_from(item: ReadingIn) -> Observation:
    return Observation(
        read_on=local_date(item.read_at),
        meter_status=item.meter_status,
        present_reading=item.present_reading,
        meter_rolled_over=item.meter_rolled_over,
        meter_change=meter_change_of(item),
    )


def observation_of(reading: MeterReading) -> Observation:
    """The observation a stored reading records."""
    change = reading.meter_change
    return Observation(
        read_on=reading.read_on,
        meter_status=MeterStatus(reading.meter_status),
        present_reading=reading.present_reading,
        meter_rolled_over=reading.meter_rolled_over,
        meter_change=None if change is None else MeterChange(**change),
    )


def date_problem(item: ReadingIn, state: MeterState, cycle: str, now: datetime) -> str | None:
    """Why the reading's time cannot be right for this cycle and consumer, or None."""
    if item.read_at > now + CLOCK_SLACK:
        return f"{item.read_at.isoformat()} is in the future"
    read_on: date = local_date(item.read_at)
    if cycle_of(read_on) != cycle:
        return f"read on {read_on.isoformat()}, which is not in cycle {cycle}"
    if read_on <= state.billed_to:
        return f"read on {read_on.isoformat()}, not after the last bill's end {state.billed_to}"
    return None


def needs_reading(item: ReadingIn) -> str | None:
    """Why the item is incomplete for its meter status, or None."""
    status = item.meter_status
    if status is MeterStatus.NORMAL and item.present_reading is None:
        return "a normal reading needs present_reading"
    if status in (MeterStatus.DOOR_LOCKED, MeterStatus.METER_FAULTY) and (
        item.present_reading is not None or item.meter_change is not None
    ):
        return f"a {status.value} meter has no present_reading or meter_change"
    if item.meter_rolled_over and item.meter_change is not None:
        return "flag either a roll-over or a meter change, not both"
    return None
