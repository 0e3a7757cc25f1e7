"""The main window: registration, login and collection pages, menus and the status bar.

Other screens plug in here: `add_page(name, widget)` adds a page, `show_page(name)` shows it,
`add_action(menu, action)` adds a menu entry, and `services` / `session` give them the engine
and who is logged in. A module `counter_client.ui.daybook` with `install(window)` is installed
at start (the day book screens), and `counter_client.ui.enrolment` (fingerprint enrolment).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStackedWidget, QWidget

from counter_client.ui.collection.page import CollectionPage
from counter_client.ui.home import CounterSettings
from counter_client.ui.i18n import Languages
from counter_client.ui.login import LoginPage
from counter_client.ui.messages import describe
from counter_client.ui.ops import Lane, Ops
from counter_client.ui.registration import RegistrationPage
from counter_client.ui.status import CounterStatusBar

if TYPE_CHECKING:
    from counter_client.auth import Session
    from counter_client.devices.printer import PrinterStatus
    from counter_client.ui.bridge import SyncBridge
    from counter_client.ui.services import Services

__all__ = ["MainWindow", "ServicesOpener"]

log = logging.getLogger(__name__)

ServicesOpener = Callable[[Path, CounterSettings], "Services"]
PRINTER_POLL_MS = 30_000


def _open_services(home: Path, settings: CounterSettings) -> Services:
    """Load the engine and open the counter (runs on a worker: the imports are slow)."""
    from counter_client.ui.services import Services

    return Services.open(home, settings)


class MainWindow(QMainWindow):
    """One window; `ready` once the services are open and the login screen is shown."""

    ready = Signal()
    page_shown = Signal(str)

    def __init__(
        self,
        home: Path,
        languages: Languages,
        *,
        open_services: ServicesOpener | None = None,
        ops: Ops | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.home = home
        self.languages = languages
        self.ops = ops or Ops(self)
        self._open_services = open_services or _open_services
        self.services: Services | None = None
        self.session: Session | None = None
        self.bridge: SyncBridge | None = None
        self.pages: dict[str, QWidget] = {}
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.status = CounterStatusBar(self)
        self.setStatusBar(self.status)
        self.ops.busy_changed.connect(self.status.set_busy)
        self.registration = RegistrationPage(self.ops, home, self)
        self.registration.registered.connect(self._registered)
        self.login = LoginPage(self.ops, self)
        self.login.logged_in.connect(self._logged_in)
        self.login.language_chosen.connect(self.switch_language)
        self.collection = CollectionPage(self.ops, self)
        self.collection.printer_state.connect(self.status.set_printer)
        for name, page in (
            ("registration", self.registration),
            ("login", self.login),
            ("collection", self.collection),
        ):
            self.add_page(name, page)
        self.menus: dict[str, QMenu] = {}
        self._make_menus()
        self._printer_timer = QTimer(self)
        self._printer_timer.setInterval(PRINTER_POLL_MS)
        self._printer_timer.timeout.connect(self.check_printer)
        self.retranslate_ui()

    # -- hooks for other screens ----------------------------------------------------------

    def add_page(self, name: str, widget: QWidget) -> None:
        """Add a page that `show_page(name)` can show."""
        self.pages[name] = widget
        self.stack.addWidget(widget)

    def show_page(self, name: str) -> None:
        self.stack.setCurrentWidget(self.pages[name])
        self.page_shown.emit(name)

    def current_page(self) -> str:
        current = self.stack.currentWidget()
        return next((name for name, page in self.pages.items() if page is current), "")

    def add_action(self, menu: str, action: QAction) -> None:
        """Add `action` to the menu called `menu` (made if new; its title is translated there)."""
        if menu not in self.menus:
            self.menus[menu] = self.menuBar().addMenu(menu)
        self.menus[menu].addAction(action)

    def _install_extensions(self) -> None:
        try:
            daybook = importlib.import_module("counter_client.ui.daybook")
        except ImportError:
            self.daybook_action.setEnabled(False)
            return
        install = getattr(daybook, "install", None)
        if callable(install):
            install(self)
        from counter_client.ui import enrolment

        self.enrolment = enrolment.install(self)  # "Enrol fingerprint", for supervisors

    # -- menus ----------------------------------------------------------------------------

    def _make_menus(self) -> None:
        counter = self.menuBar().addMenu("")
        self.menus["counter"] = counter
        self.collect_action = QAction(self)
        self.collect_action.triggered.connect(self._back_to_collection)
        self.daybook_action = QAction(self)
        self.daybook_action.setObjectName("daybook_action")
        self.daybook_action.triggered.connect(self._open_daybook)
        self.sync_action = QAction(self)
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.sync_action.triggered.connect(self.sync_now)
        self.logout_action = QAction(self)
        self.logout_action.setShortcut(QKeySequence("Ctrl+L"))
        self.logout_action.triggered.connect(self.log_out)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        for action in (
            self.collect_action,
            self.daybook_action,
            self.sync_action,
            self.logout_action,
            self.quit_action,
        ):
            counter.addAction(action)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        code = self.services.settings.counter_code if self.services else ""
        self.setWindowTitle(self.tr("TRM collection counter %1").replace("%1", code).strip())
        self.menus["counter"].setTitle(self.tr("&Counter"))
        self.collect_action.setText(self.tr("Collection"))
        self.daybook_action.setText(self.tr("Day book"))
        self.sync_action.setText(self.tr("Sync now"))
        self.logout_action.setText(self.tr("Log out"))
        self.quit_action.setText(self.tr("Quit"))

    # -- start-up -------------------------------------------------------------------------

    def start(self) -> None:
        """Show registration on first run, else open the counter (on a worker) and log in."""
        settings = CounterSettings.load(self.home)
        if settings is None:
            self.show_page("registration")
            return
        self.switch_language(settings.language, save=False)
        self.login.set_language(settings.language)
        self.show_page("login")
        self.login.set_opening()
        self._open(settings)

    def _registered(self, settings: CounterSettings) -> None:
        self.show_page("login")
        self._open(settings)

    def _open(self, settings: CounterSettings) -> None:
        opener, home = self._open_services, self.home
        self.ops.run(
            lambda: opener(home, settings),
            done=self._services_ready,
            failed=self._open_failed,
        )

    def _services_ready(self, services: Services) -> None:
        from counter_client.ui.bridge import SyncBridge

        self.services = services
        if "daybook" not in self.pages:
            self._install_extensions()  # after the engine is loaded, as they use it
        self.bridge = SyncBridge(services.engine.events, self)
        self.bridge.online.connect(self.status.set_online)
        self.bridge.offline.connect(self.status.set_offline)
        self.bridge.queue_length.connect(self.status.set_queue_length)
        self.bridge.synced.connect(self.status.set_synced)
        self.bridge.synced.connect(self._synced)
        self.bridge.sync_error.connect(lambda text: self.status.showMessage(text, 10_000))
        self.status.set_printer("none" if services.printer is None else "ready")
        self.login.set_services(services)
        self.ops.run(services.engine.queue_length, done=self.status.set_queue_length)
        services.engine.start()
        if services.printer is not None:
            self._printer_timer.start()
            self.check_printer()
        self.retranslate_ui()
        self.ready.emit()

    def _open_failed(self, exc: BaseException) -> None:
        log.error("the counter could not be opened: %s", exc)
        self.login.message.setText(describe(exc))

    def _synced(self, _event: object) -> None:
        if self.current_page() == "login":
            self.login.refresh()  # a first sync brings the cashiers

    # -- login and out --------------------------------------------------------------------

    def _logged_in(self, session: Session) -> None:
        services = self.services
        if services is None:
            return
        self.session = session
        self.ops.run(
            lambda: services.open_day_if_needed(session.user_id),
            done=lambda _day: self._to_collection(services, session),
            failed=lambda exc: self.login.message.setText(describe(exc)),
        )

    def _to_collection(self, services: Services, session: Session) -> None:
        self.collection.start(services, session)
        self.show_page("collection")
        self.collection.search.focus_search()
        self.status.showMessage(self.tr("Logged in: %1").replace("%1", session.name), 5000)

    def _back_to_collection(self) -> None:
        if self.session is not None:
            self.show_page("collection")
            self.collection.search.focus_search()

    def log_out(self) -> None:
        self.session = None
        self.collection.session = None
        self.show_page("login")
        self.login.refresh()

    def _open_daybook(self) -> None:
        if "daybook" in self.pages and self.session is not None:
            self.show_page("daybook")

    # -- language, sync, printer ----------------------------------------------------------

    def switch_language(self, code: str, *, save: bool = True) -> None:
        if not self.languages.switch(code):
            return
        self.collection.set_language(code)
        services = self.services
        if save and services is not None:
            settings = services.settings.with_language(code)
            services.settings = settings
            home = self.home
            self.ops.run(lambda: settings.save(home), lane=Lane.DEVICE)

    def sync_now(self) -> None:
        if self.services is not None:
            self.services.engine.wake(force=True)

    def check_printer(self) -> None:
        printer = self.services.printer if self.services else None
        if printer is None:
            return
        self.ops.run(
            printer.status,
            done=self._printer_status,
            failed=lambda _exc: self.status.set_printer("offline"),
            lane=Lane.DEVICE,
        )

    def _printer_status(self, status: PrinterStatus) -> None:
        if status.paper_out:
            state = "paper_out"
        elif status.online is None:
            state = "unknown"
        else:
            state = "ready" if status.online else "offline"
        self.status.set_printer(state, status.paper_low)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._printer_timer.stop()
        if self.bridge is not None:
            self.bridge.close()
        self.ops.wait_idle(10_000)
        if self.services is not None:
            self.services.close()
            self.services = None
        super().closeEvent(event)
