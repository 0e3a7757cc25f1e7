"""A network receipt printer on a loopback port, for tests, benchmarks and the demo.

It accepts connections as a port-9100 ESC/POS printer does, keeps every connection's bytes as
one job, answers real-time status requests (DLE EOT n) at command boundaries from its
settings (online, paper low, paper out), and can be unplugged (connections reset, new ones
refused), replugged, cut off part-way through the next job, or made to hang (take the bytes,
never answer). Each job records when its last byte arrived (time.perf_counter).

    python -m counter_client.devices.printer.emulator --port 9100 --out DIR

runs it as a process, writing each printed job as job-NNNN.bin and job-NNNN.png.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import socket
import struct
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from types import TracebackType

from counter_client.devices.printer.escpos_reader import (
    EscposParseError,
    ParsedJob,
    command_length,
    parse,
)

__all__ = ["PaperState", "PrinterEmulator", "ReceivedJob", "main"]

_POLL_S = 0.05  # how often idle threads look at their stop flags; data never waits for it
_FIXED_BITS = 0x12  # bits 1 and 4 are always set in a status byte


class PaperState(StrEnum):
    OK = "ok"
    LOW = "low"  # the near-end sensor sees the roll running out
    OUT = "out"


@dataclass
class ReceivedJob:
    """The bytes of one connection, and when they came."""

    number: int
    started_at: float
    data: bytearray = field(default_factory=bytearray)
    last_byte_at: float | None = None
    finished: bool = False  # the sender closed the connection
    cut_off: bool = False  # the emulator reset the connection (unplugged)
    status_answers: int = 0

    def parsed(self) -> ParsedJob:
        return parse(bytes(self.data))


class PrinterEmulator:
    """A port-9100 printer. Use as a context manager, or start() and stop()."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        on_job: Callable[[ReceivedJob], None] | None = None,
    ) -> None:
        self.host = host
        self.port = port
        self.online = True
        self.paper = PaperState.OK
        self.hanging = False
        self._on_job = on_job
        self._cut_off_after: int | None = None
        self._listener: socket.socket | None = None
        self._stopping = threading.Event()
        self._unplugged = threading.Event()
        self._changed = threading.Condition()
        self._jobs: list[ReceivedJob] = []
        self._threads: list[threading.Thread] = []

    # -- control --------------------------------------------------------------------------

    def start(self) -> PrinterEmulator:
        self._stopping.clear()
        self._listen()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._unplugged.set()
        self._close_listener()
        for thread in list(self._threads):
            thread.join(timeout=2)

    def __enter__(self) -> PrinterEmulator:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def unplug(self) -> None:
        """Reset every open connection and refuse new ones, as a pulled cable does."""
        self._unplugged.set()
        self._close_listener()
        for thread in [t for t in self._threads if t.name.startswith("printer-job")]:
            thread.join(timeout=2)

    def replug(self) -> None:
        """Take connections again on the same port."""
        self._unplugged.clear()
        self._listen()

    def cut_off_after(self, byte_count: int | None) -> None:
        """Reset the first connection to send this many bytes, there (None: never).

        Status polls (a few bytes each) pass untouched; the job that reaches the count is
        cut off and the setting clears.
        """
        with self._changed:
            self._cut_off_after = byte_count

    def _take_cut_off(self, received: int) -> int | None:
        """The cut-off point if a connection that has `received` bytes reaches it (then clear)."""
        with self._changed:
            limit = self._cut_off_after
            if limit is None or received < limit:
                return None
            self._cut_off_after = None
            return limit

    @property
    def jobs(self) -> list[ReceivedJob]:
        with self._changed:
            return list(self._jobs)

    def printed_jobs(self) -> list[ReceivedJob]:
        """Jobs that printed something (not status polls)."""
        return [job for job in self.jobs if _prints(job)]

    def wait_for_jobs(self, count: int, timeout: float = 5.0) -> list[ReceivedJob]:
        """Wait until `count` connections have ended (closed or cut off); return all jobs."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while sum(job.finished or job.cut_off for job in self._jobs) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"the printer emulator did not get {count} jobs in time")
                self._changed.wait(left)
            return list(self._jobs)

    # -- inside ---------------------------------------------------------------------------

    def _listen(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((self.host, self.port))
        listener.listen(8)
        listener.settimeout(_POLL_S)
        self.port = listener.getsockname()[1]
        self._listener = listener
        thread = threading.Thread(target=self._accept, args=(listener,), name="printer-accept")
        thread.daemon = True
        self._threads.append(thread)
        thread.start()

    def _close_listener(self) -> None:
        listener, self._listener = self._listener, None
        if listener is None:
            return
        # shutdown() wakes the accept() in progress (close() alone would leave the kernel
        # socket open, and taking connections, until accept() timed out).
        with contextlib.suppress(OSError):
            listener.shutdown(socket.SHUT_RDWR)
        listener.close()
        for thread in [t for t in self._threads if t.name == "printer-accept"]:
            if thread is not threading.current_thread():
                thread.join(timeout=2)

    def _accept(self, listener: socket.socket) -> None:
        while not self._stopping.is_set() and self._listener is listener:
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # closed by unplug() or stop()
            with self._changed:
                job = ReceivedJob(number=len(self._jobs) + 1, started_at=time.perf_counter())
                self._jobs.append(job)
            self._threads = [t for t in self._threads if t.is_alive()]
            name = f"printer-job-{job.number}"
            thread = threading.Thread(target=self._serve, args=(conn, job), name=name)
            thread.daemon = True
            self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket, job: ReceivedJob) -> None:
        conn.settimeout(_POLL_S)
        pending = b""
        interpreting = True
        try:
            while True:
                if self._unplugged.is_set():
                    _reset(conn)
                    self._end(job, cut_off=True)
                    return
                try:
                    chunk = conn.recv(65536)
                except TimeoutError:
                    continue
                except OSError:
                    break
                if not chunk:
                    break
                cut_off = self._take_cut_off(len(job.data) + len(chunk))
                if cut_off is not None:
                    # The power goes here: what came after this byte was never taken in.
                    job.data += chunk[: cut_off - len(job.data)]
                    job.last_byte_at = time.perf_counter()
                    _reset(conn)
                    self._end(job, cut_off=True)
                    return
                job.data += chunk
                job.last_byte_at = time.perf_counter()
                if interpreting and not self.hanging:
                    pending += chunk
                    try:
                        pending = self._answer(conn, job, pending)
                    except EscposParseError:
                        interpreting = False  # keep the bytes; the reader will say what is wrong
        finally:
            conn.close()
        self._end(job, cut_off=False)

    def _answer(self, conn: socket.socket, job: ReceivedJob, pending: bytes) -> bytes:
        pos = 0
        while pos < len(pending):
            length = command_length(pending, pos)
            if length is None or pos + length > len(pending):
                break
            if pending[pos] == 0x10:
                conn.sendall(bytes([self._status_byte(pending[pos + 2])]))
                job.status_answers += 1
            pos += length
        return pending[pos:]

    def _status_byte(self, n: int) -> int:
        paper_out = self.paper is PaperState.OUT
        if n == 1:  # printer: bit 3 set when offline
            return _FIXED_BITS | (0x08 if paper_out or not self.online else 0)
        if n == 2:  # offline cause: bit 5 set when printing stopped for paper end
            return _FIXED_BITS | (0x20 if paper_out else 0)
        if n == 4:  # paper sensors: bits 2-3 near end, bits 5-6 paper end
            near_end = 0x0C if self.paper is not PaperState.OK else 0
            return _FIXED_BITS | near_end | (0x60 if paper_out else 0)
        return _FIXED_BITS

    def _end(self, job: ReceivedJob, *, cut_off: bool) -> None:
        with self._changed:
            if job.finished or job.cut_off:
                return
            job.cut_off = cut_off
            job.finished = not cut_off
            self._changed.notify_all()
        if self._on_job is not None:
            self._on_job(job)


def _reset(conn: socket.socket) -> None:
    """Close with a TCP reset (linger 0), as a printer that lost power looks to the sender."""
    with contextlib.suppress(OSError):
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


def _prints(job: ReceivedJob) -> bool:
    try:
        return job.parsed().prints_anything
    except EscposParseError:
        return True  # unreadable bytes are still a job someone sent


def _save(out_dir: Path, width: int | None) -> Callable[[ReceivedJob], None]:
    def save(job: ReceivedJob) -> None:
        if not _prints(job):
            return
        stem = out_dir / f"job-{job.number:04d}"
        # Each file appears whole (written aside, then renamed): a watcher never reads half.
        partial = stem.with_suffix(".part")
        partial.write_bytes(bytes(job.data))
        partial.replace(stem.with_suffix(".bin"))
        try:
            job.parsed().render(width).save(partial, format="PNG")
            partial.replace(stem.with_suffix(".png"))
            what = "printed"
        except EscposParseError as error:
            what = f"unreadable ({error})"
        sys.stderr.write(f"printer emulator: job {job.number}, {len(job.data)} bytes, {what}\n")

    return save


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m counter_client.devices.printer.emulator", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9100)
    parser.add_argument("--out", type=Path, required=True, help="folder for job-NNNN.bin/.png")
    parser.add_argument("--width", type=int, help="paper width in dots for the PNGs")
    parser.add_argument("--paper", choices=[state.value for state in PaperState], default="ok")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    emulator = PrinterEmulator(args.host, args.port, on_job=_save(args.out, args.width))
    emulator.paper = PaperState(args.paper)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    with emulator:
        sys.stderr.write(f"printer emulator on {args.host}:{emulator.port}, jobs to {args.out}\n")
        sys.stderr.flush()
        try:
            while not done.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
