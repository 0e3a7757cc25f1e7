"""Languages of the app: English (the source strings) and Kannada, switchable without a restart.

The Kannada catalogue is `resources/i18n/trm_kn.ts`, compiled to `trm_kn.qm` by
`pyside6-lrelease` (`make i18n`; the .qm is committed so an installed app needs no Qt tools).
Kannada is drawn with the shipped Noto Sans Kannada, loaded into Qt's font database at start,
so a machine without Kannada fonts still shapes it correctly.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from counter_client.resources import KANNADA_FONT, font_path, resource_path

__all__ = ["LANGUAGES", "Languages", "current_language", "i18n_dir", "load_kannada_font"]

log = logging.getLogger(__name__)

LANGUAGES = {"en": "English", "kn": "ಕನ್ನಡ"}
_REPO_ROOT = Path(__file__).resolve().parents[2]


def i18n_dir() -> Path:
    """The folder of the compiled catalogues (the tree, an installed copy, TRM_RESOURCES_DIR)."""
    try:
        return resource_path("i18n", "trm_kn.qm").parent
    except FileNotFoundError:
        return _REPO_ROOT / "resources" / "i18n"


def _font_path() -> Path | None:
    try:
        return font_path(KANNADA_FONT)
    except FileNotFoundError:
        return None


def load_kannada_font() -> str | None:
    """Register the Kannada font with Qt; returns its family name, or None if none was found."""
    path = _font_path()
    if path is None:
        log.warning("no Kannada font found; Kannada text may not be shaped")
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        log.warning("Qt could not load the font %s", path)
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    return families[0] if families else None


_current = "en"


def current_language() -> str:
    """The language the screens are in now ("en" or "kn")."""
    return _current


class Languages:
    """Installs and removes the Kannada translator on the application."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._translator: QTranslator | None = None
        self.current = "en"
        self.kannada_family = load_kannada_font()
        if isinstance(app, QApplication) and self.kannada_family:
            # Latin first, Kannada as the fallback family for the glyphs Latin fonts lack.
            font = QFont(app.font())
            font.setFamilies([font.family(), self.kannada_family])
            app.setFont(font)

    def switch(self, language: str) -> bool:
        """Use `language` ("en" or "kn"); widgets get a LanguageChange event and retranslate."""
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        if language == self.current:
            return True
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
            self._translator = None
        if language != "en":
            translator = QTranslator(self._app)
            if not translator.load(f"trm_{language}", str(i18n_dir())):
                log.warning("no %s catalogue in %s", language, i18n_dir())
                return False
            self._app.installTranslator(translator)
            self._translator = translator
        self.current = language
        global _current
        _current = language
        return True
