"""Payment mode names in the cashier's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from common.sync_protocol import PaymentMode

__all__ = ["MODE_ORDER", "mode_name"]

MODE_ORDER = (
    PaymentMode.CASH,
    PaymentMode.CHEQUE,
    PaymentMode.DEMAND_DRAFT,
    PaymentMode.CARD,
    PaymentMode.UPI,
)


def mode_name(mode: PaymentMode) -> str:
    names = {
        PaymentMode.CASH: QCoreApplication.translate("PaymentMode", "Cash"),
        PaymentMode.CHEQUE: QCoreApplication.translate("PaymentMode", "Cheque"),
        PaymentMode.DEMAND_DRAFT: QCoreApplication.translate("PaymentMode", "Demand draft"),
        PaymentMode.CARD: QCoreApplication.translate("PaymentMode", "Card"),
        PaymentMode.UPI: QCoreApplication.translate("PaymentMode", "UPI"),
    }
    return names[mode]
