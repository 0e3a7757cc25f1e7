"""What the journal hands back to the screens and the printer: plain, immutable views."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from common.sync_protocol import PaymentMode
from counter_client.store.entries import JournalEntry

__all__ = ["DayBook", "DayReceipt", "DayReceipts", "DaySummary", "DueView", "ReceiptView"]


@dataclass(frozen=True)
class ReceiptView:
    """A receipt as printed. `copy_label` is "DUPLICATE" on every reprint."""

    receipt_number: str
    sequence: int
    business_date: date
    local_time: datetime
    cashier: str
    rr_number: str
    account_id: str | None
    consumer_name: str | None
    amount_paise: int
    payment_mode: PaymentMode
    payment_details: dict[str, str]
    entry_hash: str
    duplicate: bool = False
    cancelled: bool = False
    reprint_sequence: int | None = None

    @property
    def copy_label(self) -> str:
        return "DUPLICATE" if self.duplicate else "ORIGINAL"

    @classmethod
    def of(
        cls,
        receipt: JournalEntry,
        *,
        duplicate: bool = False,
        cancelled: bool = False,
        reprint_sequence: int | None = None,
    ) -> ReceiptView:
        """The view of a receipt entry."""
        body = receipt.body
        details = {
            key: str(body[key])
            for key in ("instrument_number", "bank", "branch", "instrument_date", "reference")
            if key in body
        }
        return cls(
            receipt_number=str(body["receipt_number"]),
            sequence=receipt.sequence,
            business_date=receipt.business_date,
            local_time=receipt.local_time,
            cashier=receipt.cashier,
            rr_number=str(body["rr_number"]),
            account_id=body.get("account_id"),
            consumer_name=body.get("consumer_name"),
            amount_paise=int(body["amount_paise"]),
            payment_mode=PaymentMode(body["payment_mode"]),
            payment_details=details,
            entry_hash=receipt.hash,
            duplicate=duplicate,
            cancelled=cancelled,
            reprint_sequence=reprint_sequence,
        )


@dataclass(frozen=True)
class DayReceipt:
    """One receipt of a day as the receipts list shows it: cancelled or not, copies printed."""

    receipt: ReceiptView
    reprints: int = 0

    @property
    def cancelled(self) -> bool:
        return self.receipt.cancelled


@dataclass(frozen=True)
class DayReceipts:
    """A business date's receipts in order, read when the journal ended at `last_sequence`."""

    business_date: date
    receipts: tuple[DayReceipt, ...]
    last_sequence: int


@dataclass(frozen=True)
class DayBook:
    """A business day at this counter: open until closed, and never reopened."""

    business_date: date
    opened_by: str
    opened_at: datetime
    closed_by: str | None = None
    closed_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True)
class DaySummary:
    """The day's totals, as written into the day-close entry and shown on the close screen."""

    business_date: date
    receipts: int = 0
    receipts_paise: int = 0
    by_mode_paise: dict[str, int] = field(default_factory=dict)
    cancellations: int = 0
    cancelled_paise: int = 0
    cancelled_by_mode_paise: dict[str, int] = field(default_factory=dict)
    cash_in_paise: int = 0
    cash_out_paise: int = 0

    @property
    def net_paise(self) -> int:
        """Receipts less cancellations: what the day collected."""
        return self.receipts_paise - self.cancelled_paise

    @property
    def cash_in_drawer_paise(self) -> int:
        """Cash that should be in the drawer: net cash receipts, plus cash in, less cash out."""
        cash = self.by_mode_paise.get(PaymentMode.CASH.value, 0)
        cancelled_cash = self.cancelled_by_mode_paise.get(PaymentMode.CASH.value, 0)
        return cash - cancelled_cash + self.cash_in_paise - self.cash_out_paise

    def body(self) -> dict[str, object]:
        """The figures as the day-close journal entry carries them."""
        return {
            "receipts": self.receipts,
            "receipts_paise": self.receipts_paise,
            "by_mode_paise": dict(sorted(self.by_mode_paise.items())),
            "cancellations": self.cancellations,
            "cancelled_paise": self.cancelled_paise,
            "cash_in_paise": self.cash_in_paise,
            "cash_out_paise": self.cash_out_paise,
            "cash_in_drawer_paise": self.cash_in_drawer_paise,
        }


@dataclass(frozen=True)
class DueView:
    """What the cashier sees as due, and how old the centre's figure behind it is.

    `due_paise` is the centre's balance as of `balance_synced_at` less this counter's receipts
    the centre has not yet counted, plus cancellations it has not yet counted. Negative: credit.
    """

    rr_number: str
    centre_balance_paise: int
    balance_synced_at: datetime
    balance_as_of: datetime | None
    uncounted_receipts_paise: int
    uncounted_cancellations_paise: int

    @property
    def due_paise(self) -> int:
        return (
            self.centre_balance_paise
            - self.uncounted_receipts_paise
            + self.uncounted_cancellations_paise
        )
