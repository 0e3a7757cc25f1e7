"""Reconciliation of collections per counter and business date, computed on demand from what the
centre holds (counter_entries, sync state, suspense, quarantine, bank lines and matches).

For each counter and business date with any entry (a cell):

* held: receipts less cancellations the centre holds, per mode: on PostgreSQL from the daily
  totals per counter, date, kind and mode (central_api.reconciliation.totals), brought up to
  date with what arrived since the last look; on SQLite by one GROUP BY over counter_entries.
  No row-by-row work in Python either way.
* day book: the date's ``shift_close`` entries (expected, counted and over/short per mode, summed
  over the shifts) and whether the day book is closed (a ``day_close`` after any ``day_reopen``).
* remitted: the ``remittance`` entries banking that date; bank credited: the bank lines matched
  to them.

Differences (positive is excess, negative is short):

* ``count``: the closing's over/short, counted less expected, summed over shifts and modes.
* ``remittance``: remitted less the cash, cheques and drafts counted (card and UPI settle through
  their acquirers, not a pay-in slip), once at least one remittance is recorded.
* ``bank``: a matched credit less its remittance (a manual match may pair unequal amounts).
* ``bank_missing``: a remittance with no matched credit although a statement of its account runs
  past the end of its matching window (deposit date + N working days): the bank did not credit it.

Status, the first that applies:

1. ``awaiting_day_book``: the day book is not closed (no ``day_close``, or reopened since).
2. ``short``: any difference below zero.
3. ``excess``: any difference above zero.
4. ``awaiting_bank``: cash, cheques or drafts were counted and are not yet all remitted and
   credited (nothing remitted yet, or a remittance still inside its window or beyond the last
   imported statement).
5. ``matched``: everything agrees.

Gaps are shown beside the status, not in it: journal sequence gaps from the sync state, on the
dates of the entries either side (``missing_receipts`` counts the entries missing in them; the
drill-down names the receipt numbers missing from the day's receipt sequence), and a broken
hash chain (on the date of the entry where it breaks). ``unheld_paise`` is the
day book's expected less what the centre holds: receipts the counter closed that the centre has
not received. Open suspense receipts and open quarantined conflicts are counted per cell.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import case, func, null, select
from sqlalchemy.orm import Session

from central_api.deps import Principal
from central_api.errors import BadInput, NotFound
from central_api.org.models import Counter, Location, OrgUnit
from central_api.reconciliation import totals
from central_api.reconciliation.config import ReconSettings, window_end
from central_api.reconciliation.models import BankLine, ReconDayTotal, RemittanceMatch
from central_api.reconciliation.schemas import (
    BankLineRead,
    CellRead,
    Difference,
    GridRead,
    Status,
)
from central_api.reconciliation.totals import MONEY_KINDS
from central_api.sync import service as sync_service
from central_api.sync.models import CounterEntry, CounterSyncState, SuspenseEntry, SyncConflict
from common.daybook import MODES
from common.sync_protocol import PaymentMode

BANKED_MODES = (PaymentMode.CASH.value, PaymentMode.CHEQUE.value, PaymentMode.DEMAND_DRAFT.value)
CLOSING_KINDS = ("shift_close", "day_close", "day_reopen", "remittance")


@dataclass(frozen=True)
class CounterRef:
    id: int
    code: str
    location_code: str


@dataclass(frozen=True)
class Shift:
    """One cashier's closing, summed over the modes (paise)."""

    cashier: str
    expected: int
    counted: int
    over_short: int
    banked: int  # cash, cheques and drafts counted


@dataclass
class Remitted:
    entry_id: int
    sequence: int
    body: dict[str, Any]
    match_id: int | None = None
    line: BankLine | None = None


@dataclass
class Cell:
    """Figures of one counter on one date while they are gathered."""

    counter: CounterRef
    business_date: date
    receipts: int = 0
    cancellations: int = 0
    held: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MODES, 0))
    cash_moved: int = 0  # cash in less cash out: in the closing's expected cash, not a receipt
    missing_receipts: int = 0
    closes: list[tuple[int, str]] = field(default_factory=list)  # (sequence, kind)
    shifts: list[Shift] = field(default_factory=list)
    remittances: list[Remitted] = field(default_factory=list)
    journal_gaps: list[tuple[int, int]] = field(default_factory=list)
    chain_break: str | None = None
    suspense_open: int = 0
    suspense_paise: int = 0
    conflicts_open: int = 0


