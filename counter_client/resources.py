"""Where the counter app finds its shipped files (fonts, translations): `font_path("...ttf")`.

The files live in `resources/` at the repository root (as `central_api` finds
`resources/tariffs`). An installed copy finds them under `<prefix>/share/trm/resources` (the
wheel's data files), and `TRM_RESOURCES_DIR` points anywhere else.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = [
    "KANNADA_FONT",
    "KANNADA_FONT_BOLD",
    "MONO_FONT",
    "MONO_FONT_BOLD",
    "font_path",
    "resource_path",
]

KANNADA_FONT = "NotoSansKannada-Regular.ttf"
KANNADA_FONT_BOLD = "NotoSansKannada-Bold.ttf"
MONO_FONT = "DejaVuSansMono.ttf"
MONO_FONT_BOLD = "DejaVuSansMono-Bold.ttf"


def _candidates() -> list[Path]:
    places = []
    override = os.environ.get("TRM_RESOURCES_DIR")
    if override:
        places.append(Path(override))
    places.append(Path(__file__).resolve().parents[1] / "resources")
    places.append(Path(sys.prefix) / "share" / "trm" / "resources")
    return places


def resource_path(*parts: str) -> Path:
    """The shipped file `resources/<parts>`; FileNotFoundError naming every place looked in."""
    tried = []
    for base in _candidates():
        path = base.joinpath(*parts)
        if path.is_file():
            return path
        tried.append(str(path))
    raise FileNotFoundError(f"{'/'.join(parts)} is not installed; looked in: {', '.join(tried)}")


def font_path(name: str) -> Path:
    """A shipped font, e.g. font_path("NotoSansKannada-Regular.ttf") for QFontDatabase or Pillow."""
    return resource_path("fonts", name)
