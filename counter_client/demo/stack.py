"""What the demo counter talks to: the central service, the fingerprint sensor, the printer.

`DemoStack(folders, port=...)` starts all three as child processes (`start()`), can stop the
centre for real and start it again on the same port and database (`stop_centre`,
`start_centre`), and stops everything it started on `close()` (also on Ctrl-C and failures;
each child also ends by itself if the demo process dies, see `counter_client.demo.child`).
"""

from __future__ import annotations

import contextlib
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import TracebackType

import requests

from counter_client.demo.admin import CentreAdmin, read_credentials
from counter_client.demo.processes import (
    Child,
    DemoError,
    free_port,
    port_is_free,
    wait_until,
)

__all__ = ["DEFAULT_PORT", "DemoCounter", "DemoFolders", "DemoStack"]

DEFAULT_PORT = 8443
CENTRE_START_S = 300.0  # the first start seeds 20,000 consumers
DEVICE_START_S = 20.0


@dataclass(frozen=True)
class DemoFolders:
    """`base`/demo-centre keeps the centre between runs; `base`/demo-<time> is this run's."""

    base: Path
    run: Path

    @classmethod
    def under(cls, base: Path, now: datetime | None = None) -> DemoFolders:
        stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
        run = base / f"demo-{stamp}"
        suffix = 1
        while run.exists():
            suffix += 1
            run = base / f"demo-{stamp}-{suffix}"
        return cls(base=base.resolve(), run=run.resolve())

    @property
    def centre(self) -> Path:
        return self.base / "demo-centre"

    @property
    def counter_home(self) -> Path:
        return self.run / "counter"

    @property
    def receipts(self) -> Path:
        return self.run / "receipts"

    @property
    def logs(self) -> Path:
        return self.run / "logs"


@dataclass(frozen=True)
class DemoCounter:
    """The counter registered for this run and the people who use it."""

    home: Path
    counter_code: str
    cashier: str
    supervisor: str
    pin: str = field(repr=False)
    finger: str
    enrolled_now: bool


class DemoStack:
    """The centre, the sensor emulator and the printer emulator, as child processes."""

    def __init__(self, folders: DemoFolders, *, port: int = DEFAULT_PORT, consumers: int) -> None:
        self.folders = folders
        self.port = port if port and port_is_free(port) else free_port()
        self.consumers = consumers
        # A Unix socket's path must stay under ~100 bytes: the run folder if short enough.
        short = len(str(folders.run / "sensor.sock")) < 100
        self._socket_dir = folders.run if short else Path(tempfile.mkdtemp(prefix="trm-demo-"))
        self.centre = Child(
            "centre",
            "central_api.demo",
            ["--port", str(self.port), "--consumers", str(consumers)],
            folders.logs,
            env={  # the embedded default, whatever TRM_DATABASE_URL this shell may have
                "TRM_DATA_DIR": str(folders.centre),
                "TRM_DATABASE_URL": f"sqlite:///{folders.centre / 'trm-central.db'}",
            },
        )
        self.sensor = Child(
            "sensor",
            "counter_client.devices.fingerprint.emulator",
            ["--control", str(self._socket_dir / "sensor.sock")],
            folders.logs,
        )
        self.printer_port = free_port()
        self.printer = Child(
            "printer",
            "counter_client.devices.printer.emulator",
            ["--port", str(self.printer_port), "--out", str(folders.receipts)],
            folders.logs,
        )
        self.sensor_port = ""
        self.sensor_control = ""

    # -- the centre -----------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"https://localhost:{self.port}"

    @property
    def ca_file(self) -> str:
        return str(self.folders.centre / "tls" / "ca.pem")

    def credentials(self) -> dict[str, str]:
        return read_credentials(self.folders.centre / "demo-credentials.txt")

    def admin(self) -> CentreAdmin:
        """An admin session at the centre (sign out with `close()` or a with-block)."""
        known = self.credentials()
        return CentreAdmin(self.url, self.ca_file, known["admin"], known["password"])

    def _centre_up(self) -> bool:
        self.centre.check_alive()
        if not Path(self.ca_file).exists():
            return False
        try:
            answer = requests.get(f"{self.url}/api/v1/health", verify=self.ca_file, timeout=2)
        except requests.RequestException:
            return False
        return answer.ok

    def start_centre(self, timeout_s: float = CENTRE_START_S) -> None:
        """Start the central service (seeding it on the first run) and wait until it answers."""
        if not port_is_free(self.port):
            raise DemoError(f"port {self.port} is taken: something else serves there")
        self.centre.start()
        wait_until(self._centre_up, timeout_s=timeout_s, what=f"the centre at {self.url}")

    def stop_centre(self) -> None:
        """Stop the central service process (SIGTERM; SIGKILL if it does not go)."""
        self.centre.stop()

    # -- the devices ----------------------------------------------------------------------

    def _sensor_lines(self) -> list[str] | None:
        self.sensor.check_alive()
        lines = self.sensor.output_lines()
        return lines[:2] if len(lines) >= 2 else None

    def _printer_up(self) -> bool:
        self.printer.check_alive()
        return self.printer.log.exists() and "printer emulator on" in self.printer.log.read_text()

    def start_devices(self) -> None:
        self.sensor.start()
        self.printer.start()
        port, control = wait_until(
            self._sensor_lines, timeout_s=DEVICE_START_S, what="the fingerprint sensor emulator"
        )
        self.sensor_port, self.sensor_control = port, control
        wait_until(self._printer_up, timeout_s=DEVICE_START_S, what="the printer emulator")

    def sensor_says(self, command: str) -> None:
        """A control command to the sensor emulator, e.g. "touch NAME" or "place NAME"."""
        from counter_client.devices.fingerprint.emulator import send_control

        answer = send_control(self.sensor_control, command)
        if answer != "ok":
            raise DemoError(f"fingerprint sensor emulator: {command!r}: {answer}")

    def printed(self) -> list[Path]:
        """The receipt previews the printer emulator has written, in print order."""
        return sorted(self.folders.receipts.glob("job-*.png"))

    # -- all of it ------------------------------------------------------------------------

    def start(self) -> DemoStack:
        self.folders.run.mkdir(parents=True, exist_ok=True)
        try:
            self.start_devices()
            self.start_centre()
        except BaseException:
            self.close()
            raise
        return self

    def children(self) -> list[Child]:
        return [self.centre, self.sensor, self.printer]

    def close(self) -> None:
        """Stop every process this stack started."""
        for child in self.children():
            child.stop()
        with contextlib.suppress(OSError):
            (self._socket_dir / "sensor.sock").unlink(missing_ok=True)
            if self._socket_dir != self.folders.run:
                self._socket_dir.rmdir()

    def __enter__(self) -> DemoStack:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
