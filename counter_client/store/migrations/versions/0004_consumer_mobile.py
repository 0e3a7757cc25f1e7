"""Consumers' mobile numbers for search at the counter, and an index over reprints.

The centre now sends each consumer's mobile (or null); the cache keeps it so that the cashier can
find an account by the number the payer gives. The index is partial: most accounts have no
mobile, and a search by an exact number (``mobile = ?``) implies ``mobile IS NOT NULL``.

Counting a receipt's reprints (the copy number of the next one, and the day's receipts list)
read every reprint in the journal; ``ix_journal_reprints`` makes it a look-up by receipt.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("consumers", sa.Column("mobile", sa.Text(), nullable=True))
    op.create_index(
        "ix_consumers_mobile",
        "consumers",
        ["mobile"],
        sqlite_where=sa.text("mobile IS NOT NULL"),
    )
    op.create_index(
        "ix_journal_reprints",
        "journal",
        ["refers_to"],
        sqlite_where=sa.text("kind = 'reprint'"),
    )


def downgrade() -> None:
    # Like 0003: the counter store is never downgraded; the .bak copy is the way back.
    raise RuntimeError("the counter store cannot be downgraded; restore the .bak copy instead")
