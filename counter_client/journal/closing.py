"""Closing at the counter: shifts, the day book, reopening and remittances (the rules, no Qt).

A **shift** is one cashier's run of money entries (receipts, cancellations, cash in and out) on
the open business date since their last closing. A cancellation counts in the shift of the
cashier who took the receipt (the refund leaves that drawer), whoever keys it; a receipt already
counted in a closed shift cannot be cancelled at the counter (accounts correct it). Closing a
shift writes a ``shift_close`` entry (`common.daybook.ShiftCloseBody`) with the count; the
cashier's next entry starts a new shift.

The **day book** closes only when every shift with entries is closed, with a supervisor's
approval. Business dates then move on by this rule (`next_business_date`):

    The next business date is the later of today (local calendar) and the closed date plus one,
    and is never more than one day after today. So after today's book is closed at 17:00, an
    18:00 receipt opens tomorrow's book and takes tomorrow's date; tomorrow's book cannot then be
    closed and a third date taken until the calendar reaches tomorrow.

Reopening (``day_reopen``) needs an accounts officer or admin verified online by the centre; only
the latest day book, and only while nothing has taken a later date. A **remittance** banks cash
and cheques of a closed date, never more than that date's shifts counted, less earlier slips.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from pydantic import ValidationError
from sqlalchemy.engine import Connection

from common.daybook import DENOMINATIONS, MODES, denomination_total
from common.errors import ValidationProblem
from common.money import check_paise, parse_rupees
from common.roles import Role
from common.sync_protocol import PaymentMode
from counter_client.store.engine import sqlite_connection

__all__ = [
    "OFFICER_ROLES",
    "ClosedTotals",
    "Officer",
    "ShiftExpectation",
    "ShiftInstrument",
    "next_business_date",
    "notes_for",
    "parse_count",
    "parse_denominations",
    "parse_paise",
    "pydantic_problem",
]

OFFICER_ROLES = frozenset({Role.ACCOUNTS_OFFICER, Role.ADMIN})
"""Roles that may reopen a closed day book (higher than a counter supervisor)."""

INSTRUMENT_MODES = frozenset({PaymentMode.CHEQUE.value, PaymentMode.DEMAND_DRAFT.value})
_DENOMINATION_NAMES = tuple(name for name, _ in DENOMINATIONS)
_MAX_COUNT = 10**7
_SLIP = re.compile(r"[A-Z0-9/-]{1,30}")


class Officer(Protocol):
    """Someone the centre verified online just now (see `CentreClient.verify_officer`)."""

    @property
    def username(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def verified_at(self) -> datetime: ...


@dataclass(frozen=True)
class ShiftInstrument:
    """A cheque or draft of the shift, to be checked off at closing."""

    receipt_number: str
    mode: str
    number: str
    bank: str
    amount_paise: int
    rr_number: str


@dataclass(frozen=True)
class ShiftExpectation:
    """What a cashier's open shift should hand over, per mode, and the instruments to check."""

    cashier: str
    business_date: date
    first_sequence: int | None
    last_sequence: int | None
    receipts: int
    cancellations: int
    expected_paise: dict[str, int]
    instruments: tuple[ShiftInstrument, ...] = ()
    cash_in_paise: int = 0
    cash_out_paise: int = 0

    @property
    def is_empty(self) -> bool:
        """True when the cashier has nothing on this date since their last closing."""
        return self.first_sequence is None


@dataclass(frozen=True)
class ClosedTotals:
    """What the closed shifts of a date handed over, and what earlier slips already banked."""

    business_date: date
    cash_paise: int = 0
    instruments_paise: int = 0
    remitted_cash_paise: int = 0
    remitted_cheque_paise: int = 0
    shifts: int = 0
    instruments: dict[str, int] = field(default_factory=dict)
    """Receipt number -> amount of each cheque/draft counted present in a closed shift."""
    remitted_instruments: frozenset[str] = frozenset()

    @property
    def cash_to_remit_paise(self) -> int:
        return self.cash_paise - self.remitted_cash_paise

    @property
    def cheques_to_remit_paise(self) -> int:
        return self.instruments_paise - self.remitted_cheque_paise


# -- parsing what the screens type ------------------------------------------------------


