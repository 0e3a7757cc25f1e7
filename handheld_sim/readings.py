"""Plausible readings with a share of exceptions, and the bill the handheld prints for each."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from common.billing import (
    Bill,
    BillingInputError,
    BillInputs,
    MeterChange,
    MeterStatus,
    NoTariffInForce,
    TariffBook,
    compute_bill,
)
from handheld_sim.route import RouteConsumer

IST = timezone(timedelta(hours=5, minutes=30), "IST")
# What the reader meets on the exceptional meters, and how often among them.
EXCEPTIONS: tuple[tuple[str, float], ...] = (
    ("door_locked", 0.30),
    ("meter_faulty", 0.10),
    ("zero_consumption", 0.15),
    ("meter_change", 0.20),
    ("reading_too_high", 0.15),  # a misread digit: the centre holds it for review
    ("reading_goes_back", 0.10),  # below the previous reading, no flag: held for review
)


@dataclass(frozen=True)
class Reading:
    """One reading as the handheld uploads it, with its printed bill if it could compute one."""

    rr_number: str
    kind: str
    body: dict[str, Any]
    bill: Bill | None = field(default=None, compare=False)


def _typical(consumer: RouteConsumer, days: int) -> int:
    months = consumer.normal_months_units or (100,)
    return max(1, round(sum(months) / len(months) * days / 30))


def _pick(rng: random.Random, share: float) -> str:
    if rng.random() >= share:
        return "normal"
    roll, total = rng.random(), 0.0
    for kind, weight in EXCEPTIONS:
        total += weight
        if roll < total:
            return kind
    return EXCEPTIONS[-1][0]


def _observation(consumer: RouteConsumer, kind: str, units: int) -> dict[str, Any]:
    """The meter part of the upload for this kind of visit."""
    size = 10**consumer.meter_digits
    previous = consumer.previous_reading
    if kind in ("door_locked", "meter_faulty"):
        return {"meter_status": kind}
    if kind == "zero_consumption":
        return {"meter_status": kind, "present_reading": previous}
    if kind == "meter_change":
        old_final = min(size - 1, previous + units // 2)
        return {
            "meter_status": "normal",
            "present_reading": units - (old_final - previous),
            "meter_change": {
                "old_meter_final_reading": old_final,
                "new_meter_initial_reading": 0,
                "new_meter_digits": 5,
                "new_meter_multiplying_factor": 1,
            },
        }
    if kind == "reading_goes_back":
        return {"meter_status": "normal", "present_reading": max(0, previous - units)}
    if kind == "reading_too_high":
        units *= 40
    present = previous + units
    if present >= size:
        return {
            "meter_status": "normal",
            "present_reading": present % size,
            "meter_rolled_over": True,
        }
    return {"meter_status": "normal", "present_reading": present}


def bill_inputs(consumer: RouteConsumer, body: dict[str, Any], read_at: datetime) -> BillInputs:
    """The same inputs the centre builds from the download's history and this reading."""
    read_on = read_at.astimezone(IST).date()
    change = body.get("meter_change")
    return BillInputs(
        rr_number=consumer.rr_number,
        category=consumer.category,
        sanctioned_load_w=consumer.sanctioned_load_w,
        period_start=consumer.period_start,
        period_end=read_on,
        bill_date=read_on,
        previous_reading=consumer.previous_reading,
        present_reading=body.get("present_reading"),
        meter_digits=consumer.meter_digits,
        multiplying_factor=consumer.multiplying_factor,
        meter_status=MeterStatus(body["meter_status"]),
        meter_rolled_over=bool(body.get("meter_rolled_over", False)),
        meter_change=None if change is None else MeterChange(**change),
        normal_months_units=consumer.normal_months_units,
        units_billed_on_average=consumer.units_billed_on_average,
        arrears_paise=consumer.arrears_paise,
        arrears_due_date=consumer.arrears_due_on,
        gruha_jyothi_baseline_units=consumer.gruha_jyothi_baseline_units,
    )


def device_bill(bill: Bill) -> dict[str, Any]:
    """The printed bill as the upload carries it."""
    return {
        "units": bill.units,
        "net_paise": bill.net_paise,
        "lines": [
            {"code": line.code.value, "amount_paise": line.amount_paise} for line in bill.lines
        ],
    }


def take_reading(
    consumer: RouteConsumer,
    book: TariffBook,
    rng: random.Random,
    *,
    exception_share: float,
    read_at: datetime | None = None,
) -> Reading:
    """Visit the consumer: read the meter, compute and 'print' the bill where one can be made."""
    read_at = read_at or datetime.now(UTC)
    days = max(1, (read_at.astimezone(IST).date() - consumer.period_start).days)
    kind = _pick(rng, exception_share)
    units = max(1, round(_typical(consumer, days) * rng.uniform(0.7, 1.3)))
    body = _observation(consumer, kind, units)
    body = {"rr_number": consumer.rr_number, "read_at": read_at.isoformat(), **body}
    try:
        bill: Bill | None = compute_bill(bill_inputs(consumer, body, read_at), book)
    except (BillingInputError, NoTariffInForce):
        bill = None  # the handheld cannot bill it: the reading goes up alone, for review
    if bill is not None:
        body["device_bill"] = device_bill(bill)
    return Reading(consumer.rr_number, kind, body, bill)
