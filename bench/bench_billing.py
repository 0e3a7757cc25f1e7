"""Billing benchmarks: bills computed per second on one core, the whole bill run on PostgreSQL
beside plain COPY of as many ledger rows, and readings accepted per second from 78 handhelds."""

from __future__ import annotations

import os
import random
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import psycopg
from sqlalchemy import func, select, text

from bench import pg
from bench.lookup_bench import serve
from bench.results import Result
from central_api.billing.config import DEFAULT_TARIFF_DIR
from central_api.billing.cycles import IST, cycle_of, previous_cycle
from central_api.billing.history import synthesise_history
from central_api.billing.models import MeterProfile, ReadingRoute
from central_api.billing.run import bill_run
from central_api.db import make_engine, make_session_factory, transaction
from central_api.deps import Principal
from central_api.identity.schemas import DeviceRegister
from central_api.identity.service import register_device
from central_api.ledger.models import LedgerEntry
from central_api.migrate import upgrade
from central_api.org.models import OrgUnit
from central_api.seed import seed
from common.billing import BillInputs, MeterStatus, compute_bill, load_tariff_orders
from common.roles import DeviceKind, Role
from handheld_sim.client import Client
from handheld_sim.readings import take_reading
from handheld_sim.route import route_from

HANDHELDS = 78
READINGS_PER_HANDHELD = 200
BATCH = 20
TEN_MINUTES = 600


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def bill_compute(bills: int = 60_000) -> Result:
    """Bills per second from common.billing alone, one core, a mix like CESC's."""
    book = load_tariff_orders(DEFAULT_TARIFF_DIR)
    rng = random.Random(5)
    start, end = date(2025, 5, 5), date(2025, 6, 5)
    mix = [("LT-1", 2000), ("LT-1", 1000), ("LT-3", 3000), ("LT-4", 3730), ("LT-5", 7460)]
    inputs = []
    for n in range(bills):
        category, load = mix[n % len(mix)]
        status = MeterStatus.DOOR_LOCKED if n % 10 == 0 else MeterStatus.NORMAL
        previous = rng.randrange(90_000)
        inputs.append(
            BillInputs(
                rr_number=f"B{n}",
                category=category,
                sanctioned_load_w=load,
                period_start=start,
                period_end=end,
                bill_date=end,
                previous_reading=previous,
                present_reading=None
                if status is not MeterStatus.NORMAL
                else previous + rng.randrange(400),
                meter_status=status,
                normal_months_units=(90, 110, 130),
                arrears_paise=rng.choice((0, 0, 45_050)),
                arrears_due_date=date(2025, 5, 20),
                gruha_jyothi_baseline_units=Decimal("95.5") if n % 3 == 0 else None,
            )
        )
    started = time.perf_counter()
    for item in inputs:
        compute_bill(item, book)
    rate = bills / (time.perf_counter() - started)
    return Result("bill_compute_per_s", round(rate), "bills/s", goal="one core", better="higher")


def _admin(session: Any) -> Principal:
    company = session.scalar(select(OrgUnit).where(OrgUnit.level == "company"))
    return Principal(Role.ADMIN, company.id, company.path, name="bench")


def plain_copy_ledger_seconds(url: str, rows: int) -> float:
    """COPY of `rows` ledger-shaped rows into a bare table (no keys, no indexes), text ready."""
    line = (
        "{id}\t{cid}\tdemand\tbill\t{amount}\tbill:BENCH-{n}\t2025-06-05\tbill\t"
        "2025-06-05 10:00:00+00\n"
    )
    chunk_size = 50_000
    chunks = [
        "".join(
            line.format(id=n + 1, cid=n % 100_000 + 1, amount=10_000 + n % 9_000, n=n)
            for n in range(start, min(rows, start + chunk_size))
        )
        for start in range(0, rows, chunk_size)
    ]
    columns = (
        "id, consumer_id, kind, category, amount_paise, source_ref, business_date,"
        " narration, posted_at"
    )
    with psycopg.connect(url) as conn:
        conn.execute("CREATE TEMP TABLE bench_plain_ledger (LIKE ledger_entries)")
        started = time.perf_counter()
        with conn.cursor().copy(f"COPY bench_plain_ledger ({columns}) FROM STDIN") as copy:
            for chunk in chunks:
                copy.write(chunk)
        conn.commit()
        return time.perf_counter() - started


def bill_run_bench(url: str, consumers: int, full: bool) -> list[Result]:
    """Seed, give everyone meter history, then time the bill run for last month's cycle."""
    engine = make_engine(url)
    upgrade(engine)
    _say(f"  seeding {consumers:,} consumers ...")
    seed(engine, consumers=consumers, seed=11)
    run_cycle = previous_cycle(cycle_of(datetime.now(IST).date()))
    _say("  synthetic meter history ...")
    with engine.begin() as conn:
        synthesise_history(conn, cycle=run_cycle)
        conn.execute(text("ANALYZE meter_profiles"))
    with make_session_factory(engine)() as session:
        principal = _admin(session)

    def progress(done: int, total: int) -> None:
        print(f"\r  bill run: {done:,}/{total:,}", end="", file=sys.stderr, flush=True)

    report = bill_run(engine, cycle=run_cycle, principal=principal, progress=progress)
    _say(f"\n  billed {report.billed:,} in {report.seconds:.1f} s")
    with engine.connect() as conn:
        posted = int(
            conn.scalar(
                select(func.count()).where(
                    LedgerEntry.source_ref.like("bill:%")
                    | LedgerEntry.source_ref.like("interest:%")
                )
            )
            or 0
        )
    baseline = plain_copy_ledger_seconds(url, posted)
    engine.dispose()
    name = "bill_run_2150k_s" if full else f"bill_run_{consumers // 1000}k_s"
    goal_s = TEN_MINUTES * consumers / 21_50_000
    return [
        Result(
            name,
            round(report.seconds, 1),
            "s",
            f"plain_copy_{posted // 1000}k_ledger_rows_s",
            round(baseline, 2),
            goal=f"< {goal_s:.0f} s ({report.billed:,} bills; 21.5 lakh in under 10 minutes)",
        )
    ]


