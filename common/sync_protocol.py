"""What counters and the centre say to each other when they sync: the wire schemas (pydantic v2).

A counter pushes its journal in batches of entries, oldest first; the centre answers each entry
(DESIGN invariant 5) and says how far it holds the journal without a gap. A counter pulls the
consumer cache and cashiers page by page with an opaque cursor.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    ValidationInfo,
    field_validator,
)

from common.chain import canonical_json, encodes_as_is, entry_hash, is_hash_hex
from common.identifiers import validate_counter_code

__all__ = [
    "ENVELOPE_KEYS",
    "MAX_BATCH_ENTRIES",
    "PROTOCOL_VERSION",
    "EntryKind",
    "EntryOutcome",
    "EntryResult",
    "JournalEntryWire",
    "PaymentMode",
    "PullPage",
    "PushBatch",
    "PushResponse",
]

# Version 1: the first protocol, push of hash-chained journal entries and cursor-paged pull.
# Raise it, with a line here saying why, whenever a change would make an old counter and a new
# centre (or the reverse) misread each other; the centre refuses versions it does not speak.
PROTOCOL_VERSION = 1

MAX_BATCH_ENTRIES = 500
_MAX_SEQUENCE = 2**63 - 1

ENVELOPE_KEYS: frozenset[str] = frozenset(
    {"counter_code", "sequence", "kind", "business_date", "local_time", "cashier"}
)
"""Fields of an entry hashed alongside its body; a body must not use these keys."""


class EntryKind(StrEnum):
    """What a journal entry records."""

    RECEIPT = "receipt"
    CANCELLATION = "cancellation"
    REPRINT = "reprint"
    CASH_IN = "cash_in"
    CASH_OUT = "cash_out"
    DAY_OPEN = "day_open"
    DAY_CLOSE = "day_close"
    SHIFT_CLOSE = "shift_close"  # one cashier's count at the end of a shift: common.daybook
    DAY_REOPEN = "day_reopen"  # a closed day book opened again by a higher role, with a reason
    REMITTANCE = "remittance"  # a bank pay-in slip for a closed day: common.daybook


class PaymentMode(StrEnum):
    """How a receipt was paid."""

    CASH = "cash"
    CHEQUE = "cheque"
    DEMAND_DRAFT = "demand_draft"
    CARD = "card"
    UPI = "upi"


class EntryOutcome(StrEnum):
    """What the centre did with one pushed entry."""

    ACCEPTED = "accepted"  # new, stored
    DUPLICATE = "duplicate"  # the same entry (same hash) was already held: safe to forget
    CONFLICT = "conflict"  # a different entry is held under this sequence: quarantined
    REJECTED = "rejected"  # malformed or failing its hash or chain check; detail says why


def _canonical_counter_code(value: str) -> str:
    canonical = validate_counter_code(value)
    if canonical != value:
        # The code is hashed as sent, so it must already be in canonical form.
        raise ValueError(f"must be in canonical form {canonical!r}, got {value!r}")
    return value


def _hash_hex(value: str) -> str:
    if not is_hash_hex(value):
        raise ValueError(f"must be 64 lowercase hex digits (a SHA-256), got {value[:70]!r}")
    return value


def _cashier(value: str) -> str:
    if not value:
        raise ValueError("must not be empty")
    if value != value.strip():
        raise ValueError(f"must not start or end with spaces, got {value!r}")
    if not value.isprintable():
        raise ValueError(f"must not contain control characters, got {value!r}")
    return value


def _spoken_protocol(value: int) -> int:
    if value != PROTOCOL_VERSION:
        raise ValueError(f"version {value} is not spoken here; expected {PROTOCOL_VERSION}")
    return value


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"must carry a UTC offset (e.g. +05:30), got {value.isoformat()}")
    return value


def _hashable_body(value: dict[str, Any]) -> dict[str, Any]:
    clashes = sorted(ENVELOPE_KEYS.intersection(value))
    if clashes:
        raise ValueError(f"must not repeat the entry's own fields {clashes}; they are hashed apart")
    if encodes_as_is(value):  # the common case: known to encode, without encoding it here
        return value
    try:
        canonical_json(value)
    except TypeError as exc:
        raise ValueError(str(exc).removeprefix("canonical_json: ")) from None
    return value


CounterCode = Annotated[str, AfterValidator(_canonical_counter_code)]
HashHex = Annotated[str, AfterValidator(_hash_hex)]
EntrySequence = Annotated[StrictInt, Field(ge=1, le=_MAX_SEQUENCE)]


class JournalEntryWire(BaseModel):
    """One journal entry as pushed: its envelope, its own fields (`body`) and its chain hashes."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    counter_code: CounterCode
    sequence: EntrySequence
    kind: EntryKind
    business_date: date
    local_time: Annotated[datetime, AfterValidator(_aware)]
    cashier: Annotated[str, Field(max_length=64), AfterValidator(_cashier)]
    prev_hash: HashHex
    hash: HashHex
    body: Annotated[dict[str, Any], AfterValidator(_hashable_body)]

    def body_for_hash(self) -> dict[str, object]:
        """The mapping the entry's hash covers: the envelope (dates as ISO text) and the body."""
        return {
            "counter_code": self.counter_code,
            "sequence": self.sequence,
            "kind": self.kind.value,
            "business_date": self.business_date.isoformat(),
            "local_time": self.local_time.isoformat(),
            "cashier": self.cashier,
            **self.body,
        }

    def recompute_hash(self) -> str:
        """The hash this entry should carry, from its prev_hash and content."""
        return entry_hash(self.prev_hash, self.body_for_hash())

    def hash_matches(self) -> bool:
        """True if the carried hash is the one its content gives."""
        return self.recompute_hash() == self.hash

    @classmethod
    def sealed(
        cls,
        *,
        counter_code: str,
        sequence: int,
        kind: EntryKind,
        business_date: date,
        local_time: datetime,
        cashier: str,
        prev_hash: str,
        body: dict[str, Any],
    ) -> JournalEntryWire:
        """A new entry with its hash computed (validated exactly as a received one is)."""
        fields: dict[str, Any] = {
            "counter_code": counter_code,
            "sequence": sequence,
            "kind": kind,
            "business_date": business_date,
            "local_time": local_time,
            "cashier": cashier,
            "prev_hash": prev_hash,
            "body": body,
        }
        draft = cls.model_validate({**fields, "hash": "0" * 64})
        # Validated once: the hash computed from the validated draft is 64 lowercase hex digits
        # by construction, and nothing else changes, so validating the copy again adds nothing.
        return draft.model_copy(update={"hash": draft.recompute_hash()})


