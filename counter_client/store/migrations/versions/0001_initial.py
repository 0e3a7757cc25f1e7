"""The first counter store: consumer cache, sync state, cashiers, day books, journal, outbox.

Revision ID: 0001
Revises:
Create Date: 2026-04-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

GENESIS = "0" * 64

# Triggers are the last line of defence: the journal service already keeps these rules, but a
# bug, a script or a hand-run SQL statement must not be able to rewrite money already taken.
TRIGGERS = [
    # The journal is append-only (DESIGN invariant 3).
    """CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
    BEGIN SELECT RAISE(ABORT, 'journal entries are append-only: UPDATE refused'); END""",
    """CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
    BEGIN SELECT RAISE(ABORT, 'journal entries are append-only: DELETE refused'); END""",
    # Gapless sequence and an unbroken chain, whoever inserts.
    f"""CREATE TRIGGER journal_gapless BEFORE INSERT ON journal
    WHEN NEW.sequence != (SELECT COALESCE(MAX(sequence), 0) + 1 FROM journal)
      OR NEW.prev_hash != COALESCE(
           (SELECT hash FROM journal ORDER BY sequence DESC LIMIT 1), '{GENESIS}')
    BEGIN SELECT RAISE(ABORT, 'journal entry breaks the sequence or the hash chain'); END""",
    """CREATE TRIGGER journal_receipt_gapless BEFORE INSERT ON journal
    WHEN NEW.kind = 'receipt' AND NEW.receipt_sequence != (
      SELECT COALESCE(MAX(receipt_sequence), 0) + 1 FROM journal
      WHERE financial_year = NEW.financial_year)
    BEGIN SELECT RAISE(ABORT, 'receipt number is not the next in its financial year'); END""",
    # Cancellations and reprints refer to a receipt, never to another kind of entry.
    """CREATE TRIGGER journal_refers_to_receipt BEFORE INSERT ON journal
    WHEN NEW.refers_to IS NOT NULL
      AND (SELECT kind FROM journal WHERE sequence = NEW.refers_to) IS NOT 'receipt'
    BEGIN SELECT RAISE(ABORT, 'a cancellation or reprint must refer to a receipt'); END""",
    # Every journal entry gets exactly one outbox row, in the same transaction.
    """CREATE TRIGGER journal_enqueue AFTER INSERT ON journal
    BEGIN INSERT INTO outbox (sequence) VALUES (NEW.sequence); END""",
    # The outbox row is the only thing that changes, and only forwards.
    """CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
    BEGIN SELECT RAISE(ABORT, 'outbox rows are never deleted'); END""",
    """CREATE TRIGGER outbox_forward_only BEFORE UPDATE ON outbox
    WHEN NEW.sequence != OLD.sequence
      OR (OLD.state = 'acknowledged' AND NEW.state != 'acknowledged')
      OR NEW.attempts < OLD.attempts
    BEGIN SELECT RAISE(ABORT, 'outbox rows only move forward'); END""",
    # One day book open at a time (DESIGN invariant 8 depends on knowing which).
    """CREATE TRIGGER day_books_one_open BEFORE INSERT ON day_books
    WHEN EXISTS (SELECT 1 FROM day_books WHERE closed_at IS NULL)
    BEGIN SELECT RAISE(ABORT, 'another day book is still open'); END""",
    # A day book is closed once and never reopened or removed.
    """CREATE TRIGGER day_books_no_delete BEFORE DELETE ON day_books
    BEGIN SELECT RAISE(ABORT, 'day books are never deleted'); END""",
    """CREATE TRIGGER day_books_close_once BEFORE UPDATE ON day_books
    WHEN OLD.closed_at IS NOT NULL
      OR NEW.business_date != OLD.business_date
      OR NEW.opened_by != OLD.opened_by
      OR NEW.opened_at != OLD.opened_at
      OR NEW.opened_sequence != OLD.opened_sequence
    BEGIN SELECT RAISE(ABORT, 'a day book can only be closed, once'); END""",
]


def upgrade() -> None:
    op.create_table(
        "counter_identity",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("counter_code", sa.Text(), nullable=False),
        sa.Column("bound_at", sa.Text(), nullable=False),
        sa.CheckConstraint("id = 1", name="ck_counter_identity_single_row"),
    )
    op.create_table(
        "consumers",
        sa.Column("rr_number", sa.Text(), primary_key=True),
        sa.Column("account_id", sa.Text(), nullable=True),
        sa.Column("name_en", sa.Text(collation="NOCASE"), nullable=False),
        sa.Column("name_kn", sa.Text(), nullable=True),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("tariff_category", sa.Text(), nullable=False),
        sa.Column("section_code", sa.Text(), nullable=False),
        sa.Column("balance_paise", sa.BigInteger(), nullable=False),
        sa.Column("balance_as_of", sa.Text(), nullable=True),
        sa.Column("synced_at", sa.Text(), nullable=False),
    )
    op.create_index("ix_consumers_name_en", "consumers", ["name_en"])
    op.create_index("ix_consumers_account_id", "consumers", ["account_id"])
    op.create_table(
        "sync_state",
        sa.Column("stream", sa.Text(), primary_key=True),
        sa.Column("cursor", sa.Text(), nullable=False),
        sa.Column("synced_at", sa.Text(), nullable=False),
    )
    op.create_table(
        "cashiers",
        sa.Column("user_id", sa.Text(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("pin_hash", sa.Text(), nullable=False),
        sa.Column("fingerprint_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("synced_at", sa.Text(), nullable=False),
        sa.CheckConstraint("role IN ('cashier', 'supervisor')", name="ck_cashiers_role"),
    )
    _create_day_books()
    _create_journal()
    _create_outbox()
    for statement in TRIGGERS:
        op.execute(statement)


def _create_day_books() -> None:
    op.create_table(
        "day_books",
        sa.Column("business_date", sa.Text(), primary_key=True),
        sa.Column("opened_by", sa.Text(), nullable=False),
        sa.Column("opened_at", sa.Text(), nullable=False),
        sa.Column("opened_sequence", sa.Integer(), nullable=False),
        sa.Column("closed_by", sa.Text(), nullable=True),
        sa.Column("closed_at", sa.Text(), nullable=True),
        sa.Column("closed_sequence", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "(closed_at IS NULL) = (closed_by IS NULL) "
            "AND (closed_at IS NULL) = (closed_sequence IS NULL)",
            name="ck_day_books_closed_together",
        ),
    )


def _create_journal() -> None:
    op.create_table(
        "journal",
        sa.Column("sequence", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("business_date", sa.Text(), nullable=False),
        sa.Column("local_time", sa.Text(), nullable=False),
        sa.Column("cashier", sa.Text(), nullable=False),
        sa.Column("receipt_number", sa.Text(), nullable=True, unique=True),
        sa.Column("financial_year", sa.Text(), nullable=True),
        sa.Column("receipt_sequence", sa.Integer(), nullable=True),
        sa.Column("rr_number", sa.Text(), nullable=True),
        sa.Column("amount_paise", sa.BigInteger(), nullable=True),
        sa.Column("payment_mode", sa.Text(), nullable=True),
        sa.Column("payment_reference", sa.Text(), nullable=True),
        sa.Column("refers_to", sa.Integer(), sa.ForeignKey("journal.sequence"), nullable=True),
        sa.Column("request_id", sa.Text(), nullable=True, unique=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.Text(), nullable=False),
        sa.Column("hash", sa.Text(), nullable=False, unique=True),
        sa.UniqueConstraint(
            "financial_year", "receipt_sequence", name="uq_journal_receipt_sequence"
        ),
        sa.CheckConstraint("sequence >= 1", name="ck_journal_sequence_positive"),
        sa.CheckConstraint(
            "kind IN ('receipt', 'cancellation', 'reprint', 'cash_in', 'cash_out', "
            "'day_open', 'day_close')",
            name="ck_journal_kind",
        ),
        sa.CheckConstraint(
            "(kind = 'receipt') = (receipt_number IS NOT NULL "
            "AND COALESCE(receipt_sequence, 0) >= 1 AND financial_year IS NOT NULL "
            "AND rr_number IS NOT NULL AND payment_mode IS NOT NULL)",
            name="ck_journal_receipt_fields",
        ),
        sa.CheckConstraint(
            "(kind IN ('receipt', 'cash_in', 'cash_out')) = (COALESCE(amount_paise, 0) > 0)",
            name="ck_journal_amount",
        ),
        sa.CheckConstraint(
            "(kind IN ('cancellation', 'reprint')) = (refers_to IS NOT NULL)",
            name="ck_journal_refers_to",
        ),
    )
    op.create_index(
        "ix_journal_rr_number",
        "journal",
        ["rr_number"],
        sqlite_where=sa.text("rr_number IS NOT NULL"),
    )
    op.create_index("ix_journal_business_date", "journal", ["business_date", "kind"])
    op.create_index(
        "ix_journal_payment_reference",
        "journal",
        ["payment_reference"],
        sqlite_where=sa.text("payment_reference IS NOT NULL"),
    )
    op.create_index(
        "ux_journal_one_cancellation",
        "journal",
        ["refers_to"],
        unique=True,
        sqlite_where=sa.text("kind = 'cancellation'"),
    )


def _create_outbox() -> None:
    op.create_table(
        "outbox",
        sa.Column("sequence", sa.Integer(), sa.ForeignKey("journal.sequence"), primary_key=True),
        sa.Column("state", sa.Text(), nullable=False, server_default="pending"),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_attempt_at", sa.Text(), nullable=True),
        sa.Column("acknowledged_at", sa.Text(), nullable=True),
        sa.CheckConstraint("state IN ('pending', 'acknowledged')", name="ck_outbox_state"),
        sa.CheckConstraint(
            "(state = 'acknowledged') = (acknowledged_at IS NOT NULL)",
            name="ck_outbox_ack_time",
        ),
    )
    op.create_index(
        "ix_outbox_pending", "outbox", ["sequence"], sqlite_where=sa.text("state = 'pending'")
    )


def downgrade() -> None:
    # Downgrading would drop the journal: money taken and not yet at the centre. Refuse.
    raise RuntimeError("the counter store cannot be downgraded; restore the .bak copy instead")
