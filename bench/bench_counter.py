"""The counter's own store: durable receipt commits, and look-ups in a 50,000-consumer cache.

`python -m bench.bench_counter [--quick]` runs these alone and merges them into results.json;
`counter_benchmarks()` is what the runner calls. Everything runs in a folder on the real disk
(fsync costs what it costs there), next to the bare SQLite doing the same work in the same run.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from argon2 import PasswordHasher

from bench.results import Result, merge_into, table
from common.roles import Role
from counter_client.journal import Cash, Journal
from counter_client.store import (
    CashierRecord,
    ConsumerCache,
    ConsumerRecord,
    PulledPage,
    Store,
    apply_pulled_page,
)

COUNTER = "MYS001-1"
CACHE_CONSUMERS = 50_000
# On the disk, not a tmpfs (fsync must cost what it costs); TRM_BENCH_DIR to choose another.
WORK_DIR = Path(os.environ.get("TRM_BENCH_DIR", "/var/tmp"))

_FIRST = "Ramesh Ramya Lakshmi Manjunath Suresh Shobha Nagaraj Kavya Basavaraj Girish Sowmya"
_LAST = "Gowda Shetty Naik Rao Hegde Kumar Swamy Prasad Murthy Devi Patil Reddy Bhat Achar"
FIRST_NAMES, SURNAMES = _FIRST.split(), _LAST.split()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _people() -> list[CashierRecord]:
    pin = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1).hash("1234")
    return [
        CashierRecord(user_id="C001", name="Cashier", role=Role.CASHIER, pin_hash=pin),
        CashierRecord(user_id="S001", name="Supervisor", role=Role.SUPERVISOR, pin_hash=pin),
    ]


def consumer_records(count: int, seed: int = 7) -> list[ConsumerRecord]:
    rng = random.Random(seed)
    return [
        ConsumerRecord(
            rr_number=f"MY{i // 10000:03d}D{i:06d}",
            account_id=f"{i:010d}",
            name_en=f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
            name_kn=None,
            address=f"#{i % 500}, {rng.randint(1, 20)}th Cross, Mysuru",
            tariff_category="LT-1",
            section_code="SMYS001",
            balance_paise=rng.randint(0, 5_000_00),
        )
        for i in range(count)
    ]


def seeded_store(path: Path, consumers: list[ConsumerRecord]) -> Store:
    store = Store.open(path)
    for start in range(0, max(len(consumers), 1), 5000):
        apply_pulled_page(
            store,
            PulledPage(
                stream="consumers",
                cursor=f"c{start}",
                consumers=consumers[start : start + 5000],
                cashiers=_people() if start == 0 else [],
            ),
        )
    return store


def timed_ms(work: Callable[[], object], times: int) -> list[float]:
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


# -- receipt commit -------------------------------------------------------------------------

_BARE_TABLE = """CREATE TABLE receipts (
    sequence INTEGER PRIMARY KEY, kind TEXT NOT NULL, business_date TEXT NOT NULL,
    local_time TEXT NOT NULL, cashier TEXT NOT NULL, receipt_number TEXT UNIQUE,
    rr_number TEXT, amount_paise INTEGER, body TEXT NOT NULL, prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL)"""


def bare_insert_ms(folder: Path, count: int, body: str) -> list[float]:
    """One row per durable transaction: WAL, synchronous=FULL, BEGIN IMMEDIATE ... COMMIT."""
    conn = sqlite3.connect(folder / "bare.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(_BARE_TABLE)
    digest = "ab" * 32
    samples = []
    for n in range(1, count + 1):
        row = (n, "receipt", "2026-04-01", "2026-04-01T10:00:00+05:30", "C001", f"R/{n}")
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "INSERT INTO receipts VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (*row, "MY000D000001", 100, body, digest, digest),
        )
        conn.execute("COMMIT")
        samples.append((time.perf_counter() - started) * 1000)
    conn.close()
    return samples


def receipt_commit(folder: Path, count: int) -> list[Result]:
    """Journal.take_receipt (journal row, outbox row by trigger, hash chain, one durable commit)."""
    consumers = consumer_records(1000)
    store = seeded_store(folder / "counter.db", consumers)
    journal = Journal(store, COUNTER)
    journal.open_day(cashier_id="C001")
    rrs = [c.rr_number for c in consumers]

    def take(n: int) -> None:
        journal.take_receipt(
            cashier_id="C001", rr_number=rrs[n % len(rrs)], amount_paise=100 + n, payment=Cash()
        )

    for n in range(50):  # warm up
        take(n)
    ours = []
    for n in range(count):
        started = time.perf_counter()
        take(50 + n)
        ours.append((time.perf_counter() - started) * 1000)
    body = journal.entries(after=1, limit=1)[0].row()["body"]
    store.close()
    bare = bare_insert_ms(folder, count, str(body))
    return [
        Result(
            f"receipt_commit_{label}_ms",
            round(percentile(ours, fraction), 3),
            "ms",
            f"bare_sqlite_insert_{label}_ms",
            round(percentile(bare, fraction), 3),
            goal="p50 within 4x of the bare insert" if label == "p50" else None,
        )
        for label, fraction in (("p50", 0.5), ("p99", 0.99))
    ]


# -- look-ups ---------------------------------------------------------------------------


def cache_lookups(folder: Path, lookups: int) -> list[Result]:
    consumers = consumer_records(CACHE_CONSUMERS)
    store = seeded_store(folder / "cache.db", consumers)
    cache = ConsumerCache(store)
    assert cache.count() == CACHE_CONSUMERS
    rng = random.Random(11)
    rrs = [rng.choice(consumers).rr_number for _ in range(lookups)]
    # What a cashier types: the first 3 to 6 letters of a name.
    prefixes = [rng.choice(consumers).name_en[: rng.randint(3, 6)] for _ in range(lookups)]
    rr_iter, prefix_iter = iter(rrs * 2), iter(prefixes * 2)
    for _ in range(100):
        cache.get(next(rr_iter))
        cache.search_by_name(next(prefix_iter))
    rr_iter, prefix_iter = iter(rrs), iter(prefixes)
    by_rr = timed_ms(lambda: cache.get(next(rr_iter)), lookups)
    by_name = timed_ms(lambda: cache.search_by_name(next(prefix_iter)), lookups)
    store.close()

    bare = sqlite3.connect(folder / "cache.db")
    rr_iter, prefix_iter = iter(rrs), iter(prefixes)
    bare_rr = timed_ms(
        lambda: bare.execute(
            "SELECT * FROM consumers WHERE rr_number = ?", (next(rr_iter),)
        ).fetchone(),
        lookups,
    )
    bare_name = timed_ms(
        lambda: bare.execute(
            "SELECT * FROM consumers WHERE name_en LIKE ? ESCAPE '\\' "
            "ORDER BY name_en, rr_number LIMIT 20",
            (next(prefix_iter) + "%",),
        ).fetchall(),
        lookups,
    )
    bare.close()
    return [
        Result(
            "counter_lookup_rr_p50_ms",
            round(statistics.median(by_rr), 4),
            "ms",
            "bare_sqlite_select_rr_p50_ms",
            round(statistics.median(bare_rr), 4),
            goal="< 1 ms",
        ),
        Result(
            "counter_search_name_p50_ms",
            round(statistics.median(by_name), 4),
            "ms",
            "bare_sqlite_like_prefix_p50_ms",
            round(statistics.median(bare_name), 4),
            goal="< 10 ms",
        ),
    ]


def counter_benchmarks(*, quick: bool = False) -> list[Result]:
    """Receipt commit and cache look-ups, each beside the bare SQLite."""
    WORK_DIR.mkdir(exist_ok=True)
    receipts, lookups = (500, 500) if quick else (2000, 2000)
    with tempfile.TemporaryDirectory(dir=WORK_DIR) as folder:
        print(f"receipt commit: {receipts:,} receipts, then bare inserts ...", file=sys.stderr)
        results = receipt_commit(Path(folder), receipts)
        print(f"look-ups: {lookups:,} in a {CACHE_CONSUMERS:,}-consumer cache ...", file=sys.stderr)
        results += cache_lookups(Path(folder), lookups)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_counter", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer samples")
    args = parser.parse_args(argv)
    results = counter_benchmarks(quick=args.quick)
    merge_into(results)
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