class PushBatch(BaseModel):
    """Entries of one counter's journal, oldest first, pushed in one request."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    protocol: Annotated[StrictInt, AfterValidator(_spoken_protocol)]
    counter_code: CounterCode
    entries: Annotated[list[JournalEntryWire], Field(min_length=1, max_length=MAX_BATCH_ENTRIES)]

    @field_validator("entries")
    @classmethod
    def _one_counter_in_order(
        cls, entries: list[JournalEntryWire], info: ValidationInfo
    ) -> list[JournalEntryWire]:
        counter_code = info.data.get("counter_code")
        previous = 0
        for index, entry in enumerate(entries):
            if counter_code is not None and entry.counter_code != counter_code:
                raise ValueError(
                    f"entry {index} is from counter {entry.counter_code}, "
                    f"but the batch is from {counter_code}"
                )
            # Gaps are allowed here so the centre can take what it has and report the gap.
            if entry.sequence <= previous:
                raise ValueError(
                    f"entry {index} has sequence {entry.sequence} after {previous}; "
                    "entries must be in increasing sequence order"
                )
            previous = entry.sequence
        return entries


class EntryResult(BaseModel):
    """The centre's answer for one pushed entry."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sequence: EntrySequence
    outcome: EntryOutcome
    detail: str | None = Field(default=None, validate_default=True)

    @field_validator("detail")
    @classmethod
    def _detail_when_not_taken(cls, detail: str | None, info: ValidationInfo) -> str | None:
        outcome = info.data.get("outcome")
        if outcome in (EntryOutcome.CONFLICT, EntryOutcome.REJECTED) and not detail:
            raise ValueError(f"must say why when the outcome is {outcome}")
        return detail


class PushResponse(BaseModel):
    """The centre's answer to a batch: one result per entry and how far it holds without a gap."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    results: list[EntryResult]
    highest_contiguous: Annotated[StrictInt, Field(ge=0, le=_MAX_SEQUENCE)]
    """The highest sequence such that the centre holds every entry from 1 to it (0: none)."""


class PullPage(BaseModel):
    """One page of changes for a counter's cache, after `cursor`; ask again from `next_cursor`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    cursor: Annotated[str, Field(max_length=200)]
    next_cursor: Annotated[str, Field(min_length=1, max_length=200)]
    has_more: bool
    consumers: list[dict[str, Any]]
    cashiers: list[dict[str, Any]]
