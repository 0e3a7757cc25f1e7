"""A bill as itemised lines that sum to the net amount, for the printed bill and the ledger."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

from common.billing.inputs import MeterStatus

__all__ = ["Bill", "BillLine", "LineCode"]


class LineCode(Enum):
    """What a line of a bill is for."""

    FIXED = "FIXED"
    ENERGY = "ENERGY"
    FUEL_ADJUSTMENT = "FUEL_ADJUSTMENT"
    PENSION_SURCHARGE = "PENSION_SURCHARGE"
    ELECTRICITY_TAX = "ELECTRICITY_TAX"
    GOVERNMENT_SUBSIDY = "GOVERNMENT_SUBSIDY"
    GRUHA_JYOTHI = "GRUHA_JYOTHI"
    INTEREST = "INTEREST"
    ARREARS = "ARREARS"
    ROUNDING = "ROUNDING"


CHARGE_CODES = frozenset(
    {
        LineCode.FIXED,
        LineCode.ENERGY,
        LineCode.FUEL_ADJUSTMENT,
        LineCode.PENSION_SURCHARGE,
        LineCode.ELECTRICITY_TAX,
    }
)
SUBSIDY_CODES = frozenset({LineCode.GOVERNMENT_SUBSIDY, LineCode.GRUHA_JYOTHI})


@dataclass(frozen=True)
class BillLine:
    """One line: `quantity` (units, kW, HP or days) at `rate` where that applies, and the amount."""

    code: LineCode
    description_en: str
    description_kn: str
    amount_paise: int
    quantity: Decimal | None = None
    rate: Decimal | None = None


@dataclass(frozen=True)
class Bill:
    """A consumer's bill for one reading period; `net_paise` is what the consumer must pay."""

    rr_number: str
    category: str
    tariff_title: str
    period_start: date
    period_end: date
    billed_days: int
    units: int
    meter_status: MeterStatus
    lines: tuple[BillLine, ...]
    net_paise: int

    def amount_of(self, *codes: LineCode) -> int:
        """Sum of the lines with any of `codes`."""
        return _sum(line for line in self.lines if line.code in codes)

    def lines_of(self, code: LineCode) -> tuple[BillLine, ...]:
        """The lines with `code`, in bill order."""
        return tuple(line for line in self.lines if line.code is code)

    @property
    def charges_paise(self) -> int:
        """Fixed, energy, fuel adjustment, surcharge and tax: the bill before any subsidy."""
        return self.amount_of(*CHARGE_CODES)

    @property
    def government_pays_paise(self) -> int:
        """What the State pays for this bill (Gruha Jyothi or IP-set subsidy), as a positive sum."""
        return -self.amount_of(*SUBSIDY_CODES)

    @property
    def demand_paise(self) -> int:
        """The new demand this bill raises on the consumer's account: everything except arrears."""
        return self.net_paise - self.amount_of(LineCode.ARREARS)

    @property
    def rounding_paise(self) -> int:
        """The rounding line's amount (0 when none)."""
        return self.amount_of(LineCode.ROUNDING)


def _sum(lines: Iterable[BillLine]) -> int:
    return sum(line.amount_paise for line in lines)
