"""Printer settings from saved JSON: good input parses, bad input names the field and why."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from common.errors import ValidationProblem
from counter_client.devices.printer import (
    PAPERS,
    CompanyHeader,
    ConnectionKind,
    PrinterSettings,
    PrinterUnavailable,
    open_connection,
)


def test_network_settings_parse_with_defaults_and_round_trip() -> None:
    settings = PrinterSettings.from_dict({"connection": "network", "host": "10.1.2.3"})
    assert settings.connection is ConnectionKind.NETWORK
    assert (settings.host, settings.port, settings.paper) == ("10.1.2.3", 9100, "80mm")
    assert PrinterSettings.from_dict(settings.to_dict()) == settings


def test_usb_ids_are_read_as_hex_or_decimal() -> None:
    settings = PrinterSettings.from_dict(
        {"connection": "usb", "usb_vendor_id": "0x04b8", "usb_product_id": 3605, "paper": "58mm"}
    )
    assert (settings.usb_vendor_id, settings.usb_product_id) == (0x04B8, 3605)
    assert settings.paper_spec.dots == 384


@pytest.mark.parametrize(
    ("data", "field", "reason"),
    [
        ({"connection": "bluetooth"}, "printer.connection", "must be one of"),
        ({"connection": "network"}, "printer.host", "required for a network printer"),
        ({"host": "p", "port": 70000}, "printer.port", "from 1 to 65535"),
        ({"host": "p", "port": "ninety"}, "printer.port", "whole number"),
        ({"host": "p", "port": True}, "printer.port", "whole number"),
        ({"host": "p", "paper": "110mm"}, "printer.paper", "58mm, 80mm"),
        ({"host": "p", "timeout_s": 0}, "printer.timeout_s", "0.1 to 60"),
        ({"host": "p", "timeout_s": "3"}, "printer.timeout_s", "number of seconds"),
        ({"host": "p", "qr": "barcode"}, "printer.qr", "native"),
        ({"host": "p", "colour": "red"}, "printer.colour", "not a printer setting"),
        ({"host": 42}, "printer.host", "must be text"),
        ({"host": "a\nb"}, "printer.host", "one line"),
        ({"connection": "usb", "usb_vendor_id": "0x4b8"}, "printer.usb_product_id", "required"),
        ({"connection": "usb", "usb_vendor_id": "epson"}, "printer.usb_vendor_id", "USB id"),
        ({"connection": "usb", "usb_vendor_id": 0x10000}, "printer.usb_vendor_id", "0xffff"),
        ({"connection": "serial"}, "printer.serial_port", "required for a serial printer"),
        ({"connection": "serial", "serial_port": "COM3", "baudrate": 300}, "printer.baudrate", ""),
        ({"connection": "file"}, "printer.device_path", "required"),
        ({"connection": "cups"}, "printer.printer_name", "required"),
        ({"connection": "win32raw"}, "printer.printer_name", "required"),
    ],
)
def test_bad_settings_name_the_field_and_the_reason(
    data: dict[str, Any], field: str, reason: str
) -> None:
    with pytest.raises(ValidationProblem) as raised:
        PrinterSettings.from_dict(data)
    assert raised.value.field == field
    assert reason in raised.value.reason


def test_settings_that_are_not_an_object_are_refused() -> None:
    with pytest.raises(ValidationProblem) as raised:
        PrinterSettings.from_dict(["network"])  # type: ignore[arg-type]
    assert raised.value.field == "printer"


def test_every_paper_has_a_profile_with_a_width() -> None:
    from escpos.printer import Dummy

    for paper in PAPERS.values():
        profile = Dummy(profile=paper.escpos_profile).profile.profile_data
        assert int(profile["media"]["width"]["pixels"]) == paper.dots
        assert paper.columns * 12 <= paper.dots


def test_connections_are_python_escpos_own_classes(tmp_path: Any) -> None:
    from escpos.printer import File, Network, Serial

    def made(**data: Any) -> object:
        return open_connection(PrinterSettings.from_dict(data))

    network = made(host="127.0.0.1", port=9101, timeout_s=1.5)
    assert isinstance(network, Network)
    assert (network.host, network.port, network.timeout) == ("127.0.0.1", 9101, 1.5)
    serial = made(connection="serial", serial_port="/dev/ttyUSB0", baudrate=19200)
    assert isinstance(serial, Serial) and serial.baudrate == 19200
    node = made(connection="file", device_path=str(tmp_path / "lp0"))
    assert isinstance(node, File)


def test_a_connection_whose_library_is_missing_is_unavailable_not_a_crash() -> None:
    from escpos.printer import CupsPrinter

    if CupsPrinter.is_usable():
        pytest.skip("pycups is installed here")
    with pytest.raises(PrinterUnavailable, match="CUPS queue receipts"):
        open_connection(
            PrinterSettings.from_dict({"connection": "cups", "printer_name": "receipts"})
        )


def test_escpos_gets_a_cache_folder_and_leaves_no_temp_folder_or_log_handler(
    tmp_path: Path,
) -> None:
    home, temp = tmp_path / "home", tmp_path / "tmp"
    temp.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "ESCPOS_CAPABILITIES_PICKLE_DIR"}
    env.update(HOME=str(home), XDG_CACHE_HOME="", TMPDIR=str(temp))
    script = (
        "import logging, os, escpos.capabilities as c; "
        "print(c.pickle_dir, len(logging.getLogger().handlers))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", "import counter_client.devices.printer; " + script],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    cache = home / ".cache" / "trm" / "escpos"
    assert shown == [str(cache), "0"]
    assert list(cache.glob("*.capabilities.pickle"))
    assert list(temp.iterdir()) == []


def test_the_company_header_reads_from_settings_and_names_bad_fields() -> None:
    header = CompanyHeader.from_dict(
        {
            "name": "CESC Mysore",
            "office": "Counter 1, Kuvempunagar",
            "portal_base_url": "https://portal.example",
            "name_kn": "ಸೆಸ್ಕ್ ಮೈಸೂರು",
        }
    )
    assert (header.name_kn, header.office_kn) == ("ಸೆಸ್ಕ್ ಮೈಸೂರು", None)
    good = {"name": "A", "office": "B", "portal_base_url": "https://p"}
    for bad, field in [
        ({**good, "name": ""}, "company.name"),
        ({**good, "portal_base_url": "ftp://p"}, "company.portal_base_url"),
        ({**good, "office": "two\nlines"}, "company.office"),
        ({**good, "logo": "x.png"}, "company.logo"),
    ]:
        with pytest.raises(ValidationProblem) as raised:
            CompanyHeader.from_dict(bad)
        assert raised.value.field == field
