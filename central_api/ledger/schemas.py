"""Request and response shapes for the ledger."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from central_api.fields import Reason, RRNumber, SignedPaise, Strict


class EntryKind(StrEnum):
    DEMAND = "demand"
    CREDIT = "credit"


class EntryCategory(StrEnum):
    OPENING = "opening"
    BILL = "bill"
    INTEREST = "interest"
    CHARGE = "charge"
    PAYMENT = "payment"
    ADJUSTMENT = "adjustment"
    REVERSAL = "reversal"


DEMAND_CATEGORIES = frozenset(
    {
        EntryCategory.OPENING,
        EntryCategory.BILL,
        EntryCategory.INTEREST,
        EntryCategory.CHARGE,
        EntryCategory.ADJUSTMENT,
        EntryCategory.REVERSAL,
    }
)
CREDIT_CATEGORIES = frozenset(
    {EntryCategory.OPENING, EntryCategory.PAYMENT, EntryCategory.ADJUSTMENT, EntryCategory.REVERSAL}
)


class LedgerEntryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: str
    category: str
    amount_paise: int
    source_ref: str
    business_date: date
    narration: str
    posted_at: datetime
    posted_by_user_id: int | None
    approved_by_user_id: int | None


class StatementRead(BaseModel):
    rr_number: str
    balance_paise: int
    entries: list[LedgerEntryRead]


class AdjustmentCreate(Strict):
    rr_number: RRNumber
    amount_paise: SignedPaise
    reason: Reason


class AdjustmentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    consumer_id: int
    amount_paise: int
    reason: str
    state: str
    requested_by: int
    requested_at: datetime
    decided_by: int | None
    decided_at: datetime | None
    entry_id: int | None


class AdjustmentDecision(Strict):
    note: Reason | None = None
