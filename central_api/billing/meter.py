"""From a consumer's meter history and a reading to BillInputs, checks, and the history after."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from central_api.billing.config import BillingSettings
from common.billing import Bill, BillInputs, LineCode, MeterChange, MeterStatus

# Lines the device and the centre may see differently without either being wrong: the arrears
# can move between the route download and the reading (a payment at a counter), and interest and
# the rounding to the rupee follow the arrears. Every other line must agree to the paisa.
ARREARS_DRIVEN = frozenset({LineCode.ARREARS, LineCode.INTEREST, LineCode.ROUNDING})
REVIEW_KINDS = ("bill_mismatch", "reading_below_previous", "reading_too_high", "not_billable")


@dataclass(frozen=True)
class MeterState:
    """A consumer's account and meter history as billing needs them (one row of a query)."""

    consumer_id: int
    rr_number: str
    category: str
    sanctioned_load_w: int
    meter_digits: int
    multiplying_factor: int
    last_reading: int
    last_read_on: date
    last_status: str
    billed_to: date
    normal_months: tuple[int, ...]
    units_on_average: int
    gj_baseline_centiunits: int | None
    arrears_due_on: date | None
    balance_paise: int
    route_id: int | None = None

    @property
    def gj_baseline_units(self) -> Decimal | None:
        if self.gj_baseline_centiunits is None:
            return None
        return Decimal(self.gj_baseline_centiunits) / 100


@dataclass(frozen=True)
class Observation:
    """What was found at the meter on `read_on` (an estimate has DOOR_LOCKED and no reading)."""

    read_on: date
    meter_status: MeterStatus
    present_reading: int | None = None
    meter_rolled_over: bool = False
    meter_change: MeterChange | None = None


def months_of(*values: int | None) -> tuple[int, ...]:
    """The known normal months, oldest first."""
    return tuple(v for v in values if v is not None)


def bill_inputs(state: MeterState, seen: Observation) -> BillInputs:
    """The bill computation's inputs for this consumer and this observation."""
    return BillInputs(
        rr_number=state.rr_number,
        category=state.category,
        sanctioned_load_w=state.sanctioned_load_w,
        period_start=state.billed_to,
        period_end=seen.read_on,
        bill_date=seen.read_on,
        previous_reading=state.last_reading,
        present_reading=seen.present_reading,
        meter_digits=state.meter_digits,
        multiplying_factor=state.multiplying_factor,
        meter_status=seen.meter_status,
        meter_rolled_over=seen.meter_rolled_over,
        meter_change=seen.meter_change,
        normal_months_units=state.normal_months,
        units_billed_on_average=state.units_on_average,
        arrears_paise=state.balance_paise,
        arrears_due_date=state.arrears_due_on,
        gruha_jyothi_baseline_units=state.gj_baseline_units,
    )


def reading_goes_back(state: MeterState, seen: Observation) -> str | None:
    """Why a reading below the previous one cannot be billed as it stands, or None."""
    if seen.present_reading is None or seen.meter_change is not None or seen.meter_rolled_over:
        return None
    if seen.meter_status is not MeterStatus.NORMAL or seen.present_reading >= state.last_reading:
        return None
    return (
        f"present reading {seen.present_reading} is below the previous reading "
        f"{state.last_reading} with no roll-over or meter-change flag"
    )


def absurd_limit(state: MeterState, days: int, settings: BillingSettings) -> int:
    """Units above which a reading is held for review: factor x normal average, for the days."""
    months = state.normal_months
    average = Decimal(sum(months)) / len(months) if months else Decimal(0)
    prorated = average * settings.absurd_factor * days / 30
    return max(settings.absurd_floor_units, int(prorated))


def reading_too_high(state: MeterState, bill: Bill, settings: BillingSettings) -> str | None:
    if bill.meter_status is not MeterStatus.NORMAL:
        return None
    limit = absurd_limit(state, bill.billed_days, settings)
    if bill.units <= limit:
        return None
    return (
        f"{bill.units} units in {bill.billed_days} days is above {limit}, "
        f"{settings.absurd_factor} times this consumer's normal use"
    )


def compact_lines(bill: Bill) -> list[list[Any]]:
    """The bill's lines as stored: [code, amount_paise, quantity, rate]."""
    return [
        [
            line.code.value,
            line.amount_paise,
            None if line.quantity is None else str(line.quantity),
            None if line.rate is None else str(line.rate),
        ]
        for line in bill.lines
    ]


def bill_summary(bill: Bill) -> dict[str, Any]:
    """The centre's bill as the review queue shows it beside the device's."""
    return {
        "units": bill.units,
        "net_paise": bill.net_paise,
        "demand_paise": bill.demand_paise,
        "lines": [
            {"code": line.code.value, "amount_paise": line.amount_paise} for line in bill.lines
        ],
    }


def _totals(lines: list[tuple[str, int]]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for code, amount in lines:
        if LineCode(code) not in ARREARS_DRIVEN:
            totals[code] = totals.get(code, 0) + amount
    return {code: amount for code, amount in totals.items() if amount}


def differences(bill: Bill, device_units: int, device_lines: list[tuple[str, int]]) -> str | None:
    """What differs between the centre's bill and the device's, or None when they agree."""
    problems = []
    if device_units != bill.units:
        problems.append(f"units: device {device_units}, centre {bill.units}")
    centre = _totals([(line.code.value, line.amount_paise) for line in bill.lines])
    device = _totals(device_lines)
    for code in sorted(set(centre) | set(device)):
        if centre.get(code, 0) != device.get(code, 0):
            problems.append(f"{code}: device {device.get(code, 0)}, centre {centre.get(code, 0)}")
    return "; ".join(problems)[:300] or None


def profile_after(state: MeterState, seen: Observation, bill: Bill, due: date) -> dict[str, Any]:
    """The meter history once this bill is posted (the values of the profile's columns)."""
    after: dict[str, Any] = {
        "billed_to": bill.period_end,
        "last_status": seen.meter_status.value,
        "arrears_due_on": due,
    }
    months = state.normal_months
    if bill.meter_status in (MeterStatus.DOOR_LOCKED, MeterStatus.METER_FAULTY):
        after["units_on_average"] = state.units_on_average + bill.units
    else:
        after["units_on_average"] = 0
        after["last_read_on"] = seen.read_on
        if seen.present_reading is not None:
            after["last_reading"] = seen.present_reading
        change = seen.meter_change
        if change is not None:
            after["meter_digits"] = change.new_meter_digits
            after["multiplying_factor"] = change.new_meter_multiplying_factor
        if bill.meter_status is MeterStatus.NORMAL:
            months = (*months, bill.units)[-3:]
    padded = (None,) * (3 - len(months)) + tuple(months)
    after.update(normal_1=padded[0], normal_2=padded[1], normal_3=padded[2])
    return after
