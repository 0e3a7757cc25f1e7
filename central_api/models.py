"""Every table of the centre, imported in one place for Alembic and for tests."""

from central_api.audit.models import AuditEvent
from central_api.consumers.models import Consumer
from central_api.db import Base
from central_api.identity.models import AuthToken, Device, User
from central_api.ledger.models import AccountBalance, LedgerAdjustment, LedgerEntry
from central_api.org.models import Counter, Location, OrgUnit
from central_api.sync.models import (
    CounterEntry,
    CounterSyncState,
    SuspenseEntry,
    SyncClock,
    SyncConflict,
)

__all__ = [
    "AccountBalance",
    "AuditEvent",
    "AuthToken",
    "Base",
    "Consumer",
    "Counter",
    "CounterEntry",
    "CounterSyncState",
    "Device",
    "LedgerAdjustment",
    "LedgerEntry",
    "Location",
    "OrgUnit",
    "SuspenseEntry",
    "SyncClock",
    "SyncConflict",
    "User",
]
