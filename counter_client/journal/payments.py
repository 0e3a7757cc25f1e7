"""How a receipt was paid, and the rules each mode must meet before money is recorded.

Instrument dates follow bank practice: a cheque or demand draft is valid for three months from
its date, so one dated 15 January can be accepted up to and including 14 April (the business
date, not the wall clock, is what counts). A post-dated instrument is refused outright.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from common.errors import ValidationProblem
from common.money import check_paise, format_inr
from common.sync_protocol import PaymentMode

__all__ = [
    "CASH_LIMIT_PAISE",
    "Card",
    "Cash",
    "Cheque",
    "DemandDraft",
    "Payment",
    "Upi",
    "check_amount",
    "last_valid_day",
    "payment_body",
]

CASH_LIMIT_PAISE = 2_00_000_00
"""₹2,00,000: Income Tax Act s.269ST forbids receiving this much or more in cash at once."""

STALE_AFTER_MONTHS = 3
_INSTRUMENT_NUMBER = re.compile(r"\d{6}")
_UPI_REFERENCE = re.compile(r"\d{12}")
_CARD_REFERENCE = re.compile(r"[A-Z0-9]{6,12}")
_MAX_NAME = 80


@dataclass(frozen=True)
class Cash:
    """Notes and coins."""


@dataclass(frozen=True)
class Cheque:
    """A cheque: its 6-digit number, drawee bank and branch, and the date written on it."""

    number: str
    bank: str
    branch: str
    instrument_date: date


@dataclass(frozen=True)
class DemandDraft:
    """A demand draft: its 6-digit number, issuing bank and branch, and its date."""

    number: str
    bank: str
    branch: str
    instrument_date: date


@dataclass(frozen=True)
class Card:
    """A card payment on the counter's terminal: the reference (RRN or approval code) it printed."""

    reference: str


@dataclass(frozen=True)
class Upi:
    """A UPI payment: the 12-digit UPI transaction reference (UTR/RRN) the payer's app shows."""

    reference: str


Payment = Cash | Cheque | DemandDraft | Card | Upi


def check_amount(amount_paise: object, field: str = "amount_paise") -> int:
    """A positive whole number of paise."""
    amount = check_paise(amount_paise, field)
    if amount <= 0:
        raise ValidationProblem(field, f"must be more than zero, got {amount} paise")
    return amount


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (30 Nov + 3 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def last_valid_day(instrument_date: date) -> date:
    """The last business date on which an instrument of this date may be accepted."""
    return add_months(instrument_date, STALE_AFTER_MONTHS) - timedelta(days=1)


def _text(value: object, field: str, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationProblem(field, f"{what} is required")
    text = " ".join(value.split())
    if len(text) > _MAX_NAME:
        raise ValidationProblem(field, f"{what} must be at most {_MAX_NAME} characters")
    return text


def _instrument(payment: Cheque | DemandDraft, business_date: date, what: str) -> dict[str, object]:
    number = payment.number.strip() if isinstance(payment.number, str) else ""
    if not _INSTRUMENT_NUMBER.fullmatch(number):
        raise ValidationProblem(
            "payment.number", f"{what} number must be exactly 6 digits, got {payment.number!r}"
        )
    bank = _text(payment.bank, "payment.bank", "bank name")
    branch = _text(payment.branch, "payment.branch", "branch")
    when = payment.instrument_date
    if not isinstance(when, date):
        raise ValidationProblem("payment.instrument_date", f"the {what} date is required")
    if when > business_date:
        raise ValidationProblem(
            "payment.instrument_date",
            f"the {what} is post-dated ({when.isoformat()} is after today's business date "
            f"{business_date.isoformat()}); it cannot be accepted before its date",
        )
    if business_date > last_valid_day(when):
        raise ValidationProblem(
            "payment.instrument_date",
            f"the {what} dated {when.isoformat()} is stale: it was valid only until "
            f"{last_valid_day(when).isoformat()} (3 months)",
        )
    return {
        "instrument_number": number,
        "bank": bank,
        "branch": branch,
        "instrument_date": when.isoformat(),
    }


def _reference(value: object, pattern: re.Pattern[str], what: str) -> str:
    text = value.strip().upper() if isinstance(value, str) else ""
    if not pattern.fullmatch(text):
        raise ValidationProblem("payment.reference", f"{what}, got {value!r}")
    return text


def payment_body(payment: Payment, *, amount_paise: int, business_date: date) -> dict[str, object]:
    """The journal body fields for this payment; raises ValidationProblem naming the field."""
    if isinstance(payment, Cash):
        if amount_paise >= CASH_LIMIT_PAISE:
            raise ValidationProblem(
                "amount_paise",
                f"cash of {format_inr(amount_paise)} cannot be accepted: cash of "
                f"{format_inr(CASH_LIMIT_PAISE)} or more in one receipt is not allowed "
                "(Income Tax Act s.269ST); ask for a cheque, demand draft, card or UPI",
            )
        return {"payment_mode": PaymentMode.CASH.value}
    if isinstance(payment, Cheque):
        return {
            "payment_mode": PaymentMode.CHEQUE.value,
            **_instrument(payment, business_date, "cheque"),
        }
    if isinstance(payment, DemandDraft):
        body = _instrument(payment, business_date, "demand draft")
        return {"payment_mode": PaymentMode.DEMAND_DRAFT.value, **body}
    if isinstance(payment, Card):
        ref = _reference(
            payment.reference, _CARD_REFERENCE, "card reference must be 6 to 12 letters or digits"
        )
        return {"payment_mode": PaymentMode.CARD.value, "reference": ref}
    if isinstance(payment, Upi):
        ref = _reference(payment.reference, _UPI_REFERENCE, "UPI reference must be 12 digits")
        return {"payment_mode": PaymentMode.UPI.value, "reference": ref}
    raise ValidationProblem("payment", f"unknown payment mode {type(payment).__name__}")
