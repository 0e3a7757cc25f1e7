"""The day book screens: closing counts, the day book, reopening, remittances and the DCR.

`install(window)` (called by the main window at start) adds the "daybook" page behind the
window's "Day book" menu entry. `open_daybook(ops, services, user_id)` gives the same page on
its own (for tests, or a shell without the main window).

Their Kannada strings are in the app's catalogue, `resources/i18n/trm_kn.ts` (`make i18n`).
"""

from __future__ import annotations

from typing import Any

from counter_client.ui.daybook.page import DaybookPage
from counter_client.ui.ops import Ops
from counter_client.ui.services import Services

__all__ = ["DaybookPage", "install", "open_daybook"]


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

    def shown(name: str) -> None:
        if name == "daybook" and window.services is not None and window.session is not None:
            page.start(window.services, window.session.user_id)

    window.page_shown.connect(shown)
    return page
