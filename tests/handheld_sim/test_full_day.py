"""The handheld simulator's full day against a real central service on PostgreSQL, over HTTPS,
through a flaky connection: every visited consumer is read once and billed at most once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from central_api.billing.cycles import IST, cycle_of
from central_api.billing.history import synthesise_history
from central_api.billing.models import (
    Bill,
    BillReview,
    MeterPhoto,
    MeterProfile,
    MeterReading,
    ReadingRoute,
)
from central_api.db import make_engine, make_session_factory, transaction
from central_api.deps import Principal
from central_api.identity.schemas import DeviceRegister
from central_api.identity.service import register_device
from central_api.ledger.models import LedgerEntry
from central_api.org.models import OrgUnit
from common.roles import DeviceKind, Role
from tests.support.central_server import CentralServer, prepare_database

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Handheld:
    url: str
    ca_file: str
    database_url: str
    route_code: str
    route_id: int
    device_code: str
    secret: str
    cycle: str


def _route_and_device(database_url: str, cycle: str) -> tuple[str, int, str, str]:
    """Synthetic history, and a handheld registered for the biggest route's subdivision."""
    engine = make_engine(database_url)
    with engine.begin() as conn:
        synthesise_history(conn, cycle=cycle)
    with transaction(make_session_factory(engine)) as session:
        biggest = (
            select(MeterProfile.route_id)
            .group_by(MeterProfile.route_id)
            .order_by(func.count().desc(), MeterProfile.route_id)
            .limit(1)
            .scalar_subquery()
        )
        route = session.scalars(select(ReadingRoute).where(ReadingRoute.id == biggest)).one()
        section = session.get(OrgUnit, route.section_id)
        assert section is not None and section.parent_id is not None
        subdivision = session.get(OrgUnit, section.parent_id)
        assert subdivision is not None
        admin = Principal(Role.ADMIN, subdivision.id, subdivision.path, name="tests")
        code = f"HH-{subdivision.code}-1"
        _, secret = register_device(
            session,
            principal=admin,
            data=DeviceRegister(code=code, kind=DeviceKind.SPOT_BILLING),
        )
        found = (route.code, route.id, code, secret)
    engine.dispose()
    return found


@pytest.fixture(scope="module")
def handheld(tmp_path_factory: pytest.TempPathFactory, pg_admin_url: str) -> Iterator[Handheld]:
    from tests.support import pg

    workdir = tmp_path_factory.mktemp("handheld")
    cycle = cycle_of(datetime.now(IST).date())
    name = f"trm_hh_{os.getpid()}"
    with pg.temporary_database(pg_admin_url, name) as url:
        prepare_database(url, consumers=5_000)
        route_code, route_id, device, secret = _route_and_device(url, cycle)
        server = CentralServer(url, workdir).start()
        try:
            yield Handheld(
                server.url, server.ca_file, url, route_code, route_id, device, secret, cycle
            )
        finally:
            server.stop()


def _day(handheld: Handheld, *extra: str) -> dict[str, object]:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "handheld_sim.cli",
            "--url",
            handheld.url,
            "--ca",
            handheld.ca_file,
            "--device",
            handheld.device_code,
            "--route",
            handheld.route_code,
            "--cycle",
            handheld.cycle,
            "--json",
            *extra,
        ],
        cwd=ROOT,
        env={**os.environ, "TRM_HANDHELD_SECRET": handheld.secret},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


def test_full_day_through_a_flaky_connection_reads_and_bills_each_consumer_once(
    handheld: Handheld,
) -> None:
    summary = _day(handheld, "--flaky", "0.3", "--exceptions", "0.2", "--batch", "20")
    visited = int(summary["visited"])  # type: ignore[call-overload]
    statuses: dict[str, int] = summary["statuses"]  # type: ignore[assignment]
    assert visited == summary["consumers"] and visited > 30
    assert "refused" not in statuses, summary["refusals"]
    assert sum(statuses.values()) == visited
    assert int(summary["retries"]) > 0  # type: ignore[call-overload]
    engine = make_engine(handheld.database_url)
    with engine.connect() as conn:

        def count(query: object) -> int:
            return int(conn.scalar(query) or 0)  # type: ignore[call-overload]

        on_route = MeterReading.route_id == handheld.route_id
        readings = count(select(func.count()).select_from(MeterReading).where(on_route))
        held = count(
            select(func.count())
            .select_from(BillReview)
            .join(MeterReading, MeterReading.id == BillReview.reading_id)
            .where(on_route)
        )
        bills = count(
            select(func.count())
            .select_from(Bill)
            .join(MeterReading, MeterReading.id == Bill.reading_id)
            .where(on_route)
        )
        refs = count(
            select(func.count(func.distinct(LedgerEntry.source_ref))).where(
                LedgerEntry.source_ref.like(f"bill:{handheld.cycle.replace('-', '')}-%")
            )
        )
        photos = count(select(func.count()).select_from(MeterPhoto))
    engine.dispose()
    assert readings == visited
    assert bills == readings - held and held > 0
    assert refs <= bills
    assert photos == summary["photos"]
    again = _day(handheld)
    assert again["visited"] == 0
