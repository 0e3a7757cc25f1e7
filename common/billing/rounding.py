"""The one place where rupees become paise and units become whole units, by the tariff's rule.

The tariff schedule's general terms: "The bill amount will be rounded off to the nearest Rupee,
i.e., the bill amount of 50 Paise and above will be rounded off to the next higher Rupee and the
amount less than 50 Paise will be ignored." Each line is first rounded to the paisa, half up.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["round_to_rupee", "to_paise", "whole_units"]

_ONE = Decimal(1)


def to_paise(rupees: Decimal) -> int:
    """Rupees (exact Decimal) as whole paise, half a paisa rounded up (away from zero)."""
    return int((rupees * 100).quantize(_ONE, rounding=ROUND_HALF_UP))


def whole_units(units: Decimal) -> int:
    """Units (kWh) as a whole number, half a unit rounded up."""
    return int(units.quantize(_ONE, rounding=ROUND_HALF_UP))


def round_to_rupee(paise: int) -> int:
    """`paise` to the nearest rupee, 50 paise going up (also for credits: -150 -> -100)."""
    return (paise + 50) // 100 * 100
