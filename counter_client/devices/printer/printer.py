"""The receipt printer: print a receipt (or any slip) and report the printer's state.

Printing happens after the journal has committed the receipt; a failure here raises
PrinterError / PrinterUnavailable with a message for the cashier and loses nothing (reprint).
Every call opens its own connection and closes it, with a short timeout on connect, write and
status answers, so an unplugged printer fails in seconds, never hangs.

On a network printer the job is bracketed by real-time status queries (DLE EOT): before, so
a printer with no paper is reported before anything is sent; after, so a printer that took
the connection but dropped the job (unplugged mid-receipt) is reported rather than missed.
Other connections cannot answer, and report "unknown".

Call these off the GUI thread: they block for up to `settings.timeout_s`.
"""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from common.sync_protocol import PaymentMode
from counter_client.devices.printer import _env  # noqa: F401  (before escpos is imported)
from counter_client.devices.printer.errors import PrinterError, PrinterUnavailable
from counter_client.devices.printer.escpos_out import escpos_bytes
from counter_client.devices.printer.layout import (
    Block,
    CompanyHeader,
    Document,
    Language,
    lines_document,
    receipt_document,
)
from counter_client.devices.printer.settings import PrinterSettings, open_connection
from counter_client.journal.views import ReceiptView

__all__ = ["PrinterStatus", "ReceiptPrinter"]

log = logging.getLogger(__name__)

# DLE EOT n, the real-time status requests, and the bits of their answers (ESC/POS).
STATUS_PRINTER = b"\x10\x04\x01"
STATUS_PAPER = b"\x10\x04\x04"
OFFLINE_BIT = 0x08  # in the answer to DLE EOT 1
PAPER_NEAR_END_BITS = 0x0C  # in the answer to DLE EOT 4
PAPER_END_BITS = 0x60  # in the answer to DLE EOT 4


@dataclass(frozen=True)
class PrinterStatus:
    """What the status bar shows. `online` is None when the connection cannot tell."""

    online: bool | None
    paper_low: bool
    paper_out: bool
    message: str

    @classmethod
    def unknown(cls, message: str) -> PrinterStatus:
        return cls(online=None, paper_low=False, paper_out=False, message=message)


Connector = Callable[[PrinterSettings], Any]


