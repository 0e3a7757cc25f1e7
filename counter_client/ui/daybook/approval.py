"""A supervisor's approval by finger (F2) or PIN, through the auth service, off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPushButton, QWidget

from counter_client.store import Cashier
from counter_client.ui.messages import describe
from counter_client.ui.ops import Lane, Ops
from counter_client.ui.services import Services

__all__ = ["ApprovalBox"]


class ApprovalBox(QWidget):
    """Choose the supervisor, then their finger or PIN: `approved(supervisor_id)` or `refused`."""

    approved = Signal(str)
    refused = Signal(str)

    def __init__(
        self, ops: Ops, services: Services, *, not_id: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        self._services = services
        self._not_id = not_id
        self.supervisor = QComboBox(self)
        self.supervisor.setObjectName("supervisor")
        self.pin = QLineEdit(self)
        self.pin.setObjectName("supervisor_pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.returnPressed.connect(self.approve_by_pin)
        self.finger = QPushButton(self.tr("Supervisor's finger (F2)"), self)
        self.finger.setAutoDefault(False)  # Enter belongs to the field
        self.finger.setObjectName("supervisor_finger")
        self.finger.clicked.connect(self.approve_by_finger)
        self.pin_button = QPushButton(self.tr("Approve with PIN"), self)
        self.pin_button.setAutoDefault(False)  # Enter belongs to the field
        self.pin_button.setObjectName("approve_pin")
        self.pin_button.clicked.connect(self.approve_by_pin)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Supervisor"), self.supervisor)
        form.addRow(self.tr("Supervisor's PIN"), self.pin)
        form.addRow(self.finger, self.pin_button)
        ops.run(services.roster.active, done=self._people)

    def _people(self, people: list[Cashier]) -> None:
        for person in people:
            if person.is_supervisor and person.user_id != self._not_id:
                self.supervisor.addItem(f"{person.name} · {person.user_id}", person.user_id)

    def _chosen(self) -> str | None:
        chosen = self.supervisor.currentData()
        if not chosen:
            self.refused.emit(self.tr("No supervisor is known at this counter."))
            return None
        return str(chosen)

    def approve_by_finger(self) -> None:
        supervisor = self._chosen()
        if supervisor is None:
            return
        login = self._services.login
        self._ops.run(
            lambda: login.approve_by_finger(supervisor),
            done=self.approved.emit,
            failed=self._failed,
            lane=Lane.DEVICE,
        )

    def approve_by_pin(self) -> None:
        supervisor = self._chosen()
        if supervisor is None:
            return
        pin = self.pin.text()
        if not pin:
            self.refused.emit(self.tr("Type the supervisor's PIN first."))
            self.pin.setFocus()
            return
        self.pin.clear()  # a PIN never lingers in the field, used or refused
        login = self._services.login
        self._ops.run(
            lambda: login.approve_by_pin(supervisor, pin),
            done=self.approved.emit,
            failed=self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        self.pin.clear()
        self.refused.emit(describe(exc))
