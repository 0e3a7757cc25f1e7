"""Shapes of the reconciliation: the grid of counter x business date, a cell's drill-down, bank
statement imports and matches, returned cheques, and two-person corrections."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
)

from central_api.fields import CounterCode, Reason, RRNumber, Strict
from common.text import clean_note


class Status(StrEnum):
    """A cell's status; the module docstring of central_api.reconciliation.grid defines each."""

    AWAITING_DAY_BOOK = "awaiting_day_book"
    SHORT = "short"
    EXCESS = "excess"
    AWAITING_BANK = "awaiting_bank"
    MATCHED = "matched"


class Difference(BaseModel):
    """One difference behind a cell's status: which comparison, how much (+ excess, - short)."""

    kind: str  # count | remittance | bank | bank_missing
    paise: int
    detail: str


class CellRead(BaseModel):
    """One counter on one business date."""

    counter_id: int
    counter_code: str
    location_code: str
    business_date: date
    status: Status
    receipts: int
    cancellations: int
    held_paise: dict[str, int]
    """Per mode: receipts less cancellations the centre holds."""
    held_net_paise: int
    day_book_closed: bool
    shifts_closed: int
    expected_paise: int
    counted_paise: int
    over_short_paise: int
    banked_counted_paise: int
    """Cash, cheques and drafts counted at closing: what should reach the bank."""
    unheld_paise: int
    """Day book's expected less what the centre holds (receipts less cancellations, plus cash in
    less cash out): entries the counter closed that the centre has not (yet) received."""
    remitted_paise: int
    bank_credited_paise: int
    differences: list[Difference]
    missing_receipts: int
    """Journal entries missing in the sequence gaps next to this date (lost or not yet sent)."""
    journal_gaps: list[tuple[int, int]]
    chain_break: str | None
    suspense_open: int
    suspense_paise: int
    conflicts_open: int

    @property
    def has_gap(self) -> bool:
        return bool(self.missing_receipts or self.journal_gaps or self.chain_break)


class BankLineRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    statement_id: int
    line_no: int
    account_number: str
    txn_date: date
    value_date: date | None
    description: str
    reference: str
    debit_paise: int
    credit_paise: int
    balance_paise: int | None


class GridRead(BaseModel):
    month: date
    unit_id: int | None
    cells: list[CellRead]
    status_counts: dict[str, int]
    unmatched_credits: list[BankLineRead]
    """Bank credits in the month matched to no remittance (unknown credits)."""


class ReceiptRead(BaseModel):
    sequence: int
    kind: str
    receipt_number: str | None
    rr_number: str | None
    payment_mode: str | None
    amount_paise: int | None
    cashier: str
    local_time: datetime


class ShiftCloseRead(BaseModel):
    sequence: int
    cashier: str
    approved_by: str
    expected_paise: dict[str, int]
    counted_paise: dict[str, int]
    over_short_paise: dict[str, int]
    reason: str | None


class RemittanceRead(BaseModel):
    entry_id: int
    sequence: int
    bank: str
    account_number: str
    slip_number: str
    deposit_date: date | None
    amount_paise: int
    cash_paise: int
    cheque_paise: int
    match_id: int | None
    bank_line: BankLineRead | None


class SuspenseBrief(BaseModel):
    id: int
    rr_number_given: str
    amount_paise: int
    state: str


class ConflictBrief(BaseModel):
    id: int
    sequence: int
    kind: str
    reason: str


class CellDetail(BaseModel):
    cell: CellRead
    receipts: list[ReceiptRead]
    day_book: list[ReceiptRead]
    """The day's closing entries (shift_close, day_close, day_reopen) in journal order."""
    shifts: list[ShiftCloseRead]
    remittances: list[RemittanceRead]
    missing_receipt_numbers: list[str]
    suspense: list[SuspenseBrief]
    conflicts: list[ConflictBrief]


class StatementImportRead(BaseModel):
    statement_id: int
    profile: str
    account_number: str
    lines_read: int
    lines_new: int
    lines_already_held: int
    matched: int


Id = Annotated[StrictInt, Field(ge=1, le=2**62)]


class MatchCreate(Strict):
    bank_line_id: Id
    remittance_entry_id: Id
    note: Reason


class UnmatchCreate(Strict):
    reason: Reason


class MatchRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    bank_line_id: int
    remittance_entry_id: int
    method: str
    note: str
    matched_at: datetime
    undone_at: datetime | None


class ChequeReturnCreate(Strict):
    receipt_number: Annotated[str, StringConstraints(min_length=5, max_length=40)]
    reason: Reason
    returned_on: date


class ChequeReturnRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    receipt_number: str
    consumer_id: int
    amount_paise: int
    charge_paise: int
    reason: str
    returned_on: date
    reversal_entry_id: int
    charge_entry_id: int | None
    returns_on_account: int = 0
    cash_only: bool = False


class SuspenseTransferAsk(Strict):
    suspense_id: Id
    rr_number: RRNumber
    reason: Reason


class AccountTransferAsk(Strict):
    receipt_number: Annotated[str, StringConstraints(min_length=5, max_length=40)]
    to_rr_number: RRNumber
    reason: Reason


class Decision(Strict):
    approve: StrictBool
    note: Reason | None = None


class SuspenseTransferRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    suspense_id: int
    rr_number: str
    reason: str
    state: str
    requested_by: int
    requested_at: datetime
    decided_by: int | None
    decided_at: datetime | None


class AccountTransferRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    payment_entry_id: int
    from_consumer_id: int
    to_consumer_id: int
    amount_paise: int
    reason: str
    state: str
    requested_by: int
    requested_at: datetime
    decided_by: int | None
    decided_at: datetime | None
    reversal_entry_id: int | None
    credit_entry_id: int | None


class Resolution(StrEnum):
    """What accounts staff decided about a quarantined entry (central_api.reconciliation.quarantine
    says when each fits)."""

    HELD_ENTRY_STANDS = "held_entry_stands"
    COUNTER_TO_RESEND = "counter_to_resend"
    CORRECTED_BY_ADJUSTMENT = "corrected_by_adjustment"


# Short enough that "<resolution> <adjustment id>: <reason>" fits the conflict's 200 characters.
ResolutionReason = Annotated[
    str, StringConstraints(max_length=150), AfterValidator(lambda v: clean_note(v, "reason", 150))
]


class ConflictResolve(Strict):
    resolution: Resolution
    reason: ResolutionReason
    adjustment_id: Id | None = None


class ConflictResolutionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    counter_id: int
    sequence: int
    kind: str
    reason: str
    resolution: str | None
    resolved_at: datetime | None
    resolved_by: int | None


__all__ = [
    "AccountTransferAsk",
    "AccountTransferRead",
    "BankLineRead",
    "CellDetail",
    "CellRead",
    "ChequeReturnCreate",
    "ChequeReturnRead",
    "ConflictResolutionRead",
    "ConflictResolve",
    "CounterCode",
    "Decision",
    "Difference",
    "GridRead",
    "MatchCreate",
    "MatchRead",
    "Resolution",
    "StatementImportRead",
    "Status",
    "SuspenseTransferAsk",
    "SuspenseTransferRead",
    "UnmatchCreate",
]
