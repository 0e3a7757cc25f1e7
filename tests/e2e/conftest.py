"""Whole-system fixtures: a real centre per test module (PostgreSQL with TRM_TEST_PG_URL)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.system import Centre, Till
from tests.support import pg
from tests.support.central_server import CounterCredential
from tests.support.cutting_proxy import CuttingProxy


@pytest.fixture(scope="module")
def centre(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Centre]:
    """A seeded centre in its own process over HTTPS, for the tests of one module."""
    workdir = tmp_path_factory.mktemp("centre")
    if pg.admin_url() is None:
        made = Centre.create(f"sqlite:///{workdir / 'centre.db'}", workdir)
        try:
            yield made
        finally:
            made.close()
        return
    admin = request.getfixturevalue("pg_admin_url")
    name = f"trm_e2e_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with pg.temporary_database(admin, name) as url:
        made = Centre.create(url, workdir)
        try:
            yield made
        finally:
            made.close()


@pytest.fixture
def proxy(centre: Centre) -> Iterator[CuttingProxy]:
    """A cutting proxy in front of the centre."""
    with CuttingProxy(centre.server.port) as running:
        yield running


TillFactory = Callable[..., Till]


@pytest.fixture
def open_till(centre: Centre, tmp_path: Path) -> Iterator[TillFactory]:
    """Open a till (a counter with its own store) on the centre or on given URLs."""
    made: list[Till] = []

    def make(
        credential: CounterCredential | None = None,
        *,
        urls: tuple[str, ...] | None = None,
        **overrides: Any,
    ) -> Till:
        cred = credential or centre.register(1)[0]
        till = Till.open(
            tmp_path / cred.counter_code,
            cred,
            urls or (centre.url,),
            centre.ca_file,
            **overrides,
        )
        made.append(till)
        return till

    yield make
    for till in made:
        till.close()
    centre.ensure_running()
