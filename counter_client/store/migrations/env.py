"""Alembic environment for the counter's store.

Runs only programmatically: `counter_client.store.migrate` passes an open connection in
``config.attributes["connection"]`` and holds the write lock around the whole upgrade.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from counter_client.store.schema import metadata

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError(
        "the counter store's migrations run from counter_client.store.migrate, "
        "which passes the connection; do not run them with the alembic command"
    )

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
