"""Identifiers users type and print: RR numbers, account ids, counter codes, receipt numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from common.errors import ValidationProblem

__all__ = [
    "FinancialYear",
    "IdentifierError",
    "ReceiptNumber",
    "make_account_id",
    "normalise_mobile",
    "normalise_rr_number",
    "validate_account_id",
    "validate_counter_code",
]

_DIGITS = frozenset("0123456789")
_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ALNUM = _UPPER | _DIGITS
_COUNTER_CHARS = _ALNUM | {"-"}
_MAX_SEQUENCE = 2**63 - 1  # stored as BIGINT


class IdentifierError(ValidationProblem):
    """An identifier that is malformed; the reason says which part and why."""


def _require_text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise IdentifierError(field, f"must be text, got {type(value).__name__}")
    return value


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def normalise_rr_number(value: str, field: str = "rr_number") -> str:
    """The RR (revenue register) number in canonical form: stripped, uppercase, 4–20 A–Z/0–9."""
    text = _require_text(value, field).strip().upper()
    if not text:
        raise IdentifierError(field, "must not be empty")
    for ch in text:
        if ch not in _ALNUM:
            kind = "an ASCII letter or digit" if ch.isalnum() else "a letter or digit"
            raise IdentifierError(field, f"contains {ch!r} which is not {kind}")
    if not 4 <= len(text) <= 20:
        raise IdentifierError(
            field, f"must be 4 to 20 letters or digits, got {_plural(len(text), 'character')}"
        )
    return text


def _luhn_check_digit(payload: str) -> int:
    """The Luhn digit that makes `payload` + digit pass the Luhn check."""
    total = 0
    for position, ch in enumerate(reversed(payload)):
        digit = ord(ch) - 48
        if position % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return (10 - total % 10) % 10


def make_account_id(serial: int) -> str:
    """The 10-digit account id for `serial`: 9-digit zero-padded serial and a Luhn check digit."""
    if isinstance(serial, bool) or not isinstance(serial, int):
        raise IdentifierError("serial", f"must be an integer, got {type(serial).__name__}")
    if not 1 <= serial <= 999_999_999:
        raise IdentifierError("serial", f"must be 1 to 999999999, got {serial}")
    payload = f"{serial:09d}"
    return payload + str(_luhn_check_digit(payload))


def validate_account_id(value: str, field: str = "account_id") -> str:
    """The account id, stripped, if it is 10 digits with a correct Luhn check digit."""
    text = _require_text(value, field).strip()
    for ch in text:
        if ch not in _DIGITS:
            raise IdentifierError(field, f"contains {ch!r} which is not a digit 0-9")
    if len(text) != 10:
        raise IdentifierError(field, f"must be 10 digits, got {_plural(len(text), 'digit')}")
    if text[:9] == "000000000":
        raise IdentifierError(field, "serial part 000000000 is not a valid account")
    expected = _luhn_check_digit(text[:9])
    if int(text[9]) != expected:
        raise IdentifierError(field, f"check digit is {text[9]}, expected {expected}")
    return text


def validate_counter_code(value: str, field: str = "counter_code") -> str:
    """The counter code in uppercase: 4–16 of A–Z, 0–9 and '-', starting with a letter."""
    text = _require_text(value, field).strip().upper()
    if not text:
        raise IdentifierError(field, "must not be empty")
    for ch in text:
        if ch == "/":
            raise IdentifierError(
                field, "contains '/' which is not allowed (it separates receipt number parts)"
            )
        if ch not in _COUNTER_CHARS:
            raise IdentifierError(
                field, f"contains {ch!r}; only letters A-Z, digits 0-9 and '-' are allowed"
            )
    if not 4 <= len(text) <= 16:
        raise IdentifierError(
            field, f"must be 4 to 16 characters, got {_plural(len(text), 'character')}"
        )
    if text[0] not in _UPPER:
        raise IdentifierError(field, f"must start with a letter, got {text[0]!r}")
    return text


_FY_PATTERN = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True, order=True)
class FinancialYear:
    """An Indian financial year, April to March, named by the year it starts: 2026-27."""

    start_year: int

    MIN_YEAR: ClassVar[int] = 1900
    MAX_YEAR: ClassVar[int] = 9998

    def __post_init__(self) -> None:
        year = self.start_year
        if isinstance(year, bool) or not isinstance(year, int):
            raise IdentifierError("start_year", f"must be an integer, got {type(year).__name__}")
        if not self.MIN_YEAR <= year <= self.MAX_YEAR:
            raise IdentifierError(
                "start_year", f"must be {self.MIN_YEAR} to {self.MAX_YEAR}, got {year}"
            )

    @classmethod
    def of(cls, d: date) -> FinancialYear:
        """The financial year that `d` falls in."""
        return cls(d.year if d.month >= 4 else d.year - 1)

    @classmethod
    def parse(cls, text: str, field: str = "financial_year") -> FinancialYear:
        """Read a label like "2026-27"; the second part must be the year after the first."""
        raw = _require_text(text, field).strip()
        match = _FY_PATTERN.fullmatch(raw)
        if match is None:
            raise IdentifierError(field, f"must look like 2026-27 (YYYY-YY), got {raw!r}")
        start = int(match.group(1))
        expected = f"{(start + 1) % 100:02d}"
        if match.group(2) != expected:
            raise IdentifierError(
                field,
                f"second part must be {expected} (the year after {start}), got {match.group(2)}",
            )
        if not cls.MIN_YEAR <= start <= cls.MAX_YEAR:
            raise IdentifierError(
                field, f"start year must be {cls.MIN_YEAR} to {cls.MAX_YEAR}, got {start}"
            )
        return cls(start)

    @property
    def label(self) -> str:
        """The printed form, "2026-27"."""
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    @property
    def start(self) -> date:
        """1 April of the start year."""
        return date(self.start_year, 4, 1)

    @property
    def end(self) -> date:
        """31 March of the following year."""
        return date(self.start_year + 1, 3, 31)

    def contains(self, d: date) -> bool:
        """True if `d` falls within this financial year."""
        return self.start <= d <= self.end

    def __str__(self) -> str:
        return self.label


def _parse_sequence(text: str, field: str) -> int:
    if not text:
        raise IdentifierError(field, "sequence part is empty")
    for ch in text:
        if ch not in _DIGITS:
            raise IdentifierError(field, f"sequence part {text!r} contains {ch!r}, not a digit")
    if text[0] == "0":
        raise IdentifierError(
            field, f"sequence part {text!r} must be a whole number from 1, without leading zeros"
        )
    if len(text) > 19 or int(text) > _MAX_SEQUENCE:
        raise IdentifierError(field, f"sequence part {text!r} is too large")
    return int(text)


@dataclass(frozen=True)
class ReceiptNumber:
    """A receipt number, gapless per counter and year: "MYS001-1/2026-27/123"."""

    counter_code: str
    fy: FinancialYear
    sequence: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "counter_code", validate_counter_code(self.counter_code))
        if not isinstance(self.fy, FinancialYear):
            raise IdentifierError("fy", f"must be a FinancialYear, got {type(self.fy).__name__}")
        seq = self.sequence
        if isinstance(seq, bool) or not isinstance(seq, int):
            raise IdentifierError("sequence", f"must be an integer, got {type(seq).__name__}")
        if not 1 <= seq <= _MAX_SEQUENCE:
            raise IdentifierError("sequence", f"must be 1 or more, got {seq}")

    def __str__(self) -> str:
        return f"{self.counter_code}/{self.fy.label}/{self.sequence}"

    @classmethod
    def parse(cls, text: str, field: str = "receipt_number") -> ReceiptNumber:
        """Read "<counter code>/<financial year>/<sequence>", naming the part that is wrong."""
        raw = _require_text(text, field).strip()
        parts = raw.split("/")
        if len(parts) != 3:
            raise IdentifierError(
                field,
                "must have 3 parts separated by '/', like MYS001-1/2026-27/123; "
                f"got {_plural(len(parts), 'part')} in {raw!r}",
            )
        code_text, fy_text, seq_text = parts
        try:
            code = validate_counter_code(code_text, field)
        except IdentifierError as exc:
            raise IdentifierError(field, f"counter code part {code_text!r}: {exc.reason}") from None
        try:
            fy = FinancialYear.parse(fy_text, field)
        except IdentifierError as exc:
            raise IdentifierError(field, f"financial year part {fy_text!r}: {exc.reason}") from None
        return cls(code, fy, _parse_sequence(seq_text, field))


_MOBILE_SEPARATORS = str.maketrans("", "", " -()")


def normalise_mobile(value: str, field: str = "mobile") -> str:
    """An Indian mobile number as 10 digits, from forms like "+91 98450 12345" or "09845012345"."""
    raw = _require_text(value, field).strip()
    if not raw:
        raise IdentifierError(field, "must not be empty")
    text = raw.translate(_MOBILE_SEPARATORS)
    if text.startswith("+"):
        if not text.startswith("+91"):
            raise IdentifierError(field, f"must be an Indian number (+91), got {raw!r}")
        text = text[3:]
    for ch in text:
        if ch not in _DIGITS:
            raise IdentifierError(
                field, f"contains {ch!r}; only digits, spaces, '-' and a leading +91 are allowed"
            )
    if len(text) == 12 and text.startswith("91"):
        text = text[2:]
    elif len(text) == 11 and text.startswith("0"):
        text = text[1:]
    if len(text) != 10:
        raise IdentifierError(
            field,
            f"must have 10 digits after any +91 or leading 0, got {_plural(len(text), 'digit')}",
        )
    if text[0] not in "6789":
        raise IdentifierError(
            field, f"must start with 6, 7, 8 or 9 (an Indian mobile), got {text[0]} in {text}"
        )
    return text
