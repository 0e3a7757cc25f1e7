"""Every table of the centre, imported in one place for Alembic and for tests."""

from central_api.audit.models import AuditEvent
from central_api.billing.models import (
    Bill,
    BillReview,
    CycleClosure,
    GovernmentReceivable,
    MeterPhoto,
    MeterProfile,
    MeterReading,
    ReadingRoute,
)
from central_api.consumers.models import Consumer
from central_api.db import Base
from central_api.identity.models import AuthToken, Device, User
from central_api.ledger.models import AccountBalance, LedgerAdjustment, LedgerEntry
from central_api.org.models import Counter, Location, OrgUnit
from central_api.reconciliation.models import (
    AccountTransfer,
    AlertOutbox,
    BankLine,
    BankStatement,
    ChequeReturn,
    ReconDayTotal,
    ReconWatermark,
    RemittanceMatch,
    SuspenseTransferRequest,
)
from central_api.sync.models import (
    CounterEntry,
    CounterSyncState,
    SuspenseEntry,
    SyncClock,
    SyncConflict,
)

__all__ = [
    "AccountBalance",
    "AccountTransfer",
    "AlertOutbox",
    "AuditEvent",
    "AuthToken",
    "BankLine",
    "BankStatement",
    "Base",
    "Bill",
    "BillReview",
    "ChequeReturn",
    "Consumer",
    "Counter",
    "CounterEntry",
    "CounterSyncState",
    "CycleClosure",
    "Device",
    "GovernmentReceivable",
    "LedgerAdjustment",
    "LedgerEntry",
    "Location",
    "MeterPhoto",
    "MeterProfile",
    "MeterReading",
    "OrgUnit",
    "ReadingRoute",
    "ReconDayTotal",
    "ReconWatermark",
    "RemittanceMatch",
    "SuspenseEntry",
    "SuspenseTransferRequest",
    "SyncClock",
    "SyncConflict",
    "User",
]
