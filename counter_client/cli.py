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
import os
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


def _no_display() -> bool:
    """True on a Linux box with no display, where Qt would abort the whole process."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


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
    if _no_display():
        print(
            "trm-counter: no display to open the app on (DISPLAY and WAYLAND_DISPLAY are unset); "
            "run it in the desktop session, or use --headless SCRIPT",
            file=sys.stderr,
        )
        return 2
    from counter_client.ui.app import run  # Qt only here: the headless path never loads it

    return run([sys.argv[0]])


if __name__ == "__main__":
    sys.exit(main())
