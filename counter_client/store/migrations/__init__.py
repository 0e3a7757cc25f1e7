"""Alembic migrations of the counter's store; run at start-up by `counter_client.store.migrate`."""
