"""Consumer search as the cashier types: RR number, account id, name or mobile, on each keystroke.

Searches run on a worker. While one runs, further keystrokes only note the latest text; when it
finishes, the newest text is searched next, so a fast typist never queues stale searches.
Enter picks the chosen result; with no result, an RR number is looked up at the centre
("pay anywhere") when it can be reached. Mobile numbers are personal data: the list shows them
masked (98xxxxxx21) unless the cashier typed that whole number.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from common.errors import ValidationProblem
from common.identifiers import normalise_rr_number
from common.money import format_inr
from counter_client.ui.messages import describe
from counter_client.ui.ops import Lane, Ops

if TYPE_CHECKING:
    from counter_client.store import CachedConsumer
    from counter_client.sync import RemoteConsumer
    from counter_client.ui.services import Services

__all__ = ["ConsumerChoice", "SearchPanel", "mask_mobile"]

RESULT_LIMIT = 30


def mask_mobile(mobile: str) -> str:
    """A mobile number as the list shows it: the first and last two digits (98xxxxxx21)."""
    if len(mobile) <= 4:
        return "x" * len(mobile)
    return mobile[:2] + "x" * (len(mobile) - 4) + mobile[-2:]


@dataclass(frozen=True)
class ConsumerChoice:
    """The consumer the payment is for: from the cache, from the centre, or only as typed."""

    rr_number: str
    account_id: str | None = None
    name_en: str | None = None
    name_kn: str | None = None
    address: str = ""
    tariff_category: str = ""
    source: str = "cache"  # "cache", "centre" or "typed"
    balance_paise: int | None = None

    @classmethod
    def cached(cls, found: CachedConsumer) -> ConsumerChoice:
        record = found.record
        return cls(
            rr_number=record.rr_number,
            account_id=record.account_id,
            name_en=record.name_en,
            name_kn=record.name_kn,
            address=record.address,
            tariff_category=record.tariff_category,
            balance_paise=record.balance_paise,
        )

    @classmethod
    def remote(cls, found: RemoteConsumer) -> ConsumerChoice:
        return cls(
            rr_number=found.rr_number,
            account_id=found.account_id,
            name_en=found.name_en,
            name_kn=found.name_kn,
            address=found.address,
            tariff_category=found.tariff_category,
            source="centre",
            balance_paise=found.balance_paise,
        )


class SearchPanel(QWidget):
    """`picked(ConsumerChoice)` when the cashier chooses; `results_shown(int)` after each search."""

    picked = Signal(object)
    results_shown = Signal(int)

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self._services: Services | None = None
        self._wanted = ""
        self._searching: str | None = None
        self._results: list[CachedConsumer] = []
        self.last_latency_s = 0.0
        self._typed_at = 0.0
        self.label = QLabel(self)
        self.field = QLineEdit(self)
        self.field.setObjectName("search")
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self._typed)
        self.field.returnPressed.connect(self.pick_current)
        self.field.installEventFilter(self)
        self.results = QListWidget(self)
        self.results.setObjectName("results")
        self.results.itemActivated.connect(lambda _item: self.pick_current())
        self.hint = QLabel(self)
        self.hint.setObjectName("search_hint")
        self.hint.setWordWrap(True)
        self.label.setBuddy(self.field)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.label)
        box.addWidget(self.field)
        box.addWidget(self.results, 1)
        box.addWidget(self.hint)
        self.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.label.setText(self.tr("&Search (F3): RR number, account id, name or mobile"))
        self.field.setPlaceholderText(
            self.tr("Type to search (a mobile: all 10 digits); Enter picks; ↓ to the list")
        )

    def set_services(self, services: Services) -> None:
        self._services = services

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.results.count():
                self.results.setFocus()
                self.results.setCurrentRow(min(1, self.results.count() - 1))
                return True
        return super().eventFilter(watched, event)

    # -- searching ------------------------------------------------------------------------

    def _typed(self, text: str) -> None:
        self._wanted = text
        self._typed_at = time.perf_counter()
        self.hint.clear()
        if self._searching is None:
            self._search_next()

    def _search_next(self) -> None:
        text = self._wanted
        if not text.strip() or self._services is None:
            self._show([])
            return
        self._searching = text
        consumers = self._services.consumers
        self._ops.run(
            lambda: consumers.search(text, limit=RESULT_LIMIT),
            done=self._found,
            failed=self._failed,
            lane=Lane.SEARCH,
        )

    def _found(self, results: Sequence[CachedConsumer]) -> None:
        searched, self._searching = self._searching, None
        if searched != self._wanted:
            self._search_next()
            return
        self._show(list(results), typed=searched or "")

    def _failed(self, exc: BaseException) -> None:
        self._searching = None
        self.hint.setText(describe(exc))

    def _show(self, results: list[CachedConsumer], typed: str = "") -> None:
        self._results = results
        self.results.clear()
        # Imported here: the app module loads before the store (and SQLAlchemy) is needed.
        from counter_client.store.consumers import typed_mobile

        whole_mobile = typed_mobile(typed)
        for found in results:
            record = found.record
            name = record.name_en + (f" / {record.name_kn}" if record.name_kn else "")
            text = f"{record.rr_number}   {name}   {format_inr(record.balance_paise)}"
            if record.mobile:
                shown = (
                    record.mobile if record.mobile == whole_mobile else mask_mobile(record.mobile)
                )
                text += f"   ☎ {shown}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, record.rr_number)
            self.results.addItem(item)
        if results:
            self.results.setCurrentRow(0)
        elif self._wanted.strip():
            self.hint.setText(
                self.tr("Not in this counter's list. Enter asks the centre (pay anywhere).")
            )
        self.last_latency_s = time.perf_counter() - self._typed_at
        self.results_shown.emit(len(results))

    # -- picking --------------------------------------------------------------------------

    def pick_current(self) -> None:
        if self._searching is not None:
            return  # the results on screen are about to change; Enter again
        row = self.results.currentRow()
        if 0 <= row < len(self._results):
            self.picked.emit(ConsumerChoice.cached(self._results[row]))
            return
        self._ask_centre(self.field.text())

    def _ask_centre(self, typed: str) -> None:
        if self._services is None or not typed.strip():
            return
        try:
            rr = normalise_rr_number(typed)
        except ValidationProblem as problem:
            self.hint.setText(problem.reason)
            return
        engine = self._services.engine
        self.hint.setText(self.tr("Asking the centre for %1…").replace("%1", rr))
        self._ops.run(
            lambda: engine.lookup_consumer(rr),
            done=lambda found: self._centre_answered(rr, found),
            failed=lambda exc: self._centre_failed(rr, exc),
            lane=Lane.NETWORK,
        )

    def _centre_answered(self, rr: str, found: RemoteConsumer | None) -> None:
        if found is None:
            self.hint.setText(self.tr("The centre has no consumer %1.").replace("%1", rr))
            return
        self.hint.clear()
        self.picked.emit(ConsumerChoice.remote(found))

    def _centre_failed(self, rr: str, exc: BaseException) -> None:
        from counter_client.sync import CentreUnreachable

        if isinstance(exc, CentreUnreachable):
            # Offline is normal: take the payment on the RR number as typed; the centre puts
            # an unknown account to suspense for accounts staff.
            self.hint.setText(
                self.tr("Offline: %1 is taken as typed; check the name with the payer.").replace(
                    "%1", rr
                )
            )
            self.picked.emit(ConsumerChoice(rr_number=rr, source="typed"))
            return
        self.hint.setText(describe(exc))

    def focus_search(self) -> None:
        self.field.setFocus()
        self.field.selectAll()

    def clear(self) -> None:
        self.field.clear()