class ReceiptPrinter:
    """One receipt printer, from its settings. Safe to share between threads (one job at a time)."""

    def __init__(self, settings: PrinterSettings, *, connect: Connector = open_connection) -> None:
        self.settings = settings
        self._connect = connect
        self._lock = threading.Lock()

    def print_receipt(
        self,
        receipt: ReceiptView,
        *,
        duplicate: bool,
        language: Language,
        company: CompanyHeader,
    ) -> None:
        """Print a committed receipt; DUPLICATE on a reprint. Raises PrinterError on failure."""
        document = receipt_document(
            receipt, duplicate=duplicate, language=language, company=company
        )
        self.print_document(document)

    def print_lines(
        self, lines: Iterable[str | Block], *, title: str | None = None, cut: bool = True
    ) -> None:
        """Print any slip from lines (Kannada lines print as images), e.g. a day's report."""
        self.print_document(lines_document(lines, title=title, cut=cut))

    def print_document(self, document: Document) -> None:
        """Print a laid-out slip. Raises PrinterUnavailable / PrinterError with the reason."""
        job = escpos_bytes(document, self.settings.paper_spec, native_qr=self.settings.native_qr)
        self.send(job)

    def warm_up(self, company: CompanyHeader) -> None:
        """Load fonts and profiles and draw the fixed Kannada lines now, not on the first receipt.

        Call once off the GUI thread at start-up: the first receipt then prints as fast as the
        rest (about 200 ms sooner). Sends nothing to the printer.
        """
        sample = ReceiptView(
            receipt_number="WARM/0000-00/0",
            sequence=0,
            business_date=date(2000, 1, 1),
            local_time=datetime(2000, 1, 1, tzinfo=UTC),
            cashier="-",
            rr_number="-",
            account_id="-",
            consumer_name="-",
            amount_paise=1,
            payment_mode=PaymentMode.CASH,
            payment_details={},
            entry_hash="0" * 64,
        )
        for language in ("en", "kn"):
            for duplicate in (False, True):
                document = receipt_document(
                    sample, duplicate=duplicate, language=language, company=company
                )
                escpos_bytes(document, self.settings.paper_spec, native_qr=self.settings.native_qr)

    def send(self, job: bytes) -> None:
        """Send a complete ESC/POS job, checking the printer before and after where it can."""
        with self._lock:
            printer = self._open()
            try:
                if self.settings.can_read:
                    self._check_ready(printer, before=True)
                # _raw is python-escpos's one write primitive, which every connection implements.
                printer._raw(job)
                if self.settings.can_read:
                    self._check_ready(printer, before=False)
            except PrinterError:
                raise
            except Exception as error:
                raise self._unavailable("stopped while printing", error) from error
            finally:
                self._close(printer)

    def status(self) -> PrinterStatus:
        """The printer's state for the status bar (never raises; unknown where it cannot tell)."""
        if not self.settings.can_read:
            return PrinterStatus.unknown(
                f"{self.settings.connection.value} printers cannot report their state"
            )
        with self._lock:
            try:
                printer = self._open()
            except PrinterUnavailable as error:
                return PrinterStatus(False, False, False, str(error))
            try:
                return self._query(printer)
            except PrinterUnavailable as error:
                return PrinterStatus(False, False, False, str(error))
            finally:
                self._close(printer)

    # -- inside ---------------------------------------------------------------------------

    def _open(self) -> Any:
        try:
            printer = self._connect(self.settings)
            printer.open()
        except PrinterError:
            raise
        except Exception as error:
            raise self._unavailable("cannot be reached", error) from error
        connection = getattr(printer, "_device", None)
        if isinstance(connection, socket.socket):
            # The job and the status query after it are separate writes: without this, Nagle's
            # algorithm holds the query until the printer acknowledges the job (up to 40 ms).
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return printer

    def _close(self, printer: Any) -> None:
        try:
            printer.close()
        except Exception:  # closing a dead connection: nothing more to learn
            log.debug("closing the printer connection failed", exc_info=True)

    def _unavailable(self, what: str, error: BaseException) -> PrinterUnavailable:
        reason = str(error).strip().replace("\n", " ") or type(error).__name__
        return PrinterUnavailable(
            f"{self.settings.describe()} {what}: {reason}. The receipt is saved; reprint it "
            "once the printer is back."
        )

    def _ask(self, printer: Any, request: bytes) -> int:
        try:
            answer: bytes = printer.query_status(request)
        except Exception as error:
            raise self._unavailable("did not answer", error) from error
        if not answer:
            raise self._unavailable("did not answer", ConnectionError("connection closed"))
        return answer[0]

    def _query(self, printer: Any) -> PrinterStatus:
        online = not self._ask(printer, STATUS_PRINTER) & OFFLINE_BIT
        paper = self._ask(printer, STATUS_PAPER)
        paper_out = paper & PAPER_END_BITS == PAPER_END_BITS
        paper_low = not paper_out and paper & PAPER_NEAR_END_BITS == PAPER_NEAR_END_BITS
        if paper_out:
            message = "out of paper"
        elif not online:
            message = "offline (cover open or an error)"
        elif paper_low:
            message = "paper low: change the roll soon"
        else:
            message = "ready"
        return PrinterStatus(online, paper_low, paper_out, message)

    def _check_ready(self, printer: Any, *, before: bool) -> None:
        state = self._query(printer)
        if state.online and not state.paper_out:
            return
        where = self.settings.describe()
        if before:
            raise PrinterError(
                f"{where} is {state.message}; nothing was printed. The receipt is saved: "
                "reprint it when the printer is ready."
            )
        raise PrinterError(
            f"{where} went {state.message} while printing; the receipt may be incomplete. "
            "It is saved: reprint it when the printer is ready."
        )
