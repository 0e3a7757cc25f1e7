"""A printer that fails: unplugged, hanging, out of paper. Clear errors, fast, nothing lost."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_client.devices.printer import (
    PrinterError,
    PrinterSettings,
    PrinterUnavailable,
    ReceiptPrinter,
)
from counter_client.devices.printer.emulator import PaperState, PrinterEmulator
from counter_client.devices.printer.escpos_reader import parse
from counter_client.journal import Cash, Journal
from counter_client.store import Store
from tests.counter_client.store.factories import COUNTER, FakeClock, open_store, seed
from tests.support.printing import COMPANY, make_receipt, network_printer, printer_emulator

__all__ = ["printer_emulator"]  # the fixture, for pytest


def test_a_printer_unplugged_mid_receipt_fails_fast_and_says_so(
    printer_emulator: PrinterEmulator,
) -> None:
    printer = network_printer(printer_emulator, timeout_s=1.0)
    printer_emulator.cut_off_after(200)
    started = time.monotonic()
    with pytest.raises(PrinterUnavailable) as raised:
        printer.print_receipt(make_receipt(), duplicate=False, language="en", company=COMPANY)
    assert time.monotonic() - started < 1.5
    assert "127.0.0.1" in str(raised.value) and "receipt is saved" in str(raised.value)
    [job] = printer_emulator.wait_for_jobs(1)
    assert job.cut_off and len(job.data) == 200


def test_an_unplugged_printer_is_refused_at_once_and_prints_again_when_replugged(
    printer_emulator: PrinterEmulator,
) -> None:
    printer = network_printer(printer_emulator, timeout_s=1.0)
    printer_emulator.unplug()
    started = time.monotonic()
    with pytest.raises(PrinterUnavailable, match="cannot be reached"):
        printer.print_receipt(make_receipt(), duplicate=False, language="en", company=COMPANY)
    assert time.monotonic() - started < 0.5
    status = printer.status()
    assert status.online is False and "cannot be reached" in status.message
    printer_emulator.replug()
    printer.print_receipt(make_receipt(), duplicate=True, language="en", company=COMPANY)
    printer_emulator.wait_for_jobs(len(printer_emulator.jobs))
    [job] = printer_emulator.printed_jobs()
    assert "DUPLICATE" in job.parsed().text


def test_a_printer_that_takes_bytes_but_never_answers_fails_within_the_timeout(
    printer_emulator: PrinterEmulator,
) -> None:
    printer_emulator.hanging = True
    printer = network_printer(printer_emulator, timeout_s=0.5)
    started = time.monotonic()
    with pytest.raises(PrinterUnavailable, match="did not answer"):
        printer.print_receipt(make_receipt(), duplicate=False, language="en", company=COMPANY)
    assert time.monotonic() - started < 1.5


def test_paper_low_shows_in_the_status_and_printing_goes_on(
    printer_emulator: PrinterEmulator,
) -> None:
    printer = network_printer(printer_emulator)
    assert printer.status().message == "ready"
    printer_emulator.paper = PaperState.LOW
    status = printer.status()
    assert (status.online, status.paper_low, status.paper_out) == (True, True, False)
    assert "paper low" in status.message
    printer.print_receipt(make_receipt(), duplicate=False, language="en", company=COMPANY)
    printer_emulator.wait_for_jobs(len(printer_emulator.jobs))
    assert len(printer_emulator.printed_jobs()) == 1


def test_out_of_paper_is_reported_before_anything_is_sent(
    printer_emulator: PrinterEmulator,
) -> None:
    printer = network_printer(printer_emulator)
    printer_emulator.paper = PaperState.OUT
    status = printer.status()
    assert (status.online, status.paper_out) == (False, True)
    with pytest.raises(PrinterError, match="out of paper; nothing was printed") as raised:
        printer.print_receipt(make_receipt(), duplicate=False, language="en", company=COMPANY)
    assert not isinstance(raised.value, PrinterUnavailable)
    printer_emulator.wait_for_jobs(len(printer_emulator.jobs))
    assert printer_emulator.printed_jobs() == []


def test_a_printer_on_a_device_node_prints_and_cannot_report_its_state(tmp_path: Path) -> None:
    node = tmp_path / "lp0"
    node.touch()
    settings = PrinterSettings.from_dict({"connection": "file", "device_path": str(node)})
    printer = ReceiptPrinter(settings)
    printer.print_receipt(make_receipt(), duplicate=False, language="en", company=COMPANY)
    assert "MYS001-1/2026-27/1234" in parse(node.read_bytes()).text
    status = printer.status()
    assert status.online is None and "cannot report" in status.message


def test_a_missing_device_node_is_unavailable(tmp_path: Path) -> None:
    settings = PrinterSettings.from_dict(
        {"connection": "file", "device_path": str(tmp_path / "no" / "lp0")}
    )
    with pytest.raises(PrinterUnavailable, match="cannot be reached"):
        ReceiptPrinter(settings).print_lines(["hello"])


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    store: Store = open_store(tmp_path / "counter.db", FakeClock())
    seed(store)
    service = Journal(store, COUNTER)
    service.open_day(cashier_id="C001")
    yield service
    store.close()


def test_a_printer_failure_after_the_commit_loses_nothing_and_the_reprint_is_duplicate(
    journal: Journal, printer_emulator: PrinterEmulator
) -> None:
    printer = network_printer(printer_emulator)
    printer_emulator.unplug()
    receipt = journal.take_receipt(
        cashier_id="C001", rr_number="MYS1001", amount_paise=50_000, payment=Cash()
    )
    with pytest.raises(PrinterUnavailable):
        printer.print_receipt(receipt, duplicate=False, language="en", company=COMPANY)
    assert journal.receipt(receipt.receipt_number) is not None  # saved before printing
    printer_emulator.replug()
    again = journal.reprint_receipt(
        cashier_id="C001", receipt_number=receipt.receipt_number, reason="printer failed"
    )
    printer.print_receipt(again, duplicate=True, language="en", company=COMPANY)
    printer_emulator.wait_for_jobs(len(printer_emulator.jobs))
    [job] = printer_emulator.printed_jobs()
    parsed = job.parsed()
    assert parsed.text.count("DUPLICATE") == 2
    assert receipt.receipt_number in parsed.text
    assert parsed.qr_codes[0].payload.endswith(f"?h={receipt.entry_hash[:16]}")


def test_a_status_poll_does_not_use_up_the_cut_off(printer_emulator: PrinterEmulator) -> None:
    printer = network_printer(printer_emulator)
    printer_emulator.cut_off_after(40)
    assert printer.status().online  # the status bar's poll: 6 bytes, untouched
    with pytest.raises(PrinterUnavailable):
        printer.print_receipt(make_receipt(), duplicate=False, language="en", company=COMPANY)
    printer.print_receipt(make_receipt(), duplicate=True, language="en", company=COMPANY)
    jobs = printer_emulator.wait_for_jobs(3)
    assert [(job.cut_off, len(job.data)) for job in jobs[:2]] == [(False, 6), (True, 40)]
    assert "DUPLICATE" in jobs[2].parsed().text
