"""Fingerprint templates on users: sealed with AES-GCM at rest, with who enrolled them and when.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fingerprint_sealed", sa.LargeBinary(), nullable=True))
        batch_op.add_column(
            sa.Column("fingerprint_enrolled_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column(
                "fingerprint_enrolled_by",
                sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                nullable=True,
            )
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_users_fingerprint_enrolled_by_users"),
            "users",
            ["fingerprint_enrolled_by"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_users_fingerprint_enrolled_by_users"), type_="foreignkey"
        )
        batch_op.drop_column("fingerprint_enrolled_by")
        batch_op.drop_column("fingerprint_enrolled_at")
        batch_op.drop_column("fingerprint_sealed")
