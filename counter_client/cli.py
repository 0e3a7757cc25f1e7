"""`trm-counter`: the collection counter. The desktop screens arrive with the counter-app issue."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="trm-counter", description=__doc__)
    parser.add_argument("--version", action="version", version="trm-counter 0.1.0")
    parser.parse_args(argv)
    print(
        "trm-counter: the desktop app is not built yet; see the counter-app issue", file=sys.stderr
    )
    return 2


if __name__ == "__main__":
    sys.exit(main())
