"""Taking receipts, cancellations, reprints, cash movements and day books: the rules, no Qt or HTTP.

`Journal(store, counter_code)` is the service the screens call; every method that records
returns only after its entry (and outbox row) is durably committed.
"""

from common.errors import ValidationProblem
from counter_client.journal.closing import (
    ClosedTotals,
    Officer,
    ShiftExpectation,
    ShiftInstrument,
    next_business_date,
    parse_count,
    parse_denominations,
    parse_paise,
)
from counter_client.journal.payments import (
    CASH_LIMIT_PAISE,
    Card,
    Cash,
    Cheque,
    DemandDraft,
    Payment,
    Upi,
)
from counter_client.journal.service import Journal
from counter_client.journal.verify import JournalCheck, verify_journal
from counter_client.journal.views import DayBook, DaySummary, DueView, ReceiptView
from counter_client.store.faults import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseReadOnly,
    DiskFull,
    JournalUnavailable,
)

__all__ = [
    "CASH_LIMIT_PAISE",
    "Card",
    "Cash",
    "Cheque",
    "ClosedTotals",
    "DatabaseBusy",
    "DatabaseDamaged",
    "DatabaseReadOnly",
    "DayBook",
    "DaySummary",
    "DemandDraft",
    "DiskFull",
    "DueView",
    "Journal",
    "JournalCheck",
    "JournalUnavailable",
    "Officer",
    "Payment",
    "ReceiptView",
    "ShiftExpectation",
    "ShiftInstrument",
    "Upi",
    "ValidationProblem",
    "next_business_date",
    "parse_count",
    "parse_denominations",
    "parse_paise",
    "verify_journal",
]
