"""The accounts workbench's grid page on PostgreSQL: one division, one month, as HTML.

`python -m bench.bench_web [--quick] [--pg-url URL]` runs it alone and merges it into
results.json; `web_benchmarks()` is what the runner calls.

The month is the reconciliation benchmark's own (bench.bench_reconcile: 78 locations' counters,
about 20 lakh receipts, or 2 lakh with --quick, COPYed into counter_entries, a statement
imported and auto-matched).

- recon_grid_page_ms: GET /web/grid?month=2026-11&unit=<division> for the division with the
  most counters, rendered by the central service under uvicorn for a signed-in auditor (the
  session cookie), median of 20. Baseline: the bare GROUP BY over that division's counters,
  as for recon_grid_ms; the JSON route's median for the same grid is printed beside it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

import requests

from bench import pg
from bench.bench_reconcile import (
    FULL_RECEIPTS,
    MONTH,
    QUICK_RECEIPTS,
    _auditor_token,
    _bare_ms,
    _busiest_division,
    _company,
    _load,
    _statement,
)
from bench.lookup_bench import serve
from bench.results import Result, machine, merge_into, table
from central_api.db import make_engine, make_session_factory
from central_api.migrate import upgrade
from central_api.org.models import OrgUnit
from central_api.web.session import SESSION_COOKIE

RUNS = 20


def _median_ms(http: requests.Session, url: str, params: dict[str, str]) -> tuple[float, str]:
    for _ in range(3):
        http.get(url, params=params, timeout=60).raise_for_status()
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        answer = http.get(url, params=params, timeout=60)
        times.append((time.perf_counter() - started) * 1000)
        answer.raise_for_status()
    return statistics.median(times), answer.text


def web_benchmarks(admin: str, *, quick: bool = False) -> list[Result]:
    receipts = QUICK_RECEIPTS if quick else FULL_RECEIPTS
    with pg.temporary_database(admin, f"trm_bench_web_{os.getpid()}") as url:
        engine = make_engine(url)
        upgrade(engine)
        counters = _company(url)
        _, remittances = _load(url, counters, receipts)
        _statement(url, remittances)
        factory = make_session_factory(engine)
        token = _auditor_token(factory)
        division, division_counters = _busiest_division(url)
        with factory() as session:
            unit = session.get(OrgUnit, division)
            assert unit is not None
            code = unit.code
        engine.dispose()
        bare = statistics.median(_bare_ms(url, division_counters, RUNS))
        with serve(url) as base, requests.Session() as http:
            http.headers["Cookie"] = f"{SESSION_COOKIE}={token}"
            http.headers["Authorization"] = f"Bearer {token}"
            page_ms, html = _median_ms(
                http, f"{base}/web/grid", {"month": MONTH.strftime("%Y-%m"), "unit": code}
            )
            json_ms, _ = _median_ms(
                http,
                f"{base}/api/v1/reconciliation/grid",
                {"month": MONTH.isoformat(), "unit_id": str(division)},
            )
        cells = html.count("data-status=")
        assert cells > 0, "the grid page showed no cells"
        print(
            f"  division {code}: {len(division_counters)} counters, {cells} cells; "
            f"page {page_ms:.1f} ms, JSON route {json_ms:.1f} ms, bare {bare:.1f} ms",
            file=sys.stderr,
        )
    return [
        Result(
            "recon_grid_page_ms",
            round(page_ms, 1),
            "ms",
            "bare_group_by_division_ms",
            round(bare, 1),
            goal="< 300 ms",
        )
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_web", description=__doc__)
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_RECEIPTS:,} receipts")
    parser.add_argument("--pg-url", help="PostgreSQL admin URL")
    args = parser.parse_args(argv)
    admin = pg.admin_url(args.pg_url)
    results = web_benchmarks(admin, quick=args.quick)
    for result in results:
        result.machine = f"{machine()}, {pg.server_version(admin)}"
    merge_into(results)
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
