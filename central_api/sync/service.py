"""Taking a counter's journal: exactly once, in any order of arrival, verifying the hash chain.

An entry is keyed by (counter, sequence) and identified by its hash (DESIGN invariant 5): the
same entry again is answered "duplicate"; a different one under a held key is a conflict, kept in
quarantine and never applied. One push is one transaction, so a batch lands whole or not at all.
"""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import Table, select, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from central_api.bulk import among, insert_rows
from central_api.db import utcnow
from central_api.deps import Principal
from central_api.errors import Forbidden
from central_api.org.models import Counter
from central_api.sync.apply import MoneyMove, apply_moves, money_move
from central_api.sync.models import CounterEntry, CounterSyncState, SyncConflict
from common.chain import GENESIS_HASH
from common.sync_protocol import (
    EntryOutcome,
    EntryResult,
    JournalEntryWire,
    PushBatch,
    PushResponse,
)

HELD_WINDOW = 10_000  # how far past the contiguous mark one push looks to advance it


def counter_of(session: Session, principal: Principal, counter_code: str) -> Counter:
    """The counter this device serves, which must be the one it pushes for."""
    counter = session.scalar(select(Counter).where(Counter.device_id == principal.device_id))
    if counter is None:
        raise Forbidden("this device is not assigned to a counter", field="counter_code")
    if counter.code != counter_code:
        raise Forbidden(
            f"this device serves counter {counter.code}, not {counter_code}", field="counter_code"
        )
    return counter


def _state_for_update(session: Session, counter_id: int) -> CounterSyncState:
    """The counter's sync state, row-locked so that two pushes of one counter run one at a time."""
    dialect = session.get_bind().dialect.name
    insert_for = postgresql_insert if dialect == "postgresql" else sqlite_insert
    # Two first pushes may race to create the row: the loser's insert does nothing, then waits.
    session.execute(
        insert_for(CounterSyncState)
        .values(counter_id=counter_id, highest_contiguous=0, highest_received=0, entries_held=0)
        .on_conflict_do_nothing(index_elements=["counter_id"])
    )
    state = session.get(CounterSyncState, counter_id, with_for_update=True, populate_existing=True)
    assert state is not None
    return state


def _quarantine(
    session: Session, counter_id: int, entry: JournalEntryWire, kind: str, reason: str
) -> None:
    already = session.scalar(
        select(SyncConflict.id).where(
            SyncConflict.counter_id == counter_id,
            SyncConflict.sequence == entry.sequence,
            SyncConflict.received_hash == entry.hash,
            SyncConflict.kind == kind,
        )
    )
    if already is None:
        session.add(
            SyncConflict(
                counter_id=counter_id,
                sequence=entry.sequence,
                kind=kind,
                reason=reason[:300],
                received_hash=entry.hash,
                received_entry=entry.model_dump(mode="json"),
            )
        )


def _row(counter_id: int, entry: JournalEntryWire, now: datetime) -> dict[str, object]:
    body = entry.body
    amount = body.get("amount_paise", body.get("cancelled_amount_paise"))
    return {
        "counter_id": counter_id,
        "sequence": entry.sequence,
        "kind": entry.kind.value,
        "business_date": entry.business_date,
        "local_time": entry.local_time,
        "received_at": now,
        "cashier": entry.cashier,
        "receipt_number": str(body["receipt_number"])[:40] if "receipt_number" in body else None,
        "rr_number": str(body["rr_number"])[:20] if "rr_number" in body else None,
        "amount_paise": amount
        if isinstance(amount, int) and not isinstance(amount, bool)
        else None,
        "payment_mode": str(body.get("payment_mode"))[:16] if "payment_mode" in body else None,
        "prev_hash": entry.prev_hash,
        "hash": entry.hash,
        "body": body,
    }


class _Chain:
    """The hashes held around a batch, to check each new entry's link to its neighbours."""

    def __init__(self, session: Session, counter_id: int, batch: PushBatch) -> None:
        wanted = {s for e in batch.entries for s in (e.sequence - 1, e.sequence, e.sequence + 1)}
        low, high = min(wanted), max(wanted)
        # A batch is usually a run of sequences: read the range; a scattered one, the exact set.
        near = (
            CounterEntry.sequence.between(low, high)
            if high - low < 2 * len(wanted)
            else among(session, CounterEntry.sequence, wanted)
        )
        self.held: dict[int, tuple[str, str]] = {
            seq: (prev, digest)
            for seq, prev, digest in session.execute(
                select(CounterEntry.sequence, CounterEntry.prev_hash, CounterEntry.hash).where(
                    CounterEntry.counter_id == counter_id, near
                )
            )
        }

    def hash_of(self, sequence: int) -> str | None:
        held = self.held.get(sequence)
        return held[1] if held else None

    def add(self, entry: JournalEntryWire) -> None:
        self.held[entry.sequence] = (entry.prev_hash, entry.hash)

    def break_at(self, entry: JournalEntryWire) -> str | None:
        """Why this entry does not link to its held neighbours, or None if it does."""
        expected = GENESIS_HASH if entry.sequence == 1 else self.hash_of(entry.sequence - 1)
        if expected is not None and entry.prev_hash != expected:
            return f"entry {entry.sequence} does not follow entry {entry.sequence - 1}"
        following = self.held.get(entry.sequence + 1)
        if following is not None and following[0] != entry.hash:
            return f"entry {entry.sequence + 1} does not follow entry {entry.sequence}"
        return None


