"""The status bar: centre online or offline, receipts waiting to sync, last sync, the printer."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

from counter_client.ui.local_time import shown

if TYPE_CHECKING:
    from counter_client.sync import Synced

__all__ = ["CounterStatusBar"]


class CounterStatusBar(QStatusBar):
    """Permanent fields on the right, messages on the left; a busy bar while work runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._online: bool | None = None
        self._queue = 0
        self._last_sync: datetime | None = None
        self._printer_state = "none"
        self._paper_low = False
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # indeterminate
        self.busy.setMaximumWidth(120)
        self.busy.setVisible(False)
        self.centre_label = QLabel(self)
        self.centre_label.setObjectName("centre_state")
        self.queue_label = QLabel(self)
        self.queue_label.setObjectName("queue_length")
        self.sync_label = QLabel(self)
        self.sync_label.setObjectName("last_sync")
        self.printer_label = QLabel(self)
        self.printer_label.setObjectName("printer_state")
        for widget in (
            self.busy,
            self.centre_label,
            self.queue_label,
            self.sync_label,
            self.printer_label,
        ):
            self.addPermanentWidget(widget)
        self.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        if self._online is None:
            self.centre_label.setText(self.tr("Centre: connecting…"))
        elif self._online:
            self.centre_label.setText(self.tr("Online"))
        else:
            self.centre_label.setText(self.tr("Offline"))
        self.centre_label.setStyleSheet(
            "color: #1b5e20;" if self._online else "color: #b71c1c; font-weight: bold;"
        )
        self.queue_label.setText(self.tr("Waiting to sync: %n", "", self._queue))
        if self._last_sync is None:
            self.sync_label.setText(self.tr("Last sync: never"))
        else:
            when = shown(self._last_sync)
            self.sync_label.setText(self.tr("Last sync: %1").replace("%1", when))
        self.printer_label.setText(self._printer_text())

    def _printer_text(self) -> str:
        states = {
            "none": self.tr("Printer: none"),
            "ready": self.tr("Printer: ready"),
            "offline": self.tr("Printer: not reachable"),
            "printing": self.tr("Printer: printing"),
            "unknown": self.tr("Printer: state not known"),
            "paper_out": self.tr("Printer: out of paper"),
        }
        text = states.get(self._printer_state, self.tr("Printer: not reachable"))
        if self._paper_low:
            text += " · " + self.tr("paper low")
        return text

    @Slot(str, bool)
    def set_online(self, _url: str = "", _primary: bool = True) -> None:
        self._online = True
        self.retranslate_ui()

    @Slot(str)
    def set_offline(self, _reason: str = "") -> None:
        self._online = False
        self.retranslate_ui()

    @Slot(int)
    def set_queue_length(self, pending: int) -> None:
        self._queue = pending
        self.retranslate_ui()

    @Slot(object)
    def set_synced(self, event: Synced) -> None:
        self._last_sync = event.at
        self._online = True
        self.retranslate_ui()

    def set_last_sync(self, when: datetime | None) -> None:
        self._last_sync = when
        self.retranslate_ui()

    def set_printer(self, state: str, paper_low: bool = False) -> None:
        self._printer_state = state
        self._paper_low = paper_low
        self.retranslate_ui()

    @Slot(bool)
    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)

    @property
    def online(self) -> bool | None:
        return self._online