def month_range(month: date) -> tuple[date, date]:
    """The first and last day of `month`'s calendar month."""
    last = calendar.monthrange(month.year, month.month)[1]
    return month.replace(day=1), month.replace(day=last)


def counters_in_scope(
    session: Session, *, principal: Principal, unit_id: int | None, counter_code: str | None = None
) -> dict[int, CounterRef]:
    """Counters whose location lies within the principal's scope (and under `unit_id`)."""
    query = principal.within(
        select(Counter.id, Counter.code, Location.code).join(
            Location, Location.id == Counter.location_id
        ),
        Location.unit_id,
    )
    if unit_id is not None:
        path = session.scalar(select(OrgUnit.path).where(OrgUnit.id == unit_id))
        if path is None:
            raise NotFound(f"no org unit {unit_id}", field="unit_id")
        principal.require_covers(path, f"unit {unit_id}", "unit_id")
        query = query.where(OrgUnit.path.startswith(path))
    if counter_code is not None:
        query = query.where(Counter.code == counter_code)
    return {cid: CounterRef(cid, code, loc) for cid, code, loc in session.execute(query)}


def _money_rows(session: Session, counters: dict[int, CounterRef], first: date, last: date) -> Any:
    """(counter, date, kind, mode, entries, paise) for receipts, cancellations and cash in/out.

    On PostgreSQL from the daily totals, brought up to date first (totals.refresh); on SQLite
    (one office) by one GROUP BY over counter_entries.
    """
    if session.get_bind().dialect.name == "postgresql":
        totals.refresh(session, counters)
        return session.execute(
            select(
                ReconDayTotal.counter_id,
                ReconDayTotal.business_date,
                ReconDayTotal.kind,
                ReconDayTotal.payment_mode,
                ReconDayTotal.entries,
                ReconDayTotal.paise,
            ).where(
                ReconDayTotal.counter_id.in_(list(counters)),
                ReconDayTotal.business_date.between(first, last),
            )
        )
    return session.execute(
        select(
            CounterEntry.counter_id,
            CounterEntry.business_date,
            CounterEntry.kind,
            CounterEntry.payment_mode,
            func.count(),
            func.coalesce(func.sum(CounterEntry.amount_paise), 0),
        )
        .where(
            CounterEntry.counter_id.in_(list(counters)),
            CounterEntry.business_date.between(first, last),
            CounterEntry.kind.in_(MONEY_KINDS),
        )
        .group_by(
            CounterEntry.counter_id,
            CounterEntry.business_date,
            CounterEntry.kind,
            CounterEntry.payment_mode,
        )
    )


def _gather_money(
    session: Session,
    cells: dict[tuple[int, date], Cell],
    counters: dict[int, CounterRef],
    first: date,
    last: date,
) -> None:
    """Receipts, cancellations and cash in/out per counter, date, kind and mode."""
    for counter_id, day, kind, mode, count, paise in _money_rows(session, counters, first, last):
        cell = _cell(cells, counters, counter_id, day)
        amount = int(paise or 0)
        if kind in ("cash_in", "cash_out"):
            cell.cash_moved += amount if kind == "cash_in" else -amount
            continue
        if kind == "receipt":
            cell.receipts += int(count)
        else:
            cell.cancellations += int(count)
            amount = -amount
        cell.held[str(mode)] = cell.held.get(str(mode), 0) + amount


def _cell(
    cells: dict[tuple[int, date], Cell], counters: dict[int, CounterRef], counter_id: int, day: date
) -> Cell:
    key = (counter_id, day)
    if key not in cells:
        cells[key] = Cell(counters[counter_id], day)
    return cells[key]


