"""Closing the day book, reopening it (an officer verified online) and recording a remittance."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from common.errors import ValidationProblem
from common.money import format_inr
from counter_client.journal import ClosedTotals
from counter_client.sync.client import CentreRefused
from counter_client.ui.daybook.approval import ApprovalBox
from counter_client.ui.messages import describe
from counter_client.ui.ops import Lane, Ops
from counter_client.ui.services import Services

__all__ = ["CloseDayDialog", "RemittanceDialog", "ReopenDialog"]


def _problem(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020")
    return label


def _explain(exc: BaseException) -> str:
    if isinstance(exc, CentreRefused):
        return "; ".join(reason for _, reason in exc.problems) or str(exc)
    return describe(exc)


class CloseDayDialog(QDialog):
    """Close the open day book with a supervisor's finger or PIN: `day_closed(summary)`."""

    day_closed = Signal(object)

    def __init__(self, ops: Ops, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("close_day_dialog")
        self.setWindowTitle(self.tr("Close the day book"))
        self._ops = ops
        self._services = services
        self.approval = ApprovalBox(ops, services, not_id=None, parent=self)
        self.approval.approved.connect(self._approved)
        self.problem = _problem(self, "close_day_problem")
        self.approval.refused.connect(self.problem.setText)
        back = QPushButton(self.tr("Back (Esc)"), self)
        back.setAutoDefault(False)  # Enter belongs to the field
        back.clicked.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(
            QLabel(
                self.tr(
                    "Every cashier's shift must be closed first. After closing, nothing more "
                    "takes this business date; receipts take the next one."
                ),
                self,
            )
        )
        box.addWidget(self.approval)
        box.addWidget(self.problem)
        box.addWidget(back)
        QShortcut(QKeySequence(Qt.Key.Key_F2), self, self.approval.approve_by_finger)

    def _approved(self, supervisor_id: str) -> None:
        journal = self._services.journal
        self._ops.run(
            lambda: journal.close_day(supervisor_id=supervisor_id),
            done=self._closed,
            failed=lambda exc: self.problem.setText(describe(exc)),
        )

    def _closed(self, summary: object) -> None:
        self.accept()
        self.day_closed.emit(summary)


class ReopenDialog(QDialog):
    """Reopen the latest closed day: an accounts officer signs in at the centre, with a reason."""

    reopened = Signal(object)

    def __init__(
        self, ops: Ops, services: Services, requested_by: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reopen_dialog")
        self.setWindowTitle(self.tr("Reopen the day book"))
        self._ops = ops
        self._services = services
        self._requested_by = requested_by
        self.username = QLineEdit(self)
        self.username.setObjectName("officer_username")
        self.password = QLineEdit(self)
        self.password.setObjectName("officer_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setMaxLength(200)
        self.reason.returnPressed.connect(self.submit)
        self.problem = _problem(self, "reopen_problem")
        ok = QPushButton(self.tr("Verify at the centre and reopen"), self)
        ok.setAutoDefault(False)  # Enter belongs to the field
        ok.setObjectName("reopen_ok")
        ok.clicked.connect(self.submit)
        back = QPushButton(self.tr("Back (Esc)"), self)
        back.setAutoDefault(False)  # Enter belongs to the field
        back.clicked.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Accounts officer (user name)"), self.username)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Reason"), self.reason)
        box = QVBoxLayout(self)
        box.addWidget(
            QLabel(self.tr("Only an accounts officer or admin can reopen, online."), self)
        )
        box.addLayout(form)
        box.addWidget(self.problem)
        box.addWidget(ok)
        box.addWidget(back)

    def submit(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
        reason = self.reason.text()
        if not username or not password:
            self.problem.setText(self.tr("The officer's user name and password are needed."))
            return
        client = self._services.engine.client
        journal = self._services.journal
        requested_by = self._requested_by

        def reopen() -> object:
            officer = client.verify_officer(username, password)
            return journal.reopen_day(requested_by=requested_by, officer=officer, reason=reason)

        self.password.clear()
        self._ops.run(reopen, done=self._done, failed=self._failed, lane=Lane.NETWORK)

    def _done(self, entry: object) -> None:
        self.accept()
        self.reopened.emit(entry)

    def _failed(self, exc: BaseException) -> None:
        self.problem.setText(_explain(exc))


class RemittanceDialog(QDialog):
    """Record a bank pay-in slip for a closed business date: `recorded(entry)`."""

    recorded = Signal(object)

    def __init__(
        self,
        ops: Ops,
        services: Services,
        cashier_id: str,
        business_date: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("remittance_dialog")
        self.setWindowTitle(
            self.tr("Remittance of %1").replace("%1", business_date.strftime("%d-%m-%Y"))
        )
        self._ops = ops
        self._services = services
        self._cashier_id = cashier_id
        self.business_date = business_date
        self.totals: ClosedTotals | None = None
        self.available = QLabel(self)
        self.available.setObjectName("available")
        self.bank = QLineEdit(self)
        self.bank.setObjectName("bank")
        self.branch = QLineEdit(self)
        self.branch.setObjectName("branch")
        self.account = QLineEdit(self)
        self.account.setObjectName("account_number")
        self.slip = QLineEdit(self)
        self.slip.setObjectName("slip_number")
        self.deposit = QDateEdit(self)
        self.deposit.setObjectName("deposit_date")
        self.deposit.setCalendarPopup(True)
        self.deposit.setDisplayFormat("dd-MM-yyyy")
        self.deposit.setDate(QDate.currentDate())
        self.cash = QLineEdit(self)
        self.cash.setObjectName("cash")
        self.problem = _problem(self, "remittance_problem")
        ok = QPushButton(self.tr("Record the slip"), self)
        ok.setAutoDefault(False)  # Enter belongs to the field
        ok.setObjectName("remit_ok")
        ok.clicked.connect(self.submit)
        back = QPushButton(self.tr("Back (Esc)"), self)
        back.setAutoDefault(False)  # Enter belongs to the field
        back.clicked.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Bank"), self.bank)
        form.addRow(self.tr("Branch"), self.branch)
        form.addRow(self.tr("Account number"), self.account)
        form.addRow(self.tr("Pay-in slip number"), self.slip)
        form.addRow(self.tr("Deposit date"), self.deposit)
        form.addRow(self.tr("Cash (₹)"), self.cash)
        box = QVBoxLayout(self)
        box.addWidget(self.available)
        box.addLayout(form)
        box.addWidget(self.problem)
        box.addWidget(ok)
        box.addWidget(back)
        journal = services.journal
        ops.run(lambda: journal.closed_totals(business_date), done=self._loaded)

    def _loaded(self, totals: ClosedTotals) -> None:
        self.totals = totals
        pending = sorted(set(totals.instruments) - totals.remitted_instruments)
        self.available.setText(
            self.tr("To remit: cash %1, %2 cheque(s)/draft(s) of %3")
            .replace("%1", format_inr(totals.cash_to_remit_paise))
            .replace("%2", str(len(pending)))
            .replace("%3", format_inr(totals.cheques_to_remit_paise))
        )
        self.cash.setText(format_inr(totals.cash_to_remit_paise, symbol=False))

    def submit(self) -> None:
        totals = self.totals
        instruments = (
            sorted(set(totals.instruments) - totals.remitted_instruments) if totals else []
        )
        qdate = self.deposit.date()
        fields = {
            "cashier_id": self._cashier_id,
            "business_date": self.business_date,
            "bank": self.bank.text(),
            "branch": self.branch.text(),
            "account_number": self.account.text(),
            "slip_number": self.slip.text(),
            "deposit_date": date(qdate.year(), qdate.month(), qdate.day()),
            "cash_paise": self.cash.text(),
            "instruments": instruments,
        }
        journal = self._services.journal
        self._ops.run(
            lambda: journal.record_remittance(**fields),  # type: ignore[arg-type]
            done=self._done,
            failed=self._failed,
        )

    def _done(self, entry: object) -> None:
        self.accept()
        self.recorded.emit(entry)

    def _failed(self, exc: BaseException) -> None:
        self.problem.setText(describe(exc))
        field = exc.field if isinstance(exc, ValidationProblem) else ""
        self.problem.setProperty("field", field)
        target = self.findChild(QWidget, {"cash_paise": "cash"}.get(field, field))
        if target is not None:
            target.setFocus()
