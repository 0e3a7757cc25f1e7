"""Kannada (and any non-ASCII) lines drawn as 1-bit images with Pillow's RAQM layout.

Kannada needs a shaping engine: its conjuncts and vowel signs change form around consonants,
and Pillow's basic layout draws them wrong. Only RAQM (HarfBuzz) is used; if this Pillow has
no RAQM, `require_raqm()` raises rather than print broken Kannada. Latin runs inside a line
(names, RR numbers) use the shipped monospaced font, Kannada runs Noto Sans Kannada.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont, features

from counter_client.devices.printer.layout import Align, Pair, Text
from counter_client.resources import (
    KANNADA_FONT,
    KANNADA_FONT_BOLD,
    MONO_FONT,
    MONO_FONT_BOLD,
    font_path,
)

__all__ = ["KannadaShapingUnavailable", "block_image", "require_raqm", "text_runs"]

KANNADA_SIZE = 24  # pixels (printer dots) for normal text; large text is LARGE_FACTOR times
MONO_SIZE = 20  # DejaVu Sans Mono at 20 px advances 12 dots, as the printer's Font A
LARGE_FACTOR = 2
ROW_GAP = 2
LINE_PAD = 8
_THRESHOLD = [0] * 128 + [255] * 128  # grey anti-aliasing to black or white: no dithering
PAIR_GAP = 12


class KannadaShapingUnavailable(RuntimeError):
    """This Pillow cannot shape complex scripts (no libraqm), so Kannada would print broken."""


def require_raqm() -> None:
    """Raise KannadaShapingUnavailable unless Pillow's RAQM layout engine is available."""
    if not features.check("raqm"):
        raise KannadaShapingUnavailable(
            "Pillow here has no RAQM layout (libraqm with HarfBuzz), so Kannada cannot be "
            "shaped; install a Pillow wheel from PyPI (it bundles raqm) or libraqm"
        )


@lru_cache(maxsize=16)
def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    require_raqm()
    return ImageFont.truetype(str(font_path(name)), size, layout_engine=ImageFont.Layout.RAQM)


@dataclass(frozen=True)
class _Style:
    kannada: ImageFont.FreeTypeFont
    latin: ImageFont.FreeTypeFont
    bold: bool
    large: bool

    @property
    def ascent(self) -> int:
        return max(self.kannada.getmetrics()[0], self.latin.getmetrics()[0])

    @property
    def height(self) -> int:
        ascents, descents = zip(self.kannada.getmetrics(), self.latin.getmetrics(), strict=True)
        return max(ascents) + max(descents) + ROW_GAP

    def font_for(self, kannada: bool) -> ImageFont.FreeTypeFont:
        return self.kannada if kannada else self.latin

    def width(self, text: str) -> float:
        return _width(text, self.bold, self.large)


@lru_cache(maxsize=4)
def _style(bold: bool, large: bool) -> _Style:
    scale = LARGE_FACTOR if large else 1
    return _Style(
        kannada=_font(KANNADA_FONT_BOLD if bold else KANNADA_FONT, KANNADA_SIZE * scale),
        latin=_font(MONO_FONT_BOLD if bold else MONO_FONT, MONO_SIZE * scale),
        bold=bold,
        large=large,
    )


# Receipts repeat most of their lines (labels, headers, dates): shaping and drawing a line once
# and pasting it after keeps a Kannada receipt's rendering in tens of milliseconds.
@lru_cache(maxsize=4096)
def _width(text: str, bold: bool, large: bool) -> float:
    style = _style(bold, large)
    return sum(style.font_for(k).getlength(run) for run, k in text_runs(text))


@lru_cache(maxsize=1024)
def _ink(text: str, bold: bool, large: bool) -> Image.Image:
    """The line's ink as a mask (255 where black), with LINE_PAD dots of room either side."""
    style = _style(bold, large)
    mask = Image.new("L", (math.ceil(_width(text, bold, large)) + 2 * LINE_PAD, style.height), 0)
    draw = ImageDraw.Draw(mask)
    x = float(LINE_PAD)
    for run, kannada in text_runs(text):
        font = style.font_for(kannada)
        draw.text((x, style.ascent), run, font=font, fill=255, anchor="ls")
        x += font.getlength(run)
    return mask


def _is_kannada(ch: str) -> bool:
    return "\u0c80" <= ch <= "\u0cff" or ch in "\u200c\u200d\u20b9\u0964\u0965"


def text_runs(text: str) -> list[tuple[str, bool]]:
    """The text cut into runs of one font: (run, is_kannada). Spaces stay with the run before."""
    runs: list[tuple[str, bool]] = []
    for ch in text:
        kannada = _is_kannada(ch) if ch != " " else (runs[-1][1] if runs else False)
        if runs and runs[-1][1] == kannada:
            runs[-1] = (runs[-1][0] + ch, kannada)
        else:
            runs.append((ch, kannada))
    return runs


def _wrap(text: str, style: _Style, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and style.width(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current else lines or [""]


def _x(align: Align, text_width: float, width: int) -> float:
    if align == "center":
        return max(0.0, (width - text_width) / 2)
    if align == "right":
        return max(0.0, width - text_width)
    return 0.0


_Row = list[tuple[str, Align]]  # the pieces of one printed row, each placed by its alignment


def _rows(block: Text | Pair, style: _Style, width: int) -> list[_Row]:
    if isinstance(block, Text):
        return [[(line, block.align)] for line in _wrap(block.text, style, width)]
    if style.width(block.label) + PAIR_GAP + style.width(block.value) <= width:
        return [[(block.label, "left"), (block.value, "right")]]
    labels: list[_Row] = [[(line, "left")] for line in _wrap(block.label, style, width)]
    return labels + [[(line, "right")] for line in _wrap(block.value, style, width)]


def block_image(block: Text | Pair, width: int) -> Image.Image:
    """The block drawn `width` dots wide, black on white, mode "1" (no grey, no dithering)."""
    require_raqm()  # the fonts are cached: check on every use, not only the first
    style = _style(block.bold, isinstance(block, Text) and block.large)
    rows = _rows(block, style, width)
    image = Image.new("L", (width, style.height * len(rows)), 255)
    for index, row in enumerate(rows):
        for text, align in row:
            x = round(_x(align, style.width(text), width)) - LINE_PAD
            image.paste(0, (x, index * style.height), _ink(text, style.bold, style.large))
    return image.point(_THRESHOLD, mode="1")