def _gather_closings(
    session: Session,
    cells: dict[tuple[int, date], Cell],
    counters: dict[int, CounterRef],
    first: date,
    last: date,
) -> None:
    rows = session.execute(
        select(
            CounterEntry.id,
            CounterEntry.counter_id,
            CounterEntry.business_date,
            CounterEntry.sequence,
            CounterEntry.kind,
            CounterEntry.cashier,
            # Only shift closings' and remittances' bodies are read: skip the day closes'.
            case(
                (CounterEntry.kind.in_(("shift_close", "remittance")), CounterEntry.body),
                else_=null(),
            ),
        )
        .where(
            CounterEntry.counter_id.in_(list(counters)),
            CounterEntry.business_date.between(first, last),
            CounterEntry.kind.in_(CLOSING_KINDS),
        )
        .order_by(CounterEntry.counter_id, CounterEntry.sequence)
    )
    for entry_id, counter_id, day, sequence, kind, cashier, body in rows:
        cell = _cell(cells, counters, counter_id, day)
        if kind == "shift_close":
            counted = body.get("counted_paise")
            cell.shifts.append(
                Shift(
                    cashier=cashier,
                    expected=sum(paise_in(body.get("expected_paise"), m) for m in MODES),
                    counted=sum(paise_in(counted, m) for m in MODES),
                    over_short=sum(paise_in(body.get("over_short_paise"), m) for m in MODES),
                    banked=sum(paise_in(counted, m) for m in BANKED_MODES),
                )
            )
        elif kind == "remittance":
            cell.remittances.append(Remitted(entry_id, sequence, body))
        else:
            cell.closes.append((sequence, kind))
    remitted = {r.entry_id: r for c in cells.values() for r in c.remittances}
    if remitted:
        for match_id, entry_id, line in session.execute(
            select(RemittanceMatch.id, RemittanceMatch.remittance_entry_id, BankLine)
            .join(BankLine, BankLine.id == RemittanceMatch.bank_line_id)
            .where(
                RemittanceMatch.remittance_entry_id.in_(list(remitted)),
                RemittanceMatch.undone_at.is_(None),
            )
        ):
            remitted[entry_id].match_id, remitted[entry_id].line = match_id, line


def _gather_gaps(
    session: Session,
    cells: dict[tuple[int, date], Cell],
    counters: dict[int, CounterRef],
    first: date,
    last: date,
) -> None:
    """Journal gaps and chain breaks from the sync state, on the dates of the entries around."""
    wanted: dict[tuple[int, int], list[tuple[str, Any]]] = defaultdict(list)
    for state in session.scalars(
        select(CounterSyncState).where(CounterSyncState.counter_id.in_(list(counters)))
    ):
        if state.highest_received > state.highest_contiguous:
            for gap in sync_service.gaps(session, state):
                for seq in (gap[0] - 1, gap[1] + 1):
                    wanted[(state.counter_id, seq)].append(("gap", gap))
        if state.chain_break_sequence is not None:
            wanted[(state.counter_id, state.chain_break_sequence)].append(
                ("break", state.chain_break_reason or "the hash chain breaks here")
            )
    if not wanted:
        return
    for counter_id, seq, day in session.execute(
        select(CounterEntry.counter_id, CounterEntry.sequence, CounterEntry.business_date)
        .where(CounterEntry.counter_id.in_({c for c, _ in wanted}))
        .where(CounterEntry.sequence.in_({s for _, s in wanted}))
    ):
        if (counter_id, seq) not in wanted or not first <= day <= last:
            continue
        cell = _cell(cells, counters, counter_id, day)
        for what, value in wanted[(counter_id, seq)]:
            if what == "break":
                cell.chain_break = str(value)
            elif value not in cell.journal_gaps:
                cell.journal_gaps.append(value)
                cell.missing_receipts += value[1] - value[0] + 1


