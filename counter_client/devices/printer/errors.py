"""What goes wrong with a receipt printer, in words a cashier can act on."""

from __future__ import annotations

__all__ = ["PrinterError", "PrinterUnavailable"]


class PrinterError(Exception):
    """The printer could not print (paper out, cover open, a job it refused).

    The receipt is already in the journal when this is raised: the screen says so and offers
    a reprint; nothing is ever taken again.
    """


class PrinterUnavailable(PrinterError):
    """The printer cannot be reached: refused, unplugged, switched off or not answering in time."""
