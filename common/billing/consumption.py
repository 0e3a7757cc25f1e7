"""Units consumed in a period: from readings (roll-over, meter change, factor) or assessed."""

from __future__ import annotations

from decimal import Decimal

from common.billing.errors import BillingInputError
from common.billing.inputs import BillInputs, MeterStatus
from common.billing.rounding import whole_units

__all__ = [
    "AVERAGE_OF_MONTHS",
    "assessed_units",
    "metered_units",
    "period_units",
    "register_advance",
]

AVERAGE_OF_MONTHS = 3


def _check_reading(reading: int, digits: int, field: str) -> None:
    if digits < 1:
        raise BillingInputError(field, f"a meter has at least one digit, got {digits}")
    if not 0 <= reading < 10**digits:
        raise BillingInputError(field, f"{reading} does not fit a {digits}-digit meter")


def register_advance(previous: int, present: int, digits: int, rolled_over: bool) -> int:
    """How far the register moved, e.g. 99,990 -> 00,025 on a 5-digit meter rolled over = 35."""
    _check_reading(previous, digits, "previous_reading")
    _check_reading(present, digits, "present_reading")
    if rolled_over:
        if present >= previous:
            raise BillingInputError(
                "meter_rolled_over", f"marked as rolled over but {present} is not below {previous}"
            )
        register_size: int = 10**digits
        return register_size - previous + present
    if present < previous:
        raise BillingInputError(
            "present_reading",
            f"{present} is below the previous reading {previous} with no roll-over or meter change",
        )
    return present - previous


def _check_factor(factor: int, field: str) -> None:
    if factor < 1:
        raise BillingInputError(field, f"must be at least 1, got {factor}")


def metered_units(inputs: BillInputs) -> int:
    """Units from the readings, times the multiplying factor, across a meter change if any."""
    if inputs.present_reading is None:
        raise BillingInputError("present_reading", "a normal reading needs the present reading")
    _check_factor(inputs.multiplying_factor, "multiplying_factor")
    change = inputs.meter_change
    if change is None:
        advance = register_advance(
            inputs.previous_reading,
            inputs.present_reading,
            inputs.meter_digits,
            inputs.meter_rolled_over,
        )
        return advance * inputs.multiplying_factor
    _check_factor(change.new_meter_multiplying_factor, "meter_change.new_meter_multiplying_factor")
    old_meter = register_advance(
        inputs.previous_reading,
        change.old_meter_final_reading,
        inputs.meter_digits,
        inputs.meter_rolled_over,
    )
    new_meter = register_advance(
        change.new_meter_initial_reading, inputs.present_reading, change.new_meter_digits, False
    )
    return old_meter * inputs.multiplying_factor + new_meter * change.new_meter_multiplying_factor


def assessed_units(inputs: BillInputs, billed_days: int, month_days: int) -> int:
    """Average of the last three normal months, for the period's days (a month is `month_days`)."""
    months = inputs.normal_months_units[-AVERAGE_OF_MONTHS:]
    if not months:
        raise BillingInputError(
            "normal_months_units", "no normal months to average for a door-locked or faulty meter"
        )
    if any(units < 0 for units in months):
        raise BillingInputError("normal_months_units", "units of a month cannot be negative")
    average = Decimal(sum(months)) / len(months)
    return whole_units(average * billed_days / month_days)


def period_units(inputs: BillInputs, billed_days: int, month_days: int) -> int:
    """Units to bill for the period under the meter-status rules."""
    status = inputs.meter_status
    if status in (MeterStatus.DOOR_LOCKED, MeterStatus.METER_FAULTY):
        return assessed_units(inputs, billed_days, month_days)
    if status is MeterStatus.ZERO_CONSUMPTION:
        if inputs.present_reading is not None and inputs.present_reading != inputs.previous_reading:
            raise BillingInputError(
                "present_reading",
                f"zero consumption reported but the meter moved from {inputs.previous_reading} "
                f"to {inputs.present_reading}",
            )
        return 0
    if inputs.units_billed_on_average < 0:
        raise BillingInputError("units_billed_on_average", "cannot be negative")
    # Units already billed on an average are taken off the actual consumption, never below zero.
    return max(0, metered_units(inputs) - inputs.units_billed_on_average)
