"""Migrations build the schema from empty on both back ends, and it matches the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Engine

from central_api.db import Base
from central_api.migrate import current_revision, head_revision


def test_migrated_database_is_at_head(engine: Engine) -> None:
    assert current_revision(engine) == head_revision()


def test_migrated_schema_matches_the_models(engine: Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []
