"""The ESC/POS renderer: a Document into the bytes python-escpos makes for it.

The whole job is built first on python-escpos's `Dummy` printer (same profile as the real
one), so a layout fault never leaves half a receipt on the paper, and the job goes to the
printer in one write. Plain ASCII prints as text in the printer's Font A; anything else
(Kannada) goes as a `GS v 0` raster drawn by `raster.block_image`.
"""

from __future__ import annotations

import textwrap
from typing import Any

from counter_client.devices.printer import _env  # noqa: F401  (before escpos is imported)
from counter_client.devices.printer.layout import (
    Block,
    Document,
    Feed,
    Pair,
    Qr,
    Rule,
    Text,
    needs_raster,
)
from counter_client.devices.printer.raster import block_image, require_raqm
from counter_client.devices.printer.settings import Paper

__all__ = ["QR_MODULE_DOTS", "escpos_bytes", "pair_lines", "wrap_text"]

QR_MODULE_DOTS = {"58mm": 5, "80mm": 6, "80mm-576": 6}
"""Dots per QR module: a 40-character URL (version 3, 29 modules) is 3.5-4.5 cm across."""


def wrap_text(text: str, columns: int) -> list[str]:
    """Plain text wrapped at word boundaries to `columns` characters."""
    return textwrap.wrap(text, columns, break_long_words=True, break_on_hyphens=False) or [""]


def pair_lines(label: str, value: str, columns: int) -> list[str]:
    """`label ....... value` in one line when it fits, else the value right-aligned below."""
    if len(label) + 1 + len(value) <= columns:
        return [label + " " * (columns - len(label) - len(value)) + value]
    return wrap_text(label, columns) + [line.rjust(columns) for line in wrap_text(value, columns)]


def escpos_bytes(document: Document, paper: Paper, *, native_qr: bool) -> bytes:
    """The complete print job for `document` on `paper`."""
    from escpos.printer import Dummy

    if any(needs_raster(block) for block in document.blocks):
        require_raqm()  # before anything is built: never a half-made job
    printer = Dummy(profile=paper.escpos_profile)
    printer.hw("INIT")
    for block in document.blocks:
        _write_block(printer, block, paper, native_qr)
    if document.cut:
        # GS V 66 0: feed the last line past the cutter, then cut. Sent whatever the profile
        # says about cutters (58 mm profiles claim none); a printer without one ignores it.
        printer.cut(feed=False)
    data: bytes = printer.output
    printer.close()
    return data


def _write_block(printer: Any, block: Block, paper: Paper, native_qr: bool) -> None:
    if isinstance(block, Text | Pair) and needs_raster(block):
        printer.set(align="left", bold=False, normal_textsize=True)
        printer.image(block_image(block, paper.dots))
    elif isinstance(block, Text):
        large = block.large
        printer.set(align=block.align, bold=block.bold, normal_textsize=not large,
                    double_width=large, double_height=large)  # fmt: skip
        for line in wrap_text(block.text, paper.columns // 2 if large else paper.columns):
            printer.textln(line)
    elif isinstance(block, Pair):
        printer.set(align="left", bold=block.bold, normal_textsize=True)
        for line in pair_lines(block.label, block.value, paper.columns):
            printer.textln(line)
    elif isinstance(block, Rule):
        printer.set(align="left", bold=False, normal_textsize=True)
        printer.textln("-" * paper.columns)
    elif isinstance(block, Qr):
        _write_qr(printer, block.payload, paper, native_qr)
    elif isinstance(block, Feed):
        printer.ln(block.lines)
    else:
        raise TypeError(f"not a layout block: {block!r}")


def _write_qr(printer: Any, payload: str, paper: Paper, native_qr: bool) -> None:
    size = QR_MODULE_DOTS.get(paper.key, 5)
    if native_qr:
        printer.set(align="center")
        printer.qr(payload, native=True, size=size)
        printer.ln()
        printer.set(align="left")
    else:
        printer.qr(payload, native=False, size=size, center=True)
