"""The printer emulator as a process (as the demo runs it), and the ESC/POS reader's limits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from counter_client.devices.printer import PrinterSettings, ReceiptPrinter
from counter_client.devices.printer.escpos_reader import (
    Cut,
    EscposParseError,
    FeedLines,
    QrCode,
    StatusQuery,
    TextLine,
    command_length,
    parse,
)
from tests.support.printing import COMPANY, make_receipt


def test_the_emulator_process_writes_each_job_as_bin_and_png(tmp_path: Path) -> None:
    out = tmp_path / "jobs"
    process = subprocess.Popen(
        [sys.executable, "-m", "counter_client.devices.printer.emulator", "--port", "0"]
        + ["--out", str(out), "--paper", "low"],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stderr is not None
        banner = process.stderr.readline()
        assert "printer emulator on 127.0.0.1:" in banner, banner
        port = int(banner.split("127.0.0.1:")[1].split(",")[0])
        printer = ReceiptPrinter(
            PrinterSettings.from_dict({"host": "127.0.0.1", "port": port, "timeout_s": 2})
        )
        assert printer.status().paper_low
        printer.print_receipt(make_receipt(), duplicate=False, language="kn", company=COMPANY)
        deadline = time.monotonic() + 10
        while not list(out.glob("*.png")) and time.monotonic() < deadline:
            time.sleep(0.05)
        [png] = list(out.glob("*.png"))
        [binary] = list(out.glob("*.bin"))
        assert png.stem == binary.stem
        assert parse(binary.read_bytes()).rasters
        with Image.open(png) as picture:
            assert picture.width == 512 + 16 and picture.height > 1000
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0


def test_the_reader_parses_what_python_escpos_sends_for_text_feed_qr_and_cut() -> None:
    from escpos.printer import Dummy

    printer = Dummy(profile="TM-T88V")
    printer.hw("INIT")
    printer.set(align="right", bold=True)
    printer.textln("Rs. 10.00")
    printer.print_and_feed(2)
    printer.qr("https://example/verify/X?h=00", native=True, size=6)
    printer.cut()
    job = parse(printer.output + b"\x10\x04\x01")
    assert job.initialised
    assert job.items == [
        TextLine("Rs. 10.00", bold=True, align="right", large=False),
        FeedLines(2),
        QrCode("https://example/verify/X?h=00", module_dots=6, error_correction="L"),
        FeedLines(6),
        Cut(partial=False),
        StatusQuery(1),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x1b@\x1bz\x01", "unknown command at byte 2: 1b 7a 01"),
        (b"\x1d\x99", "unknown command at byte 0"),
        (b"\x07", "unknown command at byte 0"),
        (b"\x1dv0\x00\x02\x00\x02\x00\xff", "ends inside a command"),
        (b"\x1b", "ends inside a command"),
    ],
)
def test_the_reader_refuses_what_it_does_not_know(data: bytes, message: str) -> None:
    with pytest.raises(EscposParseError, match=message):
        parse(data)


def test_command_length_waits_for_a_whole_command() -> None:
    raster = b"\x1dv0\x00\x01\x00\x02\x00" + b"\xff\x00"
    assert command_length(raster[:9], 0) == len(raster)  # known length, not all here yet
    assert command_length(b"\x10\x04", 0) is None
    assert command_length(b"\x10\x04\x04", 0) == 3
