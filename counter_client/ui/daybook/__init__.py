"""The day book screens: closing counts, the day book, reopening, remittances and the DCR.

`install(window)` (called by the main window at start) adds the "daybook" page behind the
window's "Day book" menu entry. `open_daybook(ops, services, user_id)` gives the same page on
its own (for tests, or a shell without the main window).

Kannada strings of these screens are in their own catalogue, `resources/i18n/trm_daybook_kn.ts`
(compiled to `trm_daybook_kn.qm`), installed alongside the app's while Kannada is chosen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QTranslator

from counter_client.ui.daybook.page import DaybookPage
from counter_client.ui.i18n import current_language, i18n_dir
from counter_client.ui.ops import Ops
from counter_client.ui.services import Services

__all__ = ["DaybookPage", "install", "open_daybook", "sync_translator"]

CATALOGUE = "trm_daybook_kn"
_translator: QTranslator | None = None


def sync_translator() -> None:
    """Install this catalogue while the app is in Kannada, remove it in English."""
    global _translator
    app = QCoreApplication.instance()
    if app is None:
        return
    wanted = current_language() == "kn"
    if wanted and _translator is None:
        translator = QTranslator(app)
        if translator.load(CATALOGUE, str(i18n_dir())):
            app.installTranslator(translator)
            _translator = translator
    elif not wanted and _translator is not None:
        app.removeTranslator(_translator)
        _translator = None


def open_daybook(ops: Ops, services: Services, user_id: str) -> DaybookPage:
    """The day book page on its own, started for `user_id` (show it yourself)."""
    page = DaybookPage(ops)
    page.start(services, user_id)
    return page


def install(window: Any) -> DaybookPage:
    """Add the "daybook" page to the main window (its "Day book" menu entry shows it)."""
    page = DaybookPage(window.ops, window)
    window.add_page("daybook", page)
    page.back_requested.connect(window.collect_action.trigger)
    page.language_changed.connect(sync_translator)

    def shown(name: str) -> None:
        if name == "daybook" and window.services is not None and window.session is not None:
            page.start(window.services, window.session.user_id)

    window.page_shown.connect(shown)
    return page
