"""Checking the whole local journal: gapless, chained, one outbox row each, references sound.

Used by tests after every step, and by support staff on a counter whose journal is in doubt.
It reads in pages so that a journal of millions of entries is checked in constant memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from common.chain import GENESIS_HASH, verify_chain
from common.sync_protocol import EntryKind
from counter_client.store.database import Store
from counter_client.store.entries import JournalEntry, fetch_entries
from counter_client.store.schema import journal, outbox

__all__ = ["JournalCheck", "verify_journal"]

_PAGE = 5000


@dataclass(frozen=True)
class JournalCheck:
    """The outcome of `verify_journal`: how many entries, and every problem found."""

    entries: int
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class _Walk:
    expected_sequence: int = 1
    prev_hash: str = GENESIS_HASH
    receipt_sequences: dict[str, int] = field(default_factory=dict)
    receipts: set[int] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)

    def visit(self, entry: JournalEntry) -> None:
        if entry.sequence != self.expected_sequence:
            self.problems.append(
                f"sequence {entry.sequence} found where {self.expected_sequence} was expected"
            )
        self.expected_sequence = entry.sequence + 1
        if entry.kind is EntryKind.RECEIPT:
            fy = str(entry.body["financial_year"])
            expected = self.receipt_sequences.get(fy, 0) + 1
            if entry.body["receipt_sequence"] != expected:
                self.problems.append(
                    f"entry {entry.sequence}: receipt {entry.body['receipt_number']} is not "
                    f"number {expected} of {fy}"
                )
            self.receipt_sequences[fy] = int(entry.body["receipt_sequence"])
            self.receipts.add(entry.sequence)
        elif entry.kind in (EntryKind.CANCELLATION, EntryKind.REPRINT):
            target = entry.body.get("refers_to_sequence")
            if target not in self.receipts:
                self.problems.append(
                    f"entry {entry.sequence}: {entry.kind.value} refers to {target}, "
                    "which is not an earlier receipt"
                )

    def chain(self, page: list[JournalEntry]) -> None:
        wires = [entry.to_wire() for entry in page]
        report = verify_chain(
            ((w.prev_hash, w.body_for_hash(), w.hash) for w in wires),
            expected_first_prev=self.prev_hash,
        )
        if not report.ok:
            index = report.first_break_index or 0
            self.problems.append(f"chain breaks at entry {page[index].sequence}: {report.reason}")
        self.prev_hash = page[-1].hash


def verify_journal(store: Store, counter_code: str) -> JournalCheck:
    """Walk the whole journal in one snapshot and report everything that is not as it must be."""
    walk = _Walk()
    count = 0
    with store.read() as conn:
        after = 0
        while True:
            page = list(fetch_entries(conn, counter_code, after=after, limit=_PAGE))
            if not page:
                break
            for entry in page:
                walk.visit(entry)
            walk.chain(page)
            count += len(page)
            after = page[-1].sequence
        orphans = conn.execute(
            select(func.count())
            .select_from(journal)
            .outerjoin(outbox, outbox.c.sequence == journal.c.sequence)
            .where(outbox.c.sequence.is_(None))
        ).scalar_one()
        rows = conn.execute(select(func.count()).select_from(outbox)).scalar_one()
    if orphans:
        walk.problems.append(f"{orphans} journal entries have no outbox row")
    if rows != count:
        walk.problems.append(f"{rows} outbox rows for {count} journal entries")
    return JournalCheck(entries=count, problems=walk.problems)
