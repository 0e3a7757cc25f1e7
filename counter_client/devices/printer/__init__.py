"""The receipt printer: ESC/POS through python-escpos, in English and Kannada.

The public API the screens use::

    settings = PrinterSettings.from_dict(saved["printer"])   # ValidationProblem names the field
    printer = ReceiptPrinter(settings)
    printer.print_receipt(receipt, duplicate=False, language="kn", company=company)
    printer.print_lines(["...", Text("ಕನ್ನಡ", bold=True)], title="Daily Collection Report")
    printer.status()                                          # PrinterStatus for the status bar
    render_preview(receipt, duplicate=False, language="en", company=company, paper="58mm")

All printing calls block (up to `settings.timeout_s`): run them off the GUI thread. They raise
PrinterUnavailable (cannot reach the printer) or PrinterError (it cannot print now); the
receipt is already in the journal, so the screen offers a reprint.
"""

from counter_client.devices.printer import _env  # noqa: F401  (first: sets escpos's cache dir)
from counter_client.devices.printer.errors import PrinterError, PrinterUnavailable
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
    lines_document,
    receipt_document,
    verification_url,
)
from counter_client.devices.printer.preview import render_document, render_preview
from counter_client.devices.printer.printer import PrinterStatus, ReceiptPrinter
from counter_client.devices.printer.raster import KannadaShapingUnavailable, require_raqm
from counter_client.devices.printer.settings import (
    PAPERS,
    ConnectionKind,
    Paper,
    PrinterSettings,
    open_connection,
)

__all__ = [
    "PAPERS",
    "Block",
    "CompanyHeader",
    "ConnectionKind",
    "Document",
    "Feed",
    "KannadaShapingUnavailable",
    "Language",
    "Pair",
    "Paper",
    "PrinterError",
    "PrinterSettings",
    "PrinterStatus",
    "PrinterUnavailable",
    "Qr",
    "ReceiptPrinter",
    "Rule",
    "Text",
    "lines_document",
    "open_connection",
    "receipt_document",
    "render_document",
    "render_preview",
    "require_raqm",
    "verification_url",
]
