"""Payment mode names in the cashier's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

__all__ = ["MODE_ORDER", "mode_name"]

# common.sync_protocol.PaymentMode values (a StrEnum: its members are these strings).
MODE_ORDER = ("cash", "cheque", "demand_draft", "card", "upi")


def mode_name(mode: str) -> str:
    names = {
        "cash": QCoreApplication.translate("PaymentMode", "Cash"),
        "cheque": QCoreApplication.translate("PaymentMode", "Cheque"),
        "demand_draft": QCoreApplication.translate("PaymentMode", "Demand draft"),
        "card": QCoreApplication.translate("PaymentMode", "Card"),
        "upi": QCoreApplication.translate("PaymentMode", "UPI"),
    }
    return names[str(mode)]
