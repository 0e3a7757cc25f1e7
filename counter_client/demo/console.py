"""What the demo tells the person running it, and how Ctrl-C reaches the scripted flow."""

from __future__ import annotations

import signal
import threading
import time
from types import FrameType

__all__ = ["INTERRUPTED", "catch_interrupts", "say"]

_STARTED = time.monotonic()

INTERRUPTED = threading.Event()
"""Set by Ctrl-C or SIGTERM. Qt swallows an exception raised inside a slot, so the scripted
flow also checks this flag while it waits."""


def say(text: str) -> None:
    """One line for the person running the demo, with the seconds since it started."""
    elapsed = time.monotonic() - _STARTED
    print(f"demo [{elapsed:5.1f} s] {text}", flush=True)  # noqa: T201


def _interrupt(_number: int, _frame: FrameType | None) -> None:
    INTERRUPTED.set()
    raise KeyboardInterrupt


def catch_interrupts() -> None:
    """Ctrl-C and SIGTERM raise KeyboardInterrupt and set INTERRUPTED (call on the main thread)."""
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, _interrupt)
