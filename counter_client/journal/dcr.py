"""The Daily Collection Report (DCR): a business date's (or one shift's) collection, as data.

Built from the journal alone (and the consumer cache for each account's tariff category), so
the printed slip, the A4 PDF and any re-print later all say the same thing. Renderers: the
receipt printer (`counter_client.journal.dcr_print`) and the PDF (`counter_client.ui.daybook`).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.engine import Connection

from common.daybook import DENOMINATIONS, MODES
from counter_client.store.clock import parse_iso
from counter_client.store.engine import sqlite_connection

__all__ = [
    "SIGNATURES",
    "DailyCollectionReport",
    "DcrCancellation",
    "DcrReceipt",
    "DcrShift",
    "build_dcr",
]

SIGNATURES: tuple[tuple[str, str], ...] = (
    ("Cashier", "ಕ್ಯಾಷಿಯರ್"),
    ("Supervisor", "ಮೇಲ್ವಿಚಾರಕರು"),
    ("Accounts", "ಲೆಕ್ಕಪತ್ರ ವಿಭಾಗ"),
)
"""The signature lines at the foot of every DCR (English, Kannada)."""

UNKNOWN_CATEGORY = "unknown"


@dataclass(frozen=True)
class DcrReceipt:
    """One receipt as listed on the report."""

    receipt_number: str
    local_time: datetime
    cashier: str
    rr_number: str
    consumer_name: str | None
    tariff_category: str
    mode: str
    amount_paise: int
    instrument: str
    cancelled: bool


@dataclass(frozen=True)
class DcrCancellation:
    """One cancellation: the receipt it cancels, the amount, why and who approved it."""

    receipt_number: str
    local_time: datetime
    cashier: str
    rr_number: str
    mode: str
    amount_paise: int
    reason: str
    supervisor: str


@dataclass(frozen=True)
class DcrShift:
    """One closed shift's count."""

    cashier: str
    sequence: int
    approved_by: str
    expected_paise: dict[str, int]
    counted_paise: dict[str, int]
    over_short_paise: dict[str, int]
    denominations: dict[str, int]
    reason: str | None


@dataclass(frozen=True)
class DailyCollectionReport:
    """What one business date (or one shift of it) collected, counted and handed over."""

    counter_code: str
    business_date: date
    cashier: str | None
    """None for the whole day; a cashier's id for one shift's report."""
    receipts: tuple[DcrReceipt, ...]
    cancellations: tuple[DcrCancellation, ...]
    shifts: tuple[DcrShift, ...]
    cash_in_paise: int = 0
    cash_out_paise: int = 0
    closed_by: str | None = None
    closed_at: datetime | None = None
    by_mode_paise: dict[str, int] = field(default_factory=dict)
    """Per mode: receipts less cancellations (every mode named)."""
    by_category_paise: dict[str, int] = field(default_factory=dict)
    """Per tariff category: receipts less cancellations."""

    @property
    def receipts_paise(self) -> int:
        return sum(r.amount_paise for r in self.receipts)

    @property
    def cancelled_paise(self) -> int:
        return sum(c.amount_paise for c in self.cancellations)

    @property
    def net_paise(self) -> int:
        return self.receipts_paise - self.cancelled_paise

    @property
    def denominations(self) -> dict[str, int]:
        """The counted notes and coins of every shift on the report, added together."""
        total = {name: 0 for name, _ in DENOMINATIONS}
        for shift in self.shifts:
            for name, count in shift.denominations.items():
                total[name] += count
        return total

    def _sum(self, attribute: str) -> dict[str, int]:
        total = dict.fromkeys(MODES, 0)
        for shift in self.shifts:
            for mode, value in getattr(shift, attribute).items():
                total[mode] += value
        return total

    @property
    def expected_paise(self) -> dict[str, int]:
        return self._sum("expected_paise")

    @property
    def counted_paise(self) -> dict[str, int]:
        return self._sum("counted_paise")

    @property
    def over_short_paise(self) -> dict[str, int]:
        return self._sum("over_short_paise")

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


_ENTRIES = (
    "SELECT j.sequence, j.kind, j.local_time, j.cashier, j.body, c.tariff_category "
    "FROM journal AS j LEFT JOIN consumers AS c ON c.rr_number = j.rr_number "
    "WHERE j.business_date = ? AND j.kind IN "
    "('receipt', 'cancellation', 'cash_in', 'cash_out', 'shift_close') ORDER BY j.sequence"
)
_DAY_BOOK = "SELECT closed_by, closed_at FROM day_books WHERE business_date = ?"


def _instrument(body: dict[str, object]) -> str:
    if "instrument_number" in body:
        return f"{body['instrument_number']} {body.get('bank', '')}".strip()
    return str(body.get("reference", ""))


def _in_shift(
    sequence: int, cashier: str, wanted: str | None, ranges: list[tuple[int, int]]
) -> bool:
    if wanted is None:
        return True
    if cashier != wanted:
        return False
    return not ranges or any(first <= sequence <= last for first, last in ranges)


