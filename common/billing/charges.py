"""Charges for units in a period: fixed, energy slabs, per-unit extras and electricity tax."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from common.billing.bill import BillLine, LineCode
from common.billing.errors import BillingInputError
from common.billing.inputs import BillInputs
from common.billing.rounding import to_paise, whole_units
from common.billing.tariff import Category, EnergySlab, TariffOrder

__all__ = [
    "PeriodTariff",
    "charge_lines",
    "energy_rupees",
    "per_unit_line",
    "percent_of",
    "prorated_slabs",
    "tax_line",
]

_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class PeriodTariff:
    """A category's tariff fitted to one billing period: prorated slabs and the per-unit extras."""

    order: TariffOrder
    category: Category
    billed_days: int
    slabs: tuple[EnergySlab, ...]
    fuel_adjustment_rate: Decimal

    @property
    def pension_surcharge_rate(self) -> Decimal:
        """The P&G surcharge per unit."""
        return self.order.rules.pension_surcharge_per_unit


def percent_of(paise: int, percent: Decimal) -> int:
    """`percent` per cent of `paise`, rounded by the tariff's rule."""
    return to_paise(Decimal(paise) * percent / _HUNDRED / _HUNDRED)


def prorated_slabs(category: Category, billed_days: int, month_days: int) -> tuple[EnergySlab, ...]:
    """Slab limits for the period: limit x days / month days, to whole units (half up)."""
    return tuple(
        EnergySlab(
            up_to=None
            if slab.up_to is None
            else whole_units(Decimal(slab.up_to * billed_days) / month_days),
            rate=slab.rate,
        )
        for slab in category.energy_slabs
    )


def _slab_shares(
    slabs: tuple[EnergySlab, ...], units: int
) -> list[tuple[int, int | None, int, Decimal]]:
    """(from, up_to, units in slab, rate) for each slab the units reach."""
    shares: list[tuple[int, int | None, int, Decimal]] = []
    lower = 0
    for slab in slabs:
        upper = units if slab.up_to is None else min(units, slab.up_to)
        if upper > lower:
            shares.append((lower, slab.up_to, upper - lower, slab.rate))
        if slab.up_to is None or units <= slab.up_to:
            break
        lower = slab.up_to
    return shares


def energy_rupees(slabs: tuple[EnergySlab, ...], units: int) -> Decimal:
    """The exact energy charge for `units` over `slabs`, before rounding."""
    return sum(
        (Decimal(count) * rate for _, _, count, rate in _slab_shares(slabs, units)), Decimal(0)
    )


