"""The real app, offscreen, against a real centre (uvicorn over HTTPS on a seeded SQLite)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import keyring
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_client.store import CashierRoster
from counter_client.sync.config import KEYRING_SERVICE
from counter_client.ui.home import CounterSettings
from counter_client.ui.i18n import Languages
from counter_client.ui.services import Services
from counter_client.ui.window import MainWindow
from tests.counter_client.sync.conftest import Centre, start_centre
from tests.support.central_server import CounterCredential

FAST_SYNC: dict[str, Any] = {
    "connect_timeout_s": 2.0,
    "read_timeout_s": 20.0,
    "backoff_base_s": 0.05,
    "backoff_cap_s": 0.5,
    "interval_s": 0.5,
    "batch_size": 50,
    "pull_page_size": 500,
}


@pytest.fixture(scope="module")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Centre]:
    workdir = tmp_path_factory.mktemp("centre")
    running = start_centre(f"sqlite:///{workdir / 'centre.db'}", workdir)
    yield running
    running.server.kill()


@pytest.fixture(scope="session")
def languages(qapp: QApplication) -> Languages:
    return Languages(qapp)


def counter_settings(centre: Centre, credential: CounterCredential) -> CounterSettings:
    return CounterSettings(
        centre_urls=(centre.server.url,),
        ca_file=centre.server.ca_file,
        counter_code=credential.counter_code,
        device_code=credential.device_code,
    )


@pytest.fixture
def registered_home(centre: Centre, tmp_path: Path) -> Path:
    """A counter folder as registration leaves it: settings saved, device secret in the keyring."""
    credential = centre.new_counter()
    keyring.set_password(KEYRING_SERVICE, credential.device_code, credential.secret)
    home = tmp_path / "counter-home"
    counter_settings(centre, credential).save(home)
    return home


WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def open_window(
    qtbot: QtBot, languages: Languages, registered_home: Path
) -> Iterator[WindowFactory]:
    """Opens the app's window on the registered counter and waits until the login screen is up."""
    made: list[MainWindow] = []

    def make(home: Path = registered_home, **services: Any) -> MainWindow:
        opener = partial(Services.open, **{**FAST_SYNC, **services})
        window = MainWindow(home, languages, open_services=opener)
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        with qtbot.waitSignal(window.ready, timeout=30_000):
            window.start()
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()
    languages.switch("en")


def people(window: MainWindow) -> tuple[str, str]:
    """A cashier's and a supervisor's user ids at the window's counter."""
    assert window.services is not None
    roster = CashierRoster(window.services.store).active()
    cashier = next(p.user_id for p in roster if not p.is_supervisor)
    supervisor = next(p.user_id for p in roster if p.is_supervisor)
    return cashier, supervisor


def wait_for_roster(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.login.people.count() > 0, timeout=60_000)
