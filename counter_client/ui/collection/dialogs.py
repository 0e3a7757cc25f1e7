"""Small dialogs of the collection screen: a reason, a supervisor's approval, cash in or out.

Each opens without blocking (QDialog.open) and reports through its signal; the work they lead
to runs on a worker. Problems are shown inside the dialog, beside the field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from common.errors import ValidationProblem
from common.money import parse_rupees
from counter_client.ui.messages import describe
from counter_client.ui.ops import Lane, Ops

if TYPE_CHECKING:
    from counter_client.store import Cashier
    from counter_client.ui.services import Services

__all__ = ["CancelDialog", "CashDialog", "ReasonDialog"]

MIN_REASON_CHARS = 5
"""What the journal asks of a reason (rules.MIN_REASON_CHARS, common.text.clean_note), checked
here before the call; not imported, so that the app module loads without the journal."""


def _problem_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setStyleSheet("color: #b71c1c;")
    label.setWordWrap(True)
    return label


class ReasonDialog(QDialog):
    """Asks why (a reprint): `given(str)` with the reason."""

    given = Signal(str)

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reason_dialog")
        self.setWindowTitle(title)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setMaxLength(200)
        self.problem = _problem_label(self, "reason_problem")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(QLabel(prompt, self))
        box.addWidget(self.reason)
        box.addWidget(self.problem)
        box.addWidget(buttons)

    def _ok(self) -> None:
        text = " ".join(self.reason.text().split())
        if len(text) < MIN_REASON_CHARS:
            self.problem.setText(
                self.tr("Give the reason (at least %1 letters).").replace(
                    "%1", str(MIN_REASON_CHARS)
                )
            )
            self.reason.setFocus()
            return
        self.accept()
        self.given.emit(text)


class CancelDialog(QDialog):
    """Reason and a supervisor's finger or PIN: `approved(supervisor_id, reason)`."""

    approved = Signal(str, str)

    def __init__(
        self,
        ops: Ops,
        services: Services,
        receipt_number: str,
        cashier_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cancel_dialog")
        self.setWindowTitle(self.tr("Cancel receipt %1").replace("%1", receipt_number))
        self._ops = ops
        self._services = services
        self._cashier_id = cashier_id
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setMaxLength(200)
        self.supervisor = QComboBox(self)
        self.supervisor.setObjectName("supervisor")
        self.pin = QLineEdit(self)
        self.pin.setObjectName("supervisor_pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.returnPressed.connect(self.approve_by_pin)
        self.finger = QPushButton(self.tr("Supervisor's finger (F2)"), self)
        self.finger.setObjectName("supervisor_finger")
        self.finger.clicked.connect(self.approve_by_finger)
        self.pin_button = QPushButton(self.tr("Approve with PIN"), self)
        self.pin_button.setObjectName("approve_pin")
        self.pin_button.clicked.connect(self.approve_by_pin)
        self.problem = _problem_label(self, "cancel_problem")
        close = QPushButton(self.tr("Back (Esc)"), self)
        close.clicked.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Supervisor"), self.supervisor)
        form.addRow(self.tr("Supervisor's PIN"), self.pin)
        box = QVBoxLayout(self)
        box.addWidget(
            QLabel(self.tr("A cancelled receipt stays in the journal, marked cancelled."), self)
        )
        box.addLayout(form)
        box.addWidget(self.finger)
        box.addWidget(self.pin_button)
        box.addWidget(self.problem)
        box.addWidget(close)
        QShortcut(QKeySequence(Qt.Key.Key_F2), self, self.approve_by_finger)
        ops.run(services.roster.active, done=self._people)

    def _people(self, people: list[Cashier]) -> None:
        for person in people:
            if person.is_supervisor and person.user_id != self._cashier_id:
                self.supervisor.addItem(f"{person.name} · {person.user_id}", person.user_id)

    def _checked_reason(self) -> tuple[str, str] | None:
        reason = " ".join(self.reason.text().split())
        if len(reason) < MIN_REASON_CHARS:
            self.problem.setText(
                self.tr("Give the reason (at least %1 letters).").replace(
                    "%1", str(MIN_REASON_CHARS)
                )
            )
            self.reason.setFocus()
            return None
        supervisor = self.supervisor.currentData()
        if not supervisor:
            self.problem.setText(self.tr("No supervisor is known at this counter."))
            return None
        return str(supervisor), reason

    def approve_by_finger(self) -> None:
        checked = self._checked_reason()
        if checked is None:
            return
        supervisor, reason = checked
        login = self._services.login
        self.problem.setText(self.tr("Supervisor: place your finger on the sensor…"))
        self._ops.run(
            lambda: login.approve_by_finger(supervisor),
            done=lambda who: self._done(who, reason),
            failed=self._failed,
            lane=Lane.DEVICE,
        )

    def approve_by_pin(self) -> None:
        checked = self._checked_reason()
        if checked is None:
            return
        supervisor, reason = checked
        pin = self.pin.text()
        if not pin:
            self.problem.setText(self.tr("Type the supervisor's PIN first."))
            self.pin.setFocus()
            return
        login = self._services.login
        self._ops.run(
            lambda: login.approve_by_pin(supervisor, pin),
            done=lambda who: self._done(who, reason),
            failed=self._failed,
        )

    def _done(self, supervisor_id: str, reason: str) -> None:
        self.accept()
        self.approved.emit(supervisor_id, reason)

    def _failed(self, exc: BaseException) -> None:
        self.pin.clear()
        self.problem.setText(describe(exc))


class CashDialog(QDialog):
    """Cash put into or taken out of the drawer: `given(paise, note)`."""

    given = Signal(int, str)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cash_dialog")
        self.setWindowTitle(title)
        self.amount = QLineEdit(self)
        self.amount.setObjectName("cash_amount")
        self.note = QLineEdit(self)
        self.note.setObjectName("cash_note")
        self.note.setMaxLength(200)
        self.problem = _problem_label(self, "cash_problem")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Amount ₹"), self.amount)
        form.addRow(self.tr("Note"), self.note)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.problem)
        box.addWidget(buttons)

    def _ok(self) -> None:
        try:
            paise = parse_rupees(self.amount.text(), "amount")
        except ValidationProblem as problem:
            self.problem.setText(problem.reason)
            self.amount.setFocus()
            return
        if not self.note.text().strip():
            self.problem.setText(self.tr("Write a note (e.g. opening float, to bank)."))
            self.note.setFocus()
            return
        self.accept()
        self.given.emit(paise, self.note.text().strip())

    def show_problem(self, problem: ValidationProblem) -> None:
        self.problem.setText(problem.reason)
