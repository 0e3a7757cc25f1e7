"""What the bill computation needs to know about one consumer for one reading period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

__all__ = ["BillInputs", "MeterChange", "MeterStatus"]


class MeterStatus(Enum):
    """What the meter reader found."""

    NORMAL = "normal"
    DOOR_LOCKED = "door_locked"
    METER_FAULTY = "meter_faulty"  # faulty or stuck: billed like door locked
    ZERO_CONSUMPTION = "zero_consumption"  # read, and nothing used: fixed charges only


@dataclass(frozen=True)
class MeterChange:
    """The meter was replaced during the period."""

    old_meter_final_reading: int
    new_meter_initial_reading: int
    new_meter_digits: int = 5
    new_meter_multiplying_factor: int = 1


@dataclass(frozen=True)
class BillInputs:
    """One consumer's reading period, as the handheld or the bill run sees it.

    `period_start` is the previous reading date and `period_end` the present one; the period has
    `period_end - period_start` days. For a meter change, `previous_reading` is the old meter's
    previous reading and `present_reading` the new meter's. `normal_months_units` are the units of
    the latest normal months, oldest first. `units_billed_on_average` are the units already billed
    on an average (door locked or faulty) since the last actual reading, deducted from this
    consumption.
    `arrears_paise` is what was outstanding on the bill date (negative: a credit).
    """

    rr_number: str
    category: str
    sanctioned_load_w: int
    period_start: date
    period_end: date
    bill_date: date
    previous_reading: int
    present_reading: int | None
    meter_digits: int = 5
    multiplying_factor: int = 1
    meter_status: MeterStatus = MeterStatus.NORMAL
    meter_rolled_over: bool = False
    meter_change: MeterChange | None = None
    normal_months_units: tuple[int, ...] = ()
    units_billed_on_average: int = 0
    arrears_paise: int = 0
    arrears_due_date: date | None = None
    gruha_jyothi_baseline_units: Decimal | None = None
    connection_date: date | None = None
