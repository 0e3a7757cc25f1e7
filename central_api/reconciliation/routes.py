"""HTTP routes of the reconciliation: accounts officers and admins act, auditors read."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Path, Query, UploadFile
from pydantic import StringConstraints

from central_api.db import write_transaction
from central_api.deps import Principal, SessionDep, require
from central_api.errors import BadInput
from central_api.fields import CounterCode, Strict
from central_api.identity.permissions import Permission
from central_api.reconciliation import service
from central_api.reconciliation.grid import require_month
from central_api.reconciliation.schemas import (
    AccountTransferAsk,
    AccountTransferRead,
    BankLineRead,
    CellDetail,
    ChequeReturnCreate,
    ChequeReturnRead,
    ConflictResolutionRead,
    ConflictResolve,
    Decision,
    GridRead,
    MatchCreate,
    MatchRead,
    StatementImportRead,
    Status,
    SuspenseTransferAsk,
    SuspenseTransferRead,
    UnmatchCreate,
)

router = APIRouter(prefix="/reconciliation", tags=["reconciliation"])

Reader = Annotated[Principal, Depends(require(Permission.RECONCILIATION_READ))]
Actor = Annotated[Principal, Depends(require(Permission.RECONCILIATION_ACT))]
RequestId = Annotated[int, Path(ge=1)]


@router.get("/grid", response_model=GridRead)
def grid(
    session: SessionDep,
    principal: Reader,
    month: date,
    unit_id: Annotated[int | None, Query(ge=1)] = None,
    status: Status | None = None,
) -> GridRead:
    with session.begin():
        return service.grid(
            session, principal=principal, month=require_month(month), unit_id=unit_id, status=status
        )


@router.get("/cells/{counter_code}/{business_date}", response_model=CellDetail)
def cell(
    counter_code: Annotated[CounterCode, Path()],
    business_date: date,
    session: SessionDep,
    principal: Reader,
) -> CellDetail:
    with session.begin():
        return service.cell_detail(
            session, principal=principal, counter_code=counter_code, business_date=business_date
        )


@router.get("/bank-lines/unmatched", response_model=list[BankLineRead])
def unmatched(session: SessionDep, principal: Reader, month: date) -> list[BankLineRead]:
    first, last = service.month_range(require_month(month))
    with session.begin():
        return service.unmatched_credits(session, first=first, last=last, accounts=None)


@router.post("/bank-statements", response_model=StatementImportRead, status_code=201)
def import_statement(
    session: SessionDep,
    principal: Actor,
    file: Annotated[UploadFile, File()],
    profile: Annotated[str, Form(max_length=24)],
    account_number: Annotated[str, Form(min_length=4, max_length=20)],
) -> StatementImportRead:
    limit = service.ReconSettings.from_env().max_statement_bytes
    data = file.file.read(limit + 1)
    if len(data) > limit:
        raise BadInput(f"is larger than {limit} bytes", field="file")
    with write_transaction(session):
        return service.import_statement(
            session,
            principal=principal,
            data=data,
            file_name=file.filename or "statement.csv",
            profile=profile,
            account_number=account_number,
        )


class AutoMatch(Strict):
    account_number: Annotated[str, StringConstraints(pattern=r"^[0-9]{6,20}$")]


@router.post("/auto-match", response_model=dict[str, int])
def auto_match(body: AutoMatch, session: SessionDep, principal: Actor) -> dict[str, int]:
    with write_transaction(session):
        count = service.auto_match(session, principal=principal, account_number=body.account_number)
    return {"matched": count}


@router.post("/matches", response_model=MatchRead, status_code=201)
def match(body: MatchCreate, session: SessionDep, principal: Actor) -> MatchRead:
    with write_transaction(session):
        made = service.match(
            session,
            principal=principal,
            bank_line_id=body.bank_line_id,
            remittance_entry_id=body.remittance_entry_id,
            note=body.note,
        )
        return MatchRead.model_validate(made)


@router.post("/matches/{match_id}/undo", response_model=MatchRead)
def unmatch(
    match_id: RequestId, body: UnmatchCreate, session: SessionDep, principal: Actor
) -> MatchRead:
    with write_transaction(session):
        made = service.unmatch(session, principal=principal, match_id=match_id, reason=body.reason)
        return MatchRead.model_validate(made)


@router.post("/cheque-returns", response_model=ChequeReturnRead, status_code=201)
def return_cheque(
    body: ChequeReturnCreate, session: SessionDep, principal: Actor
) -> ChequeReturnRead:
    with write_transaction(session):
        return service.return_cheque(
            session,
            principal=principal,
            receipt_number=body.receipt_number,
            reason=body.reason,
            returned_on=body.returned_on,
        )


@router.get("/suspense-transfers", response_model=list[SuspenseTransferRead])
def pending_suspense(session: SessionDep, principal: Reader) -> list[SuspenseTransferRead]:
    with session.begin():
        rows = service.pending_suspense_transfers(session, principal=principal)
        return [SuspenseTransferRead.model_validate(r) for r in rows]


@router.post("/suspense-transfers", response_model=SuspenseTransferRead, status_code=201)
def ask_suspense(
    body: SuspenseTransferAsk, session: SessionDep, principal: Actor
) -> SuspenseTransferRead:
    with write_transaction(session):
        asked = service.ask_suspense_transfer(
            session,
            principal=principal,
            suspense_id=body.suspense_id,
            rr_number=body.rr_number,
            reason=body.reason,
        )
        return SuspenseTransferRead.model_validate(asked)


@router.post("/suspense-transfers/{request_id}/decide", response_model=SuspenseTransferRead)
def decide_suspense(
    request_id: RequestId, body: Decision, session: SessionDep, principal: Actor
) -> SuspenseTransferRead:
    with write_transaction(session):
        decided = service.decide_suspense_transfer(
            session,
            principal=principal,
            request_id=request_id,
            approve=body.approve,
            note=body.note,
        )
        return SuspenseTransferRead.model_validate(decided)


@router.get("/account-transfers", response_model=list[AccountTransferRead])
def pending_transfers(session: SessionDep, principal: Reader) -> list[AccountTransferRead]:
    with session.begin():
        rows = service.pending_account_transfers(session, principal=principal)
        return [AccountTransferRead.model_validate(r) for r in rows]


@router.post("/account-transfers", response_model=AccountTransferRead, status_code=201)
def ask_transfer(
    body: AccountTransferAsk, session: SessionDep, principal: Actor
) -> AccountTransferRead:
    with write_transaction(session):
        asked = service.ask_account_transfer(
            session,
            principal=principal,
            receipt_number=body.receipt_number,
            to_rr_number=body.to_rr_number,
            reason=body.reason,
        )
        return AccountTransferRead.model_validate(asked)


@router.post("/account-transfers/{request_id}/decide", response_model=AccountTransferRead)
def decide_transfer(
    request_id: RequestId, body: Decision, session: SessionDep, principal: Actor
) -> AccountTransferRead:
    with write_transaction(session):
        decided = service.decide_account_transfer(
            session,
            principal=principal,
            request_id=request_id,
            approve=body.approve,
            note=body.note,
        )
        return AccountTransferRead.model_validate(decided)


@router.post("/quarantine/{conflict_id}/resolve", response_model=ConflictResolutionRead)
def resolve_conflict(
    conflict_id: Annotated[int, Path(ge=1, le=2**62)],
    body: ConflictResolve,
    session: SessionDep,
    principal: Actor,
) -> ConflictResolutionRead:
    with write_transaction(session):
        resolved = service.resolve_conflict(
            session,
            principal=principal,
            conflict_id=conflict_id,
            resolution=body.resolution,
            reason=body.reason,
            adjustment_id=body.adjustment_id,
        )
        return ConflictResolutionRead.model_validate(resolved)
