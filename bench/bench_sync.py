"""Sync on loopback against a real centre (its own process, HTTPS, PostgreSQL), and the centre's
ingest with 78 counters pushing at once.

`python -m bench.bench_sync [--quick] [--pg-url URL]` runs these alone and merges them into
results.json; `sync_benchmarks()` is what the runner calls.

- sync_pull_50k_s: a fresh counter's first sync (`SyncEngine.sync_once`, default settings): its
  cashiers and the 50,000 consumers of its jurisdiction, page by page into its store.
- sync_push_10k_s: 10,000 receipts taken with `Journal.take_receipt` while the centre was away,
  then one `sync_once`: until the centre has acknowledged the last of them (the push stage);
  the whole run, including pulling back the balances the receipts moved, is printed beside it.
- centre_ingest_receipts_per_s: 78 counters push at once (one thread and one keep-alive HTTPS
  session each, batches of 500 built beforehand so the clients cost little): receipts posted
  per second of wall time, from the first request to the last answer. Baseline: the same
  counter_entries rows, INSERT ... ON CONFLICT DO NOTHING by executemany in batches of 500
  on one connection, into a table LIKE counter_entries INCLUDING ALL.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from unittest import mock

import keyring
import psycopg
import requests
from argon2 import PasswordHasher

from bench import pg
from bench.results import Result, machine, merge_into, table
from common.identifiers import FinancialYear
from common.sync_protocol import PROTOCOL_VERSION, EntryKind, JournalEntryWire, PushBatch
from counter_client.journal import Cash, Journal
from counter_client.store import CashierRoster, Store
from counter_client.sync import EventBus, QueueLength, SyncConfig, SyncEngine
from counter_client.sync.config import KEYRING_SERVICE
from tests.support.central_server import (
    CentralServer,
    CounterCredential,
    prepare_database,
    register_counters,
)
from tests.support.memory_keyring import MemoryKeyring

WORK_DIR = Path(os.environ.get("TRM_BENCH_DIR", "/var/tmp"))  # on the disk, not a tmpfs
PULL_CONSUMERS = 50_000
PUSH_RECEIPTS = 10_000
COUNTERS = 78
INGEST_BATCH = 500
_CHEAP = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)


def register(url: str, count: int) -> list[CounterCredential]:
    """Devices for `count` counters; secrets hashed cheaply so set-up takes no minutes."""
    with mock.patch("central_api.identity.service.hash_secret", _CHEAP.hash):
        return register_counters(url, count)


@contextmanager
def running_centre(url: str, workdir: Path, workers: int = 1) -> Iterator[CentralServer]:
    server = CentralServer(url, workdir, workers=workers).start(timeout=60)
    try:
        yield server
    finally:
        server.stop()


def _http(ca_file: str) -> requests.Session:
    http = requests.Session()
    http.trust_env = False
    http.verify = ca_file
    return http


# -- pull 50,000 and push 10,000 -------------------------------------------------------------


def _jurisdiction_of(url: str, counter_code: str, consumers: int) -> None:
    """Put exactly `consumers` consumers in the counter's jurisdiction (the seed spreads them)."""
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT u.path FROM counters c JOIN locations l ON l.id = c.location_id "
            "JOIN org_units u ON u.id = l.unit_id WHERE c.code = %s",
            (counter_code,),
        ).fetchone()
        assert row is not None
        scope = row[0]
        inside = conn.execute(
            "SELECT id FROM org_units WHERE level = 'section' AND path LIKE %s LIMIT 1",
            (scope + "%",),
        ).fetchone()
        outside = conn.execute(
            "SELECT id FROM org_units WHERE level = 'section' AND path NOT LIKE %s LIMIT 1",
            (scope + "%",),
        ).fetchone()
        assert inside and outside
        conn.execute(
            "UPDATE consumers SET section_id = CASE WHEN id IN "
            "(SELECT id FROM consumers ORDER BY id LIMIT %s) THEN %s ELSE %s END",
            (consumers, inside[0], outside[0]),
        )
        conn.execute("ANALYZE consumers")


