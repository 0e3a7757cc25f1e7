"""The counter's tables, as SQLAlchemy Core metadata the queries use.

Alembic migrations (``migrations/versions``) create these; a test checks the two never drift.
Times are ISO 8601 text with the UTC offset, business dates ISO dates, money BIGINT paise.
The journal is append-only and the outbox row is the only thing about an entry that ever changes:
triggers in the migrations enforce both, and make each journal insert create its outbox row.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    text,
)

__all__ = [
    "cashiers",
    "consumers",
    "counter_identity",
    "day_books",
    "journal",
    "login_attempts",
    "login_lockouts",
    "metadata",
    "outbox",
    "remittances",
    "remitted_instruments",
    "shift_closings",
    "sync_state",
]

metadata = MetaData()

counter_identity = Table(
    "counter_identity",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("counter_code", Text, nullable=False),
    Column("bound_at", Text, nullable=False),
    CheckConstraint("id = 1", name="ck_counter_identity_single_row"),
)

consumers = Table(
    "consumers",
    metadata,
    Column("rr_number", Text, primary_key=True),
    Column("account_id", Text, nullable=True),
    # NOCASE so that name-prefix search (LIKE 'abc%') is served by the index.
    Column("name_en", Text(collation="NOCASE"), nullable=False),
    Column("name_kn", Text, nullable=True),
    Column("address", Text, nullable=False),
    Column("tariff_category", Text, nullable=False),
    Column("section_code", Text, nullable=False),
    Column("balance_paise", BigInteger, nullable=False),
    Column("balance_as_of", Text, nullable=True),
    Column("synced_at", Text, nullable=False),
    # Set by the centre after repeated dishonoured cheques: the journal then takes only cash.
    Column("cash_only", Boolean, nullable=False, server_default=text("0")),
    # 10 digits (common.identifiers.normalise_mobile), or NULL: personal data, shown masked.
    Column("mobile", Text, nullable=True),
    Index("ix_consumers_name_en", "name_en"),
    Index("ix_consumers_account_id", "account_id"),
    Index("ix_consumers_mobile", "mobile", sqlite_where=text("mobile IS NOT NULL")),
)

sync_state = Table(
    "sync_state",
    metadata,
    Column("stream", Text, primary_key=True),
    Column("cursor", Text, nullable=False),
    Column("synced_at", Text, nullable=False),
)

cashiers = Table(
    "cashiers",
    metadata,
    Column("user_id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("role", Text, nullable=False),
    Column("pin_hash", Text, nullable=False),
    Column("fingerprint_sealed", LargeBinary, nullable=True),
    Column("active", Boolean, nullable=False),
    Column("synced_at", Text, nullable=False),
    CheckConstraint("role IN ('cashier', 'supervisor')", name="ck_cashiers_role"),
)

day_books = Table(
    "day_books",
    metadata,
    Column("business_date", Text, primary_key=True),
    Column("opened_by", Text, nullable=False),
    Column("opened_at", Text, nullable=False),
    Column("opened_sequence", Integer, nullable=False),
    Column("closed_by", Text, nullable=True),
    Column("closed_at", Text, nullable=True),
    Column("closed_sequence", Integer, nullable=True),
    CheckConstraint(
        "(closed_at IS NULL) = (closed_by IS NULL) "
        "AND (closed_at IS NULL) = (closed_sequence IS NULL)",
        name="ck_day_books_closed_together",
    ),
)

ENTRY_KINDS = (
    "receipt",
    "cancellation",
    "reprint",
    "cash_in",
    "cash_out",
    "day_open",
    "day_close",
    "shift_close",
    "day_reopen",
    "remittance",
)

journal = Table(
    "journal",
    metadata,
    Column("sequence", Integer, primary_key=True, autoincrement=False),
    Column("kind", Text, nullable=False),
    Column("business_date", Text, nullable=False),
    Column("local_time", Text, nullable=False),
    Column("cashier", Text, nullable=False),
    Column("receipt_number", Text, nullable=True, unique=True),
    Column("financial_year", Text, nullable=True),
    Column("receipt_sequence", Integer, nullable=True),
    Column("rr_number", Text, nullable=True),
    Column("amount_paise", BigInteger, nullable=True),
    Column("payment_mode", Text, nullable=True),
    Column("payment_reference", Text, nullable=True),
    Column("refers_to", Integer, ForeignKey("journal.sequence"), nullable=True),
    Column("request_id", Text, nullable=True, unique=True),
    Column("body", Text, nullable=False),
    Column("prev_hash", Text, nullable=False),
    Column("hash", Text, nullable=False, unique=True),
    UniqueConstraint("financial_year", "receipt_sequence", name="uq_journal_receipt_sequence"),
    CheckConstraint("sequence >= 1", name="ck_journal_sequence_positive"),
    CheckConstraint(
        "kind IN ('receipt', 'cancellation', 'reprint', 'cash_in', 'cash_out', "
        "'day_open', 'day_close', 'shift_close', 'day_reopen', 'remittance')",
        name="ck_journal_kind",
    ),
    CheckConstraint(
        "(kind = 'receipt') = (receipt_number IS NOT NULL AND COALESCE(receipt_sequence, 0) >= 1 "
        "AND financial_year IS NOT NULL AND rr_number IS NOT NULL AND payment_mode IS NOT NULL)",
        name="ck_journal_receipt_fields",
    ),
    CheckConstraint(
        "(kind IN ('receipt', 'cash_in', 'cash_out')) = (COALESCE(amount_paise, 0) > 0)",
        name="ck_journal_amount",
    ),
    CheckConstraint(
        "(kind IN ('cancellation', 'reprint')) = (refers_to IS NOT NULL)",
        name="ck_journal_refers_to",
    ),
    Index("ix_journal_rr_number", "rr_number", sqlite_where=text("rr_number IS NOT NULL")),
    Index("ix_journal_business_date", "business_date", "kind"),
    Index(
        "ix_journal_payment_reference",
        "payment_reference",
        sqlite_where=text("payment_reference IS NOT NULL"),
    ),
    # A receipt's reprints (migration 0004): the next copy number, the day's receipts list.
    Index("ix_journal_reprints", "refers_to", sqlite_where=text("kind = 'reprint'")),
    Index(
        "ux_journal_one_cancellation",
        "refers_to",
        unique=True,
        sqlite_where=text("kind = 'cancellation'"),
    ),
)

OUTBOX_STATES = ("pending", "acknowledged")

outbox = Table(
    "outbox",
    metadata,
    Column("sequence", Integer, ForeignKey("journal.sequence"), primary_key=True),
    Column("state", Text, nullable=False, server_default="pending"),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("last_error", Text, nullable=True),
    Column("last_attempt_at", Text, nullable=True),
    Column("acknowledged_at", Text, nullable=True),
    CheckConstraint("state IN ('pending', 'acknowledged')", name="ck_outbox_state"),
    CheckConstraint(
        "(state = 'acknowledged') = (acknowledged_at IS NOT NULL)", name="ck_outbox_ack_time"
    ),
    Index("ix_outbox_pending", "sequence", sqlite_where=text("state = 'pending'")),
)

login_attempts = Table(
    "login_attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Text, nullable=False),
    Column("at", Text, nullable=False),
    Column("purpose", Text, nullable=False),
    Column("method", Text, nullable=False),
    Column("outcome", Text, nullable=False),
    Column("score", Integer, nullable=True),
    Column("detail", Text, nullable=True),
    CheckConstraint("purpose IN ('login', 'approval')", name="ck_login_attempts_purpose"),
    CheckConstraint("method IN ('finger', 'pin')", name="ck_login_attempts_method"),
    Index("ix_login_attempts_at", "at"),
)

login_lockouts = Table(
    "login_lockouts",
    metadata,
    Column("user_id", Text, primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("locked_until", Text, nullable=True),
    CheckConstraint("failures >= 0", name="ck_login_lockouts_failures"),
)

# Indexes over the day book entries (migration 0003), written in the same transaction as the entry
# they index; the journal body stays the record, these rows make the closing rules cheap to check.
shift_closings = Table(
    "shift_closings",
    metadata,
    Column("sequence", Integer, ForeignKey("journal.sequence"), primary_key=True),
    Column("business_date", Text, nullable=False),
    Column("cashier", Text, nullable=False),
    Column("first_sequence", Integer, nullable=False),
    Column("last_sequence", Integer, nullable=False),
    Column("approved_by", Text, nullable=False),
    Column("cash_paise", BigInteger, nullable=False),
    Column("instruments_paise", BigInteger, nullable=False),
    UniqueConstraint("cashier", "last_sequence", name="uq_shift_closings_cashier_last"),
    CheckConstraint("first_sequence <= last_sequence", name="ck_shift_closings_range"),
    Index("ix_shift_closings_date", "business_date", "cashier"),
)

remittances = Table(
    "remittances",
    metadata,
    Column("sequence", Integer, ForeignKey("journal.sequence"), primary_key=True),
    Column("business_date", Text, nullable=False),
    Column("slip_key", Text, nullable=False, unique=True),
    Column("cash_paise", BigInteger, nullable=False),
    Column("cheque_paise", BigInteger, nullable=False),
    Index("ix_remittances_date", "business_date"),
)

remitted_instruments = Table(
    "remitted_instruments",
    metadata,
    Column("receipt_number", Text, primary_key=True),
    Column("remittance_sequence", Integer, ForeignKey("remittances.sequence"), nullable=False),
)
