"""The collection screen: search, dues, payment, save and print, today's receipts, cash in/out.

Keyboard first: F3 search, ↓ and Enter pick, F5 amount, F6 mode, F9 save and print, Esc back
out, F7 reprint, F8 cancel, F10 cash in, F11 cash out. Every journal call runs on the store lane;
the receipt is printed on the device lane only after the journal has committed it, so a printer
failure leaves the receipt saved and the screen offers a reprint.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from common.errors import ValidationProblem
from common.money import format_inr
from counter_client.ui.collection.dialogs import CancelDialog, CashDialog, ReasonDialog
from counter_client.ui.collection.dues import DuesPanel
from counter_client.ui.collection.payment import PaymentForm
from counter_client.ui.collection.receipts import ReceiptsModel, ReceiptsView
from counter_client.ui.collection.search import ConsumerChoice, SearchPanel
from counter_client.ui.i18n import current_language
from counter_client.ui.messages import describe
from counter_client.ui.ops import Lane, Ops

if TYPE_CHECKING:
    from counter_client.auth import Session
    from counter_client.devices.printer import Language
    from counter_client.journal import DueView, ReceiptView
    from counter_client.ui.collection.daylist import DayList
    from counter_client.ui.services import Services

__all__ = ["CollectionPage"]

log = logging.getLogger(__name__)


class CollectionPage(QWidget):
    """`printer_state(state, paper_low)` and `receipt_saved(ReceiptView)` for the window."""

    printer_state = Signal(str, bool)
    receipt_saved = Signal(object)
    receipt_printed = Signal(str)
    print_failed = Signal(str)
    day_refreshed = Signal()

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("collection_page")
        self._ops = ops
        self._services: Services | None = None
        self.session: Session | None = None
        self.language = "en"
        self._choice: ConsumerChoice | None = None
        self._request_id: str | None = None
        self._saving = False
        self.active_dialog: Any = None
        self.search = SearchPanel(ops, self)
        self.search.picked.connect(self.pick)
        self.dues = DuesPanel(self)
        self.form = PaymentForm(self)
        self.form.submitted.connect(self.save_and_print)
        self.form.setEnabled(False)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(self.save_and_print)
        self.back_button = QPushButton(self)
        self.back_button.setObjectName("back")
        self.back_button.clicked.connect(self.back_out)
        self.problem = QLabel(self)
        self.problem.setObjectName("form_problem")
        self.problem.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.problem.setWordWrap(True)
        self.banner = QFrame(self)
        self.banner.setObjectName("banner")
        self.banner_text = QLabel(self.banner)
        self.banner_text.setObjectName("banner_text")
        self.banner_text.setWordWrap(True)
        self.banner_reprint = QPushButton(self.banner)
        self.banner_reprint.setObjectName("banner_reprint")
        self.banner_reprint.clicked.connect(self._reprint_failed_print)
        self._failed_print: str | None = None
        self._message: Callable[[], str] | None = None
        self._banner: Callable[[], str] | None = None
        self.model = ReceiptsModel(self)
        self.receipts = ReceiptsView(self.model, self)
        self.receipts_label = QLabel(self)
        self.totals = QLabel(self)
        self.totals.setObjectName("totals")
        self.buttons: dict[str, QPushButton] = {}
        for name, slot in (
            ("reprint", self.reprint_chosen),
            ("cancel", self.cancel_chosen),
            ("cash_in", lambda: self.cash_movement("cash_in")),
            ("cash_out", lambda: self.cash_movement("cash_out")),
        ):
            button = QPushButton(self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            self.buttons[name] = button
        self._layout()
        self._shortcuts()
        self.retranslate_ui()

    def _layout(self) -> None:
        middle = QVBoxLayout()
        middle.addWidget(self.dues)
        middle.addWidget(self.form)
        actions = QHBoxLayout()
        actions.addWidget(self.save_button, 1)
        actions.addWidget(self.back_button)
        middle.addLayout(actions)
        middle.addWidget(self.problem)
        middle.addStretch(1)
        top = QWidget(self)
        top_row = QHBoxLayout(top)
        top_row.addWidget(self.search, 2)
        top_row.addLayout(middle, 3)
        banner_row = QHBoxLayout(self.banner)
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addWidget(self.banner_reprint)
        self.banner.setStyleSheet("#banner { background: #fff3e0; border: 1px solid #e65100; }")
        self.banner.setVisible(False)
        bottom = QWidget(self)
        bottom_box = QVBoxLayout(bottom)
        heading = QHBoxLayout()
        heading.addWidget(self.receipts_label, 1)
        heading.addWidget(self.totals)
        bottom_box.addLayout(heading)
        bottom_box.addWidget(self.receipts, 1)
        row = QHBoxLayout()
        for button in self.buttons.values():
            row.addWidget(button)
        bottom_box.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        box = QVBoxLayout(self)
        box.addWidget(self.banner)
        box.addWidget(splitter, 1)

    def _shortcuts(self) -> None:
        keys = {
            Qt.Key.Key_F3: self.search.focus_search,
            Qt.Key.Key_F5: self.form.amount.setFocus,
            Qt.Key.Key_F6: self.form.mode.setFocus,
            Qt.Key.Key_F9: self.save_and_print,
            Qt.Key.Key_F12: self.save_and_print,
            Qt.Key.Key_Escape: self.back_out,
            Qt.Key.Key_F7: self.reprint_chosen,
            Qt.Key.Key_F8: self.cancel_chosen,
            Qt.Key.Key_F10: lambda: self.cash_movement("cash_in"),
            Qt.Key.Key_F11: lambda: self.cash_movement("cash_out"),
        }
        for key, slot in keys.items():
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.save_button.setText(self.tr("Save and print (F9)"))
        self.back_button.setText(self.tr("Back out (Esc)"))
        self.banner_reprint.setText(self.tr("Reprint"))
        self.receipts_label.setText(self.tr("Today's receipts"))
        self.buttons["reprint"].setText(self.tr("Reprint (F7)"))
        self.buttons["cancel"].setText(self.tr("Cancel receipt (F8)"))
        self.buttons["cash_in"].setText(self.tr("Cash in (F10)"))
        self.buttons["cash_out"].setText(self.tr("Cash out (F11)"))
        self.model.retranslate()
        self._show_totals()
        if self._message is not None:
            self.problem.setText(self._message())
        if self._banner is not None:
            self.banner_text.setText(self._banner())

    def _say(self, text: Callable[[], str], *, good: bool = False) -> None:
        """Show a message under the form; it is made again if the language changes."""
        self._message = text
        colour = "#1b5e20" if good else "#b71c1c"
        self.problem.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.problem.setText(text())

    def _quiet(self) -> None:
        self._message = None
        self.problem.clear()

    # -- set-up ---------------------------------------------------------------------------

    def start(self, services: Services, session: Session) -> None:
        """Begin work for `session` at this counter; the day's receipts load on a worker."""
        self._services = services
        self.session = session
        self.search.set_services(services)
        self.back_out()
        self.refresh_day(full=True)

    def set_language(self, language: str) -> None:
        self.language = language
        self.form.set_language(language)

    def refresh_day(self, *, full: bool = False) -> None:
        if self._services is None:
            return
        journal = self._services.journal
        since = None if full else self.model.day

        def work() -> DayList | None:
            from counter_client.ui.collection.daylist import read_day

            day = journal.day_book()
            if day is None:
                return None
            return read_day(journal, day.business_date, since)

        self._ops.run(work, done=self._day_read, failed=self._show_failure)

    def _day_read(self, day: DayList | None) -> None:
        if day is not None:
            self.model.set_day(day)
        self._show_totals()
        self.day_refreshed.emit()

    def _show_totals(self) -> None:
        day = self.model.day
        if day is None:
            self.totals.clear()
            return
        live = [row for row in day.rows if not row.cancelled]
        total = sum(row.amount_paise for row in live)
        self.totals.setText(
            self.tr("%1 receipts, %2")
            .replace("%1", str(len(live)))
            .replace("%2", format_inr(total))
        )

    # -- choosing the consumer ------------------------------------------------------------

    def pick(self, choice: ConsumerChoice) -> None:
        self._choice = choice
        self._request_id = str(uuid.uuid4())  # one per payment: a retried save cannot double
        self.dues.show_consumer(choice)
        self.form.reset()
        self.form.setEnabled(True)
        self._quiet()
        self.form.amount.setFocus()
        if self._services is not None and choice.source == "cache":
            journal = self._services.journal
            rr = choice.rr_number
            self._ops.run(
                lambda: journal.due_for(rr),
                done=lambda due: self._due_loaded(choice, due),
                failed=self._show_failure,
            )

    def _due_loaded(self, choice: ConsumerChoice, due: DueView | None) -> None:
        if self._choice is choice:
            self.dues.show_consumer(choice, due)
            if due is not None and due.due_paise > 0 and not self.form.amount.text():
                self.form.amount.setText(f"{due.due_paise // 100}.{due.due_paise % 100:02d}")
                self.form.amount.selectAll()

    def back_out(self) -> None:
        """Esc: leave the payment unsaved and go back to an empty search."""
        self._choice = None
        self._request_id = None
        self.dues.show_consumer(None)
        self.form.reset()
        self.form.setEnabled(False)
        self._quiet()
        self.search.clear()
        self.search.focus_search()

    # -- saving and printing --------------------------------------------------------------

    def save_and_print(self) -> None:
        choice, services, session = self._choice, self._services, self.session
        if choice is None or services is None or session is None or self._saving:
            return
        self.form.clear_problems()
        self._quiet()
        try:
            amount, payment = self.form.read()
        except ValidationProblem as problem:
            self._show_problem(problem)
            return
        journal, request = services.journal, self._request_id
        self._saving = True
        self.save_button.setEnabled(False)
        self._ops.run(
            lambda: journal.take_receipt(
                cashier_id=session.user_id,
                rr_number=choice.rr_number,
                amount_paise=amount,
                payment=payment,
                consumer_name=choice.name_en,
                request_id=request,
            ),
            done=self._saved,
            failed=self._save_failed,
        )

    def _saved(self, receipt: ReceiptView) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.receipt_saved.emit(receipt)
        self.back_out()
        self._say(
            lambda: (
                self.tr("Receipt %1 saved: %2")
                .replace("%1", receipt.receipt_number)
                .replace("%2", format_inr(receipt.amount_paise))
            ),
            good=True,
        )
        self.refresh_day()
        self.print_receipt(receipt)

    def _save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationProblem):
            self._show_problem(exc)
            return
        self._show_failure(exc)

    def _show_problem(self, problem: ValidationProblem) -> None:
        if not self.form.show_problem(problem):
            self._say(lambda: f"{problem.field}: {problem.reason}")

    def _show_failure(self, exc: BaseException) -> None:
        self._say(lambda: describe(exc))

    def print_receipt(self, receipt: ReceiptView) -> None:
        """Print on the device lane; the receipt is already committed whatever happens here."""
        services = self._services
        if services is None or services.printer is None or services.company is None:
            return
        printer, company = services.printer, services.company
        language: Language = "kn" if current_language() == "kn" else "en"
        self.printer_state.emit("printing", False)
        self._ops.run(
            lambda: printer.print_receipt(
                receipt, duplicate=receipt.duplicate, language=language, company=company
            ),
            done=lambda _result: self._printed(receipt),
            failed=lambda exc: self._print_failed(receipt, exc),
            lane=Lane.DEVICE,
        )

    def _printed(self, receipt: ReceiptView) -> None:
        self.printer_state.emit("ready", False)
        if self._failed_print == receipt.receipt_number:
            self.banner.setVisible(False)
            self._failed_print = None
        self.receipt_printed.emit(receipt.receipt_number)

    def _print_failed(self, receipt: ReceiptView, exc: BaseException) -> None:
        log.warning("receipt %s saved but not printed: %s", receipt.receipt_number, exc)
        self.printer_state.emit("offline", False)
        self._failed_print = receipt.receipt_number
        self._banner = lambda: (
            self.tr(
                "Receipt %1 is saved, but it was not printed: %2. "
                "Do not take the money again. Check the printer, then press Reprint."
            )
            .replace("%1", receipt.receipt_number)
            .replace("%2", str(exc).rstrip("."))
        )
        self.banner_text.setText(self._banner())
        self.banner.setVisible(True)
        self.print_failed.emit(receipt.receipt_number)

    def _reprint_failed_print(self) -> None:
        if self._failed_print is not None:
            self.receipts.choose(self._failed_print)
            self.reprint(self._failed_print, self.tr("printer failed"))

    # -- reprint and cancel ---------------------------------------------------------------

    def reprint_chosen(self) -> None:
        row = self.receipts.chosen()
        if row is None:
            self._show_failure(ValueError(self.tr("Choose a receipt in the list first.")))
            return
        dialog = ReasonDialog(
            self.tr("Reprint %1").replace("%1", row.receipt_number),
            self.tr("Why is it printed again? (the copy is marked DUPLICATE)"),
            self,
        )
        dialog.given.connect(lambda reason: self.reprint(row.receipt_number, reason))
        self._open(dialog)

    def reprint(self, receipt_number: str, reason: str) -> None:
        services, session = self._services, self.session
        if services is None or session is None:
            return
        journal = services.journal
        self._ops.run(
            lambda: journal.reprint_receipt(
                cashier_id=session.user_id, receipt_number=receipt_number, reason=reason
            ),
            done=self._reprinted,
            failed=self._show_failure,
        )

    def _reprinted(self, receipt: ReceiptView) -> None:
        self.refresh_day()
        self.print_receipt(receipt)

    def cancel_chosen(self) -> None:
        row, services, session = self.receipts.chosen(), self._services, self.session
        if services is None or session is None:
            return
        if row is None:
            self._show_failure(ValueError(self.tr("Choose a receipt in the list first.")))
            return
        dialog = CancelDialog(self._ops, services, row.receipt_number, session.user_id, self)
        number = row.receipt_number
        dialog.approved.connect(lambda supervisor, reason: self.cancel(number, reason, supervisor))
        self._open(dialog)

    def cancel(self, receipt_number: str, reason: str, supervisor_id: str) -> None:
        services, session = self._services, self.session
        if services is None or session is None:
            return
        journal = services.journal
        self._ops.run(
            lambda: journal.cancel_receipt(
                cashier_id=session.user_id,
                receipt_number=receipt_number,
                reason=reason,
                supervisor_id=supervisor_id,
            ),
            done=lambda _entry: self._cancelled(receipt_number),
            failed=self._show_failure,
        )

    def _cancelled(self, receipt_number: str) -> None:
        self._say(lambda: self.tr("Receipt %1 cancelled.").replace("%1", receipt_number), good=True)
        self.refresh_day()

    # -- cash in and out ------------------------------------------------------------------

    def cash_movement(self, kind: str) -> None:
        if self._services is None or self.session is None:
            return
        title = self.tr("Cash in") if kind == "cash_in" else self.tr("Cash out")
        dialog = CashDialog(title, self)
        dialog.given.connect(lambda paise, note: self._move_cash(kind, paise, note))
        self._open(dialog)

    def _move_cash(self, kind: str, paise: int, note: str) -> None:
        services, session = self._services, self.session
        assert services is not None and session is not None
        move = services.journal.cash_in if kind == "cash_in" else services.journal.cash_out
        self._ops.run(
            lambda: move(cashier_id=session.user_id, amount_paise=paise, note=note),
            done=lambda _entry: self._cash_moved(kind, paise),
            failed=self._show_failure,
        )

    def _cash_moved(self, kind: str, paise: int) -> None:

        def text() -> str:
            done = self.tr("Cash in: %1") if kind == "cash_in" else self.tr("Cash out: %1")
            return done.replace("%1", format_inr(paise))

        self._say(text, good=True)

    def _dialog_closed(self) -> None:
        self.window().activateWindow()
        self.search.focus_search()

    def _open(self, dialog: Any) -> None:
        self.active_dialog = dialog
        dialog.finished.connect(lambda _code: self._dialog_closed())
        dialog.open()
