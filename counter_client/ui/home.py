"""Where the counter app keeps its settings and store: one folder per OS user.

`TRM_COUNTER_HOME` overrides the folder (tests and the demo use it). Otherwise the folder is the
platform's per-user data folder: %APPDATA%\\TRM Counter on Windows, ~/Library/Application
Support/TRM Counter on macOS, $XDG_DATA_HOME/trm-counter (default ~/.local/share) elsewhere.
The settings file holds no secrets: the device secret and the fingerprint key are in the keyring.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["HOME_ENV", "CounterSettings", "SensorChoice", "counter_home"]

HOME_ENV = "TRM_COUNTER_HOME"
SETTINGS_FILE = "counter.json"
STORE_FILE = "counter.db"


def counter_home() -> Path:
    """The app's folder for this OS user (not created here)."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
        return base / "TRM Counter"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "TRM Counter"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "trm-counter"


@dataclass(frozen=True)
class SensorChoice:
    """Where the fingerprint sensor is; an empty port means PIN login only."""

    port: str = ""
    baud: int = 57600
    score_threshold: int = 60


@dataclass(frozen=True)
class CounterSettings:
    """What registration wrote: the centre, this counter, its devices and the last language."""

    centre_urls: tuple[str, ...]
    ca_file: str
    counter_code: str
    device_code: str
    printer: dict[str, Any] | None = None
    """`counter_client.devices.printer.PrinterSettings.to_dict()`; None: no printer here."""
    sensor: SensorChoice = field(default_factory=SensorChoice)
    language: str = "en"
    company: str = "Chamundeshwari Electricity Supply Corporation"
    company_kn: str = "ಚಾಮುಂಡೇಶ್ವರಿ ವಿದ್ಯುತ್ ಸರಬರಾಜು ನಿಗಮ"
    office: str = ""
    portal_url: str = ""

    @classmethod
    def load(cls, home: Path) -> CounterSettings | None:
        """The settings in `home`, or None before the counter is registered."""
        path = home / SETTINGS_FILE
        if not path.is_file():
            return None
        raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            centre_urls=tuple(raw["centre_urls"]),
            ca_file=str(raw["ca_file"]),
            counter_code=str(raw["counter_code"]),
            device_code=str(raw["device_code"]),
            printer=raw.get("printer"),
            sensor=SensorChoice(**raw.get("sensor", {})),
            language=str(raw.get("language", "en")),
            company=str(raw.get("company", cls.company)),
            company_kn=str(raw.get("company_kn", cls.company_kn)),
            office=str(raw.get("office", "")),
            portal_url=str(raw.get("portal_url", "")),
        )

    def save(self, home: Path) -> None:
        """Write the settings atomically (a half-written file would lose the registration)."""
        home.mkdir(parents=True, exist_ok=True)
        data = asdict(self)
        data["centre_urls"] = list(self.centre_urls)
        data["printer"] = dict(self.printer) if self.printer is not None else None
        temp = home / (SETTINGS_FILE + ".tmp")
        temp.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(temp, home / SETTINGS_FILE)

    def with_language(self, language: str) -> CounterSettings:
        return CounterSettings(**{**self.__dict__, "language": language})