def _gather_held_aside(
    session: Session,
    cells: dict[tuple[int, date], Cell],
    counters: dict[int, CounterRef],
    first: date,
    last: date,
) -> None:
    """Open suspense receipts and open quarantined conflicts per counter and date."""
    ids = list(counters)
    for counter_id, day, count, paise in session.execute(
        select(
            SuspenseEntry.counter_id,
            SuspenseEntry.business_date,
            func.count(),
            func.coalesce(func.sum(SuspenseEntry.amount_paise), 0),
        )
        .where(
            SuspenseEntry.state == "open",
            SuspenseEntry.counter_id.in_(ids),
            SuspenseEntry.business_date.between(first, last),
        )
        .group_by(SuspenseEntry.counter_id, SuspenseEntry.business_date)
    ):
        if counter_id is None:
            continue
        cell = _cell(cells, counters, counter_id, day)
        cell.suspense_open, cell.suspense_paise = int(count), int(paise)
    for counter_id, entry in session.execute(
        select(SyncConflict.counter_id, SyncConflict.received_entry).where(
            SyncConflict.counter_id.in_(ids), SyncConflict.resolved_at.is_(None)
        )
    ):
        when = date_in(entry, "business_date")
        if when is not None and first <= when <= last:
            _cell(cells, counters, counter_id, when).conflicts_open += 1


