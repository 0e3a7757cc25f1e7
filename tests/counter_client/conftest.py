"""Fixtures shared by the counter's store and journal tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.counter_client.store.factories import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "trm-counter.db"
