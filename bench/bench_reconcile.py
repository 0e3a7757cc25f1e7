"""Reconciliation of a month on PostgreSQL: 78 locations' counters, about 20 lakh receipts.

`python -m bench.bench_reconcile [--quick] [--pg-url URL]` runs these alone and merges them into
results.json; `reconcile_benchmarks()` is what the runner calls.

The month (November 2026) is generated straight into counter_entries with COPY: for every
counter and day a day_open, receipts in five modes (a few cancelled), two cashiers' shift
closings (one in a hundred short), the day_close and the remittance; a bank statement credits
every remittance but a few, and the automatic matcher pairs them (its time is printed).

- reconcile_month_s: the whole company's grid for the month from nothing, computed by
  `central_api.reconciliation.service.grid` in process: the daily totals built from every
  entry of the month (emptied before each run), then every cell's figures, differences,
  status, gaps, suspense and conflicts. Baseline: the bare GROUP BY (counter, business date,
  kind, mode) over the same month's rows.
- recon_grid_ms: GET /api/v1/reconciliation/grid for the division with the most receipts and
  one month, served by the central service under uvicorn, as a signed-in auditor (median of
  20), the daily totals kept up to date (nothing new arrived). Baseline: the bare GROUP BY
  over that division's counters.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta, timezone
from datetime import time as clock
from typing import Any

import psycopg
import requests
from sqlalchemy import select

from bench import pg
from bench.lookup_bench import serve
from bench.results import Result, machine, merge_into, table
from central_api.db import make_engine, make_session_factory, transaction, utcnow
from central_api.deps import Principal
from central_api.identity.models import AuthToken, User
from central_api.identity.passwords import new_token, token_digest
from central_api.migrate import upgrade
from central_api.org.models import Counter, OrgUnit
from central_api.reconciliation import service
from central_api.reconciliation.models import BankStatement
from central_api.seed.company import build_company
from common.daybook import MODES
from common.roles import Role

MONTH = date(2026, 11, 1)
DAYS = 30
FULL_RECEIPTS = 20_00_000
QUICK_RECEIPTS = 2_00_000
ACCOUNT = "30012345678"
IST = timezone(timedelta(hours=5, minutes=30))
MODE_WEIGHTS = (("cash", 70), ("cheque", 5), ("demand_draft", 2), ("card", 8), ("upi", 15))
BARE = (
    "SELECT counter_id, business_date, kind, payment_mode, count(*), sum(amount_paise) "
    "FROM counter_entries WHERE business_date BETWEEN %s AND %s AND counter_id = ANY(%s) "
    "AND kind IN ('receipt', 'cancellation') GROUP BY 1, 2, 3, 4"
)
COLUMNS = (
    "counter_id, sequence, kind, business_date, local_time, received_at, cashier, "
    "receipt_number, rr_number, amount_paise, payment_mode, prev_hash, hash, body"
)


def _company(url: str) -> dict[int, str]:
    """The seeded hierarchy with its 78 locations and their counters: counter id -> code."""
    factory = make_session_factory(make_engine(url))
    with transaction(factory) as session:
        build_company(session, random.Random(5), password_hash="x", pin_hash="x")
    with factory() as session:
        return dict(session.execute(select(Counter.id, Counter.code)).all())


class _Counter:
    """One counter's journal, generated a day at a time as COPY rows, and its remittances."""

    def __init__(self, counter_id: int, code: str, rng: random.Random, per_day: int) -> None:
        self.counter_id, self.code, self.rng, self.per_day = counter_id, code, rng, per_day
        self.modes = [m for m, w in MODE_WEIGHTS for _ in range(w)]
        self.seq = self.receipt_no = 0
        self.remittances: list[tuple[date, int, str]] = []
        self.rows: list[tuple[Any, ...]] = []
        self.day = MONTH
        self.at = datetime.combine(MONTH, clock(9, 0), IST)

    def entry(self, kind: str, cashier: str, body: dict[str, Any], **money: Any) -> None:
        self.seq += 1
        self.at += timedelta(seconds=20)
        self.rows.append(
            (
                self.counter_id,
                self.seq,
                kind,
                self.day,
                self.at,
                self.at,
                cashier,
                money.get("receipt"),
                money.get("rr"),
                money.get("amount"),
                money.get("mode"),
                f"{self.seq - 1:064x}",
                f"{self.seq:064x}",
                json.dumps(body),
            )
        )

    def receipts(self) -> dict[str, dict[str, int]]:
        taken: dict[str, dict[str, int]] = {c: dict.fromkeys(MODES, 0) for c in ("C1", "C2")}
        for n in range(self.per_day):
            self.receipt_no += 1
            cashier = "C1" if n % 2 else "C2"
            mode = self.rng.choice(self.modes)
            amount = self.rng.randint(100, 5000) * 100
            number = f"{self.code}/2026-27/{self.receipt_no}"
            rr = f"MY{self.counter_id:03d}{n:07d}"
            money = {"receipt": number, "rr": rr, "amount": amount, "mode": mode}
            body = {"receipt_number": number, "rr_number": rr, "payment_mode": mode}
            self.entry("receipt", cashier, {**body, "amount_paise": amount}, **money)
            taken[cashier][mode] += amount
            if self.rng.random() < 0.003:
                cancelled = {**body, "cancelled_amount_paise": amount, "reason": "wrong account"}
                self.entry("cancellation", cashier, cancelled, **money)
                taken[cashier][mode] -= amount
        return taken

    def day_rows(self, offset: int) -> list[tuple[Any, ...]]:
        """Day `offset` of the month: open, receipts, two shift closings, close, remittance."""
        self.rows, self.day = [], MONTH + timedelta(days=offset)
        self.at = datetime.combine(self.day, clock(9, 0), IST)
        self.entry("day_open", "C1", {})
        banked = 0
        for cashier, expected in self.receipts().items():
            short = -100_00 if self.rng.random() < 0.01 else 0
            counted = {**expected, "cash": max(0, expected["cash"] + short)}
            banked += counted["cash"] + counted["cheque"] + counted["demand_draft"]
            closing = {
                "approved_by": "S1",
                "first_sequence": 1,
                "last_sequence": self.seq,
                "receipts": self.per_day // 2,
                "cancellations": 0,
                "expected_paise": expected,
                "counted_paise": counted,
                "over_short_paise": {m: counted[m] - expected[m] for m in MODES},
                "denominations": {},
                "instruments": [],
                "reason": "short" if short else None,
            }
            self.entry("shift_close", cashier, closing)
        self.entry("day_close", "S1", {})
        slip = f"S{self.counter_id}D{offset:02d}"
        deposited = self.day + timedelta(days=1)
        remittance = {
            "bank": "SBI",
            "branch": "",
            "account_number": ACCOUNT,
            "slip_number": slip,
            "deposit_date": deposited.isoformat(),
            "cash_paise": banked,
            "cheque_paise": 0,
            "instruments": [],
            "amount_paise": banked,
        }
        self.entry("remittance", "C1", remittance)
        self.remittances.append((deposited, banked, slip))
        return self.rows


