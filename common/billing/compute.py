"""The bill computation: pure, from BillInputs and the tariff book to an itemised Bill."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from common.billing.bill import Bill, BillLine, LineCode
from common.billing.charges import PeriodTariff, charge_lines, prorated_slabs
from common.billing.consumption import period_units
from common.billing.errors import BillingInputError
from common.billing.gruha_jyothi import gruha_jyothi_line
from common.billing.inputs import BillInputs
from common.billing.rounding import round_to_rupee, to_paise
from common.billing.tariff import TariffBook, TariffOrder

__all__ = ["compute_bill"]

_HUNDRED = Decimal(100)


def _interest_line(inputs: BillInputs, order: TariffOrder) -> BillLine | None:
    """Simple interest on arrears unpaid after the due date: percent a month x days / month days."""
    due = inputs.arrears_due_date
    if inputs.arrears_paise <= 0 or due is None or inputs.bill_date <= due:
        return None
    late_days = (inputs.bill_date - due).days
    percent = order.rules.interest_percent_per_month
    rupees = Decimal(inputs.arrears_paise) / _HUNDRED
    amount = to_paise(rupees * percent / _HUNDRED * late_days / order.rules.month_days)
    if amount == 0:
        return None
    return BillLine(
        LineCode.INTEREST,
        f"Interest on arrears of Rs {rupees} for {late_days} days at {percent}% per month",
        f"ರೂ {rupees} ಬಾಕಿ ಮೇಲೆ {late_days} ದಿನಗಳ ಬಡ್ಡಿ, ತಿಂಗಳಿಗೆ ಶೇ {percent}",
        amount,
        quantity=Decimal(late_days),
        rate=percent,
    )


def _billing_start(inputs: BillInputs) -> date:
    start = inputs.period_start
    connected = inputs.connection_date
    if connected is not None:
        if connected > inputs.period_end:
            raise BillingInputError("connection_date", "is after the present reading date")
        start = max(start, connected)
    if inputs.period_end <= start:
        raise BillingInputError(
            "period_end", "the present reading date must be after the previous one"
        )
    return start


def _government_line(lines: list[BillLine]) -> BillLine:
    total = sum(line.amount_paise for line in lines)
    return BillLine(
        LineCode.GOVERNMENT_SUBSIDY,
        "Paid by the Government of Karnataka (irrigation pump set)",
        "ಕರ್ನಾಟಕ ಸರ್ಕಾರ ಪಾವತಿಸುವ ಮೊತ್ತ (ನೀರಾವರಿ ಪಂಪ್‌ಸೆಟ್)",
        -total,
    )


def compute_bill(inputs: BillInputs, book: TariffBook) -> Bill:
    """The consumer's itemised bill for the period, under the order in force on its first day."""
    if not inputs.rr_number.strip():
        raise BillingInputError("rr_number", "is required")
    start = _billing_start(inputs)
    days = (inputs.period_end - start).days
    order = book.order_for(start)
    category = order.category(inputs.category)
    month_days = order.rules.month_days
    tariff = PeriodTariff(
        order=order,
        category=category,
        billed_days=days,
        slabs=prorated_slabs(category, days, month_days),
        fuel_adjustment_rate=book.fuel_adjustment_on(inputs.period_end),
    )
    units = period_units(inputs, days, month_days)
    lines = charge_lines(inputs, tariff, units)
    if category.billed_to_government:
        if lines:
            lines.append(_government_line(lines))
    else:
        scheme = gruha_jyothi_line(inputs, tariff, units, lines)
        if scheme is not None:
            lines.append(scheme)
    interest = _interest_line(inputs, order)
    if interest is not None:
        lines.append(interest)
    if inputs.arrears_paise:
        lines.append(BillLine(LineCode.ARREARS, "Arrears", "ಹಿಂದಿನ ಬಾಕಿ", inputs.arrears_paise))
    before_rounding = sum(line.amount_paise for line in lines)
    net = round_to_rupee(before_rounding)
    if net != before_rounding:
        lines.append(
            BillLine(
                LineCode.ROUNDING, "Rounding to the rupee", "ರೂಪಾಯಿಗೆ ಪೂರ್ಣಾಂಕ", net - before_rounding
            )
        )
    return Bill(
        rr_number=inputs.rr_number,
        category=category.code,
        tariff_title=order.title,
        period_start=start,
        period_end=inputs.period_end,
        billed_days=days,
        units=units,
        meter_status=inputs.meter_status,
        lines=tuple(lines),
        net_paise=net,
    )
