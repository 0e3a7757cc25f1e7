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

from central_api.tls import make_local_ca
from counter_client.store import CashierRoster, Store
from counter_client.sync.config import KEYRING_SERVICE
from counter_client.ui.home import STORE_FILE, CounterSettings
from counter_client.ui.i18n import Languages
from counter_client.ui.services import Services
from counter_client.ui.window import MainWindow
from tests.counter_client.store.factories import cashier, consumer, seed, supervisor
from tests.counter_client.sync.conftest import Centre, start_centre
from tests.support.central_server import CounterCredential, free_port

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


OFFLINE_COUNTER = "MYS001-1"
OFFLINE_PIN = "2468"
OFFLINE_CONSUMERS = [
    consumer("MYS1001", name_en="Lakshmi Narayana", account_id="0000000018"),
    consumer("MYS1002", name_en="Mahadeva Swamy", account_id="0000000026", balance_paise=98_000),
    consumer("MYS1003", name_en="Manjula Devi", account_id="0000000034", balance_paise=-5_000),
]


@pytest.fixture
def offline_home(tmp_path: Path) -> Path:
    """A registered counter whose centre is not there (nothing listens): it works offline."""
    tls = make_local_ca(tmp_path / "tls")
    home = tmp_path / "offline-home"
    settings = CounterSettings(
        centre_urls=(f"https://localhost:{free_port()}",),
        ca_file=str(tls.ca_cert),
        counter_code=OFFLINE_COUNTER,
        device_code=f"PC-{OFFLINE_COUNTER}",
    )
    settings.save(home)
    keyring.set_password(KEYRING_SERVICE, settings.device_code, "secret-never-used-offline")
    with Store.open(home / STORE_FILE) as store:
        seed(
            store,
            cashiers=[
                cashier("C001", name="Ravi Kumar", pin=OFFLINE_PIN),
                cashier("C002", name="Asha Rani", pin=OFFLINE_PIN),
                supervisor("S001", name="Suresh Gowda", pin=OFFLINE_PIN),
            ],
            consumers=OFFLINE_CONSUMERS,
        )
    return home


WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def open_window(qtbot: QtBot, languages: Languages) -> Iterator[WindowFactory]:
    """Opens the app's window on a counter folder and waits until the login screen is up."""
    made: list[MainWindow] = []

    def make(home: Path, **services: Any) -> MainWindow:
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
