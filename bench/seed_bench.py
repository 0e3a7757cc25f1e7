"""Seed benchmarks: consumers per second on PostgreSQL beside plain COPY, and 20,000 on SQLite."""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from bench.results import Result
from central_api.db import make_engine, utcnow
from central_api.migrate import upgrade
from central_api.seed import SeedReport, seed
from central_api.seed.bulk import PG_BATCH, Progress, consumer_copy_text, copy_consumers_statement
from central_api.seed.company import build_company
from central_api.seed.consumers import ConsumerFactory, allocate

FIVE_MINUTES_RATE = 21_50_000 / 300


def _progress(label: str) -> Progress:
    def show(done: int, total: int) -> None:
        print(f"\r  {label}: {done:,}/{total:,} consumers", end="", file=sys.stderr, flush=True)
        if done >= total:
            print(file=sys.stderr)

    return show


def plain_copy_seconds(url: str, consumers: int, seed_number: int) -> float:
    """Seconds for COPY alone of the same consumer rows into a table with no indexes or keys.

    The rows are generated and rendered to COPY text before the clock starts, so this is the
    database's own figure for the load; the hierarchy they point at is built and rolled back.
    """
    engine = make_engine(url)
    rng = random.Random(seed_number)
    with engine.connect() as conn:
        tx = conn.begin()
        with Session(bind=conn) as session:
            company = build_company(session, rng, password_hash="-", pin_hash="-")
        tx.rollback()
    allocate(company.sections, consumers)
    now = utcnow().replace(microsecond=0).isoformat()
    factory = ConsumerFactory(
        rng, company.sections, stamp=now, opening_day="2026-04-01", null="\\N"
    )
    chunks = [consumer_copy_text(rows) for rows, _ in factory.batches(PG_BATCH)]
    with engine.connect() as conn, conn.begin():
        conn.execute(text("CREATE TABLE bench_plain_consumers (LIKE consumers)"))
        cur = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        started = time.perf_counter()
        with cur.copy(copy_consumers_statement("bench_plain_consumers")) as copy:
            for chunk in chunks:
                copy.write(chunk)
        seconds = time.perf_counter() - started
        conn.execute(text("DROP TABLE bench_plain_consumers"))
    engine.dispose()
    return seconds


def seed_postgresql(
    url: str, consumers: int, seed_number: int = 7
) -> tuple[list[Result], SeedReport]:
    """Seed `consumers` into the empty database at `url`; rate and time beside plain COPY."""
    engine = make_engine(url)
    upgrade(engine)
    print(f"  plain COPY baseline of {consumers:,} consumer rows ...", file=sys.stderr)
    baseline = plain_copy_seconds(url, consumers, seed_number)
    report = seed(
        engine, consumers=consumers, seed=seed_number, progress=_progress("seeding PostgreSQL")
    )
    engine.dispose()
    size = f"{consumers // 1000}k"
    results = [
        Result(
            "seed_consumers_per_s",
            round(consumers / report.seconds),
            "consumers/s",
            "plain_copy_consumers_per_s",
            round(consumers / baseline),
            goal=f">= {FIVE_MINUTES_RATE:,.0f}/s (21.5 lakh in under 5 minutes)",
            better="higher",
        ),
        Result(
            f"seed_pg_{size}_s",
            round(report.seconds, 2),
            "s",
            f"plain_copy_{size}_s",
            round(baseline, 2),
            goal=f"< {consumers / FIVE_MINUTES_RATE:.0f} s",
        ),
    ]
    return results, report


def seed_sqlite(consumers: int = 20_000, runs: int = 3) -> Result:
    """Median seconds to seed `consumers` into a fresh, migrated SQLite file."""
    times = []
    for run in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            engine = make_engine(f"sqlite:///{Path(folder) / 'central.db'}")
            upgrade(engine)
            report = seed(engine, consumers=consumers, seed=7 + run)
            times.append(report.seconds)
            engine.dispose()
    return Result(
        f"seed_sqlite_{consumers // 1000}k_s",
        round(statistics.median(times), 3),
        "s",
        goal="< 10 s (the demo seeds in seconds)",
    )
