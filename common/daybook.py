"""Day book closing and remittance: the bodies of the journal entries both sides read.

A counter's day is closed in two steps, each a journal entry that syncs like a receipt:

1. Each cashier's shift is closed with a count (`ShiftCloseBody`, kind ``shift_close``): the
   cash by denomination, every cheque and draft checked off, card and UPI totals, expected
   against counted per mode, over/short with a reason, and the supervisor who approved it.
2. The supervisor closes the day book (kind ``day_close``) once every shift is closed; from then
   on nothing takes that business date on that counter. Reopening (kind ``day_reopen``) needs a
   higher role and leaves its own entry.

The cash and cheques then go to the bank on a pay-in slip, recorded as a remittance
(`RemittanceBody`, kind ``remittance``) against the business date it banks.

The centre reads these bodies to reconcile: receipts it holds, day book totals, remittances and
bank statement lines. Amounts are integer paise; every mapping of modes uses `PaymentMode`
values as keys and names every mode (zero where nothing was taken).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt, model_validator

from common.sync_protocol import PaymentMode

__all__ = [
    "DENOMINATIONS",
    "MODES",
    "CheckedInstrument",
    "RemittanceBody",
    "ShiftCloseBody",
    "denomination_total",
]

DENOMINATIONS: tuple[tuple[str, int], ...] = (
    ("note_500", 500_00),
    ("note_200", 200_00),
    ("note_100", 100_00),
    ("note_50", 50_00),
    ("note_20", 20_00),
    ("note_10", 10_00),
    ("coin_20", 20_00),
    ("coin_10", 10_00),
    ("coin_5", 5_00),
    ("coin_2", 2_00),
    ("coin_1", 1_00),
)
"""The notes and coins counted at closing, with their value in paise, in the order counted."""

_DENOMINATION_VALUE = dict(DENOMINATIONS)

MODES: tuple[str, ...] = tuple(m.value for m in PaymentMode)
"""Every payment mode, as the keys of the per-mode mappings."""

Paise = Annotated[StrictInt, Field(ge=0, le=10**15)]
SignedPaise = Annotated[StrictInt, Field(ge=-(10**15), le=10**15)]
Count = Annotated[StrictInt, Field(ge=0, le=10**7)]


def denomination_total(counts: dict[str, int]) -> int:
    """The paise a denomination count adds up to; unknown denominations are a ValueError."""
    total = 0
    for name, count in counts.items():
        if name not in _DENOMINATION_VALUE:
            raise ValueError(
                f"{name!r} is not a denomination; expected one of {list(_DENOMINATION_VALUE)}"
            )
        total += _DENOMINATION_VALUE[name] * count
    return total


def _every_mode(mapping: dict[str, int], field: str) -> None:
    if sorted(mapping) != sorted(MODES):
        raise ValueError(f"{field} must name every mode {list(MODES)}, got {sorted(mapping)}")


class CheckedInstrument(BaseModel):
    """A cheque or draft taken in the shift, as checked off at closing."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    receipt_number: Annotated[str, Field(min_length=1, max_length=40)]
    mode: PaymentMode
    number: Annotated[str, Field(min_length=1, max_length=20)]
    bank: Annotated[str, Field(min_length=1, max_length=80)]
    amount_paise: Paise
    present: bool
    """True if the instrument was found in the drawer at closing."""


class ShiftCloseBody(BaseModel):
    """Body of a ``shift_close`` entry; the entry's `cashier` is the cashier whose shift it is."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    approved_by: Annotated[str, Field(min_length=1, max_length=64)]
    """The supervisor who checked the count and approved the closing."""
    first_sequence: Annotated[StrictInt, Field(ge=1)]
    last_sequence: Annotated[StrictInt, Field(ge=1)]
    """The journal sequences the shift covers (its entries of this cashier on this date)."""
    receipts: Count
    cancellations: Count
    expected_paise: dict[str, Paise]
    """Per mode: receipts less cancellations of the shift (cash also plus cash-in less cash-out)."""
    counted_paise: dict[str, Paise]
    """Per mode, as counted: cash from the denominations, cheque/draft from those present."""
    over_short_paise: dict[str, SignedPaise]
    """Per mode, counted less expected: positive is excess, negative is short."""
    denominations: dict[str, Count]
    instruments: list[CheckedInstrument]
    reason: Annotated[str, Field(max_length=500)] | None = None
    """Why there is an over/short; required when any mode differs."""

    @model_validator(mode="after")
    def _consistent(self) -> ShiftCloseBody:
        _every_mode(self.expected_paise, "expected_paise")
        _every_mode(self.counted_paise, "counted_paise")
        _every_mode(self.over_short_paise, "over_short_paise")
        for mode in MODES:
            if self.over_short_paise[mode] != self.counted_paise[mode] - self.expected_paise[mode]:
                raise ValueError(f"over_short_paise[{mode}] must be counted less expected")
        if self.counted_paise[PaymentMode.CASH.value] != denomination_total(self.denominations):
            raise ValueError("counted_paise[cash] must equal the denominations' total")
        if any(self.over_short_paise.values()) and not (self.reason and self.reason.strip()):
            raise ValueError("reason is required when the count differs from what is expected")
        if self.last_sequence < self.first_sequence:
            raise ValueError("last_sequence must not be before first_sequence")
        return self


class RemittanceBody(BaseModel):
    """Body of a ``remittance`` entry: a bank pay-in slip for a closed business date.

    The entry's `business_date` is the day being banked (a closed day book); `deposit_date` is the
    day the slip was handed in at the bank.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    bank: Annotated[str, Field(min_length=1, max_length=80)]
    branch: Annotated[str, Field(max_length=80)] = ""
    account_number: Annotated[str, Field(min_length=4, max_length=20)]
    slip_number: Annotated[str, Field(min_length=1, max_length=30)]
    deposit_date: date
    cash_paise: Paise
    cheque_paise: Paise
    """Cheques and drafts together, as one pay-in slip lists them."""
    instruments: list[str]
    """The receipt numbers of the cheques and drafts on the slip."""
    amount_paise: Paise

    @model_validator(mode="after")
    def _adds_up(self) -> RemittanceBody:
        if self.amount_paise != self.cash_paise + self.cheque_paise:
            raise ValueError("amount_paise must be cash_paise plus cheque_paise")
        if self.amount_paise == 0:
            raise ValueError("amount_paise must be more than zero")
        return self