def _engine(store: Store, server: CentralServer, credential: CounterCredential) -> SyncEngine:
    keyring.set_password(KEYRING_SERVICE, credential.device_code, credential.secret)
    config = SyncConfig(
        centre_urls=(server.url,),
        ca_file=Path(server.ca_file),
        counter_code=credential.counter_code,
        device_code=credential.device_code,
    )
    return SyncEngine(store, config, events=EventBus())


def pull_and_push(url: str, workdir: Path, receipts: int) -> list[Result]:
    prepare_database(url, consumers=PULL_CONSUMERS + 5_000)
    (credential,) = register(url, 1)
    _jurisdiction_of(url, credential.counter_code, PULL_CONSUMERS)
    with running_centre(url, workdir) as server:
        store = Store.open(workdir / "counter.db")
        engine = _engine(store, server, credential)
        print(f"sync_pull_50k_s: first sync of {PULL_CONSUMERS:,} consumers ...", file=sys.stderr)
        started = time.perf_counter()
        first = engine.sync_once()
        pulled_s = time.perf_counter() - started
        assert first.clean and first.pulled.get("consumers") == PULL_CONSUMERS, first

        journal = Journal(store, credential.counter_code)
        cashier = next(p.user_id for p in CashierRoster(store).active() if not p.is_supervisor)
        journal.open_day(cashier_id=cashier)
        with store.read() as conn:
            rrs = [r[0] for r in conn.exec_driver_sql("SELECT rr_number FROM consumers")]
        rng = random.Random(10)
        print(f"sync_push_10k_s: taking {receipts:,} receipts offline ...", file=sys.stderr)
        for n in range(receipts):
            journal.take_receipt(
                cashier_id=cashier, rr_number=rng.choice(rrs), amount_paise=100 + n, payment=Cash()
            )
        emptied: list[float] = []
        engine.events.subscribe(
            lambda e: (
                emptied.append(time.perf_counter())
                if isinstance(e, QueueLength) and e.pending == 0
                else None
            )
        )
        started = time.perf_counter()
        report = engine.sync_once()
        whole_s = time.perf_counter() - started
        assert report.clean and report.accepted == receipts + 1, report
        pushed_s = emptied[0] - started
        print(
            f"  push {pushed_s:.2f} s; the whole sync, with pulling back "
            f"{report.pulled.get('consumers', 0):,} changed balances, {whole_s:.2f} s",
            file=sys.stderr,
        )
        engine.stop()
        store.close()
    return [
        Result(f"sync_pull_{PULL_CONSUMERS // 1000}k_s", round(pulled_s, 2), "s", goal="< 15 s"),
        Result(f"sync_push_{receipts // 1000}k_s", round(pushed_s, 2), "s", goal="< 10 s"),
    ]


# -- ingest with 78 counters ---------------------------------------------------------------


def _chain(counter_code: str, count: int, rrs: list[str], seed: int) -> list[JournalEntryWire]:
    """`count` cash receipts of one counter, hash-chained from the genesis, as a counter sends."""
    rng = random.Random(seed)
    today = date.today()
    fy = FinancialYear.of(today)
    at = datetime.now(UTC).astimezone()
    prev = "0" * 64
    entries = []
    for n in range(1, count + 1):
        rr = rng.choice(rrs)
        entry = JournalEntryWire.sealed(
            counter_code=counter_code,
            sequence=n,
            kind=EntryKind.RECEIPT,
            business_date=today,
            local_time=at + timedelta(seconds=n),
            cashier="cashier",
            prev_hash=prev,
            body={
                "receipt_number": f"{counter_code}/{fy.label}/{n}",
                "financial_year": fy.label,
                "receipt_sequence": n,
                "rr_number": rr,
                "account_id": None,
                "consumer_name": "Bench Consumer",
                "amount_paise": rng.randint(100, 5_000_00),
                "payment_mode": "cash",
            },
        )
        entries.append(entry)
        prev = entry.hash
    return entries


def _batches(code: str, entries: list[JournalEntryWire]) -> list[bytes]:
    return [
        PushBatch(
            protocol=PROTOCOL_VERSION,
            counter_code=code,
            entries=entries[i : i + INGEST_BATCH],
        )
        .model_dump_json()
        .encode()
        for i in range(0, len(entries), INGEST_BATCH)
    ]


def _push_all(
    server: CentralServer, token: str, batches: list[bytes], go: threading.Barrier
) -> int:
    """POST the prepared batches in order on one keep-alive HTTPS session; every entry must be
    answered "accepted", or the run fails here."""
    http = _http(server.ca_file)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    http.get(f"{server.url}/api/v1/health", timeout=30)  # connect and shake hands first
    go.wait()
    taken = 0
    for body in batches:
        reply = http.post(f"{server.url}/api/v1/sync/push", data=body, headers=headers, timeout=600)
        reply.raise_for_status()
        results = reply.json()["results"]
        refused = [r for r in results if r["outcome"] != "accepted"]
        if refused:
            raise AssertionError(f"the centre did not accept {len(refused)} entries: {refused[:3]}")
        taken += len(results)
    http.close()
    return taken


def _check_books(url: str, chains: dict[str, list[JournalEntryWire]]) -> None:
    """After the run: every receipt held and posted once, and every cached balance equals the
    sum of its ledger. Fails loudly if anything was dropped or counted twice."""
    receipts = [e for entries in chains.values() for e in entries]
    paid = sum(int(e.body["amount_paise"]) for e in receipts)
    with psycopg.connect(url) as conn:
        held = conn.execute("SELECT count(*) FROM counter_entries").fetchone()
        posted = conn.execute(
            "SELECT count(*), -coalesce(sum(amount_paise), 0) FROM ledger_entries "
            "WHERE source_ref LIKE 'receipt:%%'"
        ).fetchone()
        unequal = conn.execute(
            "SELECT count(*) FROM account_balances b LEFT JOIN "
            "(SELECT consumer_id, sum(amount_paise) AS total, count(*) AS n FROM ledger_entries "
            "GROUP BY consumer_id) l ON l.consumer_id = b.consumer_id "
            "WHERE b.balance_paise <> coalesce(l.total, 0) OR b.entry_count <> coalesce(l.n, 0)"
        ).fetchone()
        suspense = conn.execute("SELECT count(*) FROM suspense_entries").fetchone()
        conflicts = conn.execute("SELECT count(*) FROM sync_conflicts").fetchone()
    assert held == (len(receipts),), f"counter entries held {held}, pushed {len(receipts)}"
    assert posted == (len(receipts), paid), f"ledger {posted}, pushed {(len(receipts), paid)}"
    assert unequal == (0,), f"{unequal} cached balances differ from their ledgers"
    assert suspense == (0,) and conflicts == (0,), (suspense, conflicts)


def _bare_upsert_rate(url: str, rows: list[tuple[object, ...]]) -> float:
    with psycopg.connect(url) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_counter_entries")
        conn.execute("CREATE TABLE bench_counter_entries (LIKE counter_entries INCLUDING ALL)")
        conn.commit()
        sql = (
            "INSERT INTO bench_counter_entries (counter_id, sequence, kind, business_date, "
            "local_time, received_at, cashier, receipt_number, rr_number, amount_paise, "
            "payment_mode, prev_hash, hash, body) VALUES "
            "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING"
        )
        started = time.perf_counter()
        with conn.cursor() as cur:
            for i in range(0, len(rows), INGEST_BATCH):
                cur.executemany(sql, rows[i : i + INGEST_BATCH])
                conn.commit()
        seconds = time.perf_counter() - started
        conn.execute("DROP TABLE bench_counter_entries")
        conn.commit()
    return len(rows) / seconds


def _rows(counter_ids: dict[str, int], chains: dict[str, list[JournalEntryWire]]) -> list[tuple]:
    now = datetime.now(UTC)
    return [
        (
            counter_ids[code],
            e.sequence,
            e.kind.value,
            e.business_date,
            e.local_time,
            now,
            e.cashier,
            e.body["receipt_number"],
            e.body["rr_number"],
            e.body["amount_paise"],
            "cash",
            e.prev_hash,
            e.hash,
            json.dumps(e.body),
        )
        for code, entries in chains.items()
        for e in entries
    ]


