"""Finding a consumer by mobile number on the collection screen; numbers masked unless typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter_client.store import Store
from counter_client.ui.collection.search import mask_mobile
from counter_client.ui.home import STORE_FILE
from counter_client.ui.window import MainWindow
from tests.counter_client.store.factories import consumer, seed
from tests.counter_client.ui.conftest import WindowFactory
from tests.counter_client.ui.test_cashier_flow import save
from tests.counter_client.ui.test_collection_more import log_in_offline

TIMEOUT = 30_000
MOBILE = "9845012345"


def test_masking_keeps_the_first_and_last_two_digits() -> None:
    assert mask_mobile(MOBILE) == "98xxxxxx45"
    assert mask_mobile("7012345678") == "70xxxxxx78"


def _results(qtbot: QtBot, window: MainWindow, typed: str) -> list[str]:
    page = window.collection
    page.search.field.clear()
    qtbot.waitUntil(lambda: page.search._searching is None, timeout=TIMEOUT)
    with qtbot.waitSignal(page.search.results_shown, timeout=TIMEOUT):
        qtbot.keyClicks(page.search.field, typed)
    qtbot.waitUntil(lambda: page.search._searching is None, timeout=TIMEOUT)
    return [page.search.results.item(i).text() for i in range(page.search.results.count())]


def test_a_cashier_types_a_mobile_number_and_takes_the_payment_for_its_account(
    qtbot: QtBot, open_window: WindowFactory, offline_home: Path
) -> None:
    with Store.open(offline_home / STORE_FILE) as store:
        seed(
            store,
            cashiers=[],
            cursor="c2",
            consumers=[
                consumer("MYS2001", name_en="Nagaraja Rao", account_id="0000000042", mobile=MOBILE),
                consumer(
                    "MYS2002", name_en="Nagamma", account_id="0000000059", mobile="7012345678"
                ),
            ],
        )
    window = open_window(offline_home)
    log_in_offline(qtbot, window)
    page = window.collection
    assert "mobile" in page.search.label.text()

    # By name: the numbers are personal data, shown masked.
    by_name = _results(qtbot, window, "Naga")
    assert len(by_name) == 2
    assert any("98xxxxxx45" in text for text in by_name)
    assert any("70xxxxxx78" in text for text in by_name)
    assert not any(MOBILE in text or "7012345678" in text for text in by_name)

    # A part of a number finds nothing by mobile; the whole number, as people say it, finds it.
    assert _results(qtbot, window, "984501") == []
    [found] = _results(qtbot, window, "+91 98450 12345")
    assert found.startswith("MYS2001") and MOBILE in found  # typed in full: shown in full

    qtbot.keyClick(page.search.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.form.isEnabled(), timeout=TIMEOUT)
    assert page.dues.values["rr_number"].text() == "MYS2001"
    qtbot.keyClicks(page.form.amount, "250")
    receipt = save(qtbot, window)
    assert receipt.rr_number == "MYS2001"  # type: ignore[attr-defined]
    assert receipt.amount_paise == 25_000  # type: ignore[attr-defined]


def test_the_reason_dialogs_ask_what_the_journal_asks() -> None:
    from common.errors import ValidationProblem
    from common.text import clean_note
    from counter_client.journal.rules import MIN_REASON_CHARS
    from counter_client.ui.collection import dialogs

    assert dialogs.MIN_REASON_CHARS == MIN_REASON_CHARS
    clean_note("x" * dialogs.MIN_REASON_CHARS)
    with pytest.raises(ValidationProblem):
        clean_note("x" * (dialogs.MIN_REASON_CHARS - 1))
