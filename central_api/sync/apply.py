"""Turning accepted journal entries into money: ledger postings for known accounts, suspense
for unknown RR numbers, reversals for cancellations. Nothing here ever refuses money taken."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from sqlalchemy import Table, select, text
from sqlalchemy.orm import Session

from central_api.bulk import among, array_literal, insert_rows, int_array_literal
from central_api.consumers.models import Consumer
from central_api.db import utcnow
from central_api.errors import BadInput
from central_api.ledger.schemas import EntryCategory, EntryKind
from central_api.ledger.service import Posting, PostingOutcome, move_balances, post_many
from central_api.sync.models import SuspenseEntry
from common.identifiers import ReceiptNumber, normalise_rr_number
from common.sync_protocol import EntryKind as JournalKind
from common.sync_protocol import JournalEntryWire


@dataclass(frozen=True)
class MoneyMove:
    """What one receipt or cancellation means for an account: + paid, - reversed."""

    entry: JournalEntryWire
    source_ref: str
    rr_number: str
    paise: int  # > 0 for a receipt; < 0 for a cancellation
    narration: str


_MAX_SEQUENCE = 2**63 - 1


@lru_cache(maxsize=4096)
def _receipt_prefix(text: str) -> tuple[str, str] | None:
    """For the part of a receipt number before its sequence ("MYS001-1/2026-27"): its canonical
    form and the counter code, or None when malformed (the full parse then says why).

    A counter's receipts share this part for a whole year, so it is read once, not per receipt.
    """
    try:
        number = ReceiptNumber.parse(f"{text}/1")
    except ValueError:
        return None
    return f"{number.counter_code}/{number.fy.label}", number.counter_code


def _receipt_number(text: str) -> tuple[str, str]:
    """(canonical receipt number, its counter code), exactly as ReceiptNumber.parse reads it."""
    prefix, _, sequence = text.rpartition("/")
    known = _receipt_prefix(prefix) if prefix else None
    if (
        known is not None
        and sequence.isascii()
        and sequence.isdigit()
        and sequence[0] != "0"
        and len(sequence) <= 19
        and int(sequence) <= _MAX_SEQUENCE
    ):
        return f"{known[0]}/{sequence}", known[1]
    number = ReceiptNumber.parse(text)  # anything unusual: the full parse, which names the fault
    return str(number), number.counter_code


def _rr_number(text: str) -> str:
    """normalise_rr_number, without its work when `text` is already canonical (as counters send)."""
    if 4 <= len(text) <= 20 and text.isascii() and text.isalnum() and text == text.upper():
        return text
    return normalise_rr_number(text)


def money_move(entry: JournalEntryWire) -> MoneyMove | None:
    """The move an entry makes, None if it moves no money; ValueError if its body is malformed."""
    body = entry.body
    kind = entry.kind
    if kind is JournalKind.RECEIPT:
        paise, sign, prefix = body.get("amount_paise"), 1, "receipt"
    elif kind is JournalKind.CANCELLATION:
        paise, sign, prefix = body.get("cancelled_amount_paise"), -1, "cancel"
    else:
        return None
    if type(paise) is not int or paise <= 0:
        raise ValueError(f"amount must be whole paise above zero, got {paise!r}")
    number, counter_code = _receipt_number(str(body.get("receipt_number", "")))
    if counter_code != entry.counter_code:
        raise ValueError(f"receipt {number} is not of counter {entry.counter_code}")
    rr = _rr_number(str(body.get("rr_number", "")))
    mode = body.get("payment_mode", "")
    what = "paid" if sign > 0 else f"cancelled: {body.get('reason', '')}"
    return MoneyMove(entry, f"{prefix}:{number}", rr, sign * paise, f"{number} {mode} {what}"[:200])


def apply_moves(
    session: Session, moves: Sequence[MoneyMove], *, counter_id: int, device_id: int | None
) -> list[MoneyMove]:
    """Post each move to its account's ledger, or to suspense when the RR number is unknown.

    Returns the moves not posted because their receipt number was already posted with other
    values (a counter fault): the caller quarantines them. Nothing is ever overwritten.
    """
    if not moves:
        return []
    if session.get_bind().dialect.name == "postgresql":
        return _apply_moves_in_sql(session, moves, counter_id=counter_id, device_id=device_id)
    accounts = dict(
        session.execute(
            select(Consumer.rr_number, Consumer.id).where(
                among(session, Consumer.rr_number, {m.rr_number for m in moves})
            )
        ).all()
    )
    known = [m for m in moves if m.rr_number in accounts]
    outcomes = post_many(
        session,
        [
            Posting(
                consumer_id=accounts[m.rr_number],
                kind=EntryKind.CREDIT if m.paise > 0 else EntryKind.DEMAND,
                category=EntryCategory.PAYMENT if m.paise > 0 else EntryCategory.REVERSAL,
                amount_paise=abs(m.paise),
                source_ref=m.source_ref,
                business_date=m.entry.business_date,
                narration=m.narration,
                device_id=device_id,
            )
            for m in known
        ],
        conflicts="report",
        balances="at_commit",  # nothing here reads a balance again before the commit
    )
    refused = [m for m, o in zip(known, outcomes, strict=True) if o is PostingOutcome.CONFLICT]
    unknown = [m for m in moves if m.rr_number not in accounts]
    if unknown:
        held = set(
            session.scalars(
                select(SuspenseEntry.source_ref).where(
                    SuspenseEntry.source_ref.in_([m.source_ref for m in unknown])
                )
            )
        )
        insert_rows(
            session,
            cast(Table, SuspenseEntry.__table__),
            [
                {
                    "source_ref": m.source_ref,
                    "counter_id": counter_id,
                    "rr_number_given": m.rr_number,
                    "amount_paise": m.paise,
                    "business_date": m.entry.business_date,
                    "narration": m.narration,
                    "received_at": utcnow(),
                    "state": "open",
                }
                for m in unknown
                if m.source_ref not in held
            ],
        )
        refused += [m for m in unknown if m.source_ref in held]
    return refused


# The same rules as the general path above, as one set-based statement over the push's moves
# (PostgreSQL). Every sub-statement sees the tables as they were before it, so "held" means
# held before this push; the caller has already dropped repeats within the push.
_APPLY_MOVES = text(
    """
