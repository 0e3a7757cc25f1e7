"""First run: register this counter with the centre and keep the device secret in the keyring.

The administrator types their credential (used once, never saved), the centre's URLs (primary
and DR), the CA bundle, the counter code, and the printer and sensor settings. A problem is
shown beside the field it names; nothing is saved until the centre has registered the device.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from common.errors import ValidationProblem
from counter_client.ui.home import CounterSettings, SensorChoice
from counter_client.ui.messages import describe
from counter_client.ui.ops import Lane, Ops

if TYPE_CHECKING:
    from counter_client.ui.services import RegistrationRequest

__all__ = ["RegistrationPage"]

_PRINTER_KINDS = ("none", "network", "usb", "serial", "file", "cups", "win32raw")


class RegistrationPage(QWidget):
    """Emits `registered(CounterSettings)` once the centre has registered this counter."""

    registered = Signal(object)

    def __init__(self, ops: Ops, home: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registration_page")
        self._ops = ops
        self._home = home
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.fields: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        line = self._line
        line("admin_username")
        line("admin_password").setEchoMode(QLineEdit.EchoMode.Password)
        line("primary_url").setPlaceholderText("https://centre.cesc.example:8443")
        line("dr_url").setPlaceholderText("https://dr.cesc.example:8443")
        line("ca_file").setPlaceholderText("/etc/trm/ca.pem")
        line("counter_code").setPlaceholderText("MYS001-1")
        line("device_code").setPlaceholderText("PC-MYS001-1")
        line("location_code")
        kind = QComboBox(self)
        for name in _PRINTER_KINDS:
            kind.addItem(name, name)
        self._add("printer.connection", kind)
        line("printer.target").setPlaceholderText("192.168.1.50 · /dev/usb/lp0 · COM3")
        paper = QComboBox(self)
        for name in ("80mm", "58mm", "80mm-576"):
            paper.addItem(name, name)
        self._add("printer.paper", paper)
        line("sensor.port").setPlaceholderText("/dev/ttyUSB0 · COM4")
        threshold = QSpinBox(self)
        threshold.setRange(1, 300)
        threshold.setValue(60)
        self._add("sensor.score_threshold", threshold)
        self.submit = QPushButton(self)
        self.submit.setObjectName("register")
        self.submit.clicked.connect(self.register)
        self.message = QLabel(self)
        self.message.setObjectName("registration_message")
        self.message.setWordWrap(True)
        grid = QGridLayout()
        for row, name in enumerate(self.fields):
            grid.addWidget(self.labels[name], row * 2, 0)
            grid.addWidget(self.fields[name], row * 2, 1)
            grid.addWidget(self.errors[name], row * 2 + 1, 1)
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addLayout(grid)
        box.addWidget(self.submit)
        box.addWidget(self.message)
        box.addStretch(1)
        self.retranslate_ui()

    def _line(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        self._add(name, edit)
        edit.returnPressed.connect(self.register)
        return edit

    def _add(self, name: str, widget: QWidget) -> None:
        widget.setObjectName(name.replace(".", "_"))
        self.fields[name] = widget
        self.labels[name] = QLabel(self)
        self.labels[name].setBuddy(widget)
        error = QLabel(self)
        error.setObjectName("error_" + name.replace(".", "_"))
        error.setStyleSheet("color: #b71c1c;")
        error.setVisible(False)
        self.errors[name] = error

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Register this counter with the centre"))
        texts = {
            "admin_username": self.tr("Administrator user name"),
            "admin_password": self.tr("Administrator password"),
            "primary_url": self.tr("Centre URL (primary)"),
            "dr_url": self.tr("Centre URL (disaster recovery)"),
            "ca_file": self.tr("CA bundle file"),
            "counter_code": self.tr("Counter code"),
            "device_code": self.tr("Device code"),
            "location_code": self.tr("Location code (optional)"),
            "printer.connection": self.tr("Printer connection"),
            "printer.target": self.tr("Printer address, port or name"),
            "printer.paper": self.tr("Paper"),
            "sensor.port": self.tr("Fingerprint sensor port"),
            "sensor.score_threshold": self.tr("Fingerprint match threshold"),
        }
        for name, text in texts.items():
            self.labels[name].setText(text)
        self.submit.setText(self.tr("Register (Enter)"))

    # -- reading the form -----------------------------------------------------------------

    def text(self, name: str) -> str:
        widget = self.fields[name]
        if isinstance(widget, QLineEdit):
            return widget.text().strip()
        if isinstance(widget, QComboBox):
            return str(widget.currentData())
        assert isinstance(widget, QSpinBox)
        return str(widget.value())

    def _printer(self) -> dict[str, Any] | None:
        kind = self.text("printer.connection")
        if kind == "none":
            return None
        target = self.text("printer.target")
        data: dict[str, Any] = {"connection": kind, "paper": self.text("printer.paper")}
        if kind == "network":
            host, _, port = target.rpartition(":") if ":" in target else (target, "", "")
            data["host"] = host
            if port:
                data["port"] = port
        elif kind == "usb":
            vendor, _, product = target.partition(":")
            data["usb_vendor_id"], data["usb_product_id"] = vendor, product
        elif kind == "serial":
            data["serial_port"] = target
        elif kind == "file":
            data["device_path"] = target
        else:
            data["printer_name"] = target
        try:
            from counter_client.devices.printer import PrinterSettings
        except ImportError:
            return data
        try:
            return PrinterSettings.from_dict(data).to_dict()
        except ValidationProblem as problem:
            if problem.field in ("printer.host", "printer.port", "printer.serial_port"):
                raise ValidationProblem("printer.target", problem.reason) from None
            raise

    def request(self) -> RegistrationRequest:
        """The form as a registration request; ValidationProblem names the field."""
        from counter_client.ui.services import RegistrationRequest

        urls = tuple(u for u in (self.text("primary_url"), self.text("dr_url")) if u)
        if not urls:
            raise ValidationProblem("primary_url", self.tr("the centre's URL is required"))
        counter = self.text("counter_code").upper()
        settings = CounterSettings(
            centre_urls=urls,
            ca_file=self.text("ca_file"),
            counter_code=counter,
            device_code=self.text("device_code") or (f"PC-{counter}" if counter else ""),
            printer=self._printer(),
            sensor=SensorChoice(
                port=self.text("sensor.port"),
                score_threshold=int(self.text("sensor.score_threshold")),
            ),
        )
        widget = self.fields["admin_password"]
        assert isinstance(widget, QLineEdit)
        return RegistrationRequest(
            admin_username=self.text("admin_username"),
            admin_password=widget.text(),
            settings=settings,
            location_code=self.text("location_code"),
        )

    def register(self) -> None:
        from counter_client.ui.services import check_registration, register_counter

        for label in self.errors.values():
            label.setVisible(False)
        self.message.clear()
        try:
            request = self.request()
            check_registration(request)
        except ValidationProblem as problem:
            self.show_problem(problem)
            return
        self.submit.setEnabled(False)
        self.message.setText(self.tr("Registering with the centre…"))
        home = self._home
        self._ops.run(
            lambda: register_counter(request, home),
            done=self._registered,
            failed=self._failed,
            lane=Lane.NETWORK,
        )

    def _registered(self, settings: CounterSettings) -> None:
        self.submit.setEnabled(True)
        widget = self.fields["admin_password"]
        assert isinstance(widget, QLineEdit)
        widget.clear()
        self.message.setText(self.tr("Registered."))
        self.registered.emit(settings)

    def _failed(self, exc: BaseException) -> None:
        self.submit.setEnabled(True)
        if isinstance(exc, ValidationProblem):
            self.show_problem(exc)
            return
        self.message.setText(describe(exc))

    def show_problem(self, problem: ValidationProblem) -> None:
        name = {"centre_urls": "primary_url"}.get(problem.field, problem.field)
        if name not in self.errors:
            self.message.setText(f"{problem.field}: {problem.reason}")
            return
        self.errors[name].setText(problem.reason)
        self.errors[name].setVisible(True)
        self.fields[name].setFocus()
