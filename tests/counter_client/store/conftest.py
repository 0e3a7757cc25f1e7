from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_client.store import Store
from tests.counter_client.store.factories import FakeClock, open_store


@pytest.fixture
def store(db_path: Path, clock: FakeClock) -> Iterator[Store]:
    opened = open_store(db_path, clock)
    yield opened
    opened.close()
