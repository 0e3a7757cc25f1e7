"""Receipts printed by the real python-escpos Network printer on the port-9100 emulator.

The ESC/POS reader turns what the emulator received back into lines, codes, images and cuts.
"""

from __future__ import annotations

import pytest
import qrcode
from PIL import Image, ImageChops

from common.money import format_inr
from common.sync_protocol import PaymentMode
from common.words import amount_in_words_en
from counter_client.devices.printer import (
    PAPERS,
    Pair,
    Rule,
    Text,
    render_preview,
    verification_url,
)
from counter_client.devices.printer.emulator import PrinterEmulator
from counter_client.devices.printer.escpos_reader import (
    ParsedJob,
    QrCode,
    Raster,
    StatusQuery,
    TextLine,
)
from tests.support.printing import (
    COMPANY,
    PAYMENT_DETAILS,
    make_receipt,
    network_printer,
    printer_emulator,
)

__all__ = ["printer_emulator"]  # the fixture, for pytest


def printed(emulator: PrinterEmulator) -> ParsedJob:
    """The one job that printed something."""
    emulator.wait_for_jobs(len(emulator.jobs) or 1)
    jobs = emulator.printed_jobs()
    assert len(jobs) == 1, f"expected one printed job, got {len(jobs)}"
    assert jobs[0].finished and not jobs[0].cut_off
    return jobs[0].parsed()


def joined(job: ParsedJob) -> str:
    """The text with wrapped lines joined by spaces and runs of spaces squeezed."""
    return " ".join(" ".join(line.text.split()) for line in job.lines if line.text.strip())


def expected_url() -> str:
    receipt = make_receipt()
    return (
        "https://portal.cescmysore.example/verify/MYS001-1%2F2026-27%2F1234?h="
        + receipt.entry_hash[:16]
    )


@pytest.mark.parametrize("paper", ["80mm", "58mm", "80mm-576"])
def test_an_english_receipt_prints_every_field_and_is_cut(
    printer_emulator: PrinterEmulator, paper: str
) -> None:
    receipt = make_receipt(PaymentMode.CHEQUE)
    network_printer(printer_emulator, paper).print_receipt(
        receipt, duplicate=False, language="en", company=COMPANY
    )
    job = printed(printer_emulator)
    text = joined(job)
    columns = PAPERS[paper].columns
    assert job.initialised
    assert all(len(line.text) <= columns for line in job.lines)
    assert "Chamundeshwari Electricity Supply Corporation Ltd (CESC Mysore)" in text
    assert "Cash Counter 1, Kuvempunagar Sub-division, Mysuru" in text
    assert "MYS001-1/2026-27/1234" in text
    assert "Date 27-11-2026" in text and "Time 10:15:03" in text
    assert "RR No. MY001D004217" in text
    assert "Name Ramesh Gowda" in text
    assert "Amount Rs. 1,23,456.78" in text
    assert format_inr(receipt.amount_paise, symbol=False) == "1,23,456.78"
    assert amount_in_words_en(receipt.amount_paise) in text
    assert "Paid by Cheque" in text and "Cheque No. 401234" in text
    assert "Bank State Bank of India" in text and "Branch Kuvempunagar" in text
    assert "Dated 20-11-2026" in text
    assert "Cashier C001" in text
    assert "DUPLICATE" not in text
    printing = [item for item in job.items if not isinstance(item, StatusQuery)]
    assert len(job.cuts) == 1 and printing[-1] == job.cuts[0]


def test_the_qr_code_carries_the_verification_url_with_the_entry_hash(
    printer_emulator: PrinterEmulator,
) -> None:
    receipt = make_receipt()
    network_printer(printer_emulator, "80mm").print_receipt(
        receipt, duplicate=False, language="en", company=COMPANY
    )
    job = printed(printer_emulator)
    assert [code.payload for code in job.qr_codes] == [expected_url()]
    assert verification_url(COMPANY.portal_base_url, receipt.receipt_number, "AB" * 32).endswith(
        "?h=abababababababab"
    )


def test_on_58mm_the_qr_code_is_an_image_of_the_same_url(printer_emulator: PrinterEmulator) -> None:
    # The 58 mm profile (POS-5890) draws no QR codes itself: python-escpos sends a picture.
    network_printer(printer_emulator, "58mm").print_receipt(
        make_receipt(), duplicate=False, language="en", company=COMPANY
    )
    job = printed(printer_emulator)
    assert job.qr_codes == []
    [picture] = job.rasters
    code = qrcode.QRCode(box_size=5, border=1, error_correction=qrcode.constants.ERROR_CORRECT_L)
    code.add_data(expected_url())
    code.make(fit=True)
    expected = code.make_image().get_image().convert("1")
    assert picture.image.width == 384
    assert _ink(picture.image).tobytes() == _ink(expected).tobytes()


