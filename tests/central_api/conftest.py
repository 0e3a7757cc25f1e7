"""Fixtures for the centre: a migrated database on each back end, the app, and a small company.

Every central test runs on SQLite and, when available, on PostgreSQL. SQLite tests get a copy of
a database migrated once; PostgreSQL tests share one migrated database, emptied before each test.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import Engine

from central_api.app import create_app
from central_api.config import Settings
from central_api.db import Base, make_engine, make_session_factory
from central_api.migrate import upgrade
from tests.support import pg
from tests.support.world import World, build_world


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "central.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_central_url(pg_admin_url: str) -> Iterator[str]:
    name = f"trm_central_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with pg.temporary_database(pg_admin_url, name) as url:
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        yield url


def _empty_pg(engine: Engine) -> None:
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated, empty central database on each back end."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        shutil.copy(template, tmp_path / "central.db")
        eng = make_engine(f"sqlite:///{tmp_path / 'central.db'}")
    else:
        eng = make_engine(request.getfixturevalue("pg_central_url"))
        _empty_pg(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def app_settings(engine: Engine) -> Settings:
    return Settings(database_url=engine.url.render_as_string(hide_password=False))


@pytest.fixture
def client(engine: Engine, app_settings: Settings) -> Iterator[TestClient]:
    app = create_app(app_settings, engine=engine)
    with TestClient(
        app, raise_server_exceptions=os.environ.get("TRM_TEST_RAISE") == "1"
    ) as test_client:
        yield test_client


@pytest.fixture
def world(engine: Engine) -> World:
    """A small company: one of each org level, two sections, a location, users of every role."""
    return build_world(make_session_factory(engine))
