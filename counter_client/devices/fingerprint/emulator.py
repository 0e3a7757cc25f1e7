"""A ZhianTec ZFM/R30x fingerprint sensor emulated on a pseudo-terminal, for tests and the demo.

It speaks the sensor's packet protocol (``EF 01``, address (4), type (1), length (2, payload + 2),
payload, checksum (2, the sum of type, length bytes and payload)) on the slave side of
``os.openpty()``, so `pyfingerprint` opens ``emulator.port`` as it would ``/dev/ttyUSB0`` and all of
its own code runs. Commands answered: verifyPassword, getSystemParameters, getTemplateCount,
getTemplateIndex, readImage, convertImage, createTemplate, compareCharacteristics,
uploadCharacteristics, downloadCharacteristics; anything else gets the sensor's error code 0x01.

Fingers are names. Each name maps to 512 bytes of characteristics derived from the name with
SHAKE-256; every imaging adds fresh noise (a few percent of the bytes changed), so two touches of
one finger differ slightly yet score high (about 220), while different fingers score near 0.
The score is half the number of equal bytes; below 50 the sensor reports "not matching" (0).

In a test::

    with SensorEmulator(password=0) as emulator:
        emulator.place_finger("ravi-right-index")      # rests on the sensor until lifted
        emulator.lift_finger()
        emulator.touch("ravi-right-index", times=2)    # touch, lift, touch (for enrolment)
        emulator.touch_each("ravi-right-index", "asha-right-index")
        emulator.go_silent()                           # the port stays, nothing answers
        emulator.unplug()                              # the pty is closed: the port fails

As a process (the demo)::

    python -m counter_client.devices.fingerprint.emulator [--password N] [--control PATH]

prints two lines and serves until killed: the pty path (the sensor's port), then the path of its
control socket (a Unix stream socket). Send one command per connection, a line of text, and read
the one-line reply ("ok" or "error: ..."): ``place NAME``, ``lift``, ``touch NAME [TIMES]``,
``silent``, ``answer``, ``unplug``. `send_control(path, command)` does exactly that.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import logging
import os
import random
import select
import signal
import socket
import socketserver
import sys
import tempfile
import threading
import tty
from collections import deque
from pathlib import Path
from types import TracebackType

__all__ = [
    "MATCH_FLOOR",
    "SensorEmulator",
    "finger_characteristics",
    "main",
    "score",
    "send_control",
]

log = logging.getLogger(__name__)

CHARACTERISTICS_BYTES = 512
MATCH_FLOOR = 50
"""Below this score the emulated sensor says "not matching", as the real one does."""

START = b"\xef\x01"
COMMAND, DATA, ACK, END_DATA = 0x01, 0x02, 0x07, 0x08
OK = 0x00
ERR_RECEIVE = 0x01
ERR_NO_FINGER = 0x02
ERR_NOT_MATCHING = 0x08
ERR_MISMATCH = 0x0A
ERR_DOWNLOAD = 0x0D
ERR_PACKET_FAIL = 0x0E
ERR_WRONG_PASSWORD = 0x13
ERR_INVALID_IMAGE = 0x15
ERR_VERIFY_PASSWORD_FIRST = 0x21
PACKET_SIZE_CODE = 2  # 128-byte data packets, as shipped
PACKET_SIZE = 32 << PACKET_SIZE_CODE


def finger_characteristics(name: str) -> bytes:
    """The noise-free characteristics of the finger called `name` (deterministic)."""
    return hashlib.shake_256(b"trm-emulated-finger:" + name.encode()).digest(CHARACTERISTICS_BYTES)


def score(first: bytes, second: bytes) -> int:
    """The emulated matcher: half the number of equal bytes at equal positions."""
    return sum(a == b for a, b in zip(first, second, strict=False)) // 2


def _packet(address: int, kind: int, payload: bytes) -> bytes:
    length = len(payload) + 2
    header = bytes([kind]) + length.to_bytes(2, "big")
    checksum = (sum(header) + sum(payload)) & 0xFFFF
    return START + address.to_bytes(4, "big") + header + payload + checksum.to_bytes(2, "big")


class SensorEmulator:
    """A ZFM/R30x sensor on a pty, served by a background thread until `close`."""

    def __init__(
        self,
        *,
        password: int = 0,
        address: int = 0xFFFFFFFF,
        noise: float = 0.06,
        seed: int | None = None,
    ) -> None:
        if not 0 <= noise < 0.5:
            raise ValueError("noise must be between 0 and 0.5")
        self.password = password
        self.address = address
        self.noise = noise
        self.commands: deque[int] = deque(maxlen=100_000)
        """The command codes received, in order (tests read it; the oldest go in a long run)."""
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._resting: str | None = None
        self._touches: deque[str | None] = deque()
        self._silent = False
        self._verified = password == 0
        self._image: bytes | None = None
        self._buffers: dict[int, bytes] = {1: bytes(512), 2: bytes(512)}
        self._upload_to: int | None = None
        self._upload: bytearray = bytearray()
        self._stop = threading.Event()
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)  # no echo, no CR/LF translation: the bytes pass as sent
        self.port = os.ttyname(self._slave)
        self._thread = threading.Thread(target=self._serve, name="zfm-emulator", daemon=True)
        self._thread.start()

    # -- the finger and the cable -------------------------------------------------------------

    def place_finger(self, name: str) -> None:
        """Rest the finger `name` on the sensor until `lift_finger`."""
        with self._lock:
            self._touches.clear()
            self._resting = name

    def lift_finger(self) -> None:
        """Take every finger off the sensor."""
        with self._lock:
            self._touches.clear()
            self._resting = None

    def touch(self, name: str, times: int = 1) -> None:
        """`times` separate touches of `name`: each is imaged once, then the finger is lifted."""
        if times < 1:
            raise ValueError("times must be at least 1")
        self.touch_each(*[name] * times)

    def touch_each(self, *names: str) -> None:
        """One touch of each finger in turn, lifted in between."""
        with self._lock:
            self._resting = None
            self._touches.clear()
            for index, name in enumerate(names):
                if index:
                    self._touches.append(None)
                self._touches.append(name)

    def go_silent(self) -> None:
        """Keep the port open but answer nothing (a sensor with no power)."""
        self._silent = True

    def answer_again(self) -> None:
        self._silent = False

    def unplug(self) -> None:
        """Close the pty: reads and writes on the sensor's port fail at once."""
        self._stop.set()
        self._thread.join(timeout=2)
        for fd in (self._master, self._slave):
            with contextlib.suppress(OSError):
                os.close(fd)

    def close(self) -> None:
        self.unplug()

    def __enter__(self) -> SensorEmulator:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- the wire -------------------------------------------------------------------------------

    def _serve(self) -> None:
        pending = bytearray()
        while not self._stop.is_set():
            try:
                ready, _, _ = select.select([self._master], [], [], 0.05)
                if not ready:
                    continue
                pending += os.read(self._master, 4096)
            except OSError:
                return
            for packet in self._take_packets(pending):
                if self._silent:
                    continue
                for reply in self._handle(*packet):
                    try:
                        os.write(self._master, reply)
                    except OSError:
                        return

    def _take_packets(self, pending: bytearray) -> list[tuple[int, int, bytes, bool]]:
        """Cut whole packets off `pending`: (address, type, payload, checksum good)."""
        packets: list[tuple[int, int, bytes, bool]] = []
        while True:
            start = pending.find(START)
            if start < 0:
                del pending[:-1]
                return packets
            del pending[:start]
            if len(pending) < 9:
                return packets
            length = int.from_bytes(pending[7:9], "big")
            if len(pending) < 9 + length:
                return packets
            address = int.from_bytes(pending[2:6], "big")
            kind = pending[6]
            payload = bytes(pending[9 : 7 + length])
            checksum = int.from_bytes(pending[7 + length : 9 + length], "big")
            good = checksum == (kind + pending[7] + pending[8] + sum(payload)) & 0xFFFF
            del pending[: 9 + length]
            packets.append((address, kind, payload, good))

    def _ack(self, code: int, extra: bytes = b"") -> bytes:
        return _packet(self.address, ACK, bytes([code]) + extra)

    def _handle(self, address: int, kind: int, payload: bytes, good: bool) -> list[bytes]:
        if address != self.address:
            return []  # another sensor's packet: the real one keeps quiet too
        if not good:
            return [self._ack(ERR_RECEIVE)]
        if kind in (DATA, END_DATA):
            return self._receive_upload(kind, payload)
        if kind != COMMAND or not payload:
            return [self._ack(ERR_RECEIVE)]
        command, args = payload[0], payload[1:]
        self.commands.append(command)
        if command == 0x13:
            return [self._verify_password(args)]
        if not self._verified:
            return [self._ack(ERR_VERIFY_PASSWORD_FIRST)]
        return self._command(command, args)

    def _verify_password(self, args: bytes) -> bytes:
        self._verified = int.from_bytes(args[:4], "big") == self.password
        return self._ack(OK if self._verified else ERR_WRONG_PASSWORD)

    def _command(self, command: int, args: bytes) -> list[bytes]:
        simple = {
            0x0F: self._system_parameters,
            0x1D: lambda _args: self._ack(OK, (0).to_bytes(2, "big")),
            0x1F: lambda _args: self._ack(OK, bytes(32)),
            0x01: self._read_image,
            0x02: self._convert_image,
            0x05: self._create_template,
            0x03: self._compare,
            0x09: self._start_upload,
        }
        if command in simple:
            return [simple[command](args)]
        if command == 0x08:
            return self._download(args)
        return [self._ack(ERR_RECEIVE)]

    def _system_parameters(self, _args: bytes) -> bytes:
        fields = (
            (0).to_bytes(2, "big")  # status register
            + (0).to_bytes(2, "big")  # system id
            + (1000).to_bytes(2, "big")  # template capacity
            + (3).to_bytes(2, "big")  # security level
            + self.address.to_bytes(4, "big")
            + PACKET_SIZE_CODE.to_bytes(2, "big")
            + (57600 // 9600).to_bytes(2, "big")
        )
        return self._ack(OK, fields)

    def _next_finger(self) -> str | None:
        with self._lock:
            if self._touches:
                return self._touches.popleft()
            return self._resting

    def _read_image(self, _args: bytes) -> bytes:
        name = self._next_finger()
        if name is None:
            return self._ack(ERR_NO_FINGER)
        image = bytearray(finger_characteristics(name))
        for position in self._rng.sample(range(len(image)), int(len(image) * self.noise)):
            image[position] = self._rng.randrange(256)
        self._image = bytes(image)
        return self._ack(OK)

    def _convert_image(self, args: bytes) -> bytes:
        buffer = args[0] if args else 0
        if buffer not in self._buffers:
            return self._ack(ERR_RECEIVE)
        if self._image is None:
            return self._ack(ERR_INVALID_IMAGE)
        self._buffers[buffer] = self._image
        return self._ack(OK)

    def _create_template(self, _args: bytes) -> bytes:
        first, second = self._buffers[1], self._buffers[2]
        if score(first, second) < MATCH_FLOOR:
            return self._ack(ERR_MISMATCH)
        # The second touch confirms the first; the first touch's characteristics are kept.
        self._buffers[2] = first
        return self._ack(OK)

    def _compare(self, _args: bytes) -> bytes:
        result = score(self._buffers[1], self._buffers[2])
        if result < MATCH_FLOOR:
            return self._ack(ERR_NOT_MATCHING)
        return self._ack(OK, result.to_bytes(2, "big"))

    def _start_upload(self, args: bytes) -> bytes:
        buffer = args[0] if args else 0
        if buffer not in self._buffers:
            return self._ack(ERR_PACKET_FAIL)
        self._upload_to, self._upload = buffer, bytearray()
        return self._ack(OK)

    def _receive_upload(self, kind: int, payload: bytes) -> list[bytes]:
        if self._upload_to is None:
            return [self._ack(ERR_RECEIVE)]
        self._upload += payload
        if kind == END_DATA:
            self._buffers[self._upload_to] = bytes(self._upload)
            self._upload_to = None
        return []  # the real sensor acknowledges only the command, not the data packets

    def _download(self, args: bytes) -> list[bytes]:
        buffer = args[0] if args else 0
        if buffer not in self._buffers:
            return [self._ack(ERR_DOWNLOAD)]
        data = self._buffers[buffer]
        chunks = [data[i : i + PACKET_SIZE] for i in range(0, len(data), PACKET_SIZE)] or [b""]
        replies = [self._ack(OK)]
        for index, chunk in enumerate(chunks):
            kind = END_DATA if index == len(chunks) - 1 else DATA
            replies.append(_packet(self.address, kind, chunk))
        return replies

    # -- the control socket (process mode) ------------------------------------------------------

    def control(self, line: str) -> str:
        """Apply one control command (see the module docstring); returns the reply line."""
        words = line.split()
        if not words:
            return "error: empty command"
        verb, rest = words[0], words[1:]
        if verb == "place" and len(rest) == 1:
            self.place_finger(rest[0])
        elif verb == "lift" and not rest:
            self.lift_finger()
        elif verb == "touch" and len(rest) in (1, 2):
            if len(rest) == 2 and not rest[1].isdigit():
                return "error: touch NAME [TIMES]: TIMES must be a number"
            self.touch(rest[0], int(rest[1]) if len(rest) == 2 else 1)
        elif verb == "silent" and not rest:
            self.go_silent()
        elif verb == "answer" and not rest:
            self.answer_again()
        elif verb == "unplug" and not rest:
            self.unplug()
        else:
            return f"error: unknown command {line.strip()!r}"
        return "ok"


def send_control(path: str | Path, command: str, timeout_s: float = 5.0) -> str:
    """Send one command to an emulator process's control socket; returns its reply."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(timeout_s)
        conn.connect(str(path))
        conn.sendall(command.encode() + b"\n")
        return conn.makefile("r", encoding="utf-8").readline().strip()


def _control_server(emulator: SensorEmulator, path: Path) -> socketserver.UnixStreamServer:
    class Handler(socketserver.StreamRequestHandler):
        def handle(self) -> None:
            line = self.rfile.readline().decode("utf-8", "replace")
            self.wfile.write(emulator.control(line).encode() + b"\n")

    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    return socketserver.ThreadingUnixStreamServer(str(path), Handler)


def main(argv: list[str] | None = None) -> int:
    """Serve an emulated sensor until killed; print its port and its control socket."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--password", type=lambda text: int(text, 0), default=0)
    parser.add_argument("--address", type=lambda text: int(text, 0), default=0xFFFFFFFF)
    parser.add_argument("--control", type=Path, default=None, help="control socket path")
    args = parser.parse_args(argv)
    control = args.control or Path(tempfile.mkdtemp(prefix="trm-sensor-")) / "control.sock"
    emulator = SensorEmulator(password=args.password, address=args.address)
    server = _control_server(emulator, control)
    signal.signal(signal.SIGTERM, lambda *_: server.shutdown())
    sys.stdout.write(f"{emulator.port}\n{control}\n")
    sys.stdout.flush()
    worker = threading.Thread(target=server.serve_forever, daemon=True)
    worker.start()
    try:
        worker.join()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        emulator.close()
        with contextlib.suppress(FileNotFoundError):
            control.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