def build_dcr(
    conn: Connection,
    counter_code: str,
    business_date: date,
    *,
    cashier: str | None = None,
    shift_sequence: int | None = None,
) -> DailyCollectionReport:
    """The report of `business_date`: the whole day, one cashier's shifts, or one shift.

    `shift_sequence` (the ``shift_close`` entry's sequence) limits it to that shift's entries.
    """
    raw = sqlite_connection(conn)
    rows = raw.execute(_ENTRIES, (business_date.isoformat(),)).fetchall()
    ranges: list[tuple[int, int]] = []
    if shift_sequence is not None:
        cashier, ranges = _shift_range(rows, shift_sequence, business_date)
    taken_by = {int(r[0]): str(r[3]) for r in rows if r[1] == "receipt"}
    receipts: dict[int, DcrReceipt] = {}
    cancellations: list[DcrCancellation] = []
    shifts: list[DcrShift] = []
    cash_in = cash_out = 0
    by_mode = dict.fromkeys(MODES, 0)
    by_category: dict[str, int] = {}
    cancelled_of: dict[int, str] = {}
    for sequence, kind, local_time, who, body_text, category in rows:
        body = json.loads(body_text)
        if kind == "shift_close":
            if _in_shift(int(body["last_sequence"]), who, cashier, ranges):
                shifts.append(_shift(sequence, who, body))
            continue
        # A refund leaves the drawer of the cashier who took the receipt.
        refers = int(body.get("refers_to_sequence", 0))
        owner = taken_by.get(refers, who) if kind == "cancellation" else who
        if not _in_shift(sequence, owner, cashier, ranges):
            continue
        when = parse_iso(local_time)
        if kind == "receipt":
            tariff = category or UNKNOWN_CATEGORY
            receipts[sequence] = DcrReceipt(
                receipt_number=body["receipt_number"],
                local_time=when,
                cashier=who,
                rr_number=body["rr_number"],
                consumer_name=body.get("consumer_name"),
                tariff_category=tariff,
                mode=body["payment_mode"],
                amount_paise=int(body["amount_paise"]),
                instrument=_instrument(body),
                cancelled=False,
            )
            by_mode[body["payment_mode"]] += int(body["amount_paise"])
            by_category[tariff] = by_category.get(tariff, 0) + int(body["amount_paise"])
        elif kind == "cancellation":
            amount = int(body["cancelled_amount_paise"])
            cancellations.append(
                DcrCancellation(
                    receipt_number=body["receipt_number"],
                    local_time=when,
                    cashier=who,
                    rr_number=body["rr_number"],
                    mode=body["payment_mode"],
                    amount_paise=amount,
                    reason=body["reason"],
                    supervisor=body["supervisor"],
                )
            )
            cancelled_of[int(body["refers_to_sequence"])] = body["receipt_number"]
            by_mode[body["payment_mode"]] -= amount
            tariff = category or _category_of(raw, body["rr_number"])
            by_category[tariff] = by_category.get(tariff, 0) - amount
        elif kind == "cash_in":
            cash_in += int(body["amount_paise"])
        else:
            cash_out += int(body["amount_paise"])
    listed = tuple(
        DcrReceipt(**{**r.__dict__, "cancelled": True}) if seq in cancelled_of else r
        for seq, r in receipts.items()
    )
    book = raw.execute(_DAY_BOOK, (business_date.isoformat(),)).fetchone()
    closed_by, closed_at = (book[0], book[1]) if book is not None else (None, None)
    return DailyCollectionReport(
        counter_code=counter_code,
        business_date=business_date,
        cashier=cashier,
        receipts=listed,
        cancellations=tuple(cancellations),
        shifts=tuple(shifts),
        cash_in_paise=cash_in,
        cash_out_paise=cash_out,
        closed_by=closed_by,
        closed_at=parse_iso(closed_at) if closed_at else None,
        by_mode_paise=by_mode,
        by_category_paise=dict(sorted(by_category.items())),
    )


def _shift_range(
    rows: list[tuple[object, ...]], shift_sequence: int, business_date: date
) -> tuple[str, list[tuple[int, int]]]:
    """The cashier and sequence range of the ``shift_close`` entry at `shift_sequence`."""
    for sequence, kind, _time, who, body_text, _category in rows:
        if sequence == shift_sequence and kind == "shift_close":
            body = json.loads(str(body_text))
            return str(who), [(int(body["first_sequence"]), int(body["last_sequence"]))]
    raise ValueError(f"entry {shift_sequence} is not a shift closing of {business_date}")


def _category_of(raw: sqlite3.Connection, rr_number: str) -> str:
    # A cancellation row carries no rr_number column; its account's category is looked up.
    row = raw.execute(
        "SELECT tariff_category FROM consumers WHERE rr_number = ?", (rr_number,)
    ).fetchone()
    return str(row[0]) if row is not None else UNKNOWN_CATEGORY


def _shift(sequence: int, cashier: str, body: dict[str, object]) -> DcrShift:
    def paise(key: str) -> dict[str, int]:
        value = body[key]
        assert isinstance(value, dict)
        return {str(k): int(v) for k, v in value.items()}

    reason = body.get("reason")
    return DcrShift(
        cashier=cashier,
        sequence=int(sequence),
        approved_by=str(body["approved_by"]),
        expected_paise=paise("expected_paise"),
        counted_paise=paise("counted_paise"),
        over_short_paise=paise("over_short_paise"),
        denominations=paise("denominations"),
        reason=str(reason) if reason else None,
    )
