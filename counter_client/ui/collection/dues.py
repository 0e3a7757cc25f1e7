"""The dues panel: who is paying, what is due, and how old the centre's figure is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QWidget

from common.money import format_inr
from counter_client.ui.collection.search import ConsumerChoice
from counter_client.ui.local_time import shown

if TYPE_CHECKING:
    from counter_client.journal import DueView

__all__ = ["DuesPanel"]


class DuesPanel(QFrame):
    """Shows the chosen consumer and their due (Journal.due_for), or says where it came from."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dues")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._choice: ConsumerChoice | None = None
        self._due: DueView | None = None
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        form = QFormLayout(self)
        for name in ("rr_number", "name", "address", "account", "due", "as_of"):
            caption = QLabel(self)
            value = QLabel(self)
            value.setObjectName(f"due_{name}")
            value.setWordWrap(True)
            self.captions[name] = caption
            self.values[name] = value
            form.addRow(caption, value)
        self.values["due"].setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        captions = {
            "rr_number": self.tr("RR number"),
            "name": self.tr("Name"),
            "address": self.tr("Address"),
            "account": self.tr("Account · tariff"),
            "due": self.tr("Due"),
            "as_of": self.tr("As of"),
        }
        for name, text in captions.items():
            self.captions[name].setText(text)
        self._fill()

    def show_consumer(self, choice: ConsumerChoice | None, due: DueView | None = None) -> None:
        self._choice = choice
        self._due = due
        self._fill()

    def _fill(self) -> None:
        choice = self._choice
        if choice is None:
            for value in self.values.values():
                value.clear()
            self.values["name"].setText(self.tr("No consumer chosen: search on the left."))
            return
        names = [n for n in (choice.name_en, choice.name_kn) if n]
        self.values["rr_number"].setText(choice.rr_number)
        self.values["name"].setText(" / ".join(names) or self.tr("(not known here)"))
        self.values["address"].setText(choice.address)
        account = " · ".join(p for p in (choice.account_id or "", choice.tariff_category) if p)
        self.values["account"].setText(account)
        self.values["due"].setText(self._due_text(choice))
        self.values["as_of"].setText(self._as_of_text(choice))

    def _due_text(self, choice: ConsumerChoice) -> str:
        if self._due is not None:
            due = self._due.due_paise
        elif choice.balance_paise is not None:
            due = choice.balance_paise
        else:
            return self.tr("not known")
        if due < 0:
            return self.tr("%1 in credit").replace("%1", format_inr(-due))
        return format_inr(due)

    def _as_of_text(self, choice: ConsumerChoice) -> str:
        if self._due is not None:
            return self.tr("last sync %1").replace("%1", shown(self._due.balance_synced_at))
        if choice.source == "cache":
            return self.tr("reading…")
        if choice.source == "centre":
            return self.tr("looked up at the centre just now")
        return self.tr("the centre could not be asked (offline)")
