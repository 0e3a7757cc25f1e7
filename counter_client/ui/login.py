"""The login screen: pick the cashier, then the finger; the PIN as the fallback; the language.

Works offline: the people come from the roster cached at this counter, and the finger and PIN
are checked here by `counter_client.auth.LoginService` (which also keeps the lockout).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_client.ui.i18n import LANGUAGES
from counter_client.ui.messages import describe
from counter_client.ui.ops import Lane, Ops

if TYPE_CHECKING:
    from counter_client.auth import Session
    from counter_client.store import Cashier
    from counter_client.ui.services import Services

__all__ = ["LoginPage"]


class LoginPage(QWidget):
    """Emits `logged_in(Session)`; `language_chosen(str)` asks the window to switch language."""

    logged_in = Signal(object)
    language_chosen = Signal(str)

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("login_page")
        self._ops = ops
        self._services: Services | None = None
        self._people: list[Cashier] = []
        self._nobody_said = False
        self.title = QLabel(self)
        self.title.setObjectName("title")
        self.title.setStyleSheet("font-size: 20pt; font-weight: bold;")
        self.language_label = QLabel(self)
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.currentIndexChanged.connect(self._language_picked)
        self.people_label = QLabel(self)
        self.people = QListWidget(self)
        self.people.setObjectName("cashiers")
        self.people.itemActivated.connect(lambda _item: self.login_by_finger())
        self.finger_button = QPushButton(self)
        self.finger_button.setObjectName("finger")
        self.finger_button.clicked.connect(self.login_by_finger)
        self.pin_label = QLabel(self)
        self.pin = QLineEdit(self)
        self.pin.setObjectName("pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.pin.returnPressed.connect(self.login_by_pin)
        self.pin_button = QPushButton(self)
        self.pin_button.setObjectName("pin_login")
        self.pin_button.clicked.connect(self.login_by_pin)
        self.message = QLabel(self)
        self.message.setObjectName("login_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self._layout()
        QShortcut(QKeySequence(Qt.Key.Key_F2), self, self.login_by_finger)
        QShortcut(QKeySequence(Qt.Key.Key_F4), self, self._next_language)
        self.retranslate_ui()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.language_label)
        top.addWidget(self.language)
        pin_row = QHBoxLayout()
        pin_row.addWidget(self.pin_label)
        pin_row.addWidget(self.pin, 1)
        pin_row.addWidget(self.pin_button)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.people_label)
        box.addWidget(self.people, 1)
        box.addWidget(self.finger_button)
        box.addLayout(pin_row)
        box.addWidget(self.message)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Collection counter: log in"))
        self.language_label.setText(self.tr("Language (F4):"))
        self.people_label.setText(self.tr("Who is at the counter? (↑ ↓ to choose)"))
        self.finger_button.setText(self.tr("Place finger on the sensor (F2 or Enter)"))
        self.pin_label.setText(self.tr("Or PIN:"))
        self.pin_button.setText(self.tr("Log in with PIN"))
        self._fill_people()
        if self._nobody_said:
            self._say_if_nobody()

    # -- data -----------------------------------------------------------------------------

    def set_opening(self) -> None:
        """Say that the counter is being opened (the engine loads behind this screen)."""
        self._set_enabled(False)
        self.message.setStyleSheet("color: #0d47a1;")
        self.message.setText(self.tr("Opening the counter…"))

    def set_services(self, services: Services) -> None:
        self._services = services
        self._set_enabled(True)
        self.message.clear()
        self.refresh()

    def refresh(self) -> None:
        """Reload the cashiers cached at this counter (after a sync brings new ones)."""
        if self._services is None:
            return
        roster = self._services.roster
        self._ops.run(roster.active, done=self._people_loaded, failed=self._show_error)

    def _people_loaded(self, people: list[Cashier]) -> None:
        self._people = people
        self._fill_people()
        self._say_if_nobody()

    def _say_if_nobody(self) -> None:
        nobody = self._services is not None and not self._people
        if nobody:
            self.message.setStyleSheet("color: #0d47a1;")
            self.message.setText(
                self.tr("No cashiers are known at this counter yet: connect to the centre once.")
            )
        elif self._nobody_said:
            self.message.clear()
        self._nobody_said = nobody

    def _fill_people(self) -> None:
        chosen = self.chosen()
        self.people.clear()
        for person in self._people:
            role = self.tr("Supervisor") if person.is_supervisor else self.tr("Cashier")
            item = QListWidgetItem(f"{person.name}  ·  {role}  ·  {person.user_id}")
            item.setData(Qt.ItemDataRole.UserRole, person.user_id)
            self.people.addItem(item)
            if person.user_id == chosen:
                self.people.setCurrentItem(item)
        if self.people.currentRow() < 0 and self.people.count():
            self.people.setCurrentRow(0)

    def chosen(self) -> str | None:
        item = self.people.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def choose(self, user_id: str) -> None:
        for row in range(self.people.count()):
            if self.people.item(row).data(Qt.ItemDataRole.UserRole) == user_id:
                self.people.setCurrentRow(row)
                return
        raise KeyError(user_id)

    # -- logging in -----------------------------------------------------------------------

    def login_by_finger(self) -> None:
        user_id = self.chosen()
        if self._services is None or user_id is None:
            return
        login = self._services.login
        self.message.setStyleSheet("color: #0d47a1;")
        self.message.setText(self.tr("Place your finger on the sensor…"))
        self._set_enabled(False)
        self._ops.run(
            lambda: login.login_by_finger(user_id),
            done=self._logged_in,
            failed=self._show_error,
            lane=Lane.DEVICE,
        )

    def login_by_pin(self) -> None:
        user_id = self.chosen()
        pin = self.pin.text()
        if self._services is None or user_id is None:
            return
        if not pin:
            self._show_text(self.tr("Type the PIN first."))
            self.pin.setFocus()
            return
        login = self._services.login
        self._set_enabled(False)
        self._ops.run(
            lambda: login.login_by_pin(user_id, pin), done=self._logged_in, failed=self._show_error
        )

    def _logged_in(self, session: Session) -> None:
        self._set_enabled(True)
        self.pin.clear()
        self.message.clear()
        self.logged_in.emit(session)

    def _show_error(self, exc: BaseException) -> None:
        self._set_enabled(True)
        self.pin.clear()
        self._show_text(describe(exc))

    def _show_text(self, text: str) -> None:
        self.message.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.message.setText(text)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.people, self.finger_button, self.pin, self.pin_button):
            widget.setEnabled(enabled)

    # -- language -------------------------------------------------------------------------

    def set_language(self, code: str) -> None:
        index = self.language.findData(code)
        if index >= 0 and index != self.language.currentIndex():
            self.language.setCurrentIndex(index)

    def _language_picked(self, index: int) -> None:
        self.language_chosen.emit(str(self.language.itemData(index)))

    def _next_language(self) -> None:
        self.language.setCurrentIndex((self.language.currentIndex() + 1) % self.language.count())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.people.setFocus()
