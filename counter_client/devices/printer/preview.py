"""The PNG renderer: the same Document the printer gets, drawn as the paper would look.

Plain text is drawn in the shipped monospaced font on the printer's grid (Font A: 12 x 24 dots,
30-dot line pitch); Kannada blocks are the very images the printer is sent; the QR code is
drawn as python-escpos draws it. The image is `paper.dots` wide, white with black ink.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont

from counter_client.devices.printer.escpos_out import (
    QR_MODULE_DOTS,
    pair_lines,
    wrap_text,
)
from counter_client.devices.printer.escpos_reader import (
    Cut,
    FeedLines,
    ParsedJob,
    QrCode,
    Raster,
    TextLine,
)
from counter_client.devices.printer.layout import (
    Block,
    CompanyHeader,
    Document,
    Feed,
    Language,
    Pair,
    Qr,
    Rule,
    Text,
    needs_raster,
    receipt_document,
)
from counter_client.devices.printer.raster import block_image, require_raqm
from counter_client.devices.printer.settings import PAPERS, Paper
from counter_client.journal.views import ReceiptView
from counter_client.resources import MONO_FONT, MONO_FONT_BOLD, font_path

__all__ = [
    "LINE_PITCH",
    "draw_text_line",
    "qr_image",
    "render_document",
    "render_preview",
    "render_received",
]

LINE_PITCH = 30  # dots per text line: 24-dot Font A plus ESC/POS's default spacing
MARGIN = 8  # white border round the paper in the PNG


@lru_cache(maxsize=8)
def _mono(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    require_raqm()
    name = MONO_FONT_BOLD if bold else MONO_FONT
    return ImageFont.truetype(str(font_path(name)), size, layout_engine=ImageFont.Layout.RAQM)


def draw_text_line(
    text: str, width: int, columns: int, *, align: str, bold: bool, large: bool
) -> Image.Image:
    """One line of printer text on the character grid, `width` dots wide."""
    scale = 2 if large else 1
    cell = width // columns  # 12 dots, or 24 for double width (columns are halved)
    font = _mono(bold, int(cell / 0.602))  # DejaVu Sans Mono advances 0.602 em
    image = Image.new("L", (width, LINE_PITCH * scale), 255)
    used = len(text) * cell
    x = {"center": (width - used) // 2, "right": width - used}.get(align, 0)
    draw = ImageDraw.Draw(image)
    for index, ch in enumerate(text):
        draw.text((max(0, x) + index * cell, 22 * scale), ch, font=font, fill=0, anchor="ls")
    return image


def qr_image(payload: str, module_dots: int) -> Image.Image:
    """The QR code as python-escpos draws it (box size in dots, a 1-module border)."""
    code = qrcode.QRCode(
        version=None,
        box_size=module_dots,
        border=1,
        error_correction=qrcode.constants.ERROR_CORRECT_L,
    )
    code.add_data(payload)
    code.make(fit=True)
    image: Image.Image = code.make_image().get_image().convert("L")
    return image


def _block_images(block: Block, paper: Paper, native_qr: bool) -> list[Image.Image]:
    if isinstance(block, Text | Pair) and needs_raster(block):
        return [block_image(block, paper.dots).convert("L")]
    if isinstance(block, Text):
        columns = paper.columns // 2 if block.large else paper.columns
        return [
            draw_text_line(
                line, paper.dots, columns, align=block.align, bold=block.bold, large=block.large
            )
            for line in wrap_text(block.text, columns)
        ]
    if isinstance(block, Pair):
        return [
            draw_text_line(
                line, paper.dots, paper.columns, align="left", bold=block.bold, large=False
            )
            for line in pair_lines(block.label, block.value, paper.columns)
        ]
    if isinstance(block, Rule):
        line = "-" * paper.columns
        return [
            draw_text_line(line, paper.dots, paper.columns, align="left", bold=False, large=False)
        ]
    if isinstance(block, Qr):
        code = _placed(
            qr_image(block.payload, QR_MODULE_DOTS.get(paper.key, 5)), paper.dots, "center"
        )
        if native_qr:
            return [code, _blank(paper.dots, 1)]
        # python-escpos sends a QR image between a line feed before and two after
        return [_blank(paper.dots, 1), code, _blank(paper.dots, 2)]
    if isinstance(block, Feed):
        return [_blank(paper.dots, block.lines)]
    raise TypeError(f"not a layout block: {block!r}")


def render_document(
    document: Document, paper: Paper | str = "80mm", *, native_qr: bool | None = None
) -> Image.Image:
    """The slip as it prints: `paper.dots` wide plus a margin, greyscale PNG-ready.

    `native_qr` as the printer's settings have it (default: what the paper's profile does).
    """
    spec = PAPERS[paper] if isinstance(paper, str) else paper
    native = spec.native_qr if native_qr is None else native_qr
    rows = [image for block in document.blocks for image in _block_images(block, spec, native)]
    if document.cut:
        rows.append(_cut_mark(spec.dots))
    return _stack(rows, spec.dots)


def render_received(job: ParsedJob, width: int | None = None) -> Image.Image:
    """What a printer made of the bytes it received (the emulator's PNG of each job)."""
    dots = width or max((raster.image.width for raster in job.rasters), default=512)
    columns = dots // 12
    rows: list[Image.Image] = []
    for item in job.items:
        if isinstance(item, TextLine):
            cols = columns // 2 if item.large else columns
            rows.append(
                draw_text_line(
                    item.text[:cols], dots, cols, align=item.align, bold=item.bold, large=item.large
                )
            )
        elif isinstance(item, Raster):
            rows.append(_placed(item.image.convert("L"), dots, item.align))
        elif isinstance(item, QrCode):
            rows.append(_placed(qr_image(item.payload, item.module_dots), dots, "center"))
        elif isinstance(item, FeedLines):
            rows.append(_blank(dots, item.lines))
        elif isinstance(item, Cut):
            rows.append(_cut_mark(dots))
    return _stack(rows, dots)


def _blank(dots: int, lines: int) -> Image.Image:
    return Image.new("L", (dots, LINE_PITCH * lines), 255)


def _placed(picture: Image.Image, dots: int, align: str) -> Image.Image:
    row = Image.new("L", (dots, picture.height), 255)
    x = {"center": (dots - picture.width) // 2, "right": dots - picture.width}.get(align, 0)
    row.paste(picture, (max(0, x), 0))
    return row


def _stack(rows: list[Image.Image], dots: int) -> Image.Image:
    height = sum(row.height for row in rows)
    page = Image.new("L", (dots + 2 * MARGIN, height + 2 * MARGIN), 255)
    top = MARGIN
    for row in rows:
        page.paste(row, (MARGIN, top))
        top += row.height
    return page


def _cut_mark(width: int) -> Image.Image:
    image = Image.new("L", (width, LINE_PITCH), 255)
    draw = ImageDraw.Draw(image)
    for x in range(0, width, 16):
        draw.line((x, LINE_PITCH // 2, x + 8, LINE_PITCH // 2), fill=128, width=2)
    return image


def render_preview(
    receipt: ReceiptView,
    *,
    duplicate: bool,
    language: Language,
    company: CompanyHeader,
    paper: Paper | str = "80mm",
    native_qr: bool | None = None,
    save_to: Path | str | None = None,
) -> Image.Image:
    """The receipt as it will print, for the screen and the docs; also saved as PNG if asked."""
    document = receipt_document(receipt, duplicate=duplicate, language=language, company=company)
    image = render_document(document, paper, native_qr=native_qr)
    if save_to is not None:
        image.save(Path(save_to), format="PNG", optimize=True)
    return image
