"""Kannada on the receipt: drawn with a shaping engine (RAQM) and sent as raster images.

The expected pictures here are drawn by the test itself, straight with Pillow and the shipped
font, so they check the printed dots, not the printer code against itself.
"""

from __future__ import annotations

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont, features

from common.sync_protocol import PaymentMode
from common.words import amount_in_words_kn
from counter_client.devices.printer import (
    KannadaShapingUnavailable,
    Text,
    receipt_document,
    render_preview,
)
from counter_client.devices.printer.emulator import PrinterEmulator
from counter_client.devices.printer.escpos_reader import Raster
from counter_client.devices.printer.layout import needs_raster
from counter_client.resources import KANNADA_FONT, KANNADA_FONT_BOLD, font_path
from tests.support.printing import COMPANY, make_receipt, network_printer, printer_emulator

__all__ = ["printer_emulator"]  # the fixture, for pytest

CONJUNCTS = "ಮೈಸೂರು ವಿದ್ಯುತ್"  # ದ್ಯು and ತ್ need shaping; the basic layout draws them apart


def drawn(
    text: str, *, bold: bool = False, layout: ImageFont.Layout = ImageFont.Layout.RAQM
) -> Image.Image:
    """`text` in the shipped font at 24 px, black on white, cut to its ink."""
    name = KANNADA_FONT_BOLD if bold else KANNADA_FONT
    font = ImageFont.truetype(str(font_path(name)), 24, layout_engine=layout)
    canvas = Image.new("L", (600, 60), 255)
    ImageDraw.Draw(canvas).text((10, 40), text, font=font, fill=0, anchor="ls")
    return ink(canvas)


def ink(image: Image.Image) -> Image.Image:
    grey = image.convert("L").point(lambda v: 255 if v >= 128 else 0)
    box = ImageChops.invert(grey).getbbox()
    assert box is not None, "no ink"
    return grey.crop(box)


def same_picture(a: Image.Image, b: Image.Image) -> bool:
    return a.size == b.size and ImageChops.difference(a, b).getbbox() is None


def test_shaping_matters_for_these_words() -> None:
    assert features.check("raqm")
    assert not same_picture(drawn(CONJUNCTS), drawn(CONJUNCTS, layout=ImageFont.Layout.BASIC))


@pytest.mark.parametrize("paper", ["80mm", "58mm"])
def test_a_kannada_line_prints_as_a_shaped_raster_of_the_paper_width(
    printer_emulator: PrinterEmulator, paper: str
) -> None:
    network_printer(printer_emulator, paper).print_lines([Text(CONJUNCTS)])
    printer_emulator.wait_for_jobs(1)
    [job] = printer_emulator.printed_jobs()
    parsed = job.parsed()
    [raster] = parsed.rasters
    assert parsed.text == "" and "?" not in parsed.text
    assert raster.image.width == {"80mm": 512, "58mm": 384}[paper]
    assert same_picture(ink(raster.image), drawn(CONJUNCTS))
    assert not same_picture(ink(raster.image), drawn(CONJUNCTS, layout=ImageFont.Layout.BASIC))


def test_a_kannada_receipt_sends_every_kannada_block_as_a_shaped_raster(
    printer_emulator: PrinterEmulator,
) -> None:
    receipt = make_receipt(PaymentMode.CHEQUE)
    network_printer(printer_emulator).print_receipt(
        receipt, duplicate=False, language="kn", company=COMPANY
    )
    printer_emulator.wait_for_jobs(1)
    [job] = printer_emulator.printed_jobs()
    parsed = job.parsed()
    document = receipt_document(receipt, duplicate=False, language="kn", company=COMPANY)
    kannada_blocks = [block for block in document.blocks if needs_raster(block)]
    assert len(parsed.rasters) == len(kannada_blocks) > 10
    assert all(r.image.width == 512 for r in parsed.rasters)
    assert all(ImageChops.invert(r.image.convert("L")).getbbox() for r in parsed.rasters)
    # The title, bold and centred, is the picture Pillow's RAQM layout makes of it.
    title = kannada_blocks.index(Text("ಪಾವತಿ ರಸೀದಿ", align="center", bold=True))
    assert same_picture(ink(parsed.rasters[title].image), drawn("ಪಾವತಿ ರಸೀದಿ", bold=True))
    # No Kannada ever reaches the printer as text (it would print as "?").
    assert all(line.text.isascii() and "?" not in line.text for line in parsed.lines)
    assert [code.payload for code in parsed.qr_codes][0].startswith(
        "https://portal.cescmysore.example/verify/"
    )
    assert amount_in_words_kn(receipt.amount_paise).startswith("ಒಂದು ಲಕ್ಷದ")


def test_a_kannada_duplicate_carries_duplicate_in_both_scripts(
    printer_emulator: PrinterEmulator,
) -> None:
    network_printer(printer_emulator).print_receipt(
        make_receipt(), duplicate=True, language="kn", company=COMPANY
    )
    printer_emulator.wait_for_jobs(1)
    parsed = printer_emulator.printed_jobs()[0].parsed()
    assert [line.text for line in parsed.lines if line.large] == ["DUPLICATE", "DUPLICATE"]
    rasters = [item for item in parsed.items if isinstance(item, Raster)]
    heights = sorted(r.image.height for r in rasters)
    assert heights[-1] >= 2 * heights[0]  # the large ನಕಲು ಪ್ರತಿ marks


def test_the_58mm_kannada_preview_holds_the_shaped_title() -> None:
    image = render_preview(
        make_receipt(), duplicate=False, language="kn", company=COMPANY, paper="58mm"
    )
    assert image.width == 384 + 16
    title = drawn("ಪಾವತಿ ರಸೀದಿ", bold=True)
    rows = [row for row in range(image.height - title.height) if _holds(image, title, row)]
    assert len(rows) == 1


def _holds(page: Image.Image, picture: Image.Image, top: int) -> bool:
    """Whether `picture` is drawn centred on `page` starting at row `top`."""
    left = 8 + (384 - picture.width) // 2
    for dx in (-2, -1, 0, 1, 2):
        box = (left + dx, top, left + dx + picture.width, top + picture.height)
        if same_picture(page.crop(box).point(lambda v: 255 if v >= 128 else 0), picture):
            return True
    return False


def test_without_raqm_kannada_fails_loudly_and_nothing_is_sent(
    printer_emulator: PrinterEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pillow built without libraqm: simulated, since this machine's Pillow has it.
    real_check = features.check
    monkeypatch.setattr(
        features, "check", lambda name: False if name == "raqm" else real_check(name)
    )
    printer = network_printer(printer_emulator)
    with pytest.raises(KannadaShapingUnavailable, match="RAQM"):
        printer.print_receipt(make_receipt(), duplicate=False, language="kn", company=COMPANY)
    with pytest.raises(KannadaShapingUnavailable):
        render_preview(make_receipt(), duplicate=False, language="kn", company=COMPANY)
    assert printer_emulator.jobs == []
