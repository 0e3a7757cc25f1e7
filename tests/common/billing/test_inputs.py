"""Bad readings and inputs get a clear error naming the field, never a wrong bill."""

from __future__ import annotations

from datetime import date

import pytest

from common.billing import BillingInputError, MeterChange, MeterStatus, TariffBook, compute_bill
from tests.common.billing.factories import make_inputs


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"present_reading": 990}, "present_reading"),
        ({"present_reading": 1100, "meter_rolled_over": True}, "meter_rolled_over"),
        ({"present_reading": 100_000}, "present_reading"),
        ({"meter_status": MeterStatus.DOOR_LOCKED, "present_reading": None}, "normal_months_units"),
        (
            {"meter_status": MeterStatus.ZERO_CONSUMPTION, "present_reading": 1005},
            "present_reading",
        ),
        ({"present_reading": None}, "present_reading"),
        ({"multiplying_factor": 0}, "multiplying_factor"),
        ({"period_end": date(2024, 5, 1)}, "period_end"),
        ({"connection_date": date(2024, 6, 2)}, "connection_date"),
        ({"sanctioned_load_w": -1}, "sanctioned_load_w"),
        ({"rr_number": " "}, "rr_number"),
        (
            {"meter_change": MeterChange(old_meter_final_reading=900, new_meter_initial_reading=0)},
            "present_reading",
        ),
    ],
    ids=[
        "reading_below_previous_without_flag",
        "roll_over_flag_without_roll_over",
        "reading_too_big_for_meter",
        "door_locked_without_history",
        "zero_consumption_but_meter_moved",
        "normal_without_reading",
        "multiplying_factor_zero",
        "period_of_no_days",
        "connected_after_reading",
        "negative_load",
        "blank_rr_number",
        "old_meter_final_below_previous",
    ],
)
def test_bad_input_is_refused_naming_field(
    changes: dict[str, object], field: str, book: TariffBook
) -> None:
    with pytest.raises(BillingInputError) as caught:
        compute_bill(make_inputs(**changes), book)
    assert caught.value.field == field


def test_door_locked_with_fewer_months_averages_what_there_is(book: TariffBook) -> None:
    bill = compute_bill(
        make_inputs(
            meter_status=MeterStatus.DOOR_LOCKED, present_reading=None, normal_months_units=(61, 62)
        ),
        book,
    )
    assert bill.units == 62  # (61 + 62) / 2 = 61.5 -> 62, half up
