"""`trm-admin bill-run`: its arguments, a progress line on the terminal, and the report."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from central_api.billing.run import CHUNK, RunReport, bill_run
from central_api.db import make_engine
from central_api.deps import Principal


def add_bill_run_parser(sub: Any) -> None:
    """The bill-run subcommand's options."""
    run = sub.add_parser(
        "bill-run", help="bill every consumer of a cycle not yet billed (safe to run again)"
    )
    run.add_argument("--cycle", required=True, help="billing cycle, YYYY-MM")
    run.add_argument("--subdivision", help="bill only this subdivision (its code)")
    run.add_argument("--chunk", type=int, default=CHUNK, help="consumers per transaction")
    run.add_argument(
        "--pause", type=float, default=0.0, help="seconds to rest between chunks (daytime runs)"
    )
    run.add_argument(
        "--synthesise-history",
        action="store_true",
        help="first give consumers with no meter history a synthetic one (demo data only)",
    )


class _Progress:
    """One line on stderr, redrawn: bills done, rate and time left."""

    def __init__(self) -> None:
        self.started = time.perf_counter()

    def __call__(self, done: int, total: int) -> None:
        spent = max(time.perf_counter() - self.started, 1e-6)
        rate = done / spent
        left = (total - done) / rate if rate else 0.0
        print(
            f"\r  consumers {done:>10,} / {total:,}  {rate:8,.0f}/s  about {left:5.0f} s left",
            end="",
            file=sys.stderr,
            flush=True,
        )


def _print_report(report: RunReport) -> None:
    print(
        f"bill run {report.cycle} for {report.scope}: {report.billed:,} billed "
        f"({report.from_readings:,} from readings, {report.estimated:,} estimated on the "
        f"average), {report.held_for_review:,} held for review, "
        f"{report.not_billable:,} not billable, in {report.seconds:.1f} s"
    )
    for problem in report.problems:
        print(f"  not billed: {problem}")


def bill_run_command(args: argparse.Namespace, database_url: str, principal: Principal) -> int:
    """Run the bill run from the command line; 0 when everyone billable was billed."""
    engine = make_engine(database_url)
    if args.synthesise_history:
        from central_api.billing.history import synthesise_history

        with engine.begin() as conn:
            made = synthesise_history(conn, cycle=args.cycle)
        print(f"synthetic meter history for {made:,} consumers", file=sys.stderr)
    report = bill_run(
        engine,
        cycle=args.cycle,
        principal=principal,
        subdivision=args.subdivision,
        chunk=max(1, args.chunk),
        pause=max(0.0, args.pause),
        progress=_Progress(),
    )
    print(file=sys.stderr)
    _print_report(report)
    engine.dispose()
    return 0
