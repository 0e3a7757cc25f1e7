"""Starting the desktop app: the QApplication, the Kannada font and catalogue, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from counter_client.ui.home import counter_home
from counter_client.ui.i18n import Languages
from counter_client.ui.window import MainWindow

__all__ = ["make_window", "run"]


def make_window(app: QApplication, home: Path | None = None) -> MainWindow:
    """The main window for the counter in `home` (default: this OS user's folder), started."""
    folder = home or counter_home()
    folder.mkdir(parents=True, exist_ok=True)
    window = MainWindow(folder, Languages(app))
    window.resize(1200, 800)
    window.show()
    window.start()
    return window


def run(argv: list[str] | None = None) -> int:
    """Open the app and run until it is closed; returns the exit status."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("TRM Counter")
    app.setOrganizationName("TRM")
    window = make_window(app)
    status = app.exec()
    del window
    return int(status)
