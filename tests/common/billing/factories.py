"""Factories for the billing tests: a consumer's inputs with sane defaults, and line totals."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from common.billing import Bill, BillInputs, LineCode

TARIFFS = Path(__file__).resolve().parents[3] / "resources" / "tariffs"

_DEFAULT = BillInputs(
    rr_number="MYS-N1-000123",
    category="LT-1",
    sanctioned_load_w=1000,
    period_start=date(2024, 5, 1),
    period_end=date(2024, 5, 31),
    bill_date=date(2024, 5, 31),
    previous_reading=1000,
    present_reading=1100,
)


def make_inputs(**changes: Any) -> BillInputs:
    """A consumer's inputs: 1 kW LT-1, 1-31 May 2024 (30 days, FY2024-25), 100 units."""
    return replace(_DEFAULT, **changes)


def amounts_by_code(bill: Bill) -> dict[LineCode, int]:
    """Each line code's total on the bill."""
    totals: dict[LineCode, int] = {}
    for line in bill.lines:
        totals[line.code] = totals.get(line.code, 0) + line.amount_paise
    return totals
