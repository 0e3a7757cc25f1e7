"""The DCR as an A4 PDF: rendered to images by poppler, not read back as text (Kannada is lossy)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from PySide6.QtWidgets import QApplication

from common.daybook import RemittanceBody
from counter_client.journal import Cash, Cheque, Journal
from counter_client.store import Store
from counter_client.ui.daybook.dcr_pdf import write_dcr_pdf, write_pay_in_slip_pdf
from tests.counter_client.journal.daybook_helpers import close_everything
from tests.counter_client.store.factories import COUNTER, FakeClock, open_store, seed

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    store: Store = open_store(tmp_path / "counter.db", FakeClock())
    seed(store)
    service = Journal(store, COUNTER)
    service.open_day(cashier_id="C001")
    return service


def _pages(pdf: Path, prefix: Path) -> list[Image.Image]:
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(prefix)], check=True)
    return [Image.open(p).convert("L") for p in sorted(prefix.parent.glob(prefix.name + "*.png"))]


def _ink(image: Image.Image) -> int:
    return sum(1 for value in image.get_flattened_data() if value < 128)


def test_the_dcr_pdf_has_pages_with_ink_and_kannada_glyphs(
    qapp: QApplication, journal: Journal, tmp_path: Path
) -> None:
    for n in range(70):  # enough receipts for a second page
        journal.take_receipt(
            cashier_id="C001", rr_number="MYS1001", amount_paise=10_000 + n, payment=Cash()
        )
    journal.take_receipt(
        cashier_id="C001",
        rr_number="MYS1001",
        amount_paise=50_000,
        payment=Cheque("123456", "SBI", "Mysuru", date(2026, 3, 30)),
    )
    close_everything(journal)
    report = journal.daily_collection_report(date(2026, 4, 1))
    pdf = tmp_path / "dcr.pdf"
    count = write_dcr_pdf(report, pdf, company="CESC Mysore")
    assert pdf.read_bytes().startswith(b"%PDF")
    pages = _pages(pdf, tmp_path / "page")
    assert count == len(pages) >= 2
    assert all(_ink(page) > 500 for page in pages)
    # The shipped Kannada font is embedded: Qt drew the Kannada with it (boxes would need none).
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True)
    assert "NotoSansKannada-Regular" in fonts.stdout


def test_kannada_shaping_shows_in_the_rendered_pdf(qapp: QApplication, tmp_path: Path) -> None:
    """The same slip with and without its Kannada labels renders differently (glyphs drawn)."""
    slip = RemittanceBody(
        bank="State Bank of India",
        account_number="00001234",
        slip_number="PIS-1",
        deposit_date=date(2026, 4, 2),
        cash_paise=100_00,
        cheque_paise=0,
        instruments=[],
        amount_paise=100_00,
    )
    pdf = tmp_path / "slip.pdf"
    assert (
        write_pay_in_slip_pdf(slip, pdf, counter_code="MYS001-1", business_date_text="01-04-2026")
        == 1
    )
    (page,) = _pages(pdf, tmp_path / "slip")
    assert _ink(page) > 300
    # The title line's right half is Kannada: there must be ink where "ಬ್ಯಾಂಕ್ ಜಮಾ ಚೀಟಿ" is drawn.
    width, height = page.size
    title = page.crop((width // 2, 0, width, height // 12))
    assert _ink(title) > 50
    blank = Image.new("L", title.size, 255)
    assert ImageChops.difference(title, blank).getbbox() is not None
