"""Counter sync: received journal entries, per-counter sync state, quarantine, suspense,
and the change clock for pulls.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 21:24:33.852562
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from central_api.migrations.append_only import append_only, drop_append_only

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_clock",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_clock")),
    )
    op.create_table(
        "counter_entries",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "counter_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("sequence", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("local_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cashier", sa.String(length=64), nullable=False),
        sa.Column("receipt_number", sa.String(length=40), nullable=True),
        sa.Column("rr_number", sa.String(length=20), nullable=True),
        sa.Column("amount_paise", sa.BigInteger(), nullable=True),
        sa.Column("payment_mode", sa.String(length=16), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_counter_entries_counter_id_counters")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_counter_entries")),
        sa.UniqueConstraint("counter_id", "sequence", name="uq_counter_entries_key"),
    )
    with op.batch_alter_table("counter_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_counter_entries_business_date"), ["business_date"], unique=False
        )

    op.create_table(
        "counter_sync_state",
        sa.Column(
            "counter_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("highest_contiguous", sa.BigInteger(), nullable=False),
        sa.Column("highest_received", sa.BigInteger(), nullable=False),
        sa.Column("entries_held", sa.BigInteger(), nullable=False),
        sa.Column("chain_break_sequence", sa.BigInteger(), nullable=True),
        sa.Column("chain_break_reason", sa.String(length=300), nullable=True),
        sa.Column("last_push_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_counter_sync_state_counter_id_counters")
        ),
        sa.PrimaryKeyConstraint("counter_id", name=op.f("pk_counter_sync_state")),
    )
    op.create_table(
        "suspense_entries",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("source_ref", sa.String(length=80), nullable=False),
        sa.Column(
            "counter_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("rr_number_given", sa.String(length=20), nullable=False),
        sa.Column("amount_paise", sa.BigInteger(), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("narration", sa.String(length=200), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column(
            "transferred_to", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "transferred_by", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("transferred_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "ledger_entry_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_suspense_entries_counter_id_counters")
        ),
        sa.ForeignKeyConstraint(
            ["ledger_entry_id"],
            ["ledger_entries.id"],
            name=op.f("fk_suspense_entries_ledger_entry_id_ledger_entries"),
        ),
        sa.ForeignKeyConstraint(
            ["transferred_by"], ["users.id"], name=op.f("fk_suspense_entries_transferred_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["transferred_to"],
            ["consumers.id"],
            name=op.f("fk_suspense_entries_transferred_to_consumers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suspense_entries")),
        sa.UniqueConstraint("source_ref", name=op.f("uq_suspense_entries_source_ref")),
    )
    with op.batch_alter_table("suspense_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_suspense_entries_counter_id"), ["counter_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_suspense_entries_rr_number_given"), ["rr_number_given"], unique=False
        )

    op.create_table(
        "sync_conflicts",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "counter_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("sequence", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("received_hash", sa.String(length=64), nullable=False),
        sa.Column("received_entry", sa.JSON(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "resolved_by", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("resolution", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_sync_conflicts_counter_id_counters")
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by"], ["users.id"], name=op.f("fk_sync_conflicts_resolved_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
    )
    with op.batch_alter_table("sync_conflicts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sync_conflicts_counter_id"), ["counter_id"], unique=False
        )

    with op.batch_alter_table("account_balances", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("change_seq", sa.BigInteger(), server_default="0", nullable=False)
        )
        batch_op.create_index(
            batch_op.f("ix_account_balances_change_seq"), ["change_seq"], unique=False
        )

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("change_seq", sa.BigInteger(), server_default="0", nullable=False)
        )
        batch_op.create_index(batch_op.f("ix_users_change_seq"), ["change_seq"], unique=False)

    op.execute("INSERT INTO sync_clock (id, value) VALUES (1, 0)")
    append_only("counter_entries")


def downgrade() -> None:
    drop_append_only("counter_entries")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_change_seq"))
        batch_op.drop_column("change_seq")

    with op.batch_alter_table("account_balances", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_balances_change_seq"))
        batch_op.drop_column("change_seq")

    with op.batch_alter_table("sync_conflicts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_conflicts_counter_id"))

    op.drop_table("sync_conflicts")
    with op.batch_alter_table("suspense_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_suspense_entries_rr_number_given"))
        batch_op.drop_index(batch_op.f("ix_suspense_entries_counter_id"))

    op.drop_table("suspense_entries")
    op.drop_table("counter_sync_state")
    with op.batch_alter_table("counter_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_counter_entries_business_date"))

    op.drop_table("counter_entries")
    op.drop_table("sync_clock")
