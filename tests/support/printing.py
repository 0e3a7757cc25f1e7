"""Receipts to print, the company header, and a network printer emulator to print them on."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from common.sync_protocol import PaymentMode
from counter_client.devices.printer import CompanyHeader, PrinterSettings, ReceiptPrinter
from counter_client.devices.printer.emulator import PrinterEmulator
from counter_client.journal.views import ReceiptView

KOLKATA = ZoneInfo("Asia/Kolkata")

COMPANY = CompanyHeader(
    name="Chamundeshwari Electricity Supply Corporation Ltd (CESC Mysore)",
    office="Cash Counter 1, Kuvempunagar Sub-division, Mysuru",
    portal_base_url="https://portal.cescmysore.example/",
    name_kn="ಚಾಮುಂಡೇಶ್ವರಿ ವಿದ್ಯುತ್ ಸರಬರಾಜು ನಿಗಮ ನಿಯಮಿತ (ಸೆಸ್ಕ್ ಮೈಸೂರು)",
    office_kn="ನಗದು ಕೌಂಟರ್ 1, ಕುವೆಂಪುನಗರ ಉಪವಿಭಾಗ, ಮೈಸೂರು",
)

PAYMENT_DETAILS: dict[PaymentMode, dict[str, str]] = {
    PaymentMode.CASH: {},
    PaymentMode.CHEQUE: {
        "instrument_number": "401234",
        "bank": "State Bank of India",
        "branch": "Kuvempunagar",
        "instrument_date": "2026-11-20",
    },
    PaymentMode.DEMAND_DRAFT: {
        "instrument_number": "778899",
        "bank": "Canara Bank",
        "branch": "Sayyaji Rao Road",
        "instrument_date": "2026-10-02",
    },
    PaymentMode.CARD: {"reference": "AUTH42X9"},
    PaymentMode.UPI: {"reference": "633012345678"},
}


def make_receipt(mode: PaymentMode = PaymentMode.CASH, **changes: Any) -> ReceiptView:
    """A receipt as the journal hands it back, paid by `mode` with that mode's details."""
    receipt = ReceiptView(
        receipt_number="MYS001-1/2026-27/1234",
        sequence=1240,
        business_date=date(2026, 11, 27),
        local_time=datetime(2026, 11, 27, 10, 15, 3, tzinfo=KOLKATA),
        cashier="C001",
        rr_number="MY001D004217",
        account_id="7100042170",
        consumer_name="Ramesh Gowda",
        amount_paise=1_23_456_78,
        payment_mode=mode,
        payment_details=dict(PAYMENT_DETAILS[mode]),
        entry_hash="9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    )
    return replace(receipt, **changes)


@pytest.fixture
def printer_emulator() -> Iterator[PrinterEmulator]:
    """A port-9100 printer on a free loopback port."""
    with PrinterEmulator() as emulator:
        yield emulator


def network_printer(
    emulator: PrinterEmulator, paper: str = "80mm", timeout_s: float = 1.0
) -> ReceiptPrinter:
    """The real python-escpos Network connection to the emulator, with a short timeout."""
    settings = PrinterSettings.from_dict(
        {"host": "127.0.0.1", "port": emulator.port, "paper": paper, "timeout_s": timeout_s}
    )
    return ReceiptPrinter(settings)
