"""Tariff orders as values: categories, slabs, fuel adjustment, Gruha Jyothi, the book of orders."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import Enum
from pathlib import Path

from common.billing.errors import NoTariffInForce

__all__ = [
    "REQUIRED_CATEGORIES",
    "TAX_BASE_PARTS",
    "Category",
    "EnergySlab",
    "FuelAdjustment",
    "GruhaJyothiRules",
    "LoadUnit",
    "TariffBook",
    "TariffOrder",
    "TariffRules",
]

REQUIRED_CATEGORIES: tuple[str, ...] = ("LT-1", "LT-3", "LT-4", "LT-5", "LT-6a", "LT-6b")
TAX_BASE_PARTS: frozenset[str] = frozenset(
    {"fixed", "energy", "fuel_adjustment", "pension_surcharge"}
)


class LoadUnit(Enum):
    """The unit fixed charges are levied on; watts per unit, 1 HP = 746 W by the tariff's table."""

    KW = "kW"
    HP = "HP"

    @property
    def watts(self) -> int:
        """Watts in one unit of load."""
        return 1000 if self is LoadUnit.KW else 746


@dataclass(frozen=True)
class EnergySlab:
    """Units up to `up_to` per month (None: all the rest) at `rate` rupees per unit."""

    up_to: int | None
    rate: Decimal


@dataclass(frozen=True)
class Category:
    """One tariff category of an order, e.g. LT-1 domestic."""

    code: str
    name_en: str
    name_kn: str
    load_unit: LoadUnit
    fixed_charge_per_load_unit: Decimal
    energy_slabs: tuple[EnergySlab, ...]
    billed_to_government: bool = False


@dataclass(frozen=True)
class FuelAdjustment:
    """Fuel and power purchase cost adjustment per unit for bills read from `start` to `end`."""

    start: date
    end: date
    rate: Decimal


@dataclass(frozen=True)
class GruhaJyothiRules:
    """The State's free-electricity scheme for households, as this order's period applies it."""

    first_bill_on: date
    uplift_percent: Decimal
    cap_units: int
    categories: frozenset[str]


@dataclass(frozen=True)
class TariffRules:
    """Rules of the order that are not per category."""

    month_days: int
    electricity_tax_percent: Decimal
    electricity_tax_base: frozenset[str]
    interest_percent_per_month: Decimal
    part_load_unit_as_full: bool
    pension_surcharge_per_unit: Decimal


@dataclass(frozen=True)
class TariffOrder:
    """One KERC tariff order, in force from `effective_from` to `effective_until` (inclusive)."""

    title: str
    source_file: Path
    effective_from: date
    effective_until: date | None
    rules: TariffRules
    categories: Mapping[str, Category]
    fuel_adjustments: tuple[FuelAdjustment, ...]
    gruha_jyothi: GruhaJyothiRules | None

    def category(self, code: str) -> Category:
        """The category `code`; NoTariffInForce if this order has none such."""
        try:
            return self.categories[code]
        except KeyError:
            raise NoTariffInForce("category", f"{self.title} has no category {code!r}") from None

    def fuel_adjustment_on(self, day: date) -> Decimal:
        """The fuel adjustment rate per unit for a bill read on `day`; zero when none is set."""
        for entry in self.fuel_adjustments:
            if entry.start <= day <= entry.end:
                return entry.rate
        return Decimal(0)


@dataclass(frozen=True)
class TariffBook:
    """Every tariff order, oldest first, with no two in force on the same day."""

    orders: tuple[TariffOrder, ...]

    def order_for(self, day: date) -> TariffOrder:
        """The order in force on `day`."""
        for index, order in enumerate(self.orders):
            until = order.effective_until
            if until is None and index + 1 < len(self.orders):
                until = self.orders[index + 1].effective_from - timedelta(days=1)
            if order.effective_from <= day and (until is None or day <= until):
                return order
        raise NoTariffInForce("date", f"no tariff order is in force on {day.isoformat()}")

    def fuel_adjustment_on(self, day: date) -> Decimal:
        """The fuel adjustment rate for a bill read on `day`, from the order in force that day."""
        try:
            order = self.order_for(day)
        except NoTariffInForce:
            return Decimal(0)
        return order.fuel_adjustment_on(day)