def _register_handhelds(url: str, count: int) -> list[tuple[str, str, str]]:
    """A handheld for each of the `count` biggest routes: (route, device code, secret)."""
    engine = make_engine(url)
    found = []
    with transaction(make_session_factory(engine)) as session:
        routes = session.execute(
            select(ReadingRoute.code, OrgUnit.parent_id)
            .join(OrgUnit, OrgUnit.id == ReadingRoute.section_id)
            .join(MeterProfile, MeterProfile.route_id == ReadingRoute.id)
            .group_by(ReadingRoute.code, OrgUnit.parent_id)
            .order_by(func.count().desc(), ReadingRoute.code)
            .limit(count)
        ).all()
        for n, (route_code, subdivision_id) in enumerate(routes, start=1):
            unit = session.get(OrgUnit, subdivision_id)
            admin = Principal(Role.ADMIN, unit.id, unit.path, name="bench")  # type: ignore[union-attr]
            code = f"HH-BENCH-{n:03d}"
            _, secret = register_device(
                session,
                principal=admin,
                data=DeviceRegister(code=code, kind=DeviceKind.SPOT_BILLING),
            )
            found.append((route_code, code, secret))
    engine.dispose()
    return found


def _bare_insert_seconds(url: str, batches: list[list[tuple[Any, ...]]]) -> float:
    """The same readings inserted bare, in the same batches, one transaction each."""
    with psycopg.connect(url) as conn:
        conn.execute("CREATE TEMP TABLE bench_readings (LIKE meter_readings INCLUDING DEFAULTS)")
        conn.execute("ALTER TABLE bench_readings ADD PRIMARY KEY (consumer_id, cycle)")
        conn.commit()
        started = time.perf_counter()
        with conn.cursor() as cur:
            for batch in batches:
                cur.executemany(
                    "INSERT INTO bench_readings (id, consumer_id, cycle, route_id, meter_status,"
                    " present_reading, meter_rolled_over, read_at, read_on, received_at,"
                    " content_sha256) VALUES (%s, %s, %s, 1, %s, %s, false, %s, %s, now(), 'x')"
                    " ON CONFLICT DO NOTHING",
                    batch,
                )
                conn.commit()
        return time.perf_counter() - started


def upload_bench(url: str) -> Result:
    """78 handhelds upload their routes' readings with device bills at once, batches of 20."""
    cycle = cycle_of(datetime.now(IST).date())
    handhelds = _register_handhelds(url, HANDHELDS)
    with serve(url) as base:
        work = []
        for n, (route_code, device, secret) in enumerate(handhelds):
            client = Client(base, seed=n)
            client.sign_in(device, secret)
            route = route_from(client.download(route_code, cycle))
            rng = random.Random(n)
            read_at = datetime.now(UTC) - timedelta(minutes=5)
            bodies = [
                take_reading(c, route.book, rng, exception_share=0.05, read_at=read_at).body
                for c in route.consumers[:READINGS_PER_HANDHELD]
            ]
            work.append((client, route_code, bodies))
        total = sum(len(bodies) for _, _, bodies in work)
        _say(f"  {len(work)} handhelds, {total:,} readings ...")
        accepted = [0] * len(work)

        def day(index: int) -> None:
            client, route_code, bodies = work[index]
            for start in range(0, len(bodies), BATCH):
                answer = client.upload(route_code, cycle, bodies[start : start + BATCH])
                accepted[index] += sum(r["status"] != "refused" for r in answer["results"])

        threads = [threading.Thread(target=day, args=(i,)) for i in range(len(work))]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - started
    rows = [
        (n, n, cycle, b["meter_status"], b.get("present_reading"), b["read_at"], b["read_at"][:10])
        for n, b in enumerate((b for _, _, bodies in work for b in bodies), start=1)
    ]
    baseline = _bare_insert_seconds(url, [rows[i : i + BATCH] for i in range(0, len(rows), BATCH)])
    return Result(
        "handheld_upload_readings_per_s",
        round(sum(accepted) / seconds),
        "readings/s",
        "bare_pg_insert_readings_per_s",
        round(len(rows) / baseline),
        goal=f"{HANDHELDS} handhelds at once; each reading checked, billed and posted",
        better="higher",
    )


def billing_benchmarks(admin_url: str | None, consumers: int, full: bool) -> list[Result]:
    """All three; the database ones (skipped without `admin_url`) in a database of their own."""
    _say("bill_compute_per_s: common.billing alone, one core ...")
    results = [bill_compute()]
    if admin_url is None:
        return results
    with pg.temporary_database(admin_url, f"trm_bench_billing_{os.getpid()}") as url:
        _say(f"bill run for {consumers:,} consumers on PostgreSQL ...")
        results += bill_run_bench(url, consumers, full)
        _say(f"handheld uploads: {HANDHELDS} handhelds at once ...")
        results.append(upload_bench(url))
    return results
