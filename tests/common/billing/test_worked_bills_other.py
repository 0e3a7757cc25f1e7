"""Worked bills for LT-3, LT-4, LT-5, LT-6, meter changes, faulty meters and arrears, by hand.

FY2024-25 (resources/tariffs/cesc-2024-04-01.toml): LT-3 Rs 175/kW, 8.00 up to 50 units, 9.00 above;
LT-4 no fixed charge, 7.80, billed to the government; LT-5 Rs 115/HP, 6.40 up to 500 units, 6.90
above; LT-6a Rs 115/HP, 6.60; LT-6b Rs 130/kW, 7.15. FY2023-24 LT-5: 7.40 / 7.90. FY2025-26 LT-4
8.30 with P&G 0.36. Tax 9%; interest 1% a month on arrears, pro rata by days of 30 a month.
1 HP = 746 W. All periods are 1-31 May (30 days) unless stated.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import pytest

from common.billing import BillInputs, LineCode, MeterChange, MeterStatus, TariffBook, compute_bill
from tests.common.billing.factories import amounts_by_code, make_inputs

F, E, PG, TAX = (
    LineCode.FIXED,
    LineCode.ENERGY,
    LineCode.PENSION_SURCHARGE,
    LineCode.ELECTRICITY_TAX,
)
GOVT, INTEREST = LineCode.GOVERNMENT_SUBSIDY, LineCode.INTEREST
ARREARS, ROUND = LineCode.ARREARS, LineCode.ROUNDING


class WorkedBill(NamedTuple):
    name: str
    inputs: BillInputs
    lines: dict[LineCode, int]
    net_paise: int


WORKED = [
    # LT-3, 1 kW, meter changed: old 5000 -> 5030 = 30 units, new 0 -> 25 = 25 units, 55 in all;
    # fixed 175.00; energy 50 x 8.00 = 400.00 + 5 x 9.00 = 45.00; tax 9% x 620.00 = 55.80;
    # total 675.80 -> 676, rounding +0.20
    WorkedBill(
        "lt3_meter_change",
        make_inputs(
            category="LT-3",
            previous_reading=5000,
            present_reading=25,
            meter_change=MeterChange(old_meter_final_reading=5030, new_meter_initial_reading=0),
        ),
        {F: 17500, E: 44500, TAX: 5580, ROUND: 20},
        67600,
    ),
    # LT-3 meter faulty: last normal months 40, 50, 60 -> 50 units; fixed 175; energy 400.00;
    # tax 9% x 575.00 = 51.75; total 626.75 -> 627, rounding +0.25
    WorkedBill(
        "lt3_meter_faulty_average",
        make_inputs(
            category="LT-3",
            meter_status=MeterStatus.METER_FAULTY,
            present_reading=None,
            normal_months_units=(40, 50, 60),
        ),
        {F: 17500, E: 40000, TAX: 5175, ROUND: 25},
        62700,
    ),
    # LT-3 with Rs 1,000 arrears due 20 April, billed 31 May: 41 days late;
    # interest 1000 x 1% x 41/30 = 13.666.. -> 13.67; current 175 + 400 + 51.75 = 626.75;
    # 626.75 + 13.67 + 1000.00 = 1640.42 -> 1640, rounding -0.42
    WorkedBill(
        "lt3_arrears_with_interest",
        make_inputs(
            category="LT-3",
            present_reading=1050,
            arrears_paise=100000,
            arrears_due_date=date(2024, 4, 20),
        ),
        {F: 17500, E: 40000, TAX: 5175, INTEREST: 1367, ARREARS: 100000, ROUND: -42},
        164000,
    ),
    # LT-1 with Rs 200 arrears due 10 June, billed 31 May: not yet late, no interest;
    # 773.90 + 200.00 = 973.90 -> 974, rounding +0.10
    WorkedBill(
        "arrears_not_yet_due_no_interest",
        make_inputs(arrears_paise=20000, arrears_due_date=date(2024, 6, 10)),
        {F: 12000, E: 59000, LineCode.ELECTRICITY_TAX: 6390, ARREARS: 20000, ROUND: 10},
        97400,
    ),
    # a Rs 1,000 credit: 773.90 - 1000.00 = -226.10 -> -226 (nearest rupee), rounding +0.10
    WorkedBill(
        "credit_balance_rounds_to_nearest_rupee",
        make_inputs(arrears_paise=-100000, arrears_due_date=date(2024, 4, 20)),
        {F: 12000, E: 59000, TAX: 6390, ARREARS: -100000, ROUND: 10},
        -22600,
    ),
    # LT-4 IP set, 5 HP (3730 W): no fixed charge; 300 x 7.80 = 2340.00; tax 9% = 210.60;
    # 2550.60 paid by the government; net 0
    WorkedBill(
        "lt4_ip_set_billed_to_government",
        make_inputs(category="LT-4", sanctioned_load_w=3730, present_reading=1300),
        {E: 234000, TAX: 21060, GOVT: -255060},
        0,
    ),
    # LT-4, FY2025-26: 300 x 8.30 = 2490.00; P&G 300 x 0.36 = 108.00; tax 9% x 2598.00 = 233.82;
    # 2831.82 paid by the government; arrears Rs 500 (no due date, no interest) remain; net 500
    WorkedBill(
        "lt4_fy26_arrears_not_subsidised",
        make_inputs(
            category="LT-4",
            sanctioned_load_w=3730,
            present_reading=1300,
            period_start=date(2025, 5, 1),
            period_end=date(2025, 5, 31),
            arrears_paise=50000,
        ),
        {E: 249000, PG: 10800, TAX: 23382, GOVT: -283182, ARREARS: 50000},
        50000,
    ),
    # LT-5, 10 HP (7460 W), multiplying factor 10: (1060 - 1000) x 10 = 600 units;
    # fixed 10 x 115 = 1150.00; energy 500 x 6.40 = 3200.00 + 100 x 6.90 = 690.00;
    # tax 9% x 5040.00 = 453.60; total 5493.60 -> 5494, rounding +0.40
    WorkedBill(
        "lt5_multiplying_factor_two_slabs",
        make_inputs(
            category="LT-5", sanctioned_load_w=7460, present_reading=1060, multiplying_factor=10
        ),
        {F: 115000, E: 389000, TAX: 45360, ROUND: 40},
        549400,
    ),
    # LT-5 FY2023-24, 15 HP (11190 W), 800 units, 1 Sept - 1 Oct 2023: fixed 1725.00;
    # energy 500 x 7.40 = 3700.00 + 300 x 7.90 = 2370.00; tax 9% x 7795.00 = 701.55;
    # total 8496.55 -> 8497, rounding +0.45
    WorkedBill(
        "lt5_fy24_industrial",
        make_inputs(
            category="LT-5",
            sanctioned_load_w=11190,
            period_start=date(2023, 9, 1),
            period_end=date(2023, 10, 1),
            previous_reading=0,
            present_reading=800,
        ),
        {F: 172500, E: 607000, TAX: 70155, ROUND: 45},
        849700,
    ),
    # LT-6a water supply, 20 HP (14920 W), 1000 units: fixed 2300.00; energy 6600.00;
    # tax 9% x 8900.00 = 801.00; total 9701.00, no rounding
    WorkedBill(
        "lt6a_water_supply",
        make_inputs(category="LT-6a", sanctioned_load_w=14920, present_reading=2000),
        {F: 230000, E: 660000, TAX: 80100},
        970100,
    ),
    # LT-6b street lights, 2500 W -> 3 kW: fixed 390.00; energy 300 x 7.15 = 2145.00;
    # tax 9% x 2535.00 = 228.15; total 2763.15 -> 2763, rounding -0.15
    WorkedBill(
        "lt6b_street_lights",
        make_inputs(category="LT-6b", sanctioned_load_w=2500, present_reading=1300),
        {F: 39000, E: 214500, TAX: 22815, ROUND: -15},
        276300,
    ),
]


@pytest.mark.parametrize("worked", WORKED, ids=[worked.name for worked in WORKED])
def test_worked_bill_matches_hand_arithmetic(worked: WorkedBill, book: TariffBook) -> None:
    bill = compute_bill(worked.inputs, book)
    assert amounts_by_code(bill) == worked.lines
    assert bill.net_paise == worked.net_paise
    assert sum(line.amount_paise for line in bill.lines) == bill.net_paise


def test_demand_excludes_arrears_and_government_share_is_positive(book: TariffBook) -> None:
    bill = compute_bill(
        make_inputs(
            category="LT-4", sanctioned_load_w=3730, present_reading=1300, arrears_paise=50000
        ),
        book,
    )
    assert bill.demand_paise == 0
    assert bill.government_pays_paise == 255060
    assert bill.charges_paise == 255060