# Worker processes of the centre: one per core, as it is deployed (it keeps no state of its own).
# On the 2-core bench machine 2 and 3 were tried: see the README.
CENTRE_WORKERS = int(os.environ.get("TRM_BENCH_CENTRE_WORKERS", 0)) or os.cpu_count() or 2


def ingest(url: str, workdir: Path, per_counter: int, workers: int = 0) -> list[Result]:
    prepare_database(url, consumers=20_000)
    credentials = register(url, COUNTERS)
    with psycopg.connect(url) as conn:
        rrs = [r[0] for r in conn.execute("SELECT rr_number FROM consumers ORDER BY id")]
        counter_ids = dict(conn.execute("SELECT code, id FROM counters").fetchall())
    print(
        f"centre_ingest: building {COUNTERS} x {per_counter:,} chained receipts ...",
        file=sys.stderr,
    )
    chains = {
        c.counter_code: _chain(c.counter_code, per_counter, rrs, n)
        for n, c in enumerate(credentials)
    }
    bodies = {code: _batches(code, entries) for code, entries in chains.items()}
    total = COUNTERS * per_counter
    with running_centre(url, workdir, workers=workers or CENTRE_WORKERS) as server:
        http = _http(server.ca_file)
        tokens = {
            c.counter_code: http.post(
                f"{server.url}/api/v1/auth/device-token",
                json={"device_code": c.device_code, "secret": c.secret},
                timeout=30,
            ).json()["token"]
            for c in credentials
        }
        go = threading.Barrier(COUNTERS + 1)
        print(f"  {COUNTERS} counters pushing {total:,} receipts at once ...", file=sys.stderr)
        with ThreadPoolExecutor(max_workers=COUNTERS) as pool:
            futures = [
                pool.submit(_push_all, server, tokens[code], bodies[code], go) for code in bodies
            ]
            go.wait()
            started = time.perf_counter()
            taken = sum(f.result() for f in futures)
            seconds = time.perf_counter() - started
    assert taken == total, (taken, total)
    _check_books(url, chains)
    rate = total / seconds
    print(
        f"  {total:,} receipts in {seconds:.1f} s; bare upsert of the same rows ...",
        file=sys.stderr,
    )
    bare = _bare_upsert_rate(url, _rows(counter_ids, chains))
    return [
        Result(
            "centre_ingest_receipts_per_s",
            round(rate),
            "receipts/s",
            "bare_pg_upsert_counter_entries_per_s",
            round(bare),
            goal=">= 10,000/s on 2 cores",
            better="higher",
        )
    ]


# -- running ---------------------------------------------------------------------------


def sync_benchmarks(admin: str, *, quick: bool = False, only: str | None = None) -> list[Result]:
    """Pull, push and the centre's ingest, each on its own throw-away PostgreSQL database
    (`only`: "pull_push" or "ingest" runs just that part)."""
    keyring.set_keyring(MemoryKeyring())  # the device secrets never touch a file here
    WORK_DIR.mkdir(exist_ok=True)
    host = f"{machine()}, {pg.server_version(admin)}"
    results: list[Result] = []
    with tempfile.TemporaryDirectory(dir=WORK_DIR) as folder:
        work = Path(folder)
        if only in (None, "pull_push"):
            with pg.temporary_database(admin, f"trm_bench_sync_{os.getpid()}") as url:
                (work / "sync").mkdir()
                results += pull_and_push(url, work / "sync", PUSH_RECEIPTS)
        if only in (None, "ingest"):
            with pg.temporary_database(admin, f"trm_bench_ingest_{os.getpid()}") as url:
                (work / "ingest").mkdir()
                results += ingest(url, work / "ingest", 200 if quick else 1000)
    for result in results:
        result.machine = host
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_sync", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="200 receipts per counter in ingest")
    parser.add_argument("--pg-url", help="PostgreSQL admin URL (default: as `python -m bench`)")
    parser.add_argument("--only", choices=("pull_push", "ingest"), help="run just this part")
    args = parser.parse_args(argv)
    results = sync_benchmarks(pg.admin_url(args.pg_url), quick=args.quick, only=args.only)
    merge_into(results)
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