def push(session: Session, *, principal: Principal, batch: PushBatch) -> PushResponse:
    """Take a batch of one counter's journal and answer for each entry."""
    counter = counter_of(session, principal, batch.counter_code)
    state = _state_for_update(session, counter.id)
    chain = _Chain(session, counter.id, batch)
    now = utcnow()
    results: list[EntryResult] = []
    rows: list[dict[str, object]] = []
    moves: list[MoneyMove] = []
    for entry in batch.entries:
        held = chain.hash_of(entry.sequence)
        if held == entry.hash:
            results.append(EntryResult(sequence=entry.sequence, outcome=EntryOutcome.DUPLICATE))
            continue
        if held is not None:
            reason = f"a different entry {entry.sequence} is already held"
            _quarantine(session, counter.id, entry, "conflict", reason)
            results.append(
                EntryResult(
                    sequence=entry.sequence,
                    outcome=EntryOutcome.CONFLICT,
                    detail=reason + "; kept aside for accounts",
                )
            )
            continue
        if not entry.hash_matches():
            reason = "the entry's content does not match its hash"
            _quarantine(session, counter.id, entry, "rejected", reason)
            results.append(
                EntryResult(sequence=entry.sequence, outcome=EntryOutcome.REJECTED, detail=reason)
            )
            continue
        broken = chain.break_at(entry)
        if broken and (
            state.chain_break_sequence is None or entry.sequence < state.chain_break_sequence
        ):
            state.chain_break_sequence, state.chain_break_reason = entry.sequence, broken
        chain.add(entry)
        rows.append(_row(counter.id, entry, now))
        detail = None
        try:
            move = money_move(entry)
        except ValueError as exc:
            detail = f"held, but its money could not be posted: {exc}"
            _quarantine(session, counter.id, entry, "posting", detail)
        else:
            if move is not None:
                moves.append(move)
        results.append(
            EntryResult(sequence=entry.sequence, outcome=EntryOutcome.ACCEPTED, detail=detail)
        )
    if rows:
        insert_rows(session, cast(Table, CounterEntry.__table__), rows)
        _post_money(session, counter.id, principal.device_id, moves)
        _advance(session, state, counter.id, len(rows), max(int(r["sequence"]) for r in rows))  # type: ignore[call-overload]
    state.last_push_at = now
    return PushResponse(results=results, highest_contiguous=state.highest_contiguous)


def _post_money(
    session: Session, counter_id: int, device_id: int | None, moves: list[MoneyMove]
) -> None:
    """Post each move once; one whose receipt number was already posted otherwise is raised."""
    unique: dict[str, MoneyMove] = {}
    for move in moves:
        if move.source_ref in unique:
            _quarantine(
                session,
                counter_id,
                move.entry,
                "posting",
                f"{move.source_ref} appears twice in one push",
            )
            continue
        unique[move.source_ref] = move
    for refused in apply_moves(
        session, list(unique.values()), counter_id=counter_id, device_id=device_id
    ):
        _quarantine(
            session,
            counter_id,
            refused.entry,
            "posting",
            f"{refused.source_ref} was already posted from another entry",
        )


# The contiguous mark moves to the last of the held sequences that follow it without a gap:
# the n-th held sequence above the mark is mark + n exactly while there is no gap.
_CONTIGUOUS_UP_TO = text(
    "SELECT max(sequence) FROM (SELECT sequence, row_number() OVER (ORDER BY sequence) AS n "
    "FROM counter_entries WHERE counter_id = :counter_id AND sequence > :mark "
    "ORDER BY sequence LIMIT :window) AS following WHERE sequence = :mark + n"
)


def _advance(
    session: Session, state: CounterSyncState, counter_id: int, added: int, highest: int
) -> None:
    state.entries_held += added
    state.highest_received = max(state.highest_received, highest)
    with session.no_autoflush:  # the state row is written once, at commit, not twice
        mark = session.scalar(
            _CONTIGUOUS_UP_TO,
            {"counter_id": counter_id, "mark": state.highest_contiguous, "window": HELD_WINDOW},
        )
    if mark is not None:
        state.highest_contiguous = int(mark)


def gaps(session: Session, state: CounterSyncState, limit: int = 100) -> list[tuple[int, int]]:
    """Missing ranges (first, last) between the contiguous mark and the highest received."""
    held = list(
        session.scalars(
            select(CounterEntry.sequence)
            .where(
                CounterEntry.counter_id == state.counter_id,
                CounterEntry.sequence > state.highest_contiguous,
            )
            .order_by(CounterEntry.sequence)
            .limit(HELD_WINDOW)
        )
    )
    missing: list[tuple[int, int]] = []
    expected = state.highest_contiguous + 1
    for sequence in held:
        if sequence > expected:
            missing.append((expected, sequence - 1))
            if len(missing) >= limit:
                break
        expected = sequence + 1
    return missing
