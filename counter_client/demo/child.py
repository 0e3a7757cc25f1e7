"""Run a module as the demo's child process, ending it when the demo process is gone.

    python -m counter_client.demo.child PARENT_PID MODULE [ARGS...]

runs MODULE as `python -m MODULE ARGS` would, and a watchdog thread sends SIGTERM to this
process as soon as PARENT_PID is no longer its parent (the demo was killed, even with SIGKILL),
then exits hard if the module has not stopped 5 s later. So no emulator or centre outlives the
demo and holds its port. The module is run, not imported by name here: the centre and the
counter stay separate programs.
"""

from __future__ import annotations

import os
import runpy
import signal
import sys
import threading
import time

CHECK_S = 0.3
GRACE_S = 5.0


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(CHECK_S)
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(GRACE_S)
    os._exit(1)


def main(argv: list[str]) -> None:
    if len(argv) < 2:
        raise SystemExit("usage: python -m counter_client.demo.child PARENT_PID MODULE [ARGS...]")
    parent, module = int(argv[0]), argv[1]
    if os.getppid() != parent:
        raise SystemExit(f"the demo process {parent} is already gone")
    threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True).start()
    sys.argv = [module, *argv[2:]]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
