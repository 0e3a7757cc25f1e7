"""`python -m bench [--quick] [--pg-url URL]`: run the benchmarks and merge into results.json."""

from __future__ import annotations

import argparse
import os
import sys

from bench import pg
from bench.bench_app import app_benchmarks
from bench.bench_billing import billing_benchmarks
from bench.bench_counter import counter_benchmarks
from bench.bench_printer import printer_benchmarks
from bench.bench_reconcile import reconcile_benchmarks
from bench.bench_sync import sync_benchmarks
from bench.bench_web import web_benchmarks
from bench.lookup_bench import lookup_rr
from bench.results import RESULTS_FILE, Result, machine, merge_into, table
from bench.seed_bench import seed_postgresql, seed_sqlite

FULL_CONSUMERS = 21_50_000
QUICK_CONSUMERS = 2_00_000
LOOKUPS = 2_000
GROUPS = ("seed", "counter", "printer", "app", "sync", "billing", "reconcile", "web")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"seed {QUICK_CONSUMERS:,} consumers instead of {FULL_CONSUMERS:,}",
    )
    parser.add_argument(
        "--pg-url",
        help="PostgreSQL admin URL (default: TRM_BENCH_PG_URL or "
        f"{pg.DEFAULT_ADMIN_URL}); the benchmark makes and drops its own database",
    )
    parser.add_argument("--consumers", type=int, help="seed this many instead (overrides --quick)")
    parser.add_argument("--no-pg", action="store_true", help="only the SQLite benchmark")
    parser.add_argument(
        "--only",
        metavar="GROUPS",
        help=f"comma-separated groups to run, of {','.join(GROUPS)} (default: all); "
        "the others keep their figures in results.json",
    )
    args = parser.parse_args(argv)
    groups = set(GROUPS if not args.only else args.only.split(","))
    unknown = groups - set(GROUPS)
    if unknown:
        parser.error(f"--only: unknown group(s) {sorted(unknown)}; choose from {list(GROUPS)}")
    consumers = args.consumers or (QUICK_CONSUMERS if args.quick else FULL_CONSUMERS)
    admin = pg.admin_url(args.pg_url)
    results: list[Result] = []

    if "seed" in groups:
        print("seed_sqlite_20k_s: 3 runs of 20,000 consumers into SQLite ...", file=sys.stderr)
        results.append(seed_sqlite())
    if not args.no_pg and "seed" in groups:
        host = f"{machine()}, {pg.server_version(admin)}"
        print(
            f"PostgreSQL at {pg.redact(admin)}: seeding {consumers:,} consumers ...",
            file=sys.stderr,
        )
        with pg.temporary_database(admin, f"trm_bench_{os.getpid()}") as url:
            seeded, report = seed_postgresql(url, consumers)
            phases = ", ".join(f"{name} {secs:.1f}s" for name, secs in report.phases.items())
            print(f"  seed phases: {phases}", file=sys.stderr)
            print(
                f"lookups by RR number: {LOOKUPS:,} through the service and bare SELECT ...",
                file=sys.stderr,
            )
            looked = lookup_rr(url, report, LOOKUPS)
        for result in seeded + looked:
            result.machine = host
        results += seeded + looked
    full = consumers == FULL_CONSUMERS
    if "counter" in groups:
        print("counter: receipt commits and cache lookups ...", file=sys.stderr)
        results += counter_benchmarks(quick=args.quick)
    if "printer" in groups:
        print("printer: save to print on the port-9100 emulator ...", file=sys.stderr)
        results += printer_benchmarks(quick=args.quick)
    if "app" in groups:
        print("app: cold start, search keystroke, F9 to the printer ...", file=sys.stderr)
        results += app_benchmarks(quick=args.quick)
    if not args.no_pg and "sync" in groups:
        print("sync: pull, push and the centre's ingest ...", file=sys.stderr)
        results += sync_benchmarks(admin, quick=args.quick)
    if "billing" in groups:
        results += billing_benchmarks(None if args.no_pg else admin, consumers, full)
    if not args.no_pg and "reconcile" in groups:
        print(
            "reconciliation: a month of 78 locations, the grid of a division ...", file=sys.stderr
        )
        results += reconcile_benchmarks(admin, quick=args.quick)
    if not args.no_pg and "web" in groups:
        print("workbench: the grid page of a division, as HTML ...", file=sys.stderr)
        results += web_benchmarks(admin, quick=args.quick)
    merge_into(results)
    print(table(results))
    print(f"\nwritten to {RESULTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
