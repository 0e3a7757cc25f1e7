"""First run: the counter registers itself with the centre from the registration screen."""

from __future__ import annotations

from pathlib import Path

import keyring
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from central_api.org.models import Counter, Location
from counter_client.sync.config import KEYRING_SERVICE
from counter_client.ui.home import CounterSettings
from counter_client.ui.i18n import Languages
from counter_client.ui.window import MainWindow
from tests.counter_client.sync.conftest import Centre

TIMEOUT = 30_000


def free_counter(centre: Centre) -> tuple[str, str]:
    rows = centre.query(
        select(Counter.code, Location.code)
        .join(Location, Location.id == Counter.location_id)
        .where(Counter.device_id.is_(None))
        .order_by(Counter.id.desc())
        .limit(1)
    )
    return str(rows[0][0]), str(rows[0][1])


def type_into(qtbot: QtBot, window: MainWindow, field: str, text: str) -> None:
    widget = window.registration.fields[field]
    assert isinstance(widget, QLineEdit)
    widget.clear()
    qtbot.keyClicks(widget, text)


def visible_problems(window: MainWindow) -> dict[str, str]:
    errors = window.registration.errors
    return {name: label.text() for name, label in errors.items() if not label.isHidden()}


def test_registration_names_the_wrong_field_then_registers_and_opens_the_login(
    qtbot: QtBot, centre: Centre, languages: Languages, tmp_path: Path
) -> None:
    home = tmp_path / "new-counter"
    window = MainWindow(home, languages)
    qtbot.addWidget(window)
    window.show()
    window.start()
    assert window.current_page() == "registration"
    counter_code, location_code = free_counter(centre)

    window.registration.register()
    assert "primary_url" in visible_problems(window)

    type_into(qtbot, window, "admin_username", "admin")
    type_into(qtbot, window, "admin_password", centre.password)
    type_into(qtbot, window, "primary_url", "http://plain.example")
    type_into(qtbot, window, "ca_file", centre.server.ca_file)
    type_into(qtbot, window, "counter_code", counter_code)
    window.registration.register()
    assert "https://" in visible_problems(window)["primary_url"]

    type_into(qtbot, window, "primary_url", centre.server.url)
    type_into(qtbot, window, "ca_file", str(tmp_path / "missing.pem"))
    window.registration.register()
    assert "no CA bundle" in visible_problems(window)["ca_file"]

    type_into(qtbot, window, "ca_file", centre.server.ca_file)
    type_into(qtbot, window, "admin_password", "not-the-password")
    qtbot.keyClick(window.registration.fields["admin_password"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "admin_password" in visible_problems(window), timeout=TIMEOUT)
    assert "refused" in visible_problems(window)["admin_password"]
    assert CounterSettings.load(home) is None

    type_into(qtbot, window, "admin_password", centre.password)
    type_into(qtbot, window, "location_code", location_code)
    with qtbot.waitSignal(window.ready, timeout=TIMEOUT):
        qtbot.keyClick(window.registration.fields["location_code"], Qt.Key.Key_Return)
    saved = CounterSettings.load(home)
    assert saved is not None and saved.counter_code == counter_code
    assert "password" not in (home / "counter.json").read_text()
    assert keyring.get_password(KEYRING_SERVICE, f"PC-{counter_code}")
    assert window.current_page() == "login"
    qtbot.waitUntil(lambda: window.login.people.count() > 0, timeout=60_000)
    window.close()
