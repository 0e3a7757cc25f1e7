"""Reconciliation pages: the grid of counter x business date, a cell's drill-down, the cheque
return form and bank statements (upload, automatic matching, manual match).

The figures and every rule come from central_api.reconciliation.service; these routes only
translate a page or a form to its calls.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData, UploadFile

from central_api.db import write_transaction
from central_api.deps import Principal, SessionDep
from central_api.fields import CounterCode
from central_api.org.models import OrgUnit
from central_api.reconciliation import service as recon
from central_api.reconciliation.grid import require_month
from central_api.reconciliation.schemas import (
    CellDetail,
    CellRead,
    ChequeReturnCreate,
    MatchCreate,
    StatementImportRead,
    Status,
    UnmatchCreate,
)
from central_api.sync.models import CounterEntry
from central_api.web.i18n import language, translator
from central_api.web.render import PREFIX, page, refusals_as_pages, safe_next, see_other
from central_api.web.session import (
    ACTING_ROLES,
    WebPrincipal,
    WebRefusal,
    acting,
    text_field,
    validated,
)
from common.daybook import DENOMINATIONS, MODES, ShiftCloseBody
from common.org import OrgLevel

router = APIRouter(include_in_schema=False)  # included under PREFIX by web.routes
ActForm = Annotated[FormData, Depends(acting(ACTING_ROLES, "act on the reconciliation"))]
IST = ZoneInfo("Asia/Kolkata")
CREDIT_DAYS = 15  # a remittance's credit is looked for this many days after its business date

# Status -> the symbol shown with its colour, so that no status rests on colour alone.
SYMBOLS: dict[str, str] = {
    Status.MATCHED.value: "✓",
    Status.SHORT.value: "▼",
    Status.EXCESS.value: "▲",
    Status.AWAITING_DAY_BOOK.value: "◷",
    Status.AWAITING_BANK.value: "⌛",
}
STATUS_LABELS: dict[str, tuple[str, str]] = {
    Status.MATCHED.value: ("Matched", "ಹೊಂದಿಕೆಯಾಗಿದೆ"),
    Status.SHORT.value: ("Short", "ಕೊರತೆ"),
    Status.EXCESS.value: ("Excess", "ಹೆಚ್ಚುವರಿ"),
    Status.AWAITING_DAY_BOOK.value: ("Awaiting day book", "ದಿನಪುಸ್ತಕಕ್ಕಾಗಿ ಕಾಯುತ್ತಿದೆ"),
    Status.AWAITING_BANK.value: ("Awaiting bank", "ಬ್ಯಾಂಕ್‌ಗಾಗಿ ಕಾಯುತ್ತಿದೆ"),
}


def _statuses(lang: str) -> list[tuple[str, str, str]]:
    """(status, symbol, label) in the order a reader checks them."""
    index = 0 if lang == "en" else 1
    return [(s.value, SYMBOLS[s.value], STATUS_LABELS[s.value][index]) for s in Status]


def _month_of(text: str) -> date:
    """'2026-11' from the month picker; today's month (India time) when empty."""
    if not text:
        return datetime.now(IST).date().replace(day=1)
    try:
        return require_month(datetime.strptime(text, "%Y-%m").date())
    except ValueError:
        raise WebRefusal(422, "must be a month like 2026-11", field="month") from None


def _units(session: Session, principal: Principal) -> list[OrgUnit]:
    """Divisions and subdivisions within the reader's scope, for the filter."""
    query = (
        select(OrgUnit)
        .where(
            OrgUnit.level.in_((OrgLevel.DIVISION.value, OrgLevel.SUBDIVISION.value)),
            OrgUnit.path.startswith(principal.scope_path),
        )
        .order_by(OrgUnit.path)
        .limit(2000)
    )
    return list(session.scalars(query))


