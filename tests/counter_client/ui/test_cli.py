"""`trm-counter`: the desktop app by default; `--headless` never loads Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CHECK = """
import sys
from counter_client.cli import main
status = main(["--headless", sys.argv[1]])
print("qt loaded" if any(m.startswith("PySide6") for m in sys.modules) else "no qt")
sys.exit(status)
"""


def test_the_headless_path_never_imports_qt(tmp_path: Path) -> None:
    script = tmp_path / "script.json"
    script.write_text(json.dumps({"store": "x.db"}))  # invalid: the script is refused
    done = subprocess.run(
        [sys.executable, "-c", CHECK, str(script)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2, done.stderr
    assert "invalid script" in done.stderr
    assert done.stdout.strip() == "no qt"


def test_the_app_module_loads_qt_but_not_the_engine_until_the_counter_opens() -> None:
    code = (
        "import sys, counter_client.ui.app as app; "
        "print(sorted(m for m in ('sqlalchemy', 'requests', 'pydantic', 'escpos') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_with_no_display_the_app_says_so_instead_of_aborting() -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    done = subprocess.run(
        [sys.executable, "-m", "counter_client.cli"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 2
    assert "no display" in done.stderr
