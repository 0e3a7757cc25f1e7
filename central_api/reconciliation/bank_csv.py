"""Reading a bank's account statement CSV into lines in integer paise, by a column mapping.

A profile names the header of each column the statement has (date, value date, narration,
reference or cheque number, debit, credit, balance), the date formats and the delimiter. The
header row is found among the first lines (banks put the account holder's particulars above
it); a header that lacks a mapped column, or has columns the profile does not know, is refused
naming them, before any line is read. Amounts are Indian-formatted rupees ("1,23,456.78",
"1234", "2,000.00 CR") read by common.money.parse_rupees into whole paise, never floats.

Ready profiles (header names as third-party statement parsers record them; not checked against
a file downloaded from the bank itself):

* ``sbi``: State Bank of India's account statement export, "Txn Date, Value Date, Description,
  Ref No./Cheque No., Debit, Credit, Balance", dates like "03 Nov 2026" (also "03-Nov-26").
* ``canara``: Canara Bank's statement export, "Txn Date, Value Date, Cheque No., Description,
  Branch Code, Debit, Credit, Balance", dates like "03-11-2026" (also with a time of day).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from common.errors import ValidationProblem
from common.money import parse_rupees

MAX_LINES = 100_000
_HEADER_SEARCH_LINES = 40
_ROLES = ("txn_date", "value_date", "description", "reference", "debit", "credit", "balance")
_REQUIRED = ("txn_date", "description", "debit", "credit")


@dataclass(frozen=True)
class ColumnMapping:
    """Which header names which part of a line; `ignored` columns are allowed and skipped."""

    txn_date: str
    description: str
    debit: str
    credit: str
    value_date: str | None = None
    reference: str | None = None
    balance: str | None = None
    ignored: tuple[str, ...] = ()
    date_formats: tuple[str, ...] = ("%d/%m/%Y", "%d-%m-%Y")
    delimiter: str = ","

    def columns(self) -> dict[str, str]:
        """Role -> header, for the roles this mapping names."""
        named = {role: getattr(self, role) for role in _ROLES}
        return {role: header for role, header in named.items() if header}


PROFILES: dict[str, ColumnMapping] = {
    "sbi": ColumnMapping(
        txn_date="Txn Date",
        value_date="Value Date",
        description="Description",
        reference="Ref No./Cheque No.",
        debit="Debit",
        credit="Credit",
        balance="Balance",
        date_formats=("%d %b %Y", "%d-%b-%y", "%d-%b-%Y", "%d/%m/%Y"),
    ),
    "canara": ColumnMapping(
        txn_date="Txn Date",
        value_date="Value Date",
        reference="Cheque No.",
        description="Description",
        debit="Debit",
        credit="Credit",
        balance="Balance",
        ignored=("Branch Code",),
        date_formats=("%d-%m-%Y", "%d-%m-%Y %H:%M:%S", "%d/%m/%Y"),
    ),
}


@dataclass(frozen=True)
class StatementLine:
    line_no: int
    txn_date: date
    value_date: date | None
    description: str
    reference: str
    debit_paise: int
    credit_paise: int
    balance_paise: int | None


@dataclass
class ParsedStatement:
    lines: list[StatementLine] = field(default_factory=list)


def _key(header: str) -> str:
    return " ".join(header.replace("\ufeff", "").split()).casefold()


def rupees_to_paise(text: str, field_name: str) -> int:
    """'1,23,456.78' (or '1234', '2,000.00 Cr', '(50.50)') as whole paise; blank is zero."""
    raw = text.strip()
    negative = False
    lowered = raw.lower()
    for suffix, is_debit in (("cr", False), ("dr", True)):
        if lowered.endswith(suffix):
            negative, raw = is_debit, raw[: -len(suffix)].strip()
            break
    if raw in ("", "-"):
        return 0
    if raw.startswith("(") and raw.endswith(")"):
        negative, raw = True, raw[1:-1]
    paise = parse_rupees(raw, field_name, allow_negative=True)
    return -paise if negative else paise


def parse_date(text: str, formats: tuple[str, ...], field_name: str) -> date:
    value = text.strip()
    for fmt in formats:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValidationProblem(
        field_name, f"{value!r} is not a date in the form {' or '.join(formats)}"
    )


def _find_header(rows: list[list[str]], mapping: ColumnMapping) -> int:
    wanted = _key(mapping.txn_date)
    for index, row in enumerate(rows[:_HEADER_SEARCH_LINES]):
        if wanted in {_key(cell) for cell in row}:
            return index
    raise ValidationProblem(
        "file",
        f"no header row with a {mapping.txn_date!r} column in the first "
        f"{_HEADER_SEARCH_LINES} lines; is this the right bank profile?",
    )


def _check_layout(header: list[str], mapping: ColumnMapping) -> dict[str, int]:
    positions = {_key(h): i for i, h in enumerate(header) if h.strip()}
    columns = mapping.columns()
    known = {_key(h) for h in columns.values()} | {_key(h) for h in mapping.ignored}
    missing = [h for h in columns.values() if _key(h) not in positions]
    unexpected = [h.strip() for h in header if h.strip() and _key(h) not in known]
    problems = []
    if missing:
        problems.append(f"the statement has no column {', '.join(repr(m) for m in missing)}")
    if unexpected:
        problems.append(f"unexpected column {', '.join(repr(u) for u in unexpected)}")
    if problems:
        raise ValidationProblem(
            "file",
            "; ".join(problems) + "; choose the profile or column mapping of this bank's layout",
        )
    return {role: positions[_key(h)] for role, h in columns.items()}


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationProblem("file", "the file is not text (UTF-8 or Windows-1252)")


def parse_statement(data: bytes, mapping: ColumnMapping) -> ParsedStatement:
    """Every transaction line of the file; the first bad value is refused naming line and column."""
    text = _decode(data)
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=mapping.delimiter))
    except csv.Error as exc:
        raise ValidationProblem("file", f"not a readable CSV file: {exc}") from None
    header_at = _find_header(rows, mapping)
    at = _check_layout(rows[header_at], mapping)
    parsed = ParsedStatement()
    for offset, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if not any(cell.strip() for cell in row):
            continue
        width = len(rows[header_at])
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            raise ValidationProblem(
                f"line {offset}", f"has {len(row)} values but the header has {width} columns"
            )
        cells = [*row, *([""] * (width - len(row)))]
        first = cells[at["txn_date"]].strip()
        if not first or not first[0].isdigit():
            continue  # closing notes after the table ("**This is a computer generated...")
        if len(parsed.lines) >= MAX_LINES:
            raise ValidationProblem("file", f"more than {MAX_LINES} lines; split the statement")
        parsed.lines.append(_line(offset, cells, at, mapping))
    if not parsed.lines:
        raise ValidationProblem("file", "the statement has a header but no transaction lines")
    return parsed


def _line(
    line_no: int, cells: list[str], at: dict[str, int], mapping: ColumnMapping
) -> StatementLine:
    def cell(role: str) -> str:
        return cells[at[role]].strip() if role in at else ""

    where = f"line {line_no}"
    debit = rupees_to_paise(cell("debit"), f"{where}: {mapping.debit}")
    credit = rupees_to_paise(cell("credit"), f"{where}: {mapping.credit}")
    if debit < 0 or credit < 0:
        raise ValidationProblem(
            f"{where}: {mapping.credit}", "debit and credit must not be negative"
        )
    if debit and credit:
        raise ValidationProblem(
            f"{where}: {mapping.credit}", "a line is a debit or a credit, not both"
        )
    value_text = cell("value_date")
    balance_text = cell("balance")
    return StatementLine(
        line_no=line_no,
        txn_date=parse_date(cell("txn_date"), mapping.date_formats, f"{where}: {mapping.txn_date}"),
        value_date=parse_date(value_text, mapping.date_formats, f"{where}: {mapping.value_date}")
        if value_text
        else None,
        description=" ".join(cell("description").split())[:300],
        reference=cell("reference")[:60],
        debit_paise=debit,
        credit_paise=credit,
        balance_paise=rupees_to_paise(balance_text, f"{where}: {mapping.balance}")
        if balance_text
        else None,
    )