def _load(url: str, counters: dict[int, str], receipts: int) -> tuple[int, list[Any]]:
    """COPY the month into counter_entries, day by day with the counters' days interleaved as
    they would arrive; then VACUUM ANALYZE. Returns the rows written and the remittances."""
    per_day = max(1, receipts // (len(counters) * DAYS))
    rng = random.Random(11)
    desks = [_Counter(cid, code, rng, per_day) for cid, code in sorted(counters.items())]
    written = 0
    with psycopg.connect(url) as conn:
        with conn.cursor() as cur, cur.copy(f"COPY counter_entries ({COLUMNS}) FROM STDIN") as copy:
            for offset in range(DAYS):
                for desk in desks:
                    for row in desk.day_rows(offset):
                        copy.write_row(row)
                        written += 1
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE counter_entries")
    return written, [r for desk in desks for r in desk.remittances]


def _statement(url: str, remittances: list[Any]) -> float:
    """A statement crediting all but every 97th remittance; seconds the automatic match took."""
    lines = "Txn Date,Value Date,Description,Ref No./Cheque No.,Debit,Credit,Balance\n"
    for n, (deposited, amount, slip) in enumerate(remittances):
        if n % 97 == 0:
            continue
        stamp = deposited.strftime("%d %b %Y")
        lines += f"{stamp},{stamp},BY CASH {slip},,,{amount / 100:.2f},\n"
    factory = make_session_factory(make_engine(url))
    principal = _principal(factory)
    started = time.perf_counter()
    with transaction(factory) as session:
        service.import_statement(
            session,
            principal=principal,
            data=lines.encode(),
            file_name="nov.csv",
            profile="sbi",
            account_number=ACCOUNT,
        )
    return time.perf_counter() - started


def _principal(factory: Any) -> Principal:
    with factory() as session:
        company = session.scalar(select(OrgUnit).where(OrgUnit.level == "company"))
        assert company is not None
        return Principal(Role.AUDITOR, company.id, company.path, user_id=None, name="bench")


def _auditor_token(factory: Any) -> str:
    token = new_token()
    with transaction(factory) as session:
        company = session.scalar(select(OrgUnit).where(OrgUnit.level == "company"))
        assert company is not None
        user = User(
            username="bench.auditor",
            full_name="Bench Auditor",
            role="auditor",
            scope_unit_id=company.id,
            password_hash="x",
        )
        session.add(user)
        session.flush()
        session.add(
            AuthToken(
                token_hash=token_digest(token),
                user_id=user.id,
                expires_at=utcnow() + timedelta(hours=2),
            )
        )
    return token


def _busiest_division(url: str) -> tuple[int, list[int]]:
    """The division with the most counters, and its counters' ids."""
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT d.id, c.id FROM org_units d JOIN org_units u ON u.path LIKE d.path || '%%' "
            "JOIN locations l ON l.unit_id = u.id JOIN counters c ON c.location_id = l.id "
            "WHERE d.level = 'division'"
        ).fetchall()
    by_division: dict[int, list[int]] = {}
    for division, counter in rows:
        by_division.setdefault(division, []).append(counter)
    division = max(by_division, key=lambda d: len(by_division[d]))
    return division, by_division[division]


