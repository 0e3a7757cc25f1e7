"""Index for counters' change pulls: (change_seq, consumer_id) replaces change_seq alone.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("account_balances", schema=None) as batch_op:
        batch_op.drop_index("ix_account_balances_change_seq")
        batch_op.create_index("ix_account_balances_changes", ["change_seq", "consumer_id"])


def downgrade() -> None:
    with op.batch_alter_table("account_balances", schema=None) as batch_op:
        batch_op.drop_index("ix_account_balances_changes")
        batch_op.create_index("ix_account_balances_change_seq", ["change_seq"])
