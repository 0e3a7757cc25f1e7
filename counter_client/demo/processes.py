"""Child processes of the demo: started through `counter_client.demo.child`, stopped for sure."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

__all__ = ["Child", "DemoError", "free_port", "port_is_free", "wait_until"]

T = TypeVar("T")


class DemoError(Exception):
    """The demo could not go on; the message says what and where to look."""


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """Nothing listens there (a closed connection's TIME_WAIT does not count, as for a server)."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def wait_until(
    check: Callable[[], T | None], *, timeout_s: float, what: str, poll_s: float = 0.1
) -> T:
    """Call `check` until it returns something other than None/False; DemoError on timeout."""
    deadline = time.monotonic() + timeout_s
    while True:
        result = check()
        if result is not None and result is not False:
            return result
        if time.monotonic() > deadline:
            raise DemoError(f"timed out after {timeout_s:.0f} s waiting for {what}")
        time.sleep(poll_s)


class Child:
    """`python -m MODULE ARGS` as a child of this process; its output goes to files."""

    def __init__(
        self,
        name: str,
        module: str,
        args: list[str],
        logs: Path,
        *,
        env: dict[str, str] | None = None,
    ) -> None:
        self.name = name
        self.module = module
        self.args = args
        self.log = logs / f"{name}.log"
        self.out = logs / f"{name}.out"
        self.env = env or {}
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    def start(self) -> Child:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "counter_client.demo.child", str(os.getpid())]
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **self.env}
        with self.log.open("ab") as log, self.out.open("ab") as out:
            self.process = subprocess.Popen(
                [*command, self.module, *self.args],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=log,
                env=env,
            )
        return self

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def check_alive(self) -> None:
        """Raise DemoError with the end of its log when the process has exited."""
        if self.process is not None and self.process.poll() is not None:
            tail = self.log.read_text(errors="replace")[-1500:] if self.log.exists() else ""
            raise DemoError(
                f"the {self.name} stopped (exit status {self.process.returncode}); "
                f"its log {self.log} ends:\n{tail}"
            )

    def output_lines(self) -> list[str]:
        """What it has printed to stdout so far, line by line (complete lines only)."""
        if not self.out.exists():
            return []
        text = self.out.read_text(errors="replace")
        return text.split("\n")[:-1]

    def stop(self, timeout_s: float = 10.0) -> None:
        """SIGTERM, then SIGKILL if it has not gone after `timeout_s`; waits for it."""
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