def parse_count(value: object, field: str) -> int:
    """A count of notes or coins: a whole number 0 or more, typed ("12", "") or given as int."""
    if isinstance(value, bool):
        raise ValidationProblem(field, "must be a whole number of notes or coins")
    if isinstance(value, int):
        count = value
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            return 0
        if not text.isdigit() or not text.isascii():
            raise ValidationProblem(field, f"{text!r} is not a whole number of notes or coins")
        count = int(text)
    else:
        raise ValidationProblem(field, "must be a whole number of notes or coins")
    if count < 0:
        raise ValidationProblem(field, f"must not be negative, got {count}")
    if count > _MAX_COUNT:
        raise ValidationProblem(field, f"{count} is more than any drawer holds")
    return count


def parse_denominations(counts: Mapping[str, object]) -> dict[str, int]:
    """Every denomination's count (missing ones are 0); errors name ``denominations.<name>``."""
    if not isinstance(counts, Mapping):
        raise ValidationProblem("denominations", "must map each note and coin to its count")
    unknown = sorted(set(counts) - set(_DENOMINATION_NAMES))
    if unknown:
        raise ValidationProblem(
            f"denominations.{unknown[0]}",
            f"is not a denomination; expected one of {list(_DENOMINATION_NAMES)}",
        )
    return {
        name: parse_count(counts.get(name, 0), f"denominations.{name}")
        for name in _DENOMINATION_NAMES
    }


def notes_for(paise: int) -> dict[str, int]:
    """Notes and coins making up `paise`, largest first (whole rupees; paise are dropped)."""
    left = max(paise, 0) // 100 * 100
    counts: dict[str, int] = {}
    for name, value in DENOMINATIONS:
        counts[name], left = divmod(left, value)
    return counts


def parse_paise(value: object, field: str) -> int:
    """Paise from an int or from rupees as typed ("1,500.50"); never negative."""
    if isinstance(value, str):
        return parse_rupees(value, field) if value.strip() else 0
    amount = check_paise(value, field)
    if amount < 0:
        raise ValidationProblem(field, f"must not be negative, got {amount} paise")
    return amount


def parse_instruments(value: object, field: str = "instruments_present") -> frozenset[str]:
    """A set of receipt numbers (the instruments found in the drawer)."""
    if isinstance(value, str) or not isinstance(value, set | frozenset | list | tuple):
        raise ValidationProblem(field, "must be a set of receipt numbers")
    numbers = set()
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise ValidationProblem(field, f"{item!r} is not a receipt number")
        numbers.add(item.strip().upper())
    return frozenset(numbers)


def check_slip_number(value: object) -> str:
    """A pay-in slip number as printed: letters, digits, '/' and '-' (spaces dropped)."""
    text = "".join(value.split()).upper() if isinstance(value, str) else ""
    if not _SLIP.fullmatch(text):
        raise ValidationProblem(
            "slip_number", f"must be 1 to 30 letters, digits, '/' or '-', got {value!r}"
        )
    return text


def pydantic_problem(exc: ValidationError, prefix: str = "") -> ValidationProblem:
    """Our ValidationProblem for the first error of a pydantic model, naming its field.

    A model-level check has no location; its message starts with the field it is about
    ("amount_paise must be ..."), which then names the field.
    """
    first = exc.errors()[0]
    message = str(first.get("msg", "is not valid")).removeprefix("Value error, ")
    where = ".".join(str(part) for part in first.get("loc", ()))
    if not where:
        leading = _LEADING_FIELD.match(message)
        where = leading.group(1) if leading else ""
    name = f"{prefix}.{where}" if prefix and where else (where or prefix or "body")
    return ValidationProblem(name, message)


_LEADING_FIELD = re.compile(r"([a-z]+_[a-z_]+|reason)\b")


# -- business dates ---------------------------------------------------------------------


def next_business_date(closed: date, today: date) -> date:
    """The business date after a closed day book (see the module's rule); refuses a jump."""
    wanted = max(today, closed + timedelta(days=1))
    if wanted > today + timedelta(days=1):
        raise ValidationProblem(
            "business_date",
            f"the day book of {closed.isoformat()} is closed and {wanted.isoformat()} would be "
            f"more than one day ahead of today ({today.isoformat()}); wait for the calendar",
        )
    return wanted