def paise_in(mapping: Any, key: str) -> int:
    """`mapping[key]` when it is whole paise; anything else (a malformed body) counts as 0."""
    value = mapping.get(key) if isinstance(mapping, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def date_in(mapping: Any, key: str) -> date | None:
    """`mapping[key]` as a date when it is an ISO date, else None."""
    try:
        return date.fromisoformat(str(mapping.get(key)))
    except (AttributeError, TypeError, ValueError):
        return None


def _closed(cell: Cell) -> bool:
    latest = max(cell.closes, default=None)
    return latest is not None and latest[1] == "day_close"


def read_cell(cell: Cell, settings: ReconSettings, bank_seen: dict[str, date]) -> CellRead:
    """The cell's figures, differences and status (see the module docstring)."""
    expected = sum(s.expected for s in cell.shifts)
    counted = sum(s.counted for s in cell.shifts)
    over_short = sum(s.over_short for s in cell.shifts)
    banked = sum(s.banked for s in cell.shifts)
    remitted = sum(paise_in(r.body, "amount_paise") for r in cell.remittances)
    credited = sum(r.line.credit_paise for r in cell.remittances if r.line is not None)
    differences: list[Difference] = []
    for shift in cell.shifts:
        if shift.over_short:
            differences.append(
                Difference.model_construct(
                    kind="count",
                    paise=shift.over_short,
                    detail=f"counted less expected at {shift.cashier}'s closing",
                )
            )
    if cell.remittances and remitted != banked:
        differences.append(
            Difference.model_construct(
                kind="remittance",
                paise=remitted - banked,
                detail="remitted less cash, cheques and drafts counted",
            )
        )
    pending_bank = banked > 0 and not cell.remittances
    for r in cell.remittances:
        slip = str(r.body.get("slip_number", ""))
        amount = paise_in(r.body, "amount_paise")
        if r.line is not None:
            if r.line.credit_paise != amount:
                differences.append(
                    Difference.model_construct(
                        kind="bank",
                        paise=r.line.credit_paise - amount,
                        detail=f"bank credit less slip {slip}",
                    )
                )
            continue
        deposited = date_in(r.body, "deposit_date") or cell.business_date
        ends = window_end(deposited, settings.bank_match_working_days)
        seen = bank_seen.get(alnum(str(r.body.get("account_number", ""))))
        if seen is not None and seen > ends:
            differences.append(
                Difference.model_construct(
                    kind="bank_missing",
                    paise=-amount,
                    detail=f"no bank credit for slip {slip} deposited {deposited.isoformat()}",
                )
            )
        else:
            pending_bank = True
    closed = _closed(cell)
    if not closed:
        status = Status.AWAITING_DAY_BOOK
    elif any(d.paise < 0 for d in differences):
        status = Status.SHORT
    elif any(d.paise > 0 for d in differences):
        status = Status.EXCESS
    elif pending_bank:
        status = Status.AWAITING_BANK
    else:
        status = Status.MATCHED
    held_net = sum(cell.held.values())
    # Built from figures already checked: construct, do not validate again (390 cells a grid).
    return CellRead.model_construct(
        counter_id=cell.counter.id,
        counter_code=cell.counter.code,
        location_code=cell.counter.location_code,
        business_date=cell.business_date,
        status=status,
        receipts=cell.receipts,
        cancellations=cell.cancellations,
        held_paise=dict(cell.held),
        held_net_paise=held_net,
        day_book_closed=closed,
        shifts_closed=len(cell.shifts),
        expected_paise=expected,
        counted_paise=counted,
        over_short_paise=over_short,
        banked_counted_paise=banked,
        unheld_paise=expected - held_net - cell.cash_moved if cell.shifts else 0,
        remitted_paise=remitted,
        bank_credited_paise=credited,
        differences=differences,
        missing_receipts=cell.missing_receipts,
        journal_gaps=sorted(cell.journal_gaps),
        chain_break=cell.chain_break,
        suspense_open=cell.suspense_open,
        suspense_paise=cell.suspense_paise,
        conflicts_open=cell.conflicts_open,
    )


def alnum(text: str) -> str:
    """Letters and digits only, upper case: how account numbers and slips are compared."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def bank_seen(session: Session) -> dict[str, date]:
    """The last statement date imported for each bank account."""
    rows = session.execute(
        select(BankLine.account_number, func.max(BankLine.txn_date)).group_by(
            BankLine.account_number
        )
    )
    return {account: day for account, day in rows if day is not None}


def gather(
    session: Session, counters: dict[int, CounterRef], first: date, last: date
) -> dict[tuple[int, date], Cell]:
    """Every cell of `counters` between `first` and `last` with something in it."""
    cells: dict[tuple[int, date], Cell] = {}
    if not counters:
        return cells
    _gather_money(session, cells, counters, first, last)
    _gather_closings(session, cells, counters, first, last)
    _gather_gaps(session, cells, counters, first, last)
    _gather_held_aside(session, cells, counters, first, last)
    return cells


def grid(
    session: Session,
    *,
    principal: Principal,
    month: date,
    unit_id: int | None = None,
    status: Status | None = None,
    settings: ReconSettings | None = None,
) -> GridRead:
    """The month's cells for counters within the caller's scope (and under `unit_id`)."""
    settings = settings or ReconSettings.from_env()
    first, last = month_range(month)
    counters = counters_in_scope(session, principal=principal, unit_id=unit_id)
    cells = gather(session, counters, first, last)
    seen = bank_seen(session)
    reads = [read_cell(cells[k], settings, seen) for k in sorted(cells, key=_order(counters))]
    counts = {s.value: 0 for s in Status}
    for r in reads:
        counts[r.status.value] += 1
    if status is not None:
        reads = [r for r in reads if r.status is status]
    accounts = {
        alnum(str(r.body.get("account_number", ""))) for c in cells.values() for r in c.remittances
    }
    return GridRead(
        month=first,
        unit_id=unit_id,
        cells=reads,
        status_counts=counts,
        unmatched_credits=unmatched_credits(
            session, first=first, last=last, accounts=None if principal.company_wide else accounts
        ),
    )


def _order(counters: dict[int, CounterRef]) -> Any:
    return lambda key: (counters[key[0]].code, key[1])


def unmatched_credits(
    session: Session, *, first: date, last: date, accounts: set[str] | None
) -> list[BankLineRead]:
    """Bank credits dated in the range that no live match ties to a remittance."""
    live = select(RemittanceMatch.bank_line_id).where(RemittanceMatch.undone_at.is_(None))
    query = (
        select(BankLine)
        .where(
            BankLine.txn_date.between(first, last),
            BankLine.credit_paise > 0,
            BankLine.id.not_in(live),
        )
        .order_by(BankLine.txn_date, BankLine.id)
        .limit(1000)
    )
    if accounts is not None:
        if not accounts:
            return []
        query = query.where(BankLine.account_number.in_(accounts))
    return [BankLineRead.model_validate(line) for line in session.scalars(query)]


def require_month(month: date) -> date:
    if not date(2000, 1, 1) <= month <= date(2100, 12, 31):
        raise BadInput("must be a month between 2000 and 2100", field="month")
    return month.replace(day=1)
