"""The "Day book" page: shifts still open, closing counts, the day book, reopening, remittance
and the Daily Collection Report (printed on the receipt printer or saved as an A4 PDF).

Keyboard first: F5 close the chosen shift, F6 close the day book, F7 reopen, F8 remittance,
F9 print the DCR, F10 save it as PDF, Esc back to collection.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from common.daybook import RemittanceBody
from counter_client.devices.printer.layout import Language
from counter_client.journal.dcr import DailyCollectionReport
from counter_client.journal.dcr_print import DCR_TITLE, dcr_lines, pay_in_slip_lines
from counter_client.journal.views import DayBook
from counter_client.store.entries import JournalEntry
from counter_client.ui.daybook.closing import ClosingDialog
from counter_client.ui.daybook.dcr_pdf import write_dcr_pdf, write_pay_in_slip_pdf
from counter_client.ui.daybook.dialogs import CloseDayDialog, RemittanceDialog, ReopenDialog
from counter_client.ui.i18n import current_language
from counter_client.ui.messages import describe
from counter_client.ui.ops import Lane, Ops
from counter_client.ui.services import Services

__all__ = ["DaybookPage", "DayState"]


@dataclass(frozen=True)
class DayState:
    """What the page shows: the open day (if any), the latest day book, the open shifts."""

    open_day: DayBook | None
    latest: DayBook | None
    open_shifts: list[str]


class DaybookPage(QWidget):
    """The day book screens; `services` and the logged-in `user_id` are set by `start`."""

    back_requested = Signal()
    changed = Signal()

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("daybook_page")
        self._ops = ops
        self.services: Services | None = None
        self.user_id = ""
        self.state: DayState | None = None
        self.status = QLabel(self)
        self.status.setObjectName("day_status")
        self.status.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("daybook_message")
        self.message.setWordWrap(True)
        self.shift = QComboBox(self)
        self.shift.setObjectName("shift_cashier")
        self.dcr_date = QDateEdit(self)
        self.dcr_date.setObjectName("dcr_date")
        self.dcr_date.setDisplayFormat("dd-MM-yyyy")
        self.dcr_date.setCalendarPopup(True)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        actions = (
            ("close_shift", "F5", self.close_shift),
            ("close_day", "F6", self.close_day),
            ("reopen", "F7", self.reopen),
            ("remit", "F8", self.remit),
            ("print_dcr", "F9", self.print_dcr),
            ("save_pdf", "F10", self.save_pdf),
        )
        for index, (name, key, slot) in enumerate(actions):
            button = QPushButton(self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            QShortcut(QKeySequence(key), self, slot)
            grid.addWidget(button, index // 2, index % 2)
            self.buttons[name] = button
        self.back = QPushButton(self)
        self.back.clicked.connect(self.back_requested.emit)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.back_requested.emit)
        self.form = QFormLayout()
        self.shift_label = QLabel(self)
        self.dcr_label = QLabel(self)
        self.form.addRow(self.shift_label, self.shift)
        self.form.addRow(self.dcr_label, self.dcr_date)
        box = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 18pt; font-weight: bold")
        box.addWidget(self.title)
        box.addWidget(self.status)
        box.addLayout(self.form)
        box.addLayout(grid)
        box.addWidget(self.message)
        box.addWidget(self.back)
        box.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Day book"))
        self.shift_label.setText(self.tr("Shift of"))
        self.dcr_label.setText(self.tr("Report date"))
        texts = {
            "close_shift": self.tr("Close this shift (F5)"),
            "close_day": self.tr("Close the day book (F6)"),
            "reopen": self.tr("Reopen the day book (F7)"),
            "remit": self.tr("Remittance to bank (F8)"),
            "print_dcr": self.tr("Print the DCR (F9)"),
            "save_pdf": self.tr("Save the DCR as PDF (F10)"),
        }
        for name, text in texts.items():
            self.buttons[name].setText(text)
        self.back.setText(self.tr("Back to collection (Esc)"))
        self._show_state()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- state ----------------------------------------------------------------------------

    def start(self, services: Services, user_id: str) -> None:
        """Show the page for `user_id` (the person logged in) with these services."""
        self.services = services
        self.user_id = user_id
        self.refresh()

    def refresh(self) -> None:
        services = self.services
        if services is None:
            return
        journal = services.journal

        def read() -> DayState:
            return DayState(journal.day_book(), journal.latest_day_book(), journal.open_shifts())

        self._ops.run(read, done=self._loaded, failed=self._failed)

    def _loaded(self, state: DayState) -> None:
        self.state = state
        self.shift.clear()
        for cashier in state.open_shifts:
            self.shift.addItem(cashier, cashier)
        index = self.shift.findData(self.user_id)
        if index >= 0:
            self.shift.setCurrentIndex(index)
        shown = state.open_day or state.latest
        if shown is not None:
            day = shown.business_date
            self.dcr_date.setDate(QDate(day.year, day.month, day.day))
        self._show_state()

    def _show_state(self) -> None:
        state = self.state
        if state is None:
            self.status.setText("")
            return
        if state.open_day is not None:
            text = self.tr("Open day book: %1.").replace(
                "%1", state.open_day.business_date.strftime("%d-%m-%Y")
            )
            if state.open_shifts:
                text += " " + self.tr("Shifts still open: %1.").replace(
                    "%1", ", ".join(state.open_shifts)
                )
            else:
                text += " " + self.tr("Every shift is closed.")
        elif state.latest is not None:
            text = self.tr("No day book is open; %1 is closed.").replace(
                "%1", state.latest.business_date.strftime("%d-%m-%Y")
            )
        else:
            text = self.tr("No day book yet.")
        self.status.setText(text)
        self.buttons["close_shift"].setEnabled(bool(state.open_shifts))
        self.buttons["close_day"].setEnabled(state.open_day is not None)
        closed = state.open_day is None and state.latest is not None
        self.buttons["reopen"].setEnabled(closed)
        self.buttons["remit"].setEnabled(state.latest is not None)

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(describe(exc))

    def _after(self, text: str) -> None:
        self.message.setText(text)
        self.refresh()
        self.changed.emit()

    # -- actions --------------------------------------------------------------------------

    def close_shift(self) -> None:
        cashier = self.shift.currentData()
        if self.services is None or not cashier:
            return
        dialog = ClosingDialog(self._ops, self.services, str(cashier), self)
        dialog.closed.connect(lambda _entry: self._after(self.tr("The shift is closed.")))
        dialog.open()

    def close_day(self) -> None:
        if self.services is None:
            return
        dialog = CloseDayDialog(self._ops, self.services, self)
        dialog.day_closed.connect(lambda _summary: self._after(self.tr("The day book is closed.")))
        dialog.open()

    def reopen(self) -> None:
        if self.services is None:
            return
        dialog = ReopenDialog(self._ops, self.services, self.user_id, self)
        dialog.reopened.connect(lambda _entry: self._after(self.tr("The day book is reopened.")))
        dialog.open()

    def remit(self) -> None:
        if self.services is None:
            return
        dialog = RemittanceDialog(self._ops, self.services, self.user_id, self.report_date(), self)
        dialog.recorded.connect(self._remitted)
        dialog.open()

    def _remitted(self, entry: JournalEntry) -> None:
        """Save the pay-in slip as a PDF (and print it when there is a printer)."""
        self._after(self.tr("The remittance is recorded."))
        services = self.services
        if services is None:
            return
        journal, printer = services.journal, services.printer
        slip = RemittanceBody.model_validate(entry.body)
        day = entry.business_date
        name = "".join(ch if ch.isalnum() or ch == "-" else "_" for ch in slip.slip_number)
        path = Path(services.home) / "reports" / f"PayIn-{journal.counter_code}-{name}.pdf"

        def work() -> Path:
            amounts = [journal.closed_totals(day).instruments[n] for n in slip.instruments]
            shown = day.strftime("%d-%m-%Y")
            path.parent.mkdir(parents=True, exist_ok=True)
            write_pay_in_slip_pdf(
                slip,
                path,
                counter_code=journal.counter_code,
                business_date_text=shown,
                amounts=amounts,
            )
            if printer is not None:
                lines = pay_in_slip_lines(journal.counter_code, shown, slip, amounts)
                printer.print_lines(lines, title="BANK PAY-IN SLIP")
            return path

        self._ops.run(
            work,
            done=lambda saved: self.message.setText(
                self.tr("The remittance is recorded; pay-in slip: %1").replace("%1", str(saved))
            ),
            failed=self._failed,
            lane=Lane.DEVICE,
        )

    def report_date(self) -> date:
        value = self.dcr_date.date()
        return date(value.year(), value.month(), value.day())

    def print_dcr(self) -> None:
        services = self.services
        if services is None:
            return
        printer = services.printer
        if printer is None:
            self.message.setText(self.tr("No receipt printer is set up at this counter."))
            return
        journal, day = services.journal, self.report_date()
        language: Language = "kn" if current_language() == "kn" else "en"

        def work() -> None:
            report = journal.daily_collection_report(day)
            title = DCR_TITLE[1] if language == "kn" else DCR_TITLE[0]
            printer.print_lines(dcr_lines(report, language), title=title)

        self._ops.run(
            work,
            done=lambda _none: self.message.setText(self.tr("The DCR is printed.")),
            failed=self._failed,
            lane=Lane.DEVICE,
        )

    def save_pdf(self) -> None:
        services = self.services
        if services is None:
            return
        journal, day = services.journal, self.report_date()
        folder = Path(services.home) / "reports"
        company = services.company.name if services.company is not None else ""
        path = folder / f"DCR-{journal.counter_code}-{day.isoformat()}.pdf"

        def work() -> Path:
            report: DailyCollectionReport = journal.daily_collection_report(day)
            folder.mkdir(parents=True, exist_ok=True)
            write_dcr_pdf(report, path, company=company)
            return path

        self._ops.run(
            work,
            done=lambda saved: self.message.setText(
                self.tr("The DCR is saved: %1").replace("%1", str(saved))
            ),
            failed=self._failed,
        )
