"""The Daily Collection Report: its totals from the journal, and the slip on the printer."""

from __future__ import annotations

from datetime import date

import pytest

from common.daybook import RemittanceBody
from common.errors import ValidationProblem
from counter_client.devices.printer.emulator import PrinterEmulator
from counter_client.journal import Cash, Cheque, Journal, Upi
from counter_client.journal.dcr_print import DCR_TITLE, dcr_lines, pay_in_slip_lines
from counter_client.store import PulledPage, Store, apply_pulled_page
from tests.counter_client.journal.daybook_helpers import close_exactly
from tests.counter_client.store.factories import consumer
from tests.support.printing import network_printer, printer_emulator

__all__ = ["printer_emulator"]  # the fixture, for pytest

CHEQUE = Cheque("111111", "Canara Bank", "Mysuru", date(2026, 3, 30))


@pytest.fixture
def day(journal: Journal, store: Store) -> Journal:
    """1 April: two cashiers, two tariff categories, a cancellation, a short, a closed book."""
    industrial = consumer("MYS2002", account_id="0000000026", name_en="Mysore Silk Works")
    apply_pulled_page(
        store,
        PulledPage(
            stream="consumers",
            cursor="c2",
            consumers=[type(industrial)(**{**industrial.__dict__, "tariff_category": "LT5"})],
        ),
    )
    take = journal.take_receipt
    journal.cash_in(cashier_id="C001", amount_paise=10_000, note="float")
    take(cashier_id="C001", rr_number="MYS1001", amount_paise=50_000, payment=Cash())
    wrong = take(cashier_id="C001", rr_number="MYS2002", amount_paise=20_000, payment=Cash())
    take(cashier_id="C002", rr_number="MYS2002", amount_paise=300_000, payment=CHEQUE)
    take(cashier_id="C002", rr_number="MYS1001", amount_paise=45_000, payment=Upi("412345678901"))
    take(
        cashier_id="C002",
        rr_number="MYS9999",
        amount_paise=7_000,
        payment=Cash(),
        consumer_name="Walk In",
    )
    journal.cancel_receipt(
        cashier_id="C001",
        receipt_number=wrong.receipt_number,
        reason="wrong account",
        supervisor_id="S001",
    )
    close_exactly(journal, "C001")
    journal.close_shift(
        "C002",
        denominations={"note_50": 1},
        instruments_present={"MYS001-1/2026-27/3"},
        card_paise=0,
        upi_paise=45_000,
        reason="₹20 short",
        approved_by="S001",
    )
    journal.close_day(supervisor_id="S002")
    return journal


def test_the_days_totals_by_mode_and_category(day: Journal) -> None:
    report = day.daily_collection_report(date(2026, 4, 1))
    assert report.is_closed and report.closed_by == "S002" and report.cashier is None
    assert len(report.receipts) == 5 and [r.cancelled for r in report.receipts].count(True) == 1
    assert report.receipts_paise == 422_000 and report.cancelled_paise == 20_000
    assert report.net_paise == 402_000
    assert report.by_mode_paise == {
        "cash": 57_000,
        "cheque": 300_000,
        "demand_draft": 0,
        "card": 0,
        "upi": 45_000,
    }
    assert report.by_category_paise == {"LT2a": 95_000, "LT5": 300_000, "unknown": 7_000}
    assert sum(report.by_category_paise.values()) == report.net_paise
    assert report.cash_in_paise == 10_000
    assert report.expected_paise["cash"] == 67_000
    assert report.counted_paise["cash"] == 65_000
    assert report.over_short_paise["cash"] == -2_000
    assert report.denominations["note_50"] >= 1


def test_one_shifts_report_holds_only_that_shift(day: Journal) -> None:
    closing = [e for e in day.shift_closings(date(2026, 4, 1)) if e.cashier == "C002"][0]
    report = day.daily_collection_report(date(2026, 4, 1), shift_sequence=closing.sequence)
    assert report.cashier == "C002"
    assert [r.rr_number for r in report.receipts] == ["MYS2002", "MYS1001", "MYS9999"]
    assert report.cancellations == ()  # C001 cancelled, in C001's shift
    assert report.net_paise == 352_000
    assert [s.cashier for s in report.shifts] == ["C002"]
    assert report.over_short_paise["cash"] == -2_000
    with pytest.raises(ValidationProblem) as raised:
        day.daily_collection_report(date(2026, 4, 1), shift_sequence=2)
    assert raised.value.field == "shift_sequence"


def test_the_dcr_prints_on_the_receipt_printer_with_kannada_as_images(
    day: Journal, printer_emulator: PrinterEmulator
) -> None:
    report = day.daily_collection_report(date(2026, 4, 1))
    printer = network_printer(printer_emulator)
    printer.print_lines(dcr_lines(report), title=DCR_TITLE[0])
    printer.print_lines(dcr_lines(report, "kn"), title=DCR_TITLE[1])
    printer_emulator.wait_for_jobs(2)
    english, kannada = (job.parsed() for job in printer_emulator.printed_jobs())
    text = english.text
    assert "DAILY COLLECTION REPORT" in text
    assert "Rs. 4,020.00" in text and "Rs. 3,000.00" in text  # net, cheques
    assert "LT5" in text and "unknown" in text
    assert "670.00 / 650.00 / -20.00" in text  # cash: expected / counted / short
    assert len(english.rasters) == 1  # the reason, typed with a rupee sign, as an image
    assert "Supervisor" in text
    assert len(english.cuts) == 1
    # Kannada labels cannot go in the printer's code page: they print as shaped images.
    assert len(kannada.rasters) > 10
    assert "?" not in kannada.text


def test_a_pay_in_slip_lists_the_cash_and_each_cheque(printer_emulator: PrinterEmulator) -> None:
    slip = RemittanceBody(
        bank="State Bank of India",
        account_number="00000012345678",
        slip_number="PIS-7",
        deposit_date=date(2026, 4, 2),
        cash_paise=65_000,
        cheque_paise=300_000,
        instruments=["MYS001-1/2026-27/3"],
        amount_paise=365_000,
    )
    printer = network_printer(printer_emulator)
    printer.print_lines(
        pay_in_slip_lines("MYS001-1", "01-04-2026", slip, [300_000]), title="PAY-IN SLIP"
    )
    printer_emulator.wait_for_jobs(1)
    text = printer_emulator.printed_jobs()[0].parsed().text
    for expected in ("PIS-7", "MYS001-1/2026-27/3", "Rs. 650.00", "Rs. 3,650.00", "00000012345678"):
        assert expected in text
