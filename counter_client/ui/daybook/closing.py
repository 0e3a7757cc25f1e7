"""The closing count: notes and coins with live totals, cheques checked off, card and UPI
totals, expected against counted per mode, over/short with a reason, a supervisor's approval.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from common.daybook import DENOMINATIONS, MODES
from common.errors import ValidationProblem
from common.money import format_inr
from counter_client.journal import ShiftExpectation, parse_count, parse_paise
from counter_client.store.entries import JournalEntry
from counter_client.ui.daybook.approval import ApprovalBox
from counter_client.ui.messages import describe
from counter_client.ui.ops import Ops
from counter_client.ui.services import Services

__all__ = ["ClosingDialog"]


def _denomination_label(name: str, value: int) -> str:
    kind = "note" if name.startswith("note") else "coin"
    return f"₹{value // 100} {kind}"


class ClosingDialog(QDialog):
    """One cashier's closing count; `closed(entry)` once the journal has it."""

    closed = Signal(object)

    def __init__(
        self, ops: Ops, services: Services, cashier_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("closing_dialog")
        self.setWindowTitle(self.tr("Close the shift of %1").replace("%1", cashier_id))
        self._ops = ops
        self._services = services
        self.cashier_id = cashier_id
        self.expectation: ShiftExpectation | None = None
        self.counts: dict[str, QLineEdit] = {}
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout()
        for row, (name, value) in enumerate(DENOMINATIONS):
            edit = QLineEdit(self)
            edit.setObjectName(f"count_{name}")
            edit.setPlaceholderText("0")
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.textChanged.connect(self.refresh)
            shown = QLabel(format_inr(0), self)
            shown.setAlignment(Qt.AlignmentFlag.AlignRight)
            grid.addWidget(QLabel(_denomination_label(name, value), self), row, 0)
            grid.addWidget(edit, row, 1)
            grid.addWidget(shown, row, 2)
            self.counts[name], self.values[name] = edit, shown
        self.cash_total = QLabel(format_inr(0), self)
        self.cash_total.setObjectName("cash_total")
        grid.addWidget(QLabel(self.tr("Cash counted"), self), len(DENOMINATIONS), 0)
        grid.addWidget(self.cash_total, len(DENOMINATIONS), 2)
        cash_box = QGroupBox(self.tr("Notes and coins"), self)
        cash_box.setLayout(grid)
        self.instruments = QListWidget(self)
        self.instruments.setObjectName("instruments")
        self.instruments.itemChanged.connect(self.refresh)
        self.card = QLineEdit(self)
        self.card.setObjectName("card_total")
        self.card.textChanged.connect(self.refresh)
        self.upi = QLineEdit(self)
        self.upi.setObjectName("upi_total")
        self.upi.textChanged.connect(self.refresh)
        other = QFormLayout()
        other.addRow(self.tr("Cheques and drafts in the drawer"), self.instruments)
        other.addRow(self.tr("Card total (settlement slip)"), self.card)
        other.addRow(self.tr("UPI total"), self.upi)
        self.comparison = QTableWidget(len(MODES), 3, self)
        self.comparison.setObjectName("comparison")
        self.comparison.setVerticalHeaderLabels(list(MODES))
        self.comparison.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setMaxLength(200)
        self.approval = ApprovalBox(ops, services, not_id=cashier_id, parent=self)
        self.approval.approved.connect(self._approved)
        self.approval.refused.connect(self._show)
        self.problem = QLabel(self)
        self.problem.setObjectName("closing_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        back = QPushButton(self.tr("Back (Esc)"), self)
        back.setAutoDefault(False)  # Enter belongs to the field
        back.clicked.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(cash_box)
        right = QVBoxLayout()
        right.addLayout(other)
        right.addWidget(self.comparison)
        top.addLayout(right)
        box = QVBoxLayout(self)
        box.addLayout(top)
        form = QFormLayout()
        form.addRow(self.tr("Reason for an over/short"), self.reason)
        box.addLayout(form)
        box.addWidget(self.approval)
        box.addWidget(self.problem)
        box.addWidget(back)
        QShortcut(QKeySequence(Qt.Key.Key_F2), self, self.approval.approve_by_finger)
        self._retranslate_table()
        journal = services.journal
        ops.run(
            lambda: journal.expected_for_shift(cashier_id), done=self._loaded, failed=self._failed
        )

    def _retranslate_table(self) -> None:
        self.comparison.setHorizontalHeaderLabels(
            [self.tr("Expected"), self.tr("Counted"), self.tr("Over/short")]
        )

    def _loaded(self, expectation: ShiftExpectation) -> None:
        self.expectation = expectation
        self.instruments.blockSignals(True)
        for item in expectation.instruments:
            amount = format_inr(item.amount_paise)
            row = QListWidgetItem(f"{item.receipt_number}  {item.number}  {item.bank}  {amount}")
            row.setData(Qt.ItemDataRole.UserRole, item.receipt_number)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Unchecked)
            self.instruments.addItem(row)
        self.instruments.blockSignals(False)
        if expectation.is_empty:
            self._show(self.tr("Nothing to close: no entries since the last closing."))
        self.counts[DENOMINATIONS[0][0]].setFocus()
        self.refresh()

    # -- live totals ----------------------------------------------------------------------

    def present(self) -> set[str]:
        found = set()
        for index in range(self.instruments.count()):
            item = self.instruments.item(index)
            if item.checkState() == Qt.CheckState.Checked:
                found.add(str(item.data(Qt.ItemDataRole.UserRole)))
        return found

    def counted(self) -> dict[str, int]:
        """Counted paise per mode from what is typed; raises ValidationProblem naming the field."""
        counted = dict.fromkeys(MODES, 0)
        for name, value in DENOMINATIONS:
            counted["cash"] += value * parse_count(
                self.counts[name].text(), f"denominations.{name}"
            )
        counted["card"] = parse_paise(self.card.text(), "card_paise")
        counted["upi"] = parse_paise(self.upi.text(), "upi_paise")
        if self.expectation is not None:
            present = self.present()
            for item in self.expectation.instruments:
                if item.receipt_number in present:
                    counted[item.mode] += item.amount_paise
        return counted

    def refresh(self) -> None:
        """Recompute the line values, the cash total and expected against counted."""
        for name, value in DENOMINATIONS:
            try:
                count = parse_count(self.counts[name].text(), f"denominations.{name}")
                self.values[name].setText(format_inr(value * count))
            except ValidationProblem:
                self.values[name].setText("?")
        try:
            counted = self.counted()
        except ValidationProblem as problem:
            self._show(problem.reason, problem.field)
            return
        self._show("")
        self.cash_total.setText(format_inr(counted["cash"]))
        expected = self.expectation.expected_paise if self.expectation else dict.fromkeys(MODES, 0)
        for row, mode in enumerate(MODES):
            difference = counted[mode] - expected[mode]
            for column, paise in enumerate((expected[mode], counted[mode], difference)):
                self.comparison.setItem(row, column, QTableWidgetItem(format_inr(paise)))

    # -- closing --------------------------------------------------------------------------

    def _approved(self, supervisor_id: str) -> None:
        denominations: dict[str, int | str] = {
            name: self.counts[name].text() for name, _ in DENOMINATIONS
        }
        present = self.present()
        card, upi, reason = self.card.text(), self.upi.text(), self.reason.text()
        journal = self._services.journal
        cashier = self.cashier_id
        self._ops.run(
            lambda: journal.close_shift(
                cashier,
                denominations=denominations,
                instruments_present=present,
                card_paise=card,
                upi_paise=upi,
                reason=reason,
                approved_by=supervisor_id,
            ),
            done=self._closed,
            failed=self._failed,
        )

    def _closed(self, entry: JournalEntry) -> None:
        self.accept()
        self.closed.emit(entry)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationProblem):
            self._show(exc.reason, exc.field)
        else:
            self._show(describe(exc))

    def _show(self, text: str, field: str | None = None) -> None:
        self.problem.setText(text)
        self.problem.setProperty("field", field or "")
        target = self._widget_for(field)
        if target is not None and text:
            target.setFocus()

    def _widget_for(self, field: str | None) -> QWidget | None:
        if not field:
            return None
        if field.startswith("denominations."):
            return self.counts.get(field.split(".", 1)[1])
        return {
            "card_paise": self.card,
            "upi_paise": self.upi,
            "reason": self.reason,
            "instruments_present": self.instruments,
        }.get(field)
