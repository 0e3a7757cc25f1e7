"""Give python-escpos a stable capabilities cache folder before anything imports it.

python-escpos reads ESCPOS_CAPABILITIES_PICKLE_DIR once, at import, and otherwise makes a new
temporary folder in every process (and leaves it behind). The Makefile exports a folder; when
nothing is set, use one under the user's cache folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["capabilities_dir"]

_VARIABLE = "ESCPOS_CAPABILITIES_PICKLE_DIR"


def _user_cache_dir() -> Path:
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "trm" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "trm"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "trm"


def capabilities_dir() -> Path:
    """The folder python-escpos caches its printer profiles in; set in the environment if unset."""
    current = os.environ.get(_VARIABLE)
    folder = Path(current) if current else _user_cache_dir() / "escpos"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        # A read-only home: python-escpos can still work from a fresh temporary folder.
        return folder
    os.environ[_VARIABLE] = str(folder)
    return folder


capabilities_dir()
