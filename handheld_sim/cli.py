"""`trm-handheld`: a spot-billing handheld's day against the central service, simulated."""

from __future__ import annotations

import argparse
import json
import os
import sys

from handheld_sim.client import Client, Refused
from handheld_sim.day import reader_day


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="trm-handheld", description=__doc__)
    parser.add_argument("--url", required=True, help="the central service, e.g. https://host:8443")
    parser.add_argument("--ca", help="CA certificate to trust (default: the system's)")
    parser.add_argument("--device", required=True, help="the handheld's registered device code")
    parser.add_argument(
        "--secret-env",
        default="TRM_HANDHELD_SECRET",
        help="environment variable holding the device secret (default: TRM_HANDHELD_SECRET)",
    )
    parser.add_argument("--route", required=True, help="reading route code")
    parser.add_argument("--cycle", required=True, help="billing cycle, YYYY-MM")
    parser.add_argument("--exceptions", type=float, default=0.1, help="share of exceptional meters")
    parser.add_argument("--flaky", type=float, default=0.0, help="share of requests that fail")
    parser.add_argument("--batch", type=int, default=20, help="readings per upload")
    parser.add_argument(
        "--photos", type=float, default=0.1, help="share of normal reads photographed"
    )
    parser.add_argument("--limit", type=int, help="read at most this many consumers")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    secret = os.environ.get(args.secret_env)
    if not secret:
        print(f"error: set {args.secret_env} to the device's secret", file=sys.stderr)
        return 2
    for name in ("exceptions", "flaky", "photos"):
        if not 0 <= getattr(args, name) <= 1:
            print(f"error: --{name} is a share between 0 and 1", file=sys.stderr)
            return 2
    client = Client(args.url, ca_file=args.ca or True, flaky=args.flaky, seed=args.seed)
    try:
        client.sign_in(args.device, secret)
        summary = reader_day(
            client,
            route_code=args.route,
            cycle=args.cycle,
            exception_share=args.exceptions,
            batch_size=args.batch,
            photo_share=args.photos,
            seed=args.seed,
            limit=args.limit,
        )
    except Refused as refusal:
        print(f"error: the centre refused: {refusal}", file=sys.stderr)
        return 1
    except ConnectionError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(summary.as_dict(), indent=2, sort_keys=True))
    else:
        print("\n".join(summary.lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
