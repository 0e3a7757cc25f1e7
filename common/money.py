"""Money as integer paise (DESIGN invariant 1): parsing, checking and Indian-style formatting."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TypeAlias

from common.errors import ValidationProblem

__all__ = [
    "MAX_PAISE",
    "MIN_PAISE",
    "MoneyError",
    "Paise",
    "check_paise",
    "format_inr",
    "group_indian",
    "paise_of",
    "parse_rupees",
    "rupees",
]

Paise: TypeAlias = int
"""An amount of money in paise (1/100 rupee). Stored as BIGINT."""

MAX_PAISE: Paise = 2**63 - 1
MIN_PAISE: Paise = -(2**63 - 1)


class MoneyError(ValidationProblem):
    """An amount of money that cannot be accepted."""


def check_paise(value: object, field: str) -> Paise:
    """`value` as an int of paise; refuses bool, float, str, fractional Decimal, out-of-range."""
    if isinstance(value, bool):
        raise MoneyError(field, f"must be a whole number of paise, got a bool ({value})")
    if isinstance(value, float):
        raise MoneyError(
            field, f"must be a whole number of paise, got a float ({value!r}); money is never float"
        )
    if isinstance(value, str):
        raise MoneyError(
            field, f"must be a whole number of paise, got text {value!r}; use parse_rupees"
        )
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise MoneyError(field, f"must be a finite number of paise, got {value}")
        if value != value.to_integral_value():
            raise MoneyError(field, f"has a fraction of a paisa ({value} paise)")
        value = int(value)
    if not isinstance(value, int):
        raise MoneyError(field, f"must be a whole number of paise, got {type(value).__name__}")
    if not MIN_PAISE <= value <= MAX_PAISE:
        raise MoneyError(field, f"{value} paise is beyond the storable range ±{MAX_PAISE}")
    return int(value)


def paise_of(rupees: int, paise: int = 0) -> Paise:
    """The paise in `rupees` rupees and `paise` paise (both non-negative; paise 0 to 99)."""
    whole = check_paise(rupees, "rupees")
    part = check_paise(paise, "paise")
    if whole < 0:
        raise MoneyError("rupees", f"must not be negative, got {whole}; negate the result instead")
    if not 0 <= part <= 99:
        raise MoneyError("paise", f"must be 0 to 99, got {part}")
    return check_paise(whole * 100 + part, "amount")


def rupees(paise: Paise) -> Decimal:
    """The exact amount in rupees as a Decimal with two places, e.g. 1205 -> Decimal('12.05')."""
    amount = check_paise(paise, "amount")
    return Decimal(amount).scaleb(-2)


def group_indian(digits: str) -> str:
    """Digits grouped the Indian way: "12345678" -> "1,23,45,678"."""
    if len(digits) <= 3:
        return digits
    head, tail = digits[:-3], digits[-3:]
    pairs = []
    while len(head) > 2:
        pairs.append(head[-2:])
        head = head[:-2]
    pairs.append(head)
    return ",".join(reversed(pairs)) + "," + tail


def format_inr(paise: Paise, *, symbol: bool = True) -> str:
    """The amount in Indian grouping: 1234567850 -> "₹1,23,45,678.50", -5 -> "-₹0.05"."""
    amount = check_paise(paise, "amount")
    sign = "-" if amount < 0 else ""
    whole, part = divmod(abs(amount), 100)
    return f"{sign}{'₹' if symbol else ''}{group_indian(str(whole))}.{part:02d}"


_AMOUNT = re.compile(
    r"""
    (?P<sign1>-)?\s*
    (?P<currency>₹|rs\.?|inr)?\s*
    (?P<sign2>-)?\s*
    (?P<whole>[0-9,]*)
    (?:\.(?P<fraction>[0-9]*))?
    \s*(?:/-)?
    """,
    re.IGNORECASE | re.VERBOSE,
)
_INDIAN_GROUPS = re.compile(r"[1-9][0-9]?(?:,[0-9]{2})*,[0-9]{3}")
_INTERNATIONAL_GROUPS = re.compile(r"[1-9][0-9]{0,2}(?:,[0-9]{3})+")


def _quote(text: str) -> str:
    """`text` quoted for an error message, shortened if long."""
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _check_commas(whole: str, field: str) -> str:
    """`whole` without its commas, if they group the digits the Indian or international way."""
    if "," not in whole:
        return whole
    if _INDIAN_GROUPS.fullmatch(whole) or _INTERNATIONAL_GROUPS.fullmatch(whole):
        return whole.replace(",", "")
    raise MoneyError(
        field,
        f"commas in {_quote(whole)} are misplaced; group like 1,23,45,678 or 12,345,678 "
        "(use '.' for paise)",
    )


def _describe_garbage(text: str) -> str:
    if text.count(".") > 1:
        return f"{_quote(text)} has more than one decimal point"
    if "-" in text:
        return f"{_quote(text)} has a '-' that is not a leading minus sign"
    for ch in text:
        if not (ch.isspace() or ch in "0123456789,.-₹/"):
            return f"{_quote(text)} contains {ch!r}; expected an amount like 1,234.50 or ₹12.05"
    return f"{_quote(text)} is not an amount; expected something like 1,234.50 or ₹12.05"


def parse_rupees(text: str, field: str = "amount", *, allow_negative: bool = False) -> Paise:
    """Paise from a typed rupee amount: "1234", "1,234.5", "₹1,23,45,678.50", "Rs. 12.05"."""
    if not isinstance(text, str):
        raise MoneyError(field, f"must be text, got {type(text).__name__}")
    raw = text.strip()
    if not raw:
        raise MoneyError(field, "must not be empty")
    match = _AMOUNT.fullmatch(raw)
    if match is None or (match["sign1"] and match["sign2"]):
        raise MoneyError(field, _describe_garbage(raw))
    whole, fraction = match["whole"], match["fraction"]
    if not whole and not fraction:
        raise MoneyError(field, f"{_quote(raw)} has no digits")
    if fraction is not None and len(fraction) > 2:
        raise MoneyError(
            field,
            f"{_quote(raw)} has {len(fraction)} digits after the decimal point; at most 2 (paise)",
        )
    digits = _check_commas(whole, field).lstrip("0") or "0"
    if len(digits) > 17:
        raise MoneyError(field, f"{_quote(raw)} is too large; at most {format_inr(MAX_PAISE)}")
    amount = int(digits) * 100 + int((fraction or "").ljust(2, "0"))
    if match["sign1"] or match["sign2"]:
        if not allow_negative and amount != 0:
            raise MoneyError(field, f"must not be negative, got {_quote(raw)}")
        amount = -amount
    if abs(amount) > MAX_PAISE:
        raise MoneyError(field, f"{_quote(raw)} is too large; at most {format_inr(MAX_PAISE)}")
    return amount