def _fixed_line(inputs: BillInputs, tariff: PeriodTariff) -> BillLine | None:
    category = tariff.category
    unit = category.load_unit
    if inputs.sanctioned_load_w < 0:
        raise BillingInputError("sanctioned_load_w", "cannot be negative")
    if tariff.order.rules.part_load_unit_as_full:
        load = Decimal(-(-inputs.sanctioned_load_w // unit.watts))
    else:
        load = Decimal(inputs.sanctioned_load_w) / unit.watts
    rate = category.fixed_charge_per_load_unit
    days, month_days = tariff.billed_days, tariff.order.rules.month_days
    amount = to_paise(load * rate * days / month_days)
    if amount == 0:
        return None
    return BillLine(
        LineCode.FIXED,
        f"Fixed charges: {load} {unit.value} x Rs {rate} per month, for {days} days",
        f"ನಿಗದಿತ ಶುಲ್ಕ: {load} {unit.value} x ರೂ {rate} ಪ್ರತಿ ತಿಂಗಳು, {days} ದಿನಗಳಿಗೆ",
        amount,
        quantity=load,
        rate=rate,
    )


def _energy_lines(tariff: PeriodTariff, units: int) -> list[BillLine]:
    lines: list[BillLine] = []
    single = len(tariff.slabs) == 1
    for lower, up_to, count, rate in _slab_shares(tariff.slabs, units):
        if single:
            span_en, span_kn = "", ""
        elif up_to is None:
            span_en, span_kn = f" above {lower} units", f" {lower} ಯೂನಿಟ್ ಮೇಲ್ಪಟ್ಟು"
        else:
            span_en, span_kn = f" {lower}-{up_to} units", f" {lower}-{up_to} ಯೂನಿಟ್"
        lines.append(
            BillLine(
                LineCode.ENERGY,
                f"Energy charges{span_en}: {count} units x Rs {rate}",
                f"ವಿದ್ಯುತ್ ಶುಲ್ಕ{span_kn}: {count} ಯೂನಿಟ್ x ರೂ {rate}",
                to_paise(Decimal(count) * rate),
                quantity=Decimal(count),
                rate=rate,
            )
        )
    return lines


def per_unit_line(code: LineCode, rate: Decimal, units: int) -> BillLine | None:
    """Fuel adjustment or P&G surcharge on `units`; None when nothing is due."""
    amount = to_paise(rate * units)
    if amount == 0:
        return None
    if code is LineCode.FUEL_ADJUSTMENT:
        en, kn = "Fuel and power purchase cost adjustment", "ಇಂಧನ ಮತ್ತು ವಿದ್ಯುತ್ ಖರೀದಿ ವೆಚ್ಚ ಹೊಂದಾಣಿಕೆ ಶುಲ್ಕ"
    else:
        en, kn = "Pension and gratuity surcharge", "ಪಿಂಚಣಿ ಮತ್ತು ಉಪದಾನ ಹೆಚ್ಚುವರಿ ಶುಲ್ಕ"
    return BillLine(
        code,
        f"{en}: {units} units x Rs {rate}",
        f"{kn}: {units} ಯೂನಿಟ್ x ರೂ {rate}",
        amount,
        quantity=Decimal(units),
        rate=rate,
    )


_TAX_PARTS = {
    "fixed": LineCode.FIXED,
    "energy": LineCode.ENERGY,
    "fuel_adjustment": LineCode.FUEL_ADJUSTMENT,
    "pension_surcharge": LineCode.PENSION_SURCHARGE,
}


def tax_line(order: TariffOrder, lines: list[BillLine]) -> BillLine | None:
    """Electricity tax on the charges the order names as its base."""
    rules = order.rules
    codes = {_TAX_PARTS[part] for part in rules.electricity_tax_base}
    base = sum(line.amount_paise for line in lines if line.code in codes)
    amount = percent_of(base, rules.electricity_tax_percent)
    if amount == 0:
        return None
    percent = rules.electricity_tax_percent
    return BillLine(
        LineCode.ELECTRICITY_TAX,
        f"Electricity tax at {percent}% of Rs {Decimal(base) / _HUNDRED:.2f}",
        f"ವಿದ್ಯುತ್ ತೆರಿಗೆ ಶೇ {percent}, ರೂ {Decimal(base) / _HUNDRED:.2f} ಮೇಲೆ",
        amount,
        quantity=Decimal(base) / _HUNDRED,
        rate=percent,
    )


def charge_lines(inputs: BillInputs, tariff: PeriodTariff, units: int) -> list[BillLine]:
    """Fixed, energy, fuel adjustment, P&G surcharge and electricity tax for `units`."""
    lines: list[BillLine] = []
    fixed = _fixed_line(inputs, tariff)
    if fixed is not None:
        lines.append(fixed)
    lines.extend(_energy_lines(tariff, units))
    for code, rate in (
        (LineCode.FUEL_ADJUSTMENT, tariff.fuel_adjustment_rate),
        (LineCode.PENSION_SURCHARGE, tariff.pension_surcharge_rate),
    ):
        line = per_unit_line(code, rate, units)
        if line is not None:
            lines.append(line)
    tax = tax_line(tariff.order, lines)
    if tax is not None:
        lines.append(tax)
    return lines
