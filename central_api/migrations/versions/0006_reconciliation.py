"""Reconciliation: bank statements and lines, matches of credits to remittances, returned
cheques, the alerts outbox, two-person suspense and payment transfers, consumers.cash_only, and
an index for grouping counter entries by date, counter, kind and mode.

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from central_api.migrations.append_only import append_only, drop_append_only

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = ("bank_statements", "bank_lines", "cheque_returns")
CLOSING_KINDS = "kind IN ('shift_close', 'day_close', 'day_reopen', 'remittance')"


def upgrade() -> None:
    op.create_table(
        "alerts_outbox",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "consumer_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["consumer_id"], ["consumers.id"], name=op.f("fk_alerts_outbox_consumer_id_consumers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts_outbox")),
    )
    with op.batch_alter_table("alerts_outbox", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_alerts_outbox_consumer_id"), ["consumer_id"], unique=False
        )

    op.create_table(
        "bank_statements",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("profile", sa.String(length=24), nullable=False),
        sa.Column("account_number", sa.String(length=20), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("lines_read", sa.Integer(), nullable=False),
        sa.Column("lines_new", sa.Integer(), nullable=False),
        sa.Column("lines_already_held", sa.Integer(), nullable=False),
        sa.Column("first_date", sa.Date(), nullable=True),
        sa.Column("last_date", sa.Date(), nullable=True),
        sa.Column(
            "imported_by", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["imported_by"], ["users.id"], name=op.f("fk_bank_statements_imported_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_statements")),
        sa.UniqueConstraint("file_sha256", name=op.f("uq_bank_statements_file_sha256")),
    )
    with op.batch_alter_table("bank_statements", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_bank_statements_account_number"), ["account_number"], unique=False
        )

    op.create_table(
        "bank_lines",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "statement_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("account_number", sa.String(length=20), nullable=False),
        sa.Column("txn_date", sa.Date(), nullable=False),
        sa.Column("value_date", sa.Date(), nullable=True),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("reference", sa.String(length=60), nullable=False),
        sa.Column("debit_paise", sa.BigInteger(), nullable=False),
        sa.Column("credit_paise", sa.BigInteger(), nullable=False),
        sa.Column("balance_paise", sa.BigInteger(), nullable=True),
        sa.Column("line_key", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["bank_statements.id"],
            name=op.f("fk_bank_lines_statement_id_bank_statements"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_lines")),
        sa.UniqueConstraint("line_key", name=op.f("uq_bank_lines_line_key")),
    )
    with op.batch_alter_table("bank_lines", schema=None) as batch_op:
        batch_op.create_index(
            "ix_bank_lines_account_date", ["account_number", "txn_date"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_bank_lines_statement_id"), ["statement_id"], unique=False
        )

    op.create_table(
        "account_transfers",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "payment_entry_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "from_consumer_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "to_consumer_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("amount_paise", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column(
            "requested_by", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "decided_by", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column(
            "reversal_entry_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "credit_entry_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.ForeignKeyConstraint(
            ["credit_entry_id"],
            ["ledger_entries.id"],
            name=op.f("fk_account_transfers_credit_entry_id_ledger_entries"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["users.id"], name=op.f("fk_account_transfers_decided_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["from_consumer_id"],
            ["consumers.id"],
            name=op.f("fk_account_transfers_from_consumer_id_consumers"),
        ),
        sa.ForeignKeyConstraint(
            ["payment_entry_id"],
            ["ledger_entries.id"],
            name=op.f("fk_account_transfers_payment_entry_id_ledger_entries"),
        ),
        sa.ForeignKeyConstraint(
            ["requested_by"], ["users.id"], name=op.f("fk_account_transfers_requested_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["reversal_entry_id"],
            ["ledger_entries.id"],
            name=op.f("fk_account_transfers_reversal_entry_id_ledger_entries"),
        ),
        sa.ForeignKeyConstraint(
            ["to_consumer_id"],
            ["consumers.id"],
            name=op.f("fk_account_transfers_to_consumer_id_consumers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_transfers")),
    )
    with op.batch_alter_table("account_transfers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_account_transfers_payment_entry_id"), ["payment_entry_id"], unique=False
        )

    op.create_table(
        "cheque_returns",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "receipt_entry_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("receipt_number", sa.String(length=40), nullable=False),
        sa.Column(
            "consumer_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("amount_paise", sa.BigInteger(), nullable=False),
        sa.Column("charge_paise", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("returned_on", sa.Date(), nullable=False),
        sa.Column(
            "reversal_entry_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=False,
        ),
        sa.Column(
            "charge_entry_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "recorded_by", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["charge_entry_id"],
            ["ledger_entries.id"],
            name=op.f("fk_cheque_returns_charge_entry_id_ledger_entries"),
        ),
        sa.ForeignKeyConstraint(
            ["consumer_id"], ["consumers.id"], name=op.f("fk_cheque_returns_consumer_id_consumers")
        ),
        sa.ForeignKeyConstraint(
            ["receipt_entry_id"],
            ["counter_entries.id"],
            name=op.f("fk_cheque_returns_receipt_entry_id_counter_entries"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["users.id"], name=op.f("fk_cheque_returns_recorded_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["reversal_entry_id"],
            ["ledger_entries.id"],
            name=op.f("fk_cheque_returns_reversal_entry_id_ledger_entries"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cheque_returns")),
        sa.UniqueConstraint("receipt_entry_id", name=op.f("uq_cheque_returns_receipt_entry_id")),
        sa.UniqueConstraint("receipt_number", name=op.f("uq_cheque_returns_receipt_number")),
    )
    with op.batch_alter_table("cheque_returns", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cheque_returns_consumer_id"), ["consumer_id"], unique=False
        )

    op.create_table(
        "remittance_matches",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "bank_line_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "remittance_entry_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=False,
        ),
        sa.Column("method", sa.String(length=8), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column(
            "matched_by", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("matched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undone_by", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("undo_reason", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["bank_line_id"],
            ["bank_lines.id"],
            name=op.f("fk_remittance_matches_bank_line_id_bank_lines"),
        ),
        sa.ForeignKeyConstraint(
            ["matched_by"], ["users.id"], name=op.f("fk_remittance_matches_matched_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["remittance_entry_id"],
            ["counter_entries.id"],
            name=op.f("fk_remittance_matches_remittance_entry_id_counter_entries"),
        ),
        sa.ForeignKeyConstraint(
            ["undone_by"], ["users.id"], name=op.f("fk_remittance_matches_undone_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_remittance_matches")),
    )
    with op.batch_alter_table("remittance_matches", schema=None) as batch_op:
        batch_op.create_index(
            "uq_remittance_matches_line_live",
            ["bank_line_id"],
            unique=True,
            postgresql_where=sa.text("undone_at IS NULL"),
            sqlite_where=sa.text("undone_at IS NULL"),
        )
        batch_op.create_index(
            "uq_remittance_matches_remittance_live",
            ["remittance_entry_id"],
            unique=True,
            postgresql_where=sa.text("undone_at IS NULL"),
            sqlite_where=sa.text("undone_at IS NULL"),
        )

    op.create_table(
        "suspense_transfer_requests",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "suspense_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "consumer_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("rr_number", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column(
            "requested_by", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "decided_by", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["consumer_id"],
            ["consumers.id"],
            name=op.f("fk_suspense_transfer_requests_consumer_id_consumers"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"],
            ["users.id"],
            name=op.f("fk_suspense_transfer_requests_decided_by_users"),
        ),
        sa.ForeignKeyConstraint(
            ["requested_by"],
            ["users.id"],
            name=op.f("fk_suspense_transfer_requests_requested_by_users"),
        ),
        sa.ForeignKeyConstraint(
            ["suspense_id"],
            ["suspense_entries.id"],
            name=op.f("fk_suspense_transfer_requests_suspense_id_suspense_entries"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suspense_transfer_requests")),
    )
    with op.batch_alter_table("suspense_transfer_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_suspense_transfer_requests_suspense_id"), ["suspense_id"], unique=False
        )

    with op.batch_alter_table("consumers", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("cash_only", sa.Boolean(), server_default=sa.false(), nullable=False)
        )

    with op.batch_alter_table("counter_entries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_counter_entries_recon",
            ["counter_id", "business_date", "kind", "payment_mode"],
            unique=False,
            postgresql_include=["amount_paise"],
        )
        batch_op.create_index(
            "ix_counter_entries_closings",
            ["counter_id", "business_date"],
            unique=False,
            postgresql_where=sa.text(CLOSING_KINDS),
            sqlite_where=sa.text(CLOSING_KINDS),
        )

    op.create_table(
        "recon_day_totals",
        sa.Column(
            "counter_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("payment_mode", sa.String(length=16), nullable=False),
        sa.Column("entries", sa.BigInteger(), nullable=False),
        sa.Column("paise", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_recon_day_totals_counter_id_counters")
        ),
        sa.PrimaryKeyConstraint(
            "counter_id", "business_date", "kind", "payment_mode", name=op.f("pk_recon_day_totals")
        ),
    )
    op.create_table(
        "recon_watermarks",
        sa.Column(
            "counter_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("last_entry_id", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_recon_watermarks_counter_id_counters")
        ),
        sa.PrimaryKeyConstraint("counter_id", name=op.f("pk_recon_watermarks")),
    )
    # Statements, their lines and returned cheques are facts: never changed once written.
    for table in APPEND_ONLY:
        append_only(table)


def downgrade() -> None:
    for table in APPEND_ONLY:
        drop_append_only(table)
    op.drop_table("recon_watermarks")
    op.drop_table("recon_day_totals")
    with op.batch_alter_table("counter_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_counter_entries_closings")
        batch_op.drop_index("ix_counter_entries_recon")

    with op.batch_alter_table("consumers", schema=None) as batch_op:
        batch_op.drop_column("cash_only")

    with op.batch_alter_table("suspense_transfer_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_suspense_transfer_requests_suspense_id"))

    op.drop_table("suspense_transfer_requests")
    with op.batch_alter_table("remittance_matches", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_remittance_matches_remittance_live",
            postgresql_where=sa.text("undone_at IS NULL"),
            sqlite_where=sa.text("undone_at IS NULL"),
        )
        batch_op.drop_index(
            "uq_remittance_matches_line_live",
            postgresql_where=sa.text("undone_at IS NULL"),
            sqlite_where=sa.text("undone_at IS NULL"),
        )

    op.drop_table("remittance_matches")
    with op.batch_alter_table("cheque_returns", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cheque_returns_consumer_id"))

    op.drop_table("cheque_returns")
    with op.batch_alter_table("account_transfers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_transfers_payment_entry_id"))

    op.drop_table("account_transfers")
    with op.batch_alter_table("bank_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bank_lines_statement_id"))
        batch_op.drop_index("ix_bank_lines_account_date")

    op.drop_table("bank_lines")
    with op.batch_alter_table("bank_statements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bank_statements_account_number"))

    op.drop_table("bank_statements")
    with op.batch_alter_table("alerts_outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alerts_outbox_consumer_id"))

    op.drop_table("alerts_outbox")
