"""English and Kannada: the catalogue is complete and current, the switch needs no restart, and
Kannada is drawn with real glyphs from the shipped font (no boxes)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter, QRawFont
from pytestqt.qtbot import QtBot

from counter_client.ui.i18n import Languages, i18n_dir
from counter_client.ui.window import MainWindow
from tests.counter_client.ui.conftest import WindowFactory

ROOT = Path(__file__).resolve().parents[3]
TS = ROOT / "resources" / "i18n" / "trm_kn.ts"
BIN = Path(sys.executable).parent


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def test_every_kannada_entry_is_translated_and_none_is_obsolete() -> None:
    messages = _messages(TS)
    assert len(messages) > 100
    for key, message in messages.items():
        translation = message.find("translation")
        assert translation is not None, key
        assert translation.get("type") is None, f"unfinished or obsolete: {key}"
        texts = [f.text for f in translation.findall("numerusform")] or [translation.text]
        assert all(text and text.strip() for text in texts), f"empty: {key}"
        assert any("\u0c80" <= ch <= "\u0cff" for ch in "".join(texts)), f"not Kannada: {key}"


def test_the_catalogue_holds_every_string_the_code_shows(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "counter_client" / "ui").rglob("*.py"))
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), "-locations", "none", *sources, "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert set(_messages(fresh)) == set(_messages(TS)), "run `make i18n` and translate"


def test_the_committed_qm_is_compiled_from_the_catalogue(tmp_path: Path) -> None:
    compiled = tmp_path / "trm_kn.qm"
    shutil.copy(TS, tmp_path / "trm_kn.ts")
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(tmp_path / "trm_kn.ts"), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == (i18n_dir() / "trm_kn.qm").read_bytes(), "run `make i18n`"


def _kannada_is_drawn(text: str, font: QFont) -> None:
    """Every Kannada letter of `text` has a glyph in the font Qt chose, and pixels are drawn."""
    metrics = QFontMetrics(font)
    letters = [ch for ch in text if "\u0c80" <= ch <= "\u0cff"]
    assert letters
    raw = QRawFont.fromFont(font)
    for ch in letters:
        assert metrics.inFontUcs4(ord(ch)) or raw.supportsCharacter(ord(ch)), ch
    image = QImage(600, 60, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setFont(font)
    painter.drawText(5, 40, text)
    painter.end()
    dark = sum(
        1 for x in range(0, 600, 2) for y in range(0, 60, 2) if image.pixelColor(x, y).value() < 128
    )
    assert dark > 50


def test_the_language_switches_at_login_without_a_restart(
    qtbot: QtBot, open_window: WindowFactory, offline_home: Path, languages: Languages
) -> None:
    window: MainWindow = open_window(offline_home)
    assert window.login.title.text() == "Collection counter: log in"
    qtbot.keyClick(window.login.people, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: window.login.title.text() == "ಸಂಗ್ರಹಣಾ ಕೌಂಟರ್: ಲಾಗಿನ್")
    assert languages.current == "kn"
    assert window.login.pin_button.text() == "ಪಿನ್ ಮೂಲಕ ಲಾಗಿನ್"
    assert window.status.centre_label.text() in ("ಕೇಂದ್ರ: ಸಂಪರ್ಕಿಸಲಾಗುತ್ತಿದೆ…", "ಆಫ್‌ಲೈನ್")
    assert window.collection.save_button.text() == "ಉಳಿಸಿ ಮತ್ತು ಮುದ್ರಿಸಿ (F9)"
    assert window.collection.model.headerData(4, Qt.Orientation.Horizontal) == "ಮೊತ್ತ"
    _kannada_is_drawn(window.login.title.text(), window.login.title.font())
    # The language is remembered for the next start.
    qtbot.waitUntil(lambda: '"language": "kn"' in (offline_home / "counter.json").read_text())
    qtbot.keyClick(window.login.people, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: window.login.title.text() == "Collection counter: log in")
    assert languages.current == "en"


def test_amount_in_words_follows_the_language(
    qtbot: QtBot, open_window: WindowFactory, offline_home: Path
) -> None:
    window = open_window(offline_home)
    form = window.collection.form
    form.set_language("kn")
    form.amount.setText("1,250.50")
    assert form.words.text().startswith("ಒಂದು ಸಾವಿರದ") or "ಸಾವಿರ" in form.words.text()
    _kannada_is_drawn(form.words.text(), form.words.font())
    form.set_language("en")
    assert form.words.text().startswith("Rupees One Thousand Two Hundred Fifty")
    form.amount.setText("12x")
    assert form.words.text() == ""
