"""Spot billing and the bill run: reading routes, meter history, cycle closures, readings and
photos, bills, the review queue and government receivables.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 21:38:39.640411
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from central_api.migrations.append_only import append_only, drop_append_only

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Facts that are never changed: a correction is a new row (DESIGN invariant 10).
APPEND_ONLY = (
    "cycle_closures",
    "meter_readings",
    "meter_photos",
    "bills",
    "government_receivables",
)


def upgrade() -> None:
    op.create_table(
        "cycle_closures",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("cycle", sa.String(length=7), nullable=False),
        sa.Column("unit_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_by", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_cycle_closures_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cycle_closures")),
        sa.UniqueConstraint("cycle", "unit_id", name="uq_cycle_closures_key"),
    )
    op.create_table(
        "reading_routes",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("code", sa.String(length=24), nullable=False),
        sa.Column(
            "section_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("reading_day", sa.SmallInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["section_id"], ["org_units.id"], name=op.f("fk_reading_routes_section_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reading_routes")),
        sa.UniqueConstraint("code", name=op.f("uq_reading_routes_code")),
    )
    op.create_index(
        op.f("ix_reading_routes_section_id"), "reading_routes", ["section_id"], unique=False
    )
    op.create_table(
        "meter_profiles",
        sa.Column(
            "consumer_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("route_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("meter_digits", sa.SmallInteger(), nullable=False),
        sa.Column("multiplying_factor", sa.Integer(), nullable=False),
        sa.Column("last_reading", sa.Integer(), nullable=False),
        sa.Column("last_read_on", sa.Date(), nullable=False),
        sa.Column("last_status", sa.String(length=20), nullable=False),
        sa.Column("billed_to", sa.Date(), nullable=False),
        sa.Column("normal_1", sa.Integer(), nullable=True),
        sa.Column("normal_2", sa.Integer(), nullable=True),
        sa.Column("normal_3", sa.Integer(), nullable=True),
        sa.Column("units_on_average", sa.Integer(), nullable=False),
        sa.Column("gj_baseline_centiunits", sa.Integer(), nullable=True),
        sa.Column("arrears_due_on", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["consumer_id"], ["consumers.id"], name=op.f("fk_meter_profiles_consumer_id_consumers")
        ),
        sa.ForeignKeyConstraint(
            ["route_id"],
            ["reading_routes.id"],
            name=op.f("fk_meter_profiles_route_id_reading_routes"),
        ),
        sa.PrimaryKeyConstraint("consumer_id", name=op.f("pk_meter_profiles")),
    )
    op.create_index(
        op.f("ix_meter_profiles_route_id"), "meter_profiles", ["route_id"], unique=False
    )
    op.create_table(
        "meter_readings",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "consumer_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("cycle", sa.String(length=7), nullable=False),
        sa.Column("route_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("meter_status", sa.String(length=20), nullable=False),
        sa.Column("present_reading", sa.Integer(), nullable=True),
        sa.Column("meter_rolled_over", sa.Boolean(), nullable=False),
        sa.Column("meter_change", sa.JSON(), nullable=True),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_on", sa.Date(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("device_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["consumer_id"], ["consumers.id"], name=op.f("fk_meter_readings_consumer_id_consumers")
        ),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_meter_readings_device_id_devices")
        ),
        sa.ForeignKeyConstraint(
            ["route_id"],
            ["reading_routes.id"],
            name=op.f("fk_meter_readings_route_id_reading_routes"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_meter_readings_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meter_readings")),
        sa.UniqueConstraint("consumer_id", "cycle", name="uq_meter_readings_key"),
    )
    op.create_index(
        "ix_meter_readings_route_cycle", "meter_readings", ["route_id", "cycle"], unique=False
    )
    op.create_table(
        "bills",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("bill_number", sa.String(length=40), nullable=False),
        sa.Column(
            "consumer_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("cycle", sa.String(length=7), nullable=False),
        sa.Column("source", sa.String(length=12), nullable=False),
        sa.Column(
            "reading_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("billed_days", sa.SmallInteger(), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.Column("meter_status", sa.String(length=20), nullable=False),
        sa.Column("category", sa.String(length=12), nullable=False),
        sa.Column("tariff_title", sa.String(length=120), nullable=False),
        sa.Column("net_paise", sa.BigInteger(), nullable=False),
        sa.Column("demand_paise", sa.BigInteger(), nullable=False),
        sa.Column("arrears_paise", sa.BigInteger(), nullable=False),
        sa.Column("government_paise", sa.BigInteger(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("lines", sa.JSON(), nullable=False),
        sa.Column("device_net_paise", sa.BigInteger(), nullable=True),
        sa.Column("device_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["consumer_id"], ["consumers.id"], name=op.f("fk_bills_consumer_id_consumers")
        ),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_bills_device_id_devices")
        ),
        sa.ForeignKeyConstraint(
            ["reading_id"], ["meter_readings.id"], name=op.f("fk_bills_reading_id_meter_readings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bills")),
        sa.UniqueConstraint("bill_number", name=op.f("uq_bills_bill_number")),
        sa.UniqueConstraint("consumer_id", "cycle", name="uq_bills_key"),
    )
    op.create_table(
        "meter_photos",
        sa.Column(
            "reading_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("content_type", sa.String(length=20), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["reading_id"],
            ["meter_readings.id"],
            name=op.f("fk_meter_photos_reading_id_meter_readings"),
        ),
        sa.PrimaryKeyConstraint("reading_id", name=op.f("pk_meter_photos")),
    )
    op.create_table(
        "bill_reviews",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "reading_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "consumer_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("cycle", sa.String(length=7), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("device_bill", sa.JSON(), nullable=True),
        sa.Column("centre_bill", sa.JSON(), nullable=True),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "decided_by", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("bill_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.ForeignKeyConstraint(
            ["bill_id"], ["bills.id"], name=op.f("fk_bill_reviews_bill_id_bills")
        ),
        sa.ForeignKeyConstraint(
            ["consumer_id"], ["consumers.id"], name=op.f("fk_bill_reviews_consumer_id_consumers")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["users.id"], name=op.f("fk_bill_reviews_decided_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["reading_id"],
            ["meter_readings.id"],
            name=op.f("fk_bill_reviews_reading_id_meter_readings"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bill_reviews")),
        sa.UniqueConstraint("reading_id", name=op.f("uq_bill_reviews_reading_id")),
    )
    op.create_index(
        op.f("ix_bill_reviews_consumer_id"), "bill_reviews", ["consumer_id"], unique=False
    )
    op.create_index(op.f("ix_bill_reviews_state"), "bill_reviews", ["state"], unique=False)
    op.create_table(
        "government_receivables",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("bill_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "consumer_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("cycle", sa.String(length=7), nullable=False),
        sa.Column("scheme", sa.String(length=16), nullable=False),
        sa.Column("amount_paise", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["bill_id"], ["bills.id"], name=op.f("fk_government_receivables_bill_id_bills")
        ),
        sa.ForeignKeyConstraint(
            ["consumer_id"],
            ["consumers.id"],
            name=op.f("fk_government_receivables_consumer_id_consumers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_government_receivables")),
        sa.UniqueConstraint("bill_id", "scheme", name="uq_government_receivables_key"),
    )
    op.create_index(
        op.f("ix_government_receivables_consumer_id"),
        "government_receivables",
        ["consumer_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_government_receivables_cycle"), "government_receivables", ["cycle"], unique=False
    )
    for table in APPEND_ONLY:
        append_only(table)


def downgrade() -> None:
    for table in APPEND_ONLY:
        drop_append_only(table)
    op.drop_index(op.f("ix_government_receivables_cycle"), table_name="government_receivables")
    op.drop_index(
        op.f("ix_government_receivables_consumer_id"), table_name="government_receivables"
    )
    op.drop_table("government_receivables")
    op.drop_index(op.f("ix_bill_reviews_state"), table_name="bill_reviews")
    op.drop_index(op.f("ix_bill_reviews_consumer_id"), table_name="bill_reviews")
    op.drop_table("bill_reviews")
    op.drop_table("meter_photos")
    op.drop_table("bills")
    op.drop_index("ix_meter_readings_route_cycle", table_name="meter_readings")
    op.drop_table("meter_readings")
    op.drop_index(op.f("ix_meter_profiles_route_id"), table_name="meter_profiles")
    op.drop_table("meter_profiles")
    op.drop_index(op.f("ix_reading_routes_section_id"), table_name="reading_routes")
    op.drop_table("reading_routes")
    op.drop_table("cycle_closures")