@router.get("/grid", response_class=HTMLResponse)
def grid_page(
    request: Request,
    session: SessionDep,
    principal: WebPrincipal,
    month: Annotated[str, Query(max_length=7)] = "",
    unit: Annotated[str, Query(max_length=16)] = "",
    status: Annotated[str, Query(max_length=20)] = "",
) -> HTMLResponse:
    """Counter x business date for one month, coloured and marked by status."""
    first = _month_of(month)
    chosen = Status(status) if status in {s.value for s in Status} else None
    with session.begin():
        units = _units(session, principal)
        unit_id = next((u.id for u in units if u.code == unit), None)
        if unit and unit_id is None:
            raise WebRefusal(404, f"no division or subdivision {unit} in your part", field="unit")
        grid = recon.grid(session, principal=principal, month=first, unit_id=unit_id, status=chosen)
    days = [
        first + timedelta(days=d) for d in range(calendar.monthrange(first.year, first.month)[1])
    ]
    lang = language(request)
    labels = {s: label for s, _, label in _statuses(lang)}
    rows = _grid_rows(grid.cells, days, labels, translator(lang)["gap_legend"])
    return page(
        request,
        "grid.html",
        principal,
        active="grid",
        grid=grid,
        rows=rows,
        days=days,
        month=first.strftime("%Y-%m"),
        units=units,
        unit=unit,
        chosen_status=chosen.value if chosen else "",
        statuses=_statuses(lang),
    )


@dataclass(frozen=True)
class GridCell:
    """One cell of the grid page, with every string it shows worked out once."""

    iso: str
    status: str
    mark: str
    spoken: str


def _grid_rows(
    cells: list[CellRead], days: list[date], labels: dict[str, str], gap: str
) -> dict[str, dict[str, Any]]:
    """Counter code -> its location and one GridCell (or None) per day of the month."""
    index = {day: n for n, day in enumerate(days)}
    rows: dict[str, dict[str, Any]] = {}
    for cell in cells:
        row = rows.setdefault(
            cell.counter_code, {"location": cell.location_code, "cells": [None] * len(days)}
        )
        status = cell.status.value
        iso = cell.business_date.isoformat()
        gapped = cell.has_gap
        row["cells"][index[cell.business_date]] = GridCell(
            iso=iso,
            status=status,
            mark=SYMBOLS[status] + ("!" if gapped else ""),
            spoken=f"{iso}: {labels[status]}" + (f", {gap}" if gapped else ""),
        )
    return rows


def _shift_bodies(session: Session, detail: CellDetail) -> dict[int, ShiftCloseBody | None]:
    """The shift closings' own bodies (denominations, instruments), by journal sequence."""
    sequences = [s.sequence for s in detail.shifts]
    if not sequences:
        return {}
    rows = session.execute(
        select(CounterEntry.sequence, CounterEntry.body).where(
            CounterEntry.counter_id == detail.cell.counter_id,
            CounterEntry.sequence.in_(sequences),
        )
    )
    bodies: dict[int, ShiftCloseBody | None] = {}
    for row in rows:
        try:
            bodies[row.sequence] = ShiftCloseBody.model_validate(row.body)
        except ValidationError:
            bodies[row.sequence] = None  # shown as figures only; the grid flags the day
    return bodies


@router.get("/cells/{counter_code}/{business_date}", response_class=HTMLResponse)
def cell_page(
    request: Request,
    counter_code: Annotated[CounterCode, Path()],
    business_date: date,
    session: SessionDep,
    principal: WebPrincipal,
) -> HTMLResponse:
    """Everything behind one cell: receipts, day book, remittances and bank lines."""
    with refusals_as_pages(), session.begin():
        detail = recon.cell_detail(
            session, principal=principal, counter_code=counter_code, business_date=business_date
        )
        bodies = _shift_bodies(session, detail)
        credits = recon.unmatched_credits(
            session,
            first=business_date,
            last=business_date + timedelta(days=CREDIT_DAYS),
            accounts={r.account_number for r in detail.remittances},
        )
    lang = language(request)
    return page(
        request,
        "cell.html",
        principal,
        active="grid",
        detail=detail,
        cell=detail.cell,
        bodies=bodies,
        modes=MODES,
        denominations=DENOMINATIONS,
        credits=credits,
        symbols=SYMBOLS,
        labels={s: label for s, _, label in _statuses(lang)},
    )


@router.post("/matches", response_class=RedirectResponse)
def match_by_hand(session: SessionDep, principal: WebPrincipal, form: ActForm) -> RedirectResponse:
    """An officer pairs a bank credit with a remittance the automatic pass left."""
    body = validated(
        MatchCreate,
        {
            "bank_line_id": _int_field(form, "bank_line_id"),
            "remittance_entry_id": _int_field(form, "remittance_entry_id"),
            "note": text_field(form, "note"),
        },
    )
    back = text_field(form, "back", required=False, max_chars=200)
    with refusals_as_pages(), write_transaction(session):
        recon.match(
            session,
            principal=principal,
            bank_line_id=body.bank_line_id,
            remittance_entry_id=body.remittance_entry_id,
            note=body.note,
        )
    return see_other(safe_next(back or f"{PREFIX}/bank"))


