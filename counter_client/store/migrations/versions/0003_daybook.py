"""Day book closing: shift closings, remittances, reopening, and cash-only accounts.

The journal takes three new kinds of entry (shift_close, day_reopen, remittance). SQLite cannot
change a CHECK constraint in place, so the journal table is rebuilt from its own stored
definition with only the list of kinds widened; its rows, indexes and triggers come back exactly
as they were (foreign keys are deferred to the commit while the table is swapped).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

_OLD_KINDS = "'day_open', 'day_close')"
_NEW_KINDS = "'day_open', 'day_close', 'shift_close', 'day_reopen', 'remittance')"

TRIGGERS = [
    # A closed day book is reopened only after a day_reopen entry for it was written: the
    # journal keeps the trace (who, why, when) and the row cannot be opened again without it.
    """CREATE TRIGGER day_books_close_or_reopen BEFORE UPDATE ON day_books
    WHEN NEW.business_date != OLD.business_date
      OR NEW.opened_by != OLD.opened_by
      OR NEW.opened_at != OLD.opened_at
      OR NEW.opened_sequence != OLD.opened_sequence
      OR (OLD.closed_at IS NOT NULL AND NEW.closed_at IS NOT NULL)
      OR (OLD.closed_at IS NOT NULL AND NEW.closed_at IS NULL AND NOT EXISTS (
            SELECT 1 FROM journal WHERE kind = 'day_reopen'
            AND business_date = OLD.business_date AND sequence > OLD.closed_sequence))
    BEGIN SELECT RAISE(ABORT,
      'a day book can only be closed, once (reopened only by a day_reopen entry)'); END""",
    """CREATE TRIGGER shift_closings_no_change BEFORE UPDATE ON shift_closings
    BEGIN SELECT RAISE(ABORT, 'shift closings are never changed'); END""",
    """CREATE TRIGGER shift_closings_no_delete BEFORE DELETE ON shift_closings
    BEGIN SELECT RAISE(ABORT, 'shift closings are never deleted'); END""",
    """CREATE TRIGGER remittances_no_change BEFORE UPDATE ON remittances
    BEGIN SELECT RAISE(ABORT, 'remittances are never changed'); END""",
    """CREATE TRIGGER remittances_no_delete BEFORE DELETE ON remittances
    BEGIN SELECT RAISE(ABORT, 'remittances are never deleted'); END""",
]


def _widen_journal_kinds() -> None:
    bind = op.get_bind()
    table_sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'journal'"
    ).scalar_one()
    if _OLD_KINDS not in table_sql:
        raise RuntimeError("the journal's list of kinds is not the one migration 0001 made")
    others = (
        bind.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'journal' "
            "AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name"
        )
        .scalars()
        .all()
    )
    new_sql = table_sql.replace(_OLD_KINDS, _NEW_KINDS).replace(
        "CREATE TABLE journal", "CREATE TABLE journal_new", 1
    )
    # The outbox refers to journal rows: its checks wait for the commit, when the rebuilt table
    # holds every row again under the same name.
    bind.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    bind.exec_driver_sql(new_sql)
    bind.exec_driver_sql("INSERT INTO journal_new SELECT * FROM journal")
    bind.exec_driver_sql("DROP TABLE journal")
    bind.exec_driver_sql("ALTER TABLE journal_new RENAME TO journal")
    for statement in others:
        bind.exec_driver_sql(statement)


def upgrade() -> None:
    op.add_column(
        "consumers",
        sa.Column("cash_only", sa.Boolean(), nullable=False, server_default=sa.text("0")),
    )
    _widen_journal_kinds()
    op.execute("DROP TRIGGER day_books_close_once")
    op.create_table(
        "shift_closings",
        sa.Column("sequence", sa.Integer(), sa.ForeignKey("journal.sequence"), primary_key=True),
        sa.Column("business_date", sa.Text(), nullable=False),
        sa.Column("cashier", sa.Text(), nullable=False),
        sa.Column("first_sequence", sa.Integer(), nullable=False),
        sa.Column("last_sequence", sa.Integer(), nullable=False),
        sa.Column("approved_by", sa.Text(), nullable=False),
        sa.Column("cash_paise", sa.BigInteger(), nullable=False),
        sa.Column("instruments_paise", sa.BigInteger(), nullable=False),
        sa.UniqueConstraint("cashier", "last_sequence", name="uq_shift_closings_cashier_last"),
        sa.CheckConstraint("first_sequence <= last_sequence", name="ck_shift_closings_range"),
    )
    op.create_index("ix_shift_closings_date", "shift_closings", ["business_date", "cashier"])
    op.create_table(
        "remittances",
        sa.Column("sequence", sa.Integer(), sa.ForeignKey("journal.sequence"), primary_key=True),
        sa.Column("business_date", sa.Text(), nullable=False),
        sa.Column("slip_key", sa.Text(), nullable=False, unique=True),
        sa.Column("cash_paise", sa.BigInteger(), nullable=False),
        sa.Column("cheque_paise", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_remittances_date", "remittances", ["business_date"])
    op.create_table(
        "remitted_instruments",
        sa.Column("receipt_number", sa.Text(), primary_key=True),
        sa.Column(
            "remittance_sequence",
            sa.Integer(),
            sa.ForeignKey("remittances.sequence"),
            nullable=False,
        ),
    )
    for statement in TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    # Downgrading would drop closings and remittances already in the journal. Refuse.
    raise RuntimeError("the counter store cannot be downgraded; restore the .bak copy instead")
