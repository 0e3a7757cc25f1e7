"""Day book closing: shift closings, remittances, reopening, and cash-only accounts.

The journal takes three new kinds of entry (shift_close, day_reopen, remittance): its CHECK
constraint's list of kinds is widened in its stored definition (SQLite's documented procedure
for loosening a constraint), so no row, index, trigger or reference moves.

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
    # SQLite's documented way to loosen a CHECK constraint in place, inside the migration's
    # transaction (https://sqlite.org/lang_altertable.html, "simpler procedure"): rewrite the
    # table's stored definition and bump the schema version. Every row already passes the wider
    # list, no row moves, and the outbox's foreign key to the journal is not touched (a rebuild
    # would need foreign keys off, which cannot be switched inside a transaction).
    bind = op.get_bind()
    table_sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'journal'"
    ).scalar_one()
    if table_sql.count(_OLD_KINDS) != 1:
        raise RuntimeError("the journal's list of kinds is not the one migration 0001 made")
    version = int(bind.exec_driver_sql("PRAGMA schema_version").scalar_one())
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        bind.exec_driver_sql(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'journal'",
            (table_sql.replace(_OLD_KINDS, _NEW_KINDS),),
        )
        bind.exec_driver_sql(f"PRAGMA schema_version = {version + 1}")
    finally:
        bind.exec_driver_sql("PRAGMA writable_schema = OFF")
    check = bind.exec_driver_sql("PRAGMA quick_check").scalar_one()
    if check != "ok":
        raise RuntimeError(f"the journal's new definition does not check out: {check}")


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