def _bare_ms(url: str, counter_ids: list[int], runs: int) -> list[float]:
    last = MONTH + timedelta(days=DAYS - 1)
    times = []
    with psycopg.connect(url) as conn:
        for _ in range(runs):
            started = time.perf_counter()
            conn.execute(BARE, (MONTH, last, counter_ids)).fetchall()
            times.append((time.perf_counter() - started) * 1000)
    return times


def reconcile_benchmarks(admin: str, *, quick: bool = False) -> list[Result]:
    receipts = QUICK_RECEIPTS if quick else FULL_RECEIPTS
    with pg.temporary_database(admin, f"trm_bench_recon_{os.getpid()}") as url:
        engine = make_engine(url)
        upgrade(engine)
        counters = _company(url)
        started = time.perf_counter()
        written, remittances = _load(url, counters, receipts)
        print(
            f"  {written:,} counter entries for {len(counters)} counters COPYed in "
            f"{time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
        matched_s = _statement(url, remittances)
        factory = make_session_factory(engine)
        with factory() as session:
            lines = session.scalar(select(BankStatement.lines_new))
        print(
            f"  statement of {lines:,} lines imported and auto-matched in {matched_s:.2f} s",
            file=sys.stderr,
        )
        principal = _principal(factory)
        month_s = []
        for _ in range(3):
            with psycopg.connect(url, autocommit=True) as conn:  # reconcile the month afresh
                conn.execute("TRUNCATE recon_day_totals, recon_watermarks")
            started = time.perf_counter()
            with factory() as session, session.begin():
                grid = service.grid(session, principal=principal, month=MONTH)
            month_s.append(time.perf_counter() - started)
        print(f"  month: {len(grid.cells):,} cells, {grid.status_counts}", file=sys.stderr)
        bare_month = [t / 1000 for t in _bare_ms(url, list(counters), 3)]
        division, division_counters = _busiest_division(url)
        bare_grid = _bare_ms(url, division_counters, 20)
        token = _auditor_token(factory)
        engine.dispose()
        with serve(url) as base, requests.Session() as http:
            http.headers["Authorization"] = f"Bearer {token}"
            params = {"month": MONTH.isoformat(), "unit_id": str(division)}
            for _ in range(3):
                http.get(
                    f"{base}/api/v1/reconciliation/grid", params=params, timeout=60
                ).raise_for_status()
            served = []
            for _ in range(20):
                started = time.perf_counter()
                answer = http.get(f"{base}/api/v1/reconciliation/grid", params=params, timeout=60)
                served.append((time.perf_counter() - started) * 1000)
                answer.raise_for_status()
            cells = len(answer.json()["cells"])
        print(
            f"  division {division}: {len(division_counters)} counters, {cells} cells",
            file=sys.stderr,
        )
    return [
        Result(
            "reconcile_month_s",
            round(statistics.median(month_s), 3),
            "s",
            "bare_group_by_month_s",
            round(statistics.median(bare_month), 3),
            goal="< 60 s",
        ),
        Result(
            "recon_grid_ms",
            round(statistics.median(served), 1),
            "ms",
            "bare_group_by_division_ms",
            round(statistics.median(bare_grid), 1),
            goal="< 300 ms",
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_reconcile", description=__doc__)
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_RECEIPTS:,} receipts")
    parser.add_argument("--pg-url", help="PostgreSQL admin URL")
    args = parser.parse_args(argv)
    admin = pg.admin_url(args.pg_url)
    results = reconcile_benchmarks(admin, quick=args.quick)
    for result in results:
        result.machine = f"{machine()}, {pg.server_version(admin)}"
    merge_into(results)
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