def latest_allowed_date(today: date, latest_closed: date | None) -> date:
    """The furthest business date a day book may open on: tomorrow only once today is closed."""
    if latest_closed is not None and latest_closed >= today:
        return today + timedelta(days=1)
    return today


# -- reads inside the caller's transaction ----------------------------------------------

_MONEY_KINDS = "('receipt', 'cancellation', 'cash_in', 'cash_out')"
# Whose drawer an entry touches: its own cashier's, except a cancellation, which refunds from
# the drawer of the cashier who took the receipt (whoever keys the cancellation).
_OWNED = (
    "SELECT j.sequence, j.kind, j.amount_paise, j.payment_mode, j.receipt_number, j.rr_number, "
    "j.body, CASE WHEN j.kind = 'cancellation' THEN r.cashier ELSE j.cashier END AS owner "
    "FROM journal AS j LEFT JOIN journal AS r ON r.sequence = j.refers_to "
    f"AND j.kind = 'cancellation' WHERE j.business_date = ? AND j.kind IN {_MONEY_KINDS}"
)
_LAST_CLOSED = (
    "SELECT COALESCE(MAX(last_sequence), 0) FROM shift_closings "
    "WHERE business_date = ? AND cashier = ?"
)
_SHIFT_ENTRIES = f"SELECT * FROM ({_OWNED}) WHERE owner = ? AND sequence > ? ORDER BY sequence"
_CANCELLED = (
    "SELECT r.receipt_number FROM journal AS c JOIN journal AS r ON r.sequence = c.refers_to "
    "WHERE c.kind = 'cancellation' AND r.business_date = ? AND r.cashier = ?"
)
_OPEN_SHIFTS = (
    f"SELECT DISTINCT o.owner FROM ({_OWNED}) AS o WHERE o.sequence > "
    "(SELECT COALESCE(MAX(s.last_sequence), 0) FROM shift_closings AS s "
    " WHERE s.business_date = ? AND s.cashier = o.owner) ORDER BY o.owner"
)


def in_closed_shift(conn: Connection, cashier: str, business_date: date, sequence: int) -> bool:
    """True if the entry at `sequence` of `cashier` was counted in one of their closed shifts."""
    raw = sqlite_connection(conn)
    (after,) = raw.execute(_LAST_CLOSED, (business_date.isoformat(), cashier)).fetchone()
    return sequence <= int(after)


def shift_expectation(conn: Connection, cashier: str, business_date: date) -> ShiftExpectation:
    """The open shift of `cashier` on `business_date` (empty if nothing since their closing)."""
    raw = sqlite_connection(conn)
    day = business_date.isoformat()
    (after,) = raw.execute(_LAST_CLOSED, (day, cashier)).fetchone()
    rows = raw.execute(_SHIFT_ENTRIES, (day, cashier, after)).fetchall()
    cancelled = {r[0] for r in raw.execute(_CANCELLED, (day, cashier))}
    expected = dict.fromkeys(MODES, 0)
    receipts = cancellations = cash_in = cash_out = 0
    instruments: list[ShiftInstrument] = []
    for _sequence, kind, amount, mode, number, rr, body_text, _owner in rows:
        if kind == "receipt":
            receipts += 1
            expected[mode] += int(amount)
            if mode in INSTRUMENT_MODES and number not in cancelled:
                body = json.loads(body_text)
                instruments.append(
                    ShiftInstrument(
                        receipt_number=number,
                        mode=mode,
                        number=str(body.get("instrument_number", "")),
                        bank=str(body.get("bank", "")),
                        amount_paise=int(amount),
                        rr_number=rr,
                    )
                )
        elif kind == "cancellation":
            body = json.loads(body_text)
            cancellations += 1
            expected[body["payment_mode"]] -= int(body["cancelled_amount_paise"])
        elif kind == "cash_in":
            cash_in += int(amount)
        else:
            cash_out += int(amount)
    expected[PaymentMode.CASH.value] += cash_in - cash_out
    return ShiftExpectation(
        cashier=cashier,
        business_date=business_date,
        first_sequence=int(rows[0][0]) if rows else None,
        last_sequence=int(rows[-1][0]) if rows else None,
        receipts=receipts,
        cancellations=cancellations,
        expected_paise=expected,
        instruments=tuple(instruments),
        cash_in_paise=cash_in,
        cash_out_paise=cash_out,
    )


