"""The counter's local SQLite store: consumer cache, cashiers, day books, journal and outbox.

No Qt and no HTTP here. `Store.open(path)` migrates the file (copying it first) and returns the
store; the journal service (`counter_client.journal`) is the only writer of journal entries.
"""

from counter_client.store.cashiers import Cashier, CashierRecord, CashierRoster
from counter_client.store.consumers import CachedConsumer, ConsumerCache, ConsumerRecord
from counter_client.store.database import CounterMismatch, Store
from counter_client.store.entries import JournalEntry
from counter_client.store.faults import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseReadOnly,
    DiskFull,
    JournalUnavailable,
    NewerDatabase,
)
from counter_client.store.outbox import Outbox, OutboxStatus, UnknownSequence
from counter_client.store.pull import PulledPage, SyncCursor, apply_pulled_page, read_sync_cursor

__all__ = [
    "CachedConsumer",
    "Cashier",
    "CashierRecord",
    "CashierRoster",
    "ConsumerCache",
    "ConsumerRecord",
    "CounterMismatch",
    "DatabaseBusy",
    "DatabaseDamaged",
    "DatabaseReadOnly",
    "DiskFull",
    "JournalEntry",
    "JournalUnavailable",
    "NewerDatabase",
    "Outbox",
    "OutboxStatus",
    "PulledPage",
    "Store",
    "SyncCursor",
    "UnknownSequence",
    "apply_pulled_page",
    "read_sync_cursor",
]
