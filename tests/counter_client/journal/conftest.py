from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_client.journal import Journal
from counter_client.store import Store
from tests.counter_client.store.factories import COUNTER, FakeClock, open_store, seed


@pytest.fixture
def store(db_path: Path, clock: FakeClock) -> Iterator[Store]:
    opened = open_store(db_path, clock)
    seed(opened)
    yield opened
    opened.close()


@pytest.fixture
def journal(store: Store) -> Journal:
    """A journal with the day of 1 April 2026 open."""
    service = Journal(store, COUNTER)
    service.open_day(cashier_id="C001")
    return service