def open_shift_cashiers(conn: Connection, business_date: date) -> list[str]:
    """Cashiers with entries on `business_date` not yet in a closed shift."""
    day = business_date.isoformat()
    rows = sqlite_connection(conn).execute(_OPEN_SHIFTS, (day, day))
    return [str(r[0]) for r in rows]


_CLOSED_SHIFTS = (
    "SELECT s.cash_paise, s.instruments_paise, j.body FROM shift_closings AS s "
    "JOIN journal AS j ON j.sequence = s.sequence WHERE s.business_date = ?"
)
_REMITTED = (
    "SELECT COALESCE(SUM(cash_paise), 0), COALESCE(SUM(cheque_paise), 0) FROM remittances "
    "WHERE business_date = ?"
)
_REMITTED_INSTRUMENTS = (
    "SELECT i.receipt_number FROM remitted_instruments AS i "
    "JOIN remittances AS r ON r.sequence = i.remittance_sequence WHERE r.business_date = ?"
)


def closed_totals(conn: Connection, business_date: date) -> ClosedTotals:
    """What the closed shifts of `business_date` counted and what was already remitted."""
    raw = sqlite_connection(conn)
    day = business_date.isoformat()
    cash = instruments_total = shifts = 0
    present: dict[str, int] = {}
    for cash_paise, instruments_paise, body_text in raw.execute(_CLOSED_SHIFTS, (day,)):
        shifts += 1
        cash += int(cash_paise)
        instruments_total += int(instruments_paise)
        for item in json.loads(body_text)["instruments"]:
            if item["present"]:
                present[item["receipt_number"]] = int(item["amount_paise"])
    remitted_cash, remitted_cheques = raw.execute(_REMITTED, (day,)).fetchone()
    remitted = frozenset(str(r[0]) for r in raw.execute(_REMITTED_INSTRUMENTS, (day,)))
    return ClosedTotals(
        business_date=business_date,
        cash_paise=cash,
        instruments_paise=instruments_total,
        remitted_cash_paise=int(remitted_cash),
        remitted_cheque_paise=int(remitted_cheques),
        shifts=shifts,
        instruments=present,
        remitted_instruments=remitted,
    )


def slip_in_use(conn: Connection, slip_key: str) -> int | None:
    """The sequence of the remittance that already used this slip number, if any."""
    row = (
        sqlite_connection(conn)
        .execute("SELECT sequence FROM remittances WHERE slip_key = ?", (slip_key,))
        .fetchone()
    )
    return None if row is None else int(row[0])


def shift_close_body(
    expectation: ShiftExpectation,
    *,
    denominations: dict[str, int],
    present: frozenset[str],
    card_paise: int,
    upi_paise: int,
    reason: str | None,
    approved_by: str,
) -> dict[str, Any]:
    """The ``shift_close`` body, before the model checks it."""
    assert expectation.first_sequence is not None and expectation.last_sequence is not None
    counted = dict.fromkeys(MODES, 0)
    counted[PaymentMode.CASH.value] = denomination_total(denominations)
    counted[PaymentMode.CARD.value] = card_paise
    counted[PaymentMode.UPI.value] = upi_paise
    instruments = []
    for item in expectation.instruments:
        found = item.receipt_number in present
        if found:
            counted[item.mode] += item.amount_paise
        instruments.append(
            {
                "receipt_number": item.receipt_number,
                "mode": item.mode,
                "number": item.number or "-",
                "bank": item.bank or "-",
                "amount_paise": item.amount_paise,
                "present": found,
            }
        )
    expected = expectation.expected_paise
    return {
        "approved_by": approved_by,
        "first_sequence": expectation.first_sequence,
        "last_sequence": expectation.last_sequence,
        "receipts": expectation.receipts,
        "cancellations": expectation.cancellations,
        "expected_paise": dict(expected),
        "counted_paise": counted,
        "over_short_paise": {mode: counted[mode] - expected[mode] for mode in MODES},
        "denominations": denominations,
        "instruments": instruments,
        "reason": reason,
    }
