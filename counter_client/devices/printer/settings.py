"""Printer settings: how the counter reaches its receipt printer, and the paper it holds.

`PrinterSettings.from_dict(...)` reads the settings as saved by the registration screen (plain
JSON types); any bad value raises ValidationProblem naming the field ("printer.port", ...).
`open_connection(settings)` makes python-escpos's own connection object for them; nothing is
opened until the first write.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from enum import StrEnum
from typing import Any

from common.errors import ValidationProblem
from counter_client.devices.printer.errors import PrinterUnavailable

__all__ = [
    "PAPERS",
    "ConnectionKind",
    "Paper",
    "PrinterSettings",
    "open_connection",
]


class ConnectionKind(StrEnum):
    """How the printer is attached."""

    NETWORK = "network"  # raw TCP, port 9100 (the usual Ethernet receipt printer)
    USB = "usb"  # by USB vendor and product id (needs pyusb)
    SERIAL = "serial"  # RS-232 or a USB-serial adapter
    FILE = "file"  # a device node such as /dev/usb/lp0, or a plain file
    CUPS = "cups"  # a raw queue on CUPS (needs pycups)
    WIN32RAW = "win32raw"  # a Windows printer by name, raw (needs pywin32)


@dataclass(frozen=True)
class Paper:
    """A paper width and the python-escpos profile that describes a printer for it."""

    key: str
    width_mm: int
    dots: int  # printable dots across
    columns: int  # characters of Font A (12 dots) across
    escpos_profile: str
    native_qr: bool  # does the profile's printer draw QR codes itself (GS ( k)?


PAPERS: dict[str, Paper] = {
    # The default python-escpos profile has no width; these do.
    "58mm": Paper("58mm", 58, 384, 32, "POS-5890", native_qr=False),
    "80mm": Paper("80mm", 80, 512, 42, "TM-T88V", native_qr=True),
    "80mm-576": Paper("80mm-576", 80, 576, 48, "TM-T20II", native_qr=True),
}

_QR_MODES = ("auto", "native", "image")


@dataclass(frozen=True)
class PrinterSettings:
    """Where the receipt printer is and what paper it has; only `connection`'s fields matter."""

    connection: ConnectionKind = ConnectionKind.NETWORK
    host: str = ""
    port: int = 9100
    usb_vendor_id: int | None = None
    usb_product_id: int | None = None
    serial_port: str = ""
    baudrate: int = 9600
    device_path: str = ""
    printer_name: str = ""
    paper: str = "80mm"
    timeout_s: float = 3.0  # connect, write and status answer; a dead printer fails this fast
    qr: str = "auto"  # "native" (GS ( k), "image" (raster), or "auto" from the paper's profile

    @property
    def paper_spec(self) -> Paper:
        return PAPERS[self.paper]

    @property
    def native_qr(self) -> bool:
        return self.paper_spec.native_qr if self.qr == "auto" else self.qr == "native"

    @property
    def can_read(self) -> bool:
        """Whether the printer can answer status queries over this connection."""
        return self.connection is ConnectionKind.NETWORK

    def describe(self) -> str:
        """Where the printer is, in a few words for messages."""
        where = {
            ConnectionKind.NETWORK: f"{self.host}:{self.port}",
            ConnectionKind.USB: f"USB {self.usb_vendor_id or 0:04x}:{self.usb_product_id or 0:04x}",
            ConnectionKind.SERIAL: f"{self.serial_port} at {self.baudrate} baud",
            ConnectionKind.FILE: self.device_path,
            ConnectionKind.CUPS: f"CUPS queue {self.printer_name}",
            ConnectionKind.WIN32RAW: f"Windows printer {self.printer_name}",
        }[self.connection]
        return f"the {self.paper} printer at {where}"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types, as from_dict reads them."""
        data = asdict(self)
        data["connection"] = self.connection.value
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PrinterSettings:
        """Settings from saved JSON; ValidationProblem("printer.<field>", why) on bad input."""
        if not isinstance(data, Mapping):
            raise ValidationProblem("printer", "must be an object of printer settings")
        known = {f.name for f in fields(cls)}
        for key in data:
            if key not in known:
                raise ValidationProblem(f"printer.{key}", "is not a printer setting")
        kind = _connection(data.get("connection", ConnectionKind.NETWORK.value))
        settings = cls(
            connection=kind,
            host=_text(data, "host"),
            port=_integer(data, "port", 9100, 1, 65535),
            usb_vendor_id=_usb_id(data, "usb_vendor_id"),
            usb_product_id=_usb_id(data, "usb_product_id"),
            serial_port=_text(data, "serial_port"),
            baudrate=_integer(data, "baudrate", 9600, 1200, 921600),
            device_path=_text(data, "device_path"),
            printer_name=_text(data, "printer_name"),
            paper=_choice(data, "paper", "80mm", tuple(PAPERS)),
            timeout_s=_seconds(data, "timeout_s", 3.0),
            qr=_choice(data, "qr", "auto", _QR_MODES),
        )
        settings._check_required()
        return settings

    def _check_required(self) -> None:
        required = {
            ConnectionKind.NETWORK: ("host",),
            ConnectionKind.USB: ("usb_vendor_id", "usb_product_id"),
            ConnectionKind.SERIAL: ("serial_port",),
            ConnectionKind.FILE: ("device_path",),
            ConnectionKind.CUPS: ("printer_name",),
            ConnectionKind.WIN32RAW: ("printer_name",),
        }[self.connection]
        for name in required:
            if getattr(self, name) in ("", None):
                raise ValidationProblem(
                    f"printer.{name}", f"is required for a {self.connection.value} printer"
                )


def _connection(value: object) -> ConnectionKind:
    try:
        return ConnectionKind(str(value))
    except ValueError:
        choices = ", ".join(kind.value for kind in ConnectionKind)
        raise ValidationProblem(
            "printer.connection", f"must be one of {choices}, got {value!r}"
        ) from None


def _text(data: Mapping[str, Any], name: str) -> str:
    value = data.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationProblem(f"printer.{name}", f"must be text, got {value!r}")
    text = value.strip()
    if len(text) > 255 or any(ord(ch) < 32 for ch in text):
        raise ValidationProblem(f"printer.{name}", "must be one line of at most 255 characters")
    return text


def _integer(data: Mapping[str, Any], name: str, default: int, low: int, high: int) -> int:
    value = data.get(name, default)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationProblem(f"printer.{name}", f"must be a whole number, got {value!r}")
    if not low <= value <= high:
        raise ValidationProblem(f"printer.{name}", f"must be from {low} to {high}, got {value}")
    return value


def _usb_id(data: Mapping[str, Any], name: str) -> int | None:
    value = data.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = int(value.strip(), 16 if value.strip().lower().startswith("0x") else 10)
        except ValueError:
            raise ValidationProblem(
                f"printer.{name}", f"must be a USB id such as 0x04b8, got {value!r}"
            ) from None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 0xFFFF:
        raise ValidationProblem(f"printer.{name}", f"must be a USB id from 0 to 0xffff: {value!r}")
    return value


def _choice(data: Mapping[str, Any], name: str, default: str, choices: tuple[str, ...]) -> str:
    value = data.get(name, default)
    if value not in choices:
        raise ValidationProblem(
            f"printer.{name}", f"must be one of {', '.join(choices)}, got {value!r}"
        )
    return str(value)


def _seconds(data: Mapping[str, Any], name: str, default: float) -> float:
    value = data.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationProblem(f"printer.{name}", f"must be a number of seconds, got {value!r}")
    if not 0.1 <= value <= 60:
        raise ValidationProblem(f"printer.{name}", f"must be from 0.1 to 60 seconds, got {value}")
    return float(value)


def open_connection(settings: PrinterSettings) -> Any:
    """python-escpos's connection for these settings (an Escpos instance, not yet opened)."""
    from escpos import printer as escpos_printer

    profile = settings.paper_spec.escpos_profile
    kind = settings.connection
    makers: dict[ConnectionKind, Any] = {
        ConnectionKind.NETWORK: lambda: escpos_printer.Network(
            settings.host, settings.port, timeout=settings.timeout_s, profile=profile
        ),
        ConnectionKind.USB: lambda: escpos_printer.Usb(
            settings.usb_vendor_id,
            settings.usb_product_id,
            timeout=int(settings.timeout_s * 1000),  # pyusb counts milliseconds
            profile=profile,
        ),
        ConnectionKind.SERIAL: lambda: escpos_printer.Serial(
            settings.serial_port,
            baudrate=settings.baudrate,
            timeout=settings.timeout_s,
            profile=profile,
        ),
        ConnectionKind.FILE: lambda: escpos_printer.File(settings.device_path, profile=profile),
        ConnectionKind.CUPS: lambda: escpos_printer.CupsPrinter(
            settings.printer_name, profile=profile
        ),
        ConnectionKind.WIN32RAW: lambda: escpos_printer.Win32Raw(
            settings.printer_name, profile=profile
        ),
    }
    try:
        return makers[kind]()
    except RuntimeError as error:
        # python-escpos raises RuntimeError when the connection's own library is missing.
        raise PrinterUnavailable(
            f"{settings.describe()} cannot be used on this machine: {error}"
        ) from error
