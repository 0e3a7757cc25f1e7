"""Import python-escpos tidily: a stable capabilities cache, no stray temp folder, no logging.

python-escpos 3.1 reads ESCPOS_CAPABILITIES_PICKLE_DIR once, at import. The Makefile exports
a folder; when nothing is set, use one under the user's cache folder. Its import also calls
`tempfile.mkdtemp()` even when the variable is set (an eager default argument), leaving a
folder behind in every process, and `logging.basicConfig()`, which would make the app's own
logging set-up a no-op. Importing it here undoes both.
"""

from __future__ import annotations

import importlib
import logging
import os
import shutil
import sys
import tempfile
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


def _import_escpos(cache: Path) -> None:
    if "escpos.capabilities" in sys.modules:
        return
    root = logging.getLogger()
    handlers = list(root.handlers)
    scratch = cache / "scratch"
    previous = tempfile.tempdir
    try:
        scratch.mkdir(parents=True, exist_ok=True)
        tempfile.tempdir = str(scratch)
    except OSError:
        pass
    try:
        importlib.import_module("escpos.capabilities")
    finally:
        tempfile.tempdir = previous
        shutil.rmtree(scratch, ignore_errors=True)
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)


_import_escpos(capabilities_dir())
