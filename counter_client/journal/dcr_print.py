"""The DCR and the bank pay-in slip as receipt-printer slips (the printer's generic lines API).

`dcr_lines(report)` and `pay_in_slip_lines(...)` give lines for
`ReceiptPrinter.print_lines(lines, title=...)`; Kannada lines print as shaped images.
"""

from __future__ import annotations

from collections.abc import Sequence

from common.daybook import DENOMINATIONS, MODES, RemittanceBody
from common.money import format_inr
from counter_client.devices.printer.layout import Block, Feed, Language, Pair, Rule, Text
from counter_client.journal.dcr import SIGNATURES, DailyCollectionReport

__all__ = ["DCR_TITLE", "MODE_NAMES", "dcr_lines", "pay_in_slip_lines"]

DCR_TITLE = ("DAILY COLLECTION REPORT", "ದೈನಂದಿನ ಸಂಗ್ರಹ ವರದಿ")

MODE_NAMES: dict[str, tuple[str, str]] = {
    "cash": ("Cash", "ನಗದು"),
    "cheque": ("Cheque", "ಚೆಕ್"),
    "demand_draft": ("Demand draft", "ಡಿಮಾಂಡ್ ಡ್ರಾಫ್ಟ್"),
    "card": ("Card", "ಕಾರ್ಡ್"),
    "upi": ("UPI", "ಯುಪಿಐ"),
}

_LABELS: dict[str, tuple[str, str]] = {
    "counter": ("Counter", "ಕೌಂಟರ್"),
    "date": ("Business date", "ವ್ಯವಹಾರ ದಿನಾಂಕ"),
    "cashier": ("Cashier", "ಕ್ಯಾಷಿಯರ್"),
    "whole_day": ("Whole day", "ಇಡೀ ದಿನ"),
    "receipts": ("Receipts", "ರಸೀದಿಗಳು"),
    "cancellations": ("Cancellations", "ರದ್ದತಿಗಳು"),
    "net": ("Net collection", "ನಿವ್ವಳ ಸಂಗ್ರಹ"),
    "by_mode": ("By mode", "ಪಾವತಿ ವಿಧಾನದಂತೆ"),
    "by_category": ("By tariff category", "ದರ ವರ್ಗದಂತೆ"),
    "count": ("Cash count", "ನಗದು ಎಣಿಕೆ"),
    "expected": ("Expected", "ನಿರೀಕ್ಷಿತ"),
    "counted": ("Counted", "ಎಣಿಸಿದ್ದು"),
    "over_short": ("Over/short", "ಹೆಚ್ಚು/ಕಡಿಮೆ"),
    "reason": ("Reason", "ಕಾರಣ"),
    "not_closed": ("DAY BOOK NOT CLOSED", "ದಿನದ ಪುಸ್ತಕ ಮುಚ್ಚಿಲ್ಲ"),
    "cash_in": ("Cash in", "ನಗದು ಒಳಗೆ"),
    "cash_out": ("Cash out", "ನಗದು ಹೊರಗೆ"),
}


def _t(key: str, language: Language) -> str:
    english, kannada = _LABELS[key]
    return kannada if language == "kn" else english


def _mode(mode: str, language: Language) -> str:
    english, kannada = MODE_NAMES[mode]
    return kannada if language == "kn" else english


def _rs(paise: int) -> str:
    # "Rs." not "₹": the printer's code page has no rupee sign (it would print as an image).
    return "Rs. " + format_inr(paise, symbol=False)


def _signed(paise: int) -> str:
    return ("+" if paise > 0 else "") + format_inr(paise, symbol=False)