WITH m AS (
    SELECT * FROM unnest(
        CAST(:ix AS INT[]), CAST(:refs AS TEXT[]), CAST(:rrs AS TEXT[]),
        CAST(:paise AS BIGINT[]), CAST(:narrations AS TEXT[]), CAST(:dates AS DATE[])
    ) AS m(ix, source_ref, rr_number, paise, narration, business_date)
),
a AS (
    SELECT m.*, c.id AS consumer_id,
           CASE WHEN m.paise > 0 THEN 'credit' ELSE 'demand' END AS kind
    FROM m LEFT JOIN consumers c ON c.rr_number = m.rr_number
),
held AS (
    SELECT a.ix, (l.consumer_id, l.amount_paise, l.kind) = (a.consumer_id, -a.paise, a.kind)
           AS same
    FROM a JOIN ledger_entries l ON l.source_ref = a.source_ref
    WHERE a.consumer_id IS NOT NULL
),
posted AS (
    INSERT INTO ledger_entries (consumer_id, kind, category, amount_paise, source_ref,
                                business_date, narration, posted_at, device_id)
    SELECT a.consumer_id, a.kind,
           CASE WHEN a.paise > 0 THEN 'payment' ELSE 'reversal' END,
           -a.paise, a.source_ref, a.business_date, a.narration, CAST(:now AS TIMESTAMPTZ),
           CAST(:device_id AS BIGINT)
    FROM a
    WHERE a.consumer_id IS NOT NULL AND a.ix NOT IN (SELECT ix FROM held)
    RETURNING consumer_id, amount_paise
),
suspended AS (
    SELECT a.ix FROM a JOIN suspense_entries s ON s.source_ref = a.source_ref
    WHERE a.consumer_id IS NULL
),
parked AS (
    INSERT INTO suspense_entries (source_ref, counter_id, rr_number_given, amount_paise,
                                  business_date, narration, received_at, state)
    SELECT a.source_ref, CAST(:counter_id AS BIGINT), a.rr_number, a.paise, a.business_date,
           a.narration, CAST(:now AS TIMESTAMPTZ), 'open'
    FROM a
    WHERE a.consumer_id IS NULL AND a.ix NOT IN (SELECT ix FROM suspended)
)
SELECT 1 AS what, ix, NULL::BIGINT AS consumer_id, NULL::BIGINT AS paise, NULL::INT AS entries
FROM held WHERE NOT same
UNION ALL SELECT 2, ix, NULL, NULL, NULL FROM suspended
UNION ALL SELECT 3, NULL, consumer_id, sum(amount_paise)::BIGINT, count(*)::INT
FROM posted GROUP BY consumer_id
"""
)


def _apply_moves_in_sql(
    session: Session, moves: Sequence[MoneyMove], *, counter_id: int, device_id: int | None
) -> list[MoneyMove]:
    """apply_moves on PostgreSQL: the account lookup, the idempotence checks by source_ref and
    the ledger and suspense rows in one statement; the balances then move as post_many moves
    them (locked in account order now, moved and stamped at commit)."""
    for move in moves:  # as post_many checks each posting
        if not move.source_ref or len(move.source_ref) > 80:
            raise BadInput("must be 1 to 80 characters", field="source_ref")
    refs = array_literal(m.source_ref for m in moves)
    rrs = array_literal(m.rr_number for m in moves)
    narrations = array_literal(m.narration for m in moves)
    dates = array_literal(m.entry.business_date.isoformat() for m in moves)
    assert refs is not None and rrs is not None and narrations is not None and dates is not None
    refused: dict[int, list[int]] = {1: [], 2: []}  # posted otherwise; parked already
    balances: dict[int, tuple[int, int]] = {}
    for what, ix, consumer_id, paise, entries in session.execute(
        _APPLY_MOVES,
        {
            "ix": int_array_literal(range(len(moves))),
            "refs": refs,
            "rrs": rrs,
            "paise": int_array_literal(m.paise for m in moves),
            "narrations": narrations,
            "dates": dates,
            "now": utcnow(),
            "device_id": device_id,
            "counter_id": counter_id,
        },
    ).all():
        if what != 3:
            refused[what].append(ix)
        else:
            balances[consumer_id] = (paise, entries)
    if balances:
        move_balances(session, balances, at_commit=True)
    # In the order the general path reports them: ledger conflicts, then suspense ones.
    return [moves[ix] for what in (1, 2) for ix in sorted(refused[what])]
