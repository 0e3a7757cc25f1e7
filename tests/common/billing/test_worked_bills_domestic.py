"""Worked LT-1 domestic bills, computed by hand (arithmetic in the comments), never by the code.

Shared facts (resources/tariffs): FY2023-24 LT-1 Rs 110/kW, 4.75 up to 100 units and 7.00 above,
FAC -0.39 for bills read in January 2024; FY2024-25 Rs 120/kW, 5.90 flat; FY2025-26 Rs 145/kW,
5.80 flat, P&G surcharge 0.36 taxed. Tax 9% of fixed + energy (+ P&G in FY2025-26). A month is 30
days. Lines are rounded to the paisa half up; the net to the rupee with 50 paise going up.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

import pytest

from common.billing import BillInputs, LineCode, MeterStatus, TariffBook, compute_bill
from tests.common.billing.factories import amounts_by_code, make_inputs

F, E, FAC, PG, TAX = (
    LineCode.FIXED,
    LineCode.ENERGY,
    LineCode.FUEL_ADJUSTMENT,
    LineCode.PENSION_SURCHARGE,
    LineCode.ELECTRICITY_TAX,
)
GJ, ROUND = LineCode.GRUHA_JYOTHI, LineCode.ROUNDING
FY24_JUNE = {"period_start": date(2023, 6, 1), "period_end": date(2023, 7, 1)}
FY24_AUGUST = {"period_start": date(2023, 8, 1), "period_end": date(2023, 8, 31)}
FY26_MAY = {"period_start": date(2025, 5, 1), "period_end": date(2025, 5, 31)}


class WorkedBill(NamedTuple):
    name: str
    inputs: BillInputs
    lines: dict[LineCode, int]
    net_paise: int


WORKED = [
    # fixed 1 x 120 = 120.00; energy 100 x 5.90 = 590.00; tax 9% x 710.00 = 63.90;
    # total 773.90 -> 774, rounding +0.10
    WorkedBill(
        "fy25_normal_100_units", make_inputs(), {F: 12000, E: 59000, TAX: 6390, ROUND: 10}, 77400
    ),
    # 2 kW: fixed 220.00; energy 100 x 4.75 = 475.00 + 50 x 7.00 = 350.00 = 825.00;
    # tax 9% x 1045.00 = 94.05; total 1139.05 -> 1139, rounding -0.05
    WorkedBill(
        "fy24_two_slabs_150_units",
        make_inputs(sanctioned_load_w=2000, previous_reading=0, present_reading=150, **FY24_JUNE),
        {F: 22000, E: 82500, TAX: 9405, ROUND: -5},
        113900,
    ),
    # 1200 W is 1.2 kW, charged as 2 kW: fixed 240.00; energy 50 x 5.90 = 295.00;
    # tax 9% x 535.00 = 48.15; total 583.15 -> 583, rounding -0.15
    WorkedBill(
        "part_kw_charged_as_full_kw",
        make_inputs(sanctioned_load_w=1200, present_reading=1050),
        {F: 24000, E: 29500, TAX: 4815, ROUND: -15},
        58300,
    ),
    # 5-digit meter 99,990 -> 00,025 rolled over: 100000 - 99990 + 25 = 35 units;
    # fixed 120.00; energy 35 x 5.90 = 206.50; tax 9% x 326.50 = 29.385 -> 29.39;
    # total 355.89 -> 356, rounding +0.11
    WorkedBill(
        "roll_over_99990_to_00025",
        make_inputs(previous_reading=99990, present_reading=25, meter_rolled_over=True),
        {F: 12000, E: 20650, TAX: 2939, ROUND: 11},
        35600,
    ),
    # 45 days (1 June to 16 July 2023): slab limit 100 x 45/30 = 150;
    # fixed 2 x 110 x 45/30 = 330.00;
    # energy 150 x 4.75 = 712.50 + 10 x 7.00 = 70.00; tax 9% x (330 + 782.50) = 100.125 -> 100.13;
    # total 1212.63 -> 1213, rounding +0.37
    WorkedBill(
        "proration_45_days_fixed_and_slab",
        make_inputs(
            sanctioned_load_w=2000,
            period_start=date(2023, 6, 1),
            period_end=date(2023, 7, 16),
            previous_reading=0,
            present_reading=160,
        ),
        {F: 33000, E: 78250, TAX: 10013, ROUND: 37},
        121300,
    ),
    # connected 16 May, read 31 May: 15 days; fixed 120 x 15/30 = 60.00; energy 40 x 5.90 = 236.00;
    # tax 9% x 296.00 = 26.64; total 322.64 -> 323, rounding +0.36
    WorkedBill(
        "new_connection_half_month",
        make_inputs(connection_date=date(2024, 5, 16), previous_reading=0, present_reading=40),
        {F: 6000, E: 23600, TAX: 2664, ROUND: 36},
        32300,
    ),
    # door locked: last three normal months 100, 110, 80 -> 290 / 3 = 96.67 -> 97 units;
    # fixed 120.00; energy 97 x 5.90 = 572.30; tax 9% x 692.30 = 62.307 -> 62.31;
    # total 754.61 -> 755, rounding +0.39
    WorkedBill(
        "door_locked_average_of_three",
        make_inputs(
            meter_status=MeterStatus.DOOR_LOCKED,
            present_reading=None,
            normal_months_units=(90, 100, 110, 80),
        ),
        {F: 12000, E: 57230, TAX: 6231, ROUND: 39},
        75500,
    ),
    # zero consumption on 3 kW: fixed 360.00; tax 9% x 360 = 32.40;
    # total 392.40 -> 392, rounding -0.40
    WorkedBill(
        "zero_consumption_fixed_only",
        make_inputs(
            sanctioned_load_w=3000,
            meter_status=MeterStatus.ZERO_CONSUMPTION,
            previous_reading=4321,
            present_reading=4321,
        ),
        {F: 36000, TAX: 3240, ROUND: -40},
        39200,
    ),
    # first reading after a door-locked month billed on 97 units:
    # 1200 - 1000 = 200, less 97 = 103 units;
    # energy 103 x 5.90 = 607.70; tax 9% x 727.70 = 65.493 -> 65.49; total 793.19 -> 793
    WorkedBill(
        "units_billed_on_average_deducted",
        make_inputs(present_reading=1200, units_billed_on_average=97),
        {F: 12000, E: 60770, TAX: 6549, ROUND: -19},
        79300,
    ),
    # Gruha Jyothi, baseline 50 -> entitlement 55; 40 units: fixed 120 + energy 236.00 + tax
    # 9% x 356.00 = 32.04 = 388.04, all paid by the State; net 0
    WorkedBill(
        "gruha_jyothi_below_entitlement",
        make_inputs(present_reading=1040, gruha_jyothi_baseline_units=Decimal(50)),
        {F: 12000, E: 23600, TAX: 3204, GJ: -38804},
        0,
    ),
    # baseline 100 -> 110 free; 150 units on 2 kW: fixed 240 + energy 885.00
    # + tax 9% x 1125 = 101.25 = 1226.25; consumer pays 40 excess x 5.90 = 236.00
    # + tax 21.24 = 257.24; State 969.01;
    # net 257.24 -> 257, rounding -0.24
    WorkedBill(
        "gruha_jyothi_within_200_pays_excess",
        make_inputs(
            sanctioned_load_w=2000, present_reading=1150, gruha_jyothi_baseline_units=Decimal(100)
        ),
        {F: 24000, E: 88500, TAX: 10125, GJ: -96901, ROUND: -24},
        25700,
    ),
    # baseline 190 -> 209, capped at 200; 200 units: 120 + 1180.00
    # + tax 9% x 1300 = 117.00 = 1417.00, all paid by the State
    WorkedBill(
        "gruha_jyothi_exactly_200_units",
        make_inputs(present_reading=1200, gruha_jyothi_baseline_units=Decimal(190)),
        {F: 12000, E: 118000, TAX: 11700, GJ: -141700},
        0,
    ),
    # 201 units: the whole bill. energy 201 x 5.90 = 1185.90; tax 9% x 1305.90 = 117.531 -> 117.53;
    # total 1423.43 -> 1423, rounding -0.43
    WorkedBill(
        "gruha_jyothi_above_200_whole_bill",
        make_inputs(present_reading=1201, gruha_jyothi_baseline_units=Decimal(190)),
        {F: 12000, E: 118590, TAX: 11753, ROUND: -43},
        142300,
    ),
    # FY2023-24 slabs, baseline 90 -> 99 free; 120 units: fixed 110;
    # energy 475.00 + 20 x 7.00 = 615.00;
    # tax 9% x 725 = 65.25; charges 790.25. Excess: E(120) - E(99) = 615.00 - 470.25 = 144.75,
    # tax 9% = 13.0275 -> 13.03, consumer 157.78; State 632.47; 157.78 -> 158, rounding +0.22
    WorkedBill(
        "gruha_jyothi_excess_at_top_slab_rate",
        make_inputs(
            previous_reading=0,
            present_reading=120,
            gruha_jyothi_baseline_units=Decimal(90),
            **FY24_AUGUST,
        ),
        {F: 11000, E: 61500, TAX: 6525, GJ: -63247, ROUND: 22},
        15800,
    ),
    # June 2023 bill, before the scheme's first bills (1 August 2023): full bill. fixed 110;
    # energy 50 x 4.75 = 237.50; tax 9% x 347.50 = 31.275 -> 31.28; 378.78 -> 379, rounding +0.22
    WorkedBill(
        "gruha_jyothi_not_before_scheme_start",
        make_inputs(
            previous_reading=0,
            present_reading=50,
            gruha_jyothi_baseline_units=Decimal(90),
            **FY24_JUNE,
        ),
        {F: 11000, E: 23750, TAX: 3128, ROUND: 22},
        37900,
    ),
    # read 14 January 2024 (FAC -0.39): fixed 110; energy 80 x 4.75 = 380.00;
    # FAC 80 x -0.39 = -31.20;
    # tax 9% x (110 + 380) = 44.10 (FAC not in the base); 502.90 -> 503, rounding +0.10
    WorkedBill(
        "negative_fuel_adjustment_january_2024",
        make_inputs(
            period_start=date(2023, 12, 15),
            period_end=date(2024, 1, 14),
            previous_reading=0,
            present_reading=80,
        ),
        {F: 11000, E: 38000, FAC: -3120, TAX: 4410, ROUND: 10},
        50300,
    ),
    # FY2025-26 on 2 kW, 100 units: fixed 290.00; energy 580.00; P&G 100 x 0.36 = 36.00;
    # tax 9% x 906.00 = 81.54; total 987.54 -> 988, rounding +0.46
    WorkedBill(
        "fy26_pension_surcharge_taxed",
        make_inputs(sanctioned_load_w=2000, **FY26_MAY),
        {F: 29000, E: 58000, PG: 3600, TAX: 8154, ROUND: 46},
        98800,
    ),
    # FY2025-26, baseline 50 -> 55 free, 80 units: fixed 145; energy 464.00; P&G 28.80;
    # tax 9% x 637.80 = 57.402 -> 57.40; charges 695.20. Excess 25: 145.00 + 9.00 + tax 9% x 154
    # = 13.86 -> 167.86; State 527.34; 167.86 -> 168, rounding +0.14
    WorkedBill(
        "fy26_gruha_jyothi_excess_with_surcharge",
        make_inputs(present_reading=1080, gruha_jyothi_baseline_units=Decimal(50), **FY26_MAY),
        {F: 14500, E: 46400, PG: 2880, TAX: 5740, GJ: -52734, ROUND: 14},
        16800,
    ),
    # read 20 March -> 19 April 2024: the order in force on 20 March (FY2023-24) bills it.
    # fixed 110; energy 100 x 4.75 = 475.00; tax 9% x 585 = 52.65; 637.65 -> 638, rounding +0.35
    WorkedBill(
        "order_chosen_by_first_day_of_period",
        make_inputs(period_start=date(2024, 3, 20), period_end=date(2024, 4, 19)),
        {F: 11000, E: 47500, TAX: 5265, ROUND: 35},
        63800,
    ),
    # 48 units: energy 283.20; tax 9% x 403.20 = 36.288 -> 36.29; 439.49 -> 439, rounding -0.49
    WorkedBill(
        "rounding_49_paise_goes_down",
        make_inputs(present_reading=1048),
        {F: 12000, E: 28320, TAX: 3629, ROUND: -49},
        43900,
    ),
    # 113 units: energy 666.70; tax 9% x 786.70 = 70.803 -> 70.80; 857.50 -> 858, rounding +0.50
    WorkedBill(
        "rounding_50_paise_goes_up",
        make_inputs(present_reading=1113),
        {F: 12000, E: 66670, TAX: 7080, ROUND: 50},
        85800,
    ),
]


@pytest.mark.parametrize("worked", WORKED, ids=[worked.name for worked in WORKED])
def test_worked_domestic_bill_matches_hand_arithmetic(worked: WorkedBill, book: TariffBook) -> None:
    bill = compute_bill(worked.inputs, book)
    assert amounts_by_code(bill) == worked.lines
    assert bill.net_paise == worked.net_paise
    assert sum(line.amount_paise for line in bill.lines) == bill.net_paise


def test_order_title_follows_first_day_of_period(book: TariffBook) -> None:
    bill = compute_bill(
        make_inputs(period_start=date(2024, 3, 20), period_end=date(2024, 4, 19)), book
    )
    assert "FY2023-24" in bill.tariff_title
    assert bill.billed_days == 30


def test_lines_carry_kannada_and_quantities(book: TariffBook) -> None:
    bill = compute_bill(make_inputs(), book)
    energy = bill.lines_of(LineCode.ENERGY)[0]
    assert energy.quantity == Decimal(100)
    assert energy.rate == Decimal("5.90")
    assert "ಯೂನಿಟ್" in energy.description_kn
    assert all(line.description_en and line.description_kn for line in bill.lines)
