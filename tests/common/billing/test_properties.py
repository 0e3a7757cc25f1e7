"""Properties: more units never lower a bill, lines sum to the net, rounding within 50 paise."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from common.billing import BillInputs, LineCode, TariffBook, compute_bill, load_tariff_orders
from tests.common.billing.factories import TARIFFS, make_inputs

BOOK: TariffBook = load_tariff_orders(TARIFFS)
CATEGORIES = ("LT-1", "LT-3", "LT-4", "LT-5", "LT-6a", "LT-6b")
PERIOD_STARTS = (date(2023, 6, 1), date(2023, 12, 20), date(2024, 5, 1), date(2025, 5, 1))


@st.composite
def consumers(draw: st.DrawFn) -> BillInputs:
    """A consumer on a six-digit meter read from zero, in any category, order and period length."""
    start = draw(st.sampled_from(PERIOD_STARTS))
    days = draw(st.integers(min_value=1, max_value=75))
    baseline = draw(st.none() | st.integers(min_value=0, max_value=250).map(Decimal))
    arrears = draw(st.integers(min_value=-500_000, max_value=5_000_000))
    late_days = draw(st.integers(min_value=-30, max_value=400))
    return make_inputs(
        category=draw(st.sampled_from(CATEGORIES)),
        sanctioned_load_w=draw(st.integers(min_value=0, max_value=75_000)),
        period_start=start,
        period_end=start + timedelta(days=days),
        bill_date=start + timedelta(days=days),
        meter_digits=6,
        previous_reading=0,
        present_reading=0,
        gruha_jyothi_baseline_units=baseline,
        arrears_paise=arrears,
        arrears_due_date=start + timedelta(days=days - late_days),
    )


@settings(max_examples=300, deadline=None)
@given(
    consumer=consumers(),
    units=st.integers(min_value=0, max_value=5_000),
    more=st.integers(min_value=1, max_value=500),
)
def test_bill_never_goes_down_when_units_go_up(consumer: BillInputs, units: int, more: int) -> None:
    fewer = compute_bill(replace(consumer, present_reading=units), BOOK)
    greater = compute_bill(replace(consumer, present_reading=units + more), BOOK)
    assert greater.net_paise >= fewer.net_paise


@settings(max_examples=300, deadline=None)
@given(consumer=consumers(), units=st.integers(min_value=0, max_value=20_000))
def test_lines_sum_to_net_and_rounding_within_50_paise(consumer: BillInputs, units: int) -> None:
    bill = compute_bill(replace(consumer, present_reading=units), BOOK)
    assert sum(line.amount_paise for line in bill.lines) == bill.net_paise
    assert bill.net_paise % 100 == 0
    assert -49 <= bill.rounding_paise <= 50
    assert all(isinstance(line.amount_paise, int) for line in bill.lines)
    assert len(bill.lines_of(LineCode.ROUNDING)) <= 1


@settings(max_examples=200, deadline=None)
@given(consumer=consumers(), units=st.integers(min_value=0, max_value=400))
def test_subsidy_never_exceeds_charges(consumer: BillInputs, units: int) -> None:
    bill = compute_bill(replace(consumer, present_reading=units), BOOK)
    assert 0 <= bill.government_pays_paise <= bill.charges_paise