@router.post("/matches/{match_id}/undo", response_class=RedirectResponse)
def undo_match(
    match_id: Annotated[int, Path(ge=1, le=2**62)],
    session: SessionDep,
    principal: WebPrincipal,
    form: ActForm,
) -> RedirectResponse:
    """Undo a match (kept, marked undone, audited) so the line and remittance can match again."""
    body = validated(UnmatchCreate, {"reason": text_field(form, "reason")})
    back = text_field(form, "back", required=False, max_chars=200)
    with refusals_as_pages(), write_transaction(session):
        recon.unmatch(session, principal=principal, match_id=match_id, reason=body.reason)
    return see_other(safe_next(back or f"{PREFIX}/bank"))


def _int_field(form: FormData, name: str) -> int:
    text = text_field(form, name, max_chars=19)
    if not text.isdigit():
        raise WebRefusal(422, "must be a whole number", field=name)
    return int(text)


@router.get("/cheque-return", response_class=HTMLResponse)
def cheque_return_form(request: Request, principal: WebPrincipal) -> HTMLResponse:
    return page(
        request,
        "cheque_return.html",
        principal,
        active="cheque_return",
        today=datetime.now(IST).date().isoformat(),
        result=None,
    )


@router.post("/cheque-return", response_class=HTMLResponse)
def record_cheque_return(
    request: Request, session: SessionDep, principal: WebPrincipal, form: ActForm
) -> HTMLResponse:
    """Mark a cheque or draft returned unpaid: the service reverses it and posts the charge."""
    returned_on = text_field(form, "returned_on", max_chars=10)
    try:
        on = date.fromisoformat(returned_on)
    except ValueError:
        raise WebRefusal(422, "must be a date like 2026-11-27", field="returned_on") from None
    body = validated(
        ChequeReturnCreate,
        {
            "receipt_number": text_field(form, "receipt_number", max_chars=40),
            "reason": text_field(form, "reason"),
            "returned_on": on,
        },
    )
    with refusals_as_pages(), write_transaction(session):
        result = recon.return_cheque(
            session,
            principal=principal,
            receipt_number=body.receipt_number,
            reason=body.reason,
            returned_on=body.returned_on,
        )
    return page(
        request,
        "cheque_return.html",
        principal,
        active="cheque_return",
        today=on.isoformat(),
        result=result,
    )


@router.get("/bank", response_class=HTMLResponse)
def bank_page(
    request: Request,
    session: SessionDep,
    principal: WebPrincipal,
    month: Annotated[str, Query(max_length=7)] = "",
) -> HTMLResponse:
    """Upload a statement; the credits no remittance has claimed yet, for a manual match."""
    return _bank_page(request, session, principal, _month_of(month), None)


def _bank_page(
    request: Request,
    session: Session,
    principal: Principal,
    first: date,
    result: StatementImportRead | None,
) -> HTMLResponse:
    with session.begin():
        # The grid's own list: bank accounts the reader's counters remit to (all, company-wide).
        credits = recon.grid(session, principal=principal, month=first).unmatched_credits
    return page(
        request,
        "bank.html",
        principal,
        active="bank",
        month=first.strftime("%Y-%m"),
        profiles=sorted(recon.PROFILES),
        credits=credits,
        result=result,
    )


@router.post("/bank", response_class=HTMLResponse)
def upload_statement(
    request: Request, session: SessionDep, principal: WebPrincipal, form: ActForm
) -> HTMLResponse:
    """Import a statement file (a repeat of a held file adds nothing) and match what fits."""
    profile = text_field(form, "profile", max_chars=24)
    account_number = text_field(form, "account_number", max_chars=20)
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise WebRefusal(422, "choose a statement file", field="file")
    limit = recon.ReconSettings.from_env().max_statement_bytes
    data = upload.file.read(limit + 1)
    if len(data) > limit:
        raise WebRefusal(413, f"is larger than {limit} bytes", field="file")
    with refusals_as_pages(), write_transaction(session):
        result = recon.import_statement(
            session,
            principal=principal,
            data=data,
            file_name=(upload.filename or "statement.csv")[:200],
            profile=profile,
            account_number=account_number,
        )
    return _bank_page(request, session, principal, _month_of(""), result)
