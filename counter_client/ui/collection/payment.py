"""Payment entry: the amount (with the amount in words as it is typed), the mode and its details.

`PaymentForm.read()` returns the amount in paise and the journal's Payment, or raises
ValidationProblem naming the field; `show_problem` puts a problem beside that field.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from common.errors import ValidationProblem
from common.money import parse_rupees
from common.words import amount_in_words_en, amount_in_words_kn
from counter_client.ui.i18n import current_language
from counter_client.ui.modes import MODE_ORDER, mode_name

if TYPE_CHECKING:
    from common.sync_protocol import PaymentMode
    from counter_client.journal import Payment

__all__ = ["PaymentForm"]

# Journal field names -> the form field whose error label shows the problem.
_FIELD_OF = {
    "amount": "amount",
    "amount_paise": "amount",
    "payment.number": "number",
    "payment.bank": "bank",
    "payment.branch": "branch",
    "payment.instrument_date": "instrument_date",
    "payment.reference": "reference",
    "payment": "mode",
}
_INSTRUMENT = ("cheque", "demand_draft")
_REFERENCE = ("card", "upi")


def _error_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(f"error_{name}")
    label.setStyleSheet("color: #b71c1c;")
    label.setWordWrap(True)
    label.setVisible(False)
    return label


class PaymentForm(QWidget):
    """Amount, words, mode and details; `submitted` when Enter is pressed in the last field."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("payment_form")
        self.language = "en"
        self.amount = QLineEdit(self)
        self.amount.setObjectName("amount")
        self.amount.setMaxLength(20)
        self.amount.textChanged.connect(self._amount_typed)
        self.words = QLabel(self)
        self.words.setObjectName("amount_words")
        self.words.setWordWrap(True)
        self.words.setStyleSheet("font-style: italic;")
        self.mode = QComboBox(self)
        self.mode.setObjectName("mode")
        for mode in MODE_ORDER:
            self.mode.addItem(mode_name(mode), mode)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.number = QLineEdit(self)
        self.number.setObjectName("number")
        self.number.setMaxLength(6)
        self.bank = QLineEdit(self)
        self.bank.setObjectName("bank")
        self.branch = QLineEdit(self)
        self.branch.setObjectName("branch")
        self.instrument_date = QDateEdit(self)
        self.instrument_date.setObjectName("instrument_date")
        self.instrument_date.setDisplayFormat("dd-MM-yyyy")
        self.instrument_date.setDate(QDate.currentDate())
        self.reference = QLineEdit(self)
        self.reference.setObjectName("reference")
        self.reference.setMaxLength(12)
        for line in (self.amount, self.number, self.bank, self.branch, self.reference):
            line.returnPressed.connect(self._enter_pressed)
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self._grid = QGridLayout(self)
        for row, (name, widget) in enumerate(self._fields()):
            label = QLabel(self)
            label.setBuddy(widget)
            self.labels[name] = label
            self.errors[name] = _error_label(self, name)
            self._grid.addWidget(label, row * 2, 0)
            self._grid.addWidget(widget, row * 2, 1)
            self._grid.addWidget(self.errors[name], row * 2 + 1, 1)
            if name == "amount":
                self._grid.addWidget(self.words, row * 2 + 1, 1)
        self._grid.setColumnStretch(1, 1)
        self.retranslate_ui()
        self._mode_changed()

    def _fields(self) -> list[tuple[str, QWidget]]:
        return [
            ("amount", self.amount),
            ("mode", self.mode),
            ("number", self.number),
            ("bank", self.bank),
            ("branch", self.branch),
            ("instrument_date", self.instrument_date),
            ("reference", self.reference),
        ]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.language = current_language()
        texts = {
            "amount": self.tr("&Amount ₹ (F5)"),
            "mode": self.tr("&Mode (F6)"),
            "number": self.tr("Instrument number"),
            "bank": self.tr("Bank"),
            "branch": self.tr("Branch"),
            "instrument_date": self.tr("Instrument date"),
            "reference": self.tr("Reference"),
        }
        for name, text in texts.items():
            self.labels[name].setText(text)
        for position, mode in enumerate(MODE_ORDER):
            self.mode.setItemText(position, mode_name(mode))
        self._amount_typed(self.amount.text())

    # -- live feedback --------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        self.language = language
        self._amount_typed(self.amount.text())

    def _amount_typed(self, text: str) -> None:
        self.errors["amount"].setVisible(False)
        if not text.strip():
            self.words.setText("")
            return
        try:
            paise = parse_rupees(text, "amount")
            if paise <= 0:
                raise ValidationProblem("amount", self.tr("must be more than zero"))
            words = (
                amount_in_words_kn(paise) if self.language == "kn" else amount_in_words_en(paise)
            )
        except ValidationProblem:
            self.words.setText("")
            return
        self.words.setText(words)

    def current_mode(self) -> PaymentMode:
        from common.sync_protocol import PaymentMode  # loaded by then: the journal uses it

        return PaymentMode(self.mode.currentData())

    def set_mode(self, mode: str) -> None:
        self.mode.setCurrentIndex(self.mode.findData(str(mode)))

    def _mode_changed(self) -> None:
        mode = self.current_mode()
        instrument = mode in _INSTRUMENT
        for name in ("number", "bank", "branch", "instrument_date"):
            self._show_row(name, instrument)
        self._show_row("reference", mode in _REFERENCE)
        self.clear_problems()

    def _show_row(self, name: str, visible: bool) -> None:
        self.labels[name].setVisible(visible)
        widget = dict(self._fields())[name]
        widget.setVisible(visible)
        if not visible:
            self.errors[name].setVisible(False)

    def _enter_pressed(self) -> None:
        self.submitted.emit()

    # -- reading and problems -------------------------------------------------------------

    def read(self) -> tuple[int, Payment]:
        """The amount in paise and the payment; ValidationProblem names the field."""
        paise = parse_rupees(self.amount.text(), "amount")
        if paise <= 0:
            raise ValidationProblem("amount", self.tr("must be more than zero"))
        return paise, self._payment()

    def _payment(self) -> Payment:
        from counter_client.journal import Card, Cash, Cheque, DemandDraft, Upi

        mode = self.current_mode()
        if mode == "cash":
            return Cash()
        if mode in _INSTRUMENT:
            qdate = self.instrument_date.date()
            when = date(qdate.year(), qdate.month(), qdate.day())
            kind = Cheque if mode == "cheque" else DemandDraft
            return kind(
                number=self.number.text().strip(),
                bank=self.bank.text(),
                branch=self.branch.text(),
                instrument_date=when,
            )
        reference = self.reference.text().strip()
        return Card(reference) if mode == "card" else Upi(reference)

    def show_problem(self, problem: ValidationProblem) -> bool:
        """Show `problem` beside its field; False if it names no field of this form."""
        name = _FIELD_OF.get(problem.field)
        if name is None:
            return False
        label = self.errors[name]
        label.setText(problem.reason)
        label.setVisible(True)
        if name == "amount":
            self.words.setText("")
        widget = dict(self._fields())[name]
        widget.setFocus()
        return True

    def clear_problems(self) -> None:
        for label in self.errors.values():
            label.setVisible(False)
        self._amount_typed(self.amount.text())

    def reset(self) -> None:
        for line in (self.amount, self.number, self.bank, self.branch, self.reference):
            line.clear()
        self.instrument_date.setDate(QDate.currentDate())
        self.set_mode("cash")
        self.clear_problems()