@pytest.mark.parametrize(
    ("mode", "lines", "absent"),
    [
        (PaymentMode.CASH, ["Paid by Cash"], ["Bank", "ref."]),
        (
            PaymentMode.CHEQUE,
            ["Paid by Cheque", "Cheque No. 401234", "Bank State Bank of India", "Dated 20-11-2026"],
            ["ref."],
        ),
        (
            PaymentMode.DEMAND_DRAFT,
            [
                "Paid by Demand draft",
                "Demand draft No. 778899",
                "Bank Canara Bank",
                "Branch Sayyaji Rao Road",
                "Dated 02-10-2026",
            ],
            ["ref."],
        ),
        (PaymentMode.CARD, ["Paid by Card", "Card ref. AUTH42X9"], ["Bank"]),
        (PaymentMode.UPI, ["Paid by UPI", "UPI ref. (UTR) 633012345678"], ["Bank"]),
    ],
)
def test_every_payment_mode_prints_its_details(
    printer_emulator: PrinterEmulator, mode: PaymentMode, lines: list[str], absent: list[str]
) -> None:
    network_printer(printer_emulator).print_receipt(
        make_receipt(mode), duplicate=False, language="en", company=COMPANY
    )
    text = joined(printed(printer_emulator))
    assert PAYMENT_DETAILS[mode] == make_receipt(mode).payment_details
    for line in lines:
        assert line in text
    for word in absent:
        assert word not in text


def test_a_reprint_is_marked_duplicate_large_at_the_top_and_the_bottom(
    printer_emulator: PrinterEmulator,
) -> None:
    network_printer(printer_emulator).print_receipt(
        make_receipt(), duplicate=True, language="en", company=COMPANY
    )
    job = printed(printer_emulator)
    marks = [i for i, item in enumerate(job.items) if getattr(item, "text", "") == "DUPLICATE"]
    assert len(marks) == 2
    assert all(job.items[i] == TextLine("DUPLICATE", True, "center", True) for i in marks)
    title = next(
        i
        for i, item in enumerate(job.items)
        if getattr(item, "text", "").strip() == "PAYMENT RECEIPT"
    )
    qr = next(i for i, item in enumerate(job.items) if isinstance(item, QrCode))
    assert marks[0] < title and marks[1] > qr


def test_a_receipt_the_journal_marked_duplicate_prints_duplicate(
    printer_emulator: PrinterEmulator,
) -> None:
    network_printer(printer_emulator).print_receipt(
        make_receipt(duplicate=True), duplicate=False, language="en", company=COMPANY
    )
    assert joined(printed(printer_emulator)).count("DUPLICATE") == 2


def _ink(image: Image.Image) -> Image.Image:
    """The image cropped to its black dots."""
    grey = image.convert("L")
    box = ImageChops.invert(grey).getbbox()
    assert box is not None, "the image has no ink"
    return grey.crop(box).point(lambda v: 255 if v >= 128 else 0).convert("1")


def test_the_preview_is_what_the_printer_prints(
    printer_emulator: PrinterEmulator, tmp_path: object
) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "receipt.png"
    for language in ("en", "kn"):
        receipt = make_receipt(PaymentMode.UPI)
        network_printer(printer_emulator, "80mm").print_receipt(
            receipt, duplicate=True, language=language, company=COMPANY
        )
        preview = render_preview(
            receipt, duplicate=True, language=language, company=COMPANY, save_to=path
        )
        job = printer_emulator.wait_for_jobs(len(printer_emulator.jobs))[-1]
        as_printed = job.parsed().render(512)
        assert preview.size == as_printed.size
        assert ImageChops.difference(preview, as_printed).getbbox() is None
        with Image.open(path) as saved:
            assert saved.format == "PNG" and saved.size == (512 + 16, preview.height)


def test_rasters_are_only_for_text_the_printer_cannot_print(
    printer_emulator: PrinterEmulator,
) -> None:
    network_printer(printer_emulator).print_receipt(
        make_receipt(consumer_name="Zoë D'Souza"), duplicate=False, language="en", company=COMPANY
    )
    job = printed(printer_emulator)
    # The only non-ASCII text on this receipt is the name: it goes as a picture, never as "?".
    [name] = [item for item in job.items if isinstance(item, Raster)]
    assert name.image.width == 512
    assert "?" not in job.text and "Zo" not in job.text


def test_warming_up_draws_ahead_and_sends_nothing(printer_emulator: PrinterEmulator) -> None:
    printer = network_printer(printer_emulator)
    printer.warm_up(COMPANY)
    assert printer_emulator.jobs == []
    printer.print_receipt(make_receipt(), duplicate=False, language="kn", company=COMPANY)
    assert len(printed(printer_emulator).rasters) > 10


def test_any_slip_prints_from_lines_with_kannada_lines_as_images(
    printer_emulator: PrinterEmulator,
) -> None:
    # What the day book's Daily Collection Report uses.
    network_printer(printer_emulator, "58mm").print_lines(
        [
            "Business date 27-11-2026",
            Pair("Receipts", "42"),
            Pair("Cash", "Rs. 1,20,000.00", bold=True),
            Text("ನಗದು ಸಂಗ್ರಹ ವರದಿ", align="center"),
            Rule(),
        ],
        title="Daily Collection Report",
    )
    job = printed(printer_emulator)
    assert job.lines == [
        TextLine("Daily Collection Report", bold=True, align="center"),
        TextLine("-" * 32),
        TextLine("Business date 27-11-2026"),
        TextLine("Receipts" + " " * 22 + "42"),
        TextLine("Cash" + " " * 13 + "Rs. 1,20,000.00", bold=True),
        TextLine("-" * 32),
    ]
    [kannada] = job.rasters
    assert kannada.image.width == 384
    assert job.items.index(kannada) > job.items.index(job.lines[4])
    assert len(job.cuts) == 1
