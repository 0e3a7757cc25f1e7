"""`trm-counter`: the collection counter.

`trm-counter` opens the desktop app (first run: registration with the centre). Its folder is
per OS user; TRM_COUNTER_HOME overrides it. `trm-counter --headless script.json` runs a script
of receipts against the centre with no display and prints a JSON summary (script format:
`counter_client.headless`); that path never imports Qt.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys


def _headless(path: str) -> int:
    from counter_client.headless import HeadlessError, ScriptError, load_script, run_script

    try:
        script, base = load_script(path)
        summary = run_script(script, base)
    except ScriptError as exc:
        print(f"trm-counter: invalid script {exc}", file=sys.stderr)
        return 2
    except HeadlessError as exc:
        print(f"trm-counter: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    if summary["error"]:
        print(f"trm-counter: {summary['error']}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="trm-counter", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version="trm-counter 0.1.0")
    parser.add_argument(
        "--headless",
        metavar="SCRIPT",
        help="run a JSON script of receipts with no display and print a JSON summary",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s %(message)s")
    if args.headless:
        return _headless(args.headless)
    from counter_client.ui.app import run  # Qt only here: the headless path never loads it

    return run([sys.argv[0]])


if __name__ == "__main__":
    sys.exit(main())
