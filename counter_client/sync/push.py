"""The push stage: the outbox to the centre, oldest first, acknowledged only on the centre's word.

An entry is marked acknowledged only when the centre answers "accepted" or "duplicate" for it.
"conflict" and "rejected" are recorded on the outbox row (attempts, last error), announced, and
skipped for the rest of the run, so one bad entry neither blocks the queue nor loops forever; it
stays pending and visible until accounts staff settle it at the centre. A batch the centre cannot
read at all (413, 422) is halved until the entry at fault stands alone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from pydantic import ValidationError

from common.sync_protocol import (
    PROTOCOL_VERSION,
    EntryOutcome,
    JournalEntryWire,
    PushBatch,
    PushResponse,
)
from counter_client.store.entries import JournalEntry
from counter_client.store.outbox import Outbox
from counter_client.sync.client import CentreClient, CentreRefused
from counter_client.sync.events import EntryConflict, EventBus, QueueLength
from counter_client.sync.report import RefusedEntry, RunLog
from counter_client.sync.transport import CentreUnreachable

__all__ = ["push_outbox"]

log = logging.getLogger(__name__)

_TAKEN = frozenset({EntryOutcome.ACCEPTED, EntryOutcome.DUPLICATE})
_UNREADABLE_BATCH = frozenset({413, 422})


class _Pusher:
    def __init__(
        self,
        *,
        outbox: Outbox,
        client: CentreClient,
        events: EventBus,
        counter_code: str,
        batch_size: int,
        run: RunLog,
        already_raised: set[tuple[int, str]],
        stopping: Callable[[], bool],
    ) -> None:
        self.outbox = outbox
        self.client = client
        self.events = events
        self.counter_code = counter_code
        self.batch_size = batch_size
        self.run = run
        self.raised = already_raised
        self.stopping = stopping
        self.skipped: set[int] = set()

    def next_entries(self) -> list[tuple[JournalEntry, JournalEntryWire]]:
        candidates = self.outbox.pending(limit=self.batch_size + len(self.skipped))
        chosen: list[tuple[JournalEntry, JournalEntryWire]] = []
        for entry in candidates:
            if entry.sequence in self.skipped:
                continue
            try:
                wire = entry.to_wire()
            except ValidationError as exc:
                # Cannot even be put on the wire: keep it visible, never pretend it went.
                self.refuse(entry.sequence, "rejected", f"not sendable: {exc}")
                continue
            chosen.append((entry, wire))
            if len(chosen) == self.batch_size:
                break
        return chosen

    def refuse(self, sequence: int, outcome: str, detail: str) -> None:
        self.skipped.add(sequence)
        self.run.refused.append(RefusedEntry(sequence, outcome, detail))
        self.outbox.record_failure([sequence], f"{outcome}: {detail}")
        log.warning("entry %s not taken by the centre (%s): %s", sequence, outcome, detail)
        if (sequence, outcome) not in self.raised:
            self.raised.add((sequence, outcome))
            self.events.publish(EntryConflict(sequence, outcome, detail))

    def push_all(self) -> None:
        while not self.stopping():
            chosen = self.next_entries()
            if not chosen:
                return
            sequences = [entry.sequence for entry, _ in chosen]
            batch = PushBatch(
                protocol=PROTOCOL_VERSION,
                counter_code=self.counter_code,
                entries=[wire for _, wire in chosen],
            )
            try:
                response = self.client.push(batch)
            except CentreUnreachable as exc:
                self.outbox.record_failure(sequences, f"centre unreachable: {exc}")
                raise
            except CentreRefused as exc:
                if exc.status not in _UNREADABLE_BATCH:
                    self.outbox.record_failure(sequences, str(exc))
                    raise
                if len(chosen) > 1:
                    self.batch_size = max(1, len(chosen) // 2)
                    continue
                self.refuse(sequences[0], "rejected", str(exc))
                continue
            self.take_answer(sequences, response)

    def take_answer(self, sequences: Sequence[int], response: PushResponse) -> None:
        sent = set(sequences)
        # Only answers about entries actually sent count: a confused centre must never make the
        # counter forget an entry it did not receive.
        answers = {r.sequence: r for r in response.results if r.sequence in sent}
        taken = sorted(s for s, r in answers.items() if r.outcome in _TAKEN)
        self.outbox.mark_acknowledged(taken)
        self.run.pushed += len(answers)
        for result in answers.values():
            if result.outcome is EntryOutcome.ACCEPTED:
                self.run.accepted += 1
            elif result.outcome is EntryOutcome.DUPLICATE:
                self.run.duplicates += 1
            else:
                self.refuse(result.sequence, result.outcome.value, result.detail or "no detail")
        for sequence in sorted(sent - answers.keys()):
            self.refuse(sequence, "unanswered", "the centre's answer did not mention this entry")
        self.run.highest_contiguous = response.highest_contiguous
        self.events.publish(QueueLength(self.outbox.queue_length()))


def push_outbox(
    *,
    outbox: Outbox,
    client: CentreClient,
    events: EventBus,
    counter_code: str,
    batch_size: int,
    run: RunLog,
    already_raised: set[tuple[int, str]],
    stopping: Callable[[], bool] = lambda: False,
) -> None:
    """Push every pending entry in batches; raises CentreUnreachable or CentreRefused to stop."""
    _Pusher(
        outbox=outbox,
        client=client,
        events=events,
        counter_code=counter_code,
        batch_size=batch_size,
        run=run,
        already_raised=already_raised,
        stopping=stopping,
    ).push_all()
