"""The bill run: everyone of the cycle billed once, from readings or on the average; reruns bill
nobody twice, even after the run is killed part-way; held readings wait for their review."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from central_api.billing.history import synthesise_history
from central_api.billing.models import Bill, MeterProfile
from central_api.billing.run import bill_run
from central_api.consumers.models import Consumer
from central_api.deps import Principal
from central_api.ledger.models import AccountBalance, LedgerEntry
from central_api.seed import seed
from common.roles import Role
from tests.central_api.billing.factories import (
    CYCLE,
    consumer_of,
    download,
    give_routes,
    reading,
    set_history,
    upload,
)
from tests.support.world import World

ROOT = Path(__file__).resolve().parents[3]


def _admin(world: World) -> Principal:
    company = world.units["CESC"]
    return Principal(Role.ADMIN, company.id, company.path, name="tests")


def _bills(engine: Engine) -> dict[str, Bill]:
    with Session(engine) as session:
        rows = session.execute(
            select(Consumer.rr_number, Bill).join(Consumer, Consumer.id == Bill.consumer_id)
        ).all()
    return {rr: bill for rr, bill in rows}  # noqa: C416


@pytest.fixture
def routed(engine: Engine, world: World) -> World:
    give_routes(engine)
    no_scheme = {"gj_baseline_centiunits": None}  # so that every bill raises a demand
    set_history(engine, "MYS1000001", last_reading=1000, normal_1=90, normal_2=100, normal_3=110)
    set_history(engine, "MYS1000002", last_reading=2000, normal_1=50, normal_2=60, normal_3=70)
    for rr in ("MYS1000001", "MYS1000002", "VVN2000001"):
        set_history(engine, rr, **no_scheme)
    return world


def test_bill_run_bills_everyone_once_from_readings_or_on_the_average(
    client: TestClient, routed: World, engine: Engine
) -> None:
    consumer = consumer_of(download(client, routed), "MYS1000002")
    read = reading(consumer, with_bill=False, present_reading=2075)
    assert (
        upload(client, routed, [read], who="meter_reader").json()["results"][0]["status"] == "read"
    )
    report = bill_run(engine, cycle=CYCLE, principal=_admin(routed))
    assert (report.billed, report.from_readings, report.estimated) == (3, 1, 2)
    bills = _bills(engine)
    assert bills["MYS1000002"].source == "reading" and bills["MYS1000002"].units == 75
    assert bills["MYS1000001"].source == "estimated"
    assert bills["MYS1000001"].meter_status == "door_locked"
    again = bill_run(engine, cycle=CYCLE, principal=_admin(routed))
    assert again.billed == 0 and again.candidates == 0
    with engine.connect() as conn:
        refs = list(
            conn.scalars(select(LedgerEntry.source_ref).where(LedgerEntry.category == "bill"))
        )
    assert len(refs) == len(set(refs)) == 3


def test_a_subdivision_run_bills_only_that_subdivision(routed: World, engine: Engine) -> None:
    report = bill_run(engine, cycle=CYCLE, principal=_admin(routed), subdivision="VVSUB")
    assert report.billed == 1
    assert set(_bills(engine)) == {"VVN2000001"}


def test_a_held_reading_waits_for_its_review_then_a_rejected_one_is_estimated(
    client: TestClient, routed: World, engine: Engine
) -> None:
    consumer = consumer_of(download(client, routed), "MYS1000001")
    (held,) = upload(client, routed, [reading(consumer, present_reading=9000)]).json()["results"]
    assert held["status"] == "held"
    report = bill_run(engine, cycle=CYCLE, principal=_admin(routed))
    assert report.held_for_review == 1 and "MYS1000001" not in _bills(engine)
    decided = client.post(
        f"/api/v1/spot-billing/reviews/{held['review_id']}/reject",
        json={"note": "misread digit"},
        headers=routed.auth("accounts_officer"),
    )
    assert decided.status_code == 200 and decided.json()["state"] == "rejected"
    assert bill_run(engine, cycle=CYCLE, principal=_admin(routed)).estimated == 1
    assert _bills(engine)["MYS1000001"].source == "estimated"


def test_accepting_a_review_posts_the_centres_bill_once(
    client: TestClient, routed: World, engine: Engine
) -> None:
    consumer = consumer_of(download(client, routed), "MYS1000001")
    item = reading(consumer, present_reading=1100)
    item["device_bill"]["net_paise"] += 300
    item["device_bill"]["lines"][1]["amount_paise"] += 300
    (held,) = upload(client, routed, [item]).json()["results"]
    url = f"/api/v1/spot-billing/reviews/{held['review_id']}/accept"
    officer = routed.auth("accounts_officer")
    accepted = client.post(url, json={"note": "device had an old tariff"}, headers=officer)
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["bill_number"].endswith("MYS1000001")
    assert client.post(url, json={}, headers=officer).status_code == 409
    bill = _bills(engine)["MYS1000001"]
    assert bill.source == "review" and bill.units == 100
    other_officer = routed.auth("sub2_accounts_officer")
    assert client.get("/api/v1/spot-billing/reviews", headers=other_officer).json() == []


def test_route_progress_counts_read_unread_and_exceptions(
    client: TestClient, routed: World
) -> None:
    route = download(client, routed)
    good = reading(consumer_of(route, "MYS1000002"), present_reading=2050)
    bad = reading(consumer_of(route, "MYS1000001"), with_bill=False, present_reading=10)
    upload(client, routed, [good, bad])
    progress = client.get(
        f"/api/v1/spot-billing/routes/{route['route_code']}/cycles/{CYCLE}/progress",
        headers=routed.auth("supervisor"),
    ).json()
    assert (progress["consumers"], progress["read"], progress["unread"]) == (2, 2, 0)
    assert (progress["billed"], progress["exceptions"]) == (1, 1)
    assert progress["exception_items"][0]["kind"] == "reading_below_previous"
    listing = client.get(
        f"/api/v1/spot-billing/routes?cycle={CYCLE}", headers=routed.auth("admin")
    ).json()
    assert [r["read"] for r in listing] == [2, 0]


def _count(engine: Engine, query: object) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(query) or 0)  # type: ignore[call-overload]


def _run_in_process(url: str, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "central_api.admin_cli", "bill-run", "--cycle", CYCLE, *extra],
        cwd=ROOT,
        env={**os.environ, "TRM_DATABASE_URL": url},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_a_run_killed_part_way_and_run_again_bills_everyone_exactly_once(engine: Engine) -> None:
    seed(engine, consumers=400, seed=3)
    with engine.begin() as conn:
        synthesise_history(conn, cycle=CYCLE)
    url = engine.url.render_as_string(hide_password=False)
    billable = _count(
        engine,
        select(func.count())
        .select_from(Consumer)
        .join(MeterProfile, MeterProfile.consumer_id == Consumer.id)
        .where(Consumer.connection_status == "live"),
    )
    run = _run_in_process(url, "--chunk", "25", "--pause", "0.3")
    deadline = time.monotonic() + 60
    while _count(engine, select(func.count()).select_from(Bill)) < 50:
        assert run.poll() is None, run.stderr.read() if run.stderr else ""
        assert time.monotonic() < deadline, "the bill run made no progress"
        time.sleep(0.05)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    part = _count(engine, select(func.count()).select_from(Bill))
    assert 0 < part < billable
    finish = _run_in_process(url)
    out, err = finish.communicate(timeout=120)
    assert finish.returncode == 0, err.decode()
    assert f"{billable - part:,} billed" in out.decode()
    assert _count(engine, select(func.count()).select_from(Bill)) == billable
    assert _count(engine, select(func.count(func.distinct(Bill.consumer_id)))) == billable
    posted = select(func.sum(LedgerEntry.amount_paise)).where(
        LedgerEntry.source_ref.like("bill:%") | LedgerEntry.source_ref.like("interest:%")
    )
    assert _count(engine, posted) == _count(engine, select(func.sum(Bill.demand_paise)))
    derived = (
        select(LedgerEntry.consumer_id, func.sum(LedgerEntry.amount_paise).label("total"))
        .group_by(LedgerEntry.consumer_id)
        .subquery()
    )
    wrong = (
        select(func.count())
        .select_from(AccountBalance)
        .outerjoin(derived, derived.c.consumer_id == AccountBalance.consumer_id)
        .where(AccountBalance.balance_paise != func.coalesce(derived.c.total, 0))
    )
    assert _count(engine, wrong) == 0