def dcr_lines(report: DailyCollectionReport, language: Language = "en") -> list[str | Block]:
    """The report as slip lines: header, receipts, cancellations, totals, count, signatures."""
    lines: list[str | Block] = [
        Pair(_t("counter", language), report.counter_code),
        Pair(_t("date", language), report.business_date.strftime("%d-%m-%Y")),
        Pair(_t("cashier", language), report.cashier or _t("whole_day", language)),
    ]
    if not report.is_closed:
        lines.append(Text(_t("not_closed", language), align="center", bold=True))
    lines += [Rule(), Text(f"{_t('receipts', language)} ({len(report.receipts)})", bold=True)]
    for receipt in report.receipts:
        mark = " X" if receipt.cancelled else ""
        amount = format_inr(receipt.amount_paise, symbol=False)
        lines.append(
            Pair(
                f"{receipt.receipt_number.rsplit('/', 1)[-1]} {receipt.rr_number}",
                f"{amount} {receipt.mode[:3].upper()}{mark}",
            )
        )
    if report.cancellations:
        lines += [Rule(), Text(_t("cancellations", language), bold=True)]
        for cancel in report.cancellations:
            lines.append(Pair(cancel.receipt_number.rsplit("/", 1)[-1], _rs(-cancel.amount_paise)))
    lines += [Rule(), Text(_t("by_mode", language), bold=True)]
    lines += [Pair(_mode(mode, language), _rs(report.by_mode_paise.get(mode, 0))) for mode in MODES]
    lines += [Text(_t("by_category", language), bold=True)]
    lines += [Pair(cat, _rs(paise)) for cat, paise in report.by_category_paise.items()]
    lines += [
        Pair(_t("cash_in", language), _rs(report.cash_in_paise)),
        Pair(_t("cash_out", language), _rs(report.cash_out_paise)),
        Pair(_t("net", language), _rs(report.net_paise), bold=True),
        Rule(),
        Text(_t("count", language), bold=True),
    ]
    values = dict(DENOMINATIONS)
    for name, count in report.denominations.items():
        if count:
            lines.append(Pair(f"{name} x {count}", _rs(values[name] * count)))
    expected, counted, over = report.expected_paise, report.counted_paise, report.over_short_paise
    lines.append(
        Text(
            f"{_t('expected', language)} / {_t('counted', language)} / "
            f"{_t('over_short', language)}",
            bold=True,
        )
    )
    for mode in MODES:
        if expected[mode] or counted[mode]:
            lines.append(
                Pair(
                    _mode(mode, language),
                    f"{format_inr(expected[mode], symbol=False)} / "
                    f"{format_inr(counted[mode], symbol=False)} / {_signed(over[mode])}",
                )
            )
    for shift in report.shifts:
        if shift.reason:
            lines.append(f"{_t('reason', language)} ({shift.cashier}): {shift.reason}")
    lines += [Feed(2)]
    for english, kannada in SIGNATURES:
        lines += [Text("_" * 24), Text(kannada if language == "kn" else english), Feed(1)]
    return lines


def pay_in_slip_lines(
    counter_code: str, business_date_text: str, slip: RemittanceBody, amounts: Sequence[int] = ()
) -> list[str | Block]:
    """A bank pay-in slip for a remittance: bank, account, slip, cash and each instrument."""
    lines: list[str | Block] = [
        Pair("Bank", slip.bank),
        Pair("Branch", slip.branch or "-"),
        Pair("Account No.", slip.account_number),
        Pair("Slip No.", slip.slip_number),
        Pair("Deposit date", slip.deposit_date.strftime("%d-%m-%Y")),
        Pair("Counter", counter_code),
        Pair("Collections of", business_date_text),
        Rule(),
        Pair("Cash", _rs(slip.cash_paise)),
    ]
    for index, number in enumerate(slip.instruments):
        value = _rs(amounts[index]) if index < len(amounts) else ""
        lines.append(Pair(number, value))
    lines += [
        Pair("Cheques/drafts", _rs(slip.cheque_paise)),
        Pair("TOTAL", _rs(slip.amount_paise), bold=True),
        Feed(2),
        Text("_" * 24),
        Text("Remitted by / ರವಾನಿಸಿದವರು"),
        Feed(1),
        Text("_" * 24),
        Text("Bank's stamp / ಬ್ಯಾಂಕ್ ಮುದ್ರೆ"),
    ]
    return lines
