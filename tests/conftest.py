"""Shared test set-up: headless Qt, in-memory keyring, and PostgreSQL for the tests that need it.

PostgreSQL tests run when TRM_TEST_PG_URL is set (e.g. postgresql://postgres@127.0.0.1:5432/test)
and are skipped with a visible reason otherwise. With CI=true an unreachable server fails the run.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

# Before anything imports Qt or python-escpos.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault(
    "ESCPOS_CAPABILITIES_PICKLE_DIR", str(Path(tempfile.gettempdir()) / "trm-escpos-cache")
)
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "tests.support.memory_keyring.MemoryKeyring")

import pytest

from tests.support import pg

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pytest_report_header(config: pytest.Config) -> list[str]:
    url = pg.admin_url()
    if url is None:
        return ["postgresql: TRM_TEST_PG_URL not set; PostgreSQL tests will be SKIPPED"]
    return [f"postgresql: tests run against {pg.redact(url)}"]


def pytest_sessionstart(session: pytest.Session) -> None:
    if IN_CI:
        problem = pg.unreachable_reason()
        if problem:
            raise pytest.UsageError(f"CI=true but PostgreSQL is not usable: {problem}")


@pytest.fixture(scope="session")
def pg_admin_url() -> str:
    """The URL of the PostgreSQL maintenance database; skips (or fails in CI) without one."""
    url = pg.admin_url()
    if url is None:
        if IN_CI:
            pytest.fail("CI=true requires PostgreSQL (TRM_TEST_PG_URL)")
        pytest.skip(
            "PostgreSQL tests need TRM_TEST_PG_URL (e.g. postgresql://postgres@127.0.0.1:5432/test)"
        )
    problem = pg.unreachable_reason()
    if problem:
        if IN_CI:
            pytest.fail(f"PostgreSQL unreachable in CI: {problem}")
        pytest.skip(f"PostgreSQL unreachable: {problem}")
    return url


@pytest.fixture
def fresh_pg_url(pg_admin_url: str) -> Iterator[str]:
    """A new, empty PostgreSQL database for one test, dropped afterwards."""
    name = f"trm_t_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with pg.temporary_database(pg_admin_url, name) as url:
        yield url
