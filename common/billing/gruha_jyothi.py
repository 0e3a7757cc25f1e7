"""The Gruha Jyothi scheme: free electricity for a household up to its entitlement (max 200 units).

How this reads the scheme (Government of Karnataka guidelines of June 2023 as reported, and the
Energy Minister's statements of June and August 2023):

* Entitlement = the consumer's baseline average monthly units (FY2022-23, or the standard
  average for a new connection) plus 10%, rounded to whole units (half up), never above 200 units.
* The bill is computed in full on all units; the scheme then appears as one line, paid by the State.
* Units up to the entitlement: the State pays the whole current bill, fixed charges and tax included
  ("if consumption is below 200 units ... the consumer will not have to pay fixed charges or even
  taxes"), so the consumer's current bill is zero.
* Units above the entitlement but not above 200: the consumer pays only for the excess units ("they
  will be charged the differential amount (between average and used units)"): the energy charge of
  the top slice of consumption (energy for all units minus energy for the entitled units, so slab
  rates apply as they would have), the fuel adjustment and P&G surcharge on the excess units, and
  the electricity tax on those of these charges that are in the order's tax base. The State pays
  the rest, fixed charges included.
* Above 200 units (even one unit): the consumer pays the whole bill and the State nothing.
* For a period other than a month, the entitlement and the 200-unit limit are prorated by days like
  the slab limits (x days / 30, half up to whole units).
* Arrears and interest are never covered.
"""

from __future__ import annotations

from decimal import Decimal

from common.billing.bill import BillLine, LineCode
from common.billing.charges import PeriodTariff, energy_rupees, per_unit_line, percent_of
from common.billing.errors import BillingInputError
from common.billing.inputs import BillInputs
from common.billing.rounding import to_paise, whole_units
from common.billing.tariff import GruhaJyothiRules

__all__ = ["entitlement_units", "gruha_jyothi_line"]


def entitlement_units(baseline_units: Decimal, rules: GruhaJyothiRules) -> int:
    """Monthly free units: baseline plus the uplift, half up to whole units, at most the cap."""
    if baseline_units < 0:
        raise BillingInputError("gruha_jyothi_baseline_units", "cannot be negative")
    uplifted = baseline_units * (1 + rules.uplift_percent / 100)
    return min(rules.cap_units, whole_units(uplifted))


def _excess_share(tariff: PeriodTariff, units: int, entitled: int) -> int:
    """What the consumer pays for the units above the entitlement."""
    excess = units - entitled
    energy = to_paise(energy_rupees(tariff.slabs, units) - energy_rupees(tariff.slabs, entitled))
    parts = {"fixed": 0, "energy": energy}
    for name, code, rate in (
        ("fuel_adjustment", LineCode.FUEL_ADJUSTMENT, tariff.fuel_adjustment_rate),
        ("pension_surcharge", LineCode.PENSION_SURCHARGE, tariff.pension_surcharge_rate),
    ):
        line = per_unit_line(code, rate, excess)
        parts[name] = 0 if line is None else line.amount_paise
    rules = tariff.order.rules
    base = sum(parts[name] for name in rules.electricity_tax_base)
    return sum(parts.values()) + percent_of(base, rules.electricity_tax_percent)


def gruha_jyothi_line(
    inputs: BillInputs, tariff: PeriodTariff, units: int, charges: list[BillLine]
) -> BillLine | None:
    """The scheme's line (negative: paid by the State), or None when the scheme does not apply."""
    rules = tariff.order.gruha_jyothi
    baseline = inputs.gruha_jyothi_baseline_units
    if rules is None or baseline is None:
        return None
    if tariff.category.code not in rules.categories or inputs.period_end < rules.first_bill_on:
        return None
    month_days = tariff.order.rules.month_days
    days = tariff.billed_days
    entitled = whole_units(Decimal(entitlement_units(baseline, rules) * days) / month_days)
    limit = whole_units(Decimal(rules.cap_units * days) / month_days)
    if units > limit:
        return None
    consumer_pays = 0 if units <= entitled else _excess_share(tariff, units, entitled)
    state_pays = sum(line.amount_paise for line in charges) - consumer_pays
    if state_pays == 0:
        return None
    return BillLine(
        LineCode.GRUHA_JYOTHI,
        f"Gruha Jyothi: {entitled} units free, paid by the Government of Karnataka",
        f"ಗೃಹ ಜ್ಯೋತಿ: {entitled} ಯೂನಿಟ್ ಉಚಿತ, ಕರ್ನಾಟಕ ಸರ್ಕಾರ ಪಾವತಿಸುತ್ತದೆ",
        -state_pays,
        quantity=Decimal(entitled),
    )
