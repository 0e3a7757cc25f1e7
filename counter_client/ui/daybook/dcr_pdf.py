"""The DCR and the bank pay-in slip as A4 PDFs, in English and Kannada, drawn by QPdfWriter.

Qt shapes Kannada itself when the text is drawn with the shipped Noto Sans Kannada (loaded with
QFontDatabase.addApplicationFont), so conjuncts come out right in the PDF. Needs a
QGuiApplication; call from a worker lane (writing the file touches the disk).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter

from common.daybook import DENOMINATIONS, MODES, RemittanceBody
from common.money import format_inr
from counter_client.journal.dcr import SIGNATURES, DailyCollectionReport
from counter_client.journal.dcr_print import DCR_TITLE, MODE_NAMES
from counter_client.ui.i18n import load_kannada_font

__all__ = ["write_dcr_pdf", "write_pay_in_slip_pdf"]

_DPI = 300
_MM = _DPI / 25.4
_LATIN = "Noto Sans"


def _both(english: str, kannada: str) -> str:
    return f"{english} / {kannada}"


class _Pages:
    """A painter on A4 pages with a cursor that moves down and starts new pages as needed."""

    def __init__(self, path: Path, title: str) -> None:
        self.writer = QPdfWriter(str(path))
        self.writer.setResolution(_DPI)
        self.writer.setTitle(title)
        self.writer.setCreator("TRM counter")
        self.writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(15, 15, 15, 15),
                QPageLayout.Unit.Millimeter,
            )
        )
        kannada = load_kannada_font()
        families = [_LATIN] + ([kannada] if kannada else [])
        self.font = QFont()
        self.font.setFamilies(families)
        self.font.setPointSizeF(9.5)
        self.bold = QFont(self.font)
        self.bold.setBold(True)
        self.big = QFont(self.bold)
        self.big.setPointSizeF(14)
        self.painter = QPainter(self.writer)
        area = self.writer.pageLayout().paintRectPixels(_DPI)
        self.width = float(area.width())
        self.height = float(area.height())
        self.y = 0.0
        self.pages = 1

    def _line_height(self, font: QFont) -> float:
        return QFontMetricsF(font, self.writer).height() * 1.25

    def need(self, height: float) -> None:
        if self.y + height > self.height:
            self.writer.newPage()
            self.pages += 1
            self.y = 0.0

    def text(self, text: str, *, font: QFont | None = None, center: bool = False) -> None:
        use = font or self.font
        height = self._line_height(use)
        self.need(height)
        self.painter.setFont(use)
        flags = Qt.AlignmentFlag.AlignHCenter if center else Qt.AlignmentFlag.AlignLeft
        self.painter.drawText(QRectF(0, self.y, self.width, height), int(flags), text)
        self.y += height

    def row(self, cells: Sequence[str], widths: Sequence[float], *, bold: bool = False) -> None:
        use = self.bold if bold else self.font
        height = self._line_height(use)
        self.need(height)
        self.painter.setFont(use)
        x = 0.0
        for index, (cell, share) in enumerate(zip(cells, widths, strict=True)):
            width = share * self.width
            right = index > 0 and _numeric(cell)
            align = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
            rect = QRectF(x + 8, self.y, width - 16, height)
            self.painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), cell)
            x += width
        self.y += height

    def rule(self) -> None:
        self.need(6 * _MM / 4)
        self.painter.drawLine(0, int(self.y + 4), int(self.width), int(self.y + 4))
        self.y += 6 * _MM / 4

    def gap(self, mm: float = 3) -> None:
        self.y += mm * _MM

    def finish(self) -> int:
        self.painter.end()
        return self.pages


def _numeric(cell: str) -> bool:
    stripped = cell.replace(",", "").replace(".", "").replace("₹", "").replace("-", "")
    return stripped.replace("+", "").strip().isdigit()


def _rs(paise: int) -> str:
    return format_inr(paise)


def _mode(mode: str) -> str:
    return _both(*MODE_NAMES[mode])


def write_dcr_pdf(report: DailyCollectionReport, path: Path, *, company: str = "") -> int:
    """Write the report to `path` as an A4 PDF; returns the number of pages."""
    pages = _Pages(path, f"DCR {report.counter_code} {report.business_date.isoformat()}")
    if company:
        pages.text(company, font=pages.bold, center=True)
    pages.text(_both(*DCR_TITLE), font=pages.big, center=True)
    who = report.cashier or _both("Whole day", "ಇಡೀ ದಿನ")
    pages.text(
        f"{_both('Counter', 'ಕೌಂಟರ್')}: {report.counter_code}    "
        f"{_both('Business date', 'ವ್ಯವಹಾರ ದಿನಾಂಕ')}: {report.business_date:%d-%m-%Y}"
    )
    pages.text(f"{_both('Cashier', 'ಕ್ಯಾಷಿಯರ್')}: {who}")
    if not report.is_closed:
        pages.text(_both("DAY BOOK NOT CLOSED", "ದಿನದ ಪುಸ್ತಕ ಮುಚ್ಚಿಲ್ಲ"), font=pages.bold)
    pages.rule()
    _receipts(pages, report)
    _totals(pages, report)
    _count(pages, report)
    pages.gap(14)
    widths = [1 / len(SIGNATURES)] * len(SIGNATURES)
    pages.row(["_" * 22] * len(SIGNATURES), widths)
    pages.row([_both(e, k) for e, k in SIGNATURES], widths)
    return pages.finish()


def _receipts(pages: _Pages, report: DailyCollectionReport) -> None:
    widths = [0.2, 0.09, 0.16, 0.25, 0.1, 0.2]
    pages.text(_both("Receipts", "ರಸೀದಿಗಳು") + f" ({len(report.receipts)})", font=pages.bold)
    pages.row(
        ["Receipt No.", "Time", "RR No.", _both("Name", "ಹೆಸರು"), "Mode", _both("Amount", "ಮೊತ್ತ")],
        widths,
        bold=True,
    )
    for r in report.receipts:
        name = (r.consumer_name or "")[:28] + (" (X)" if r.cancelled else "")
        pages.row(
            [
                r.receipt_number,
                f"{r.local_time:%H:%M}",
                r.rr_number,
                name,
                MODE_NAMES[r.mode][0],
                _rs(r.amount_paise),
            ],
            widths,
        )
    if report.cancellations:
        pages.gap()
        pages.text(_both("Cancellations", "ರದ್ದತಿಗಳು"), font=pages.bold)
        for c in report.cancellations:
            pages.row(
                [
                    c.receipt_number,
                    f"{c.local_time:%H:%M}",
                    c.rr_number,
                    c.reason[:40],
                    c.supervisor,
                    _rs(-c.amount_paise),
                ],
                widths,
            )
    pages.rule()


def _totals(pages: _Pages, report: DailyCollectionReport) -> None:
    widths = [0.5, 0.25, 0.25]
    pages.text(_both("Totals by mode", "ಪಾವತಿ ವಿಧಾನದಂತೆ ಮೊತ್ತ"), font=pages.bold)
    for mode in MODES:
        pages.row([_mode(mode), "", _rs(report.by_mode_paise.get(mode, 0))], widths)
    pages.gap()
    pages.text(_both("Totals by tariff category", "ದರ ವರ್ಗದಂತೆ ಮೊತ್ತ"), font=pages.bold)
    for category, paise in report.by_category_paise.items():
        pages.row([category, "", _rs(paise)], widths)
    pages.gap()
    pages.row([_both("Receipts", "ರಸೀದಿಗಳು"), "", _rs(report.receipts_paise)], widths)
    pages.row([_both("Cancelled", "ರದ್ದಾದವು"), "", _rs(-report.cancelled_paise)], widths)
    pages.row(
        [
            _both("Cash in / out", "ನಗದು ಒಳಗೆ / ಹೊರಗೆ"),
            _rs(report.cash_in_paise),
            _rs(-report.cash_out_paise),
        ],
        widths,
    )
    pages.row([_both("Net collection", "ನಿವ್ವಳ ಸಂಗ್ರಹ"), "", _rs(report.net_paise)], widths, bold=True)
    pages.rule()


def _count(pages: _Pages, report: DailyCollectionReport) -> None:
    pages.text(_both("Cash count", "ನಗದು ಎಣಿಕೆ"), font=pages.bold)
    values = dict(DENOMINATIONS)
    widths = [0.4, 0.2, 0.4]
    for name, count in report.denominations.items():
        if count:
            pages.row([name.replace("_", " "), str(count), _rs(values[name] * count)], widths)
    pages.gap()
    widths4 = [0.34, 0.22, 0.22, 0.22]
    pages.row(
        [
            _both("Mode", "ವಿಧಾನ"),
            _both("Expected", "ನಿರೀಕ್ಷಿತ"),
            _both("Counted", "ಎಣಿಸಿದ್ದು"),
            _both("Over/short", "ಹೆಚ್ಚು/ಕಡಿಮೆ"),
        ],
        widths4,
        bold=True,
    )
    expected, counted, over = report.expected_paise, report.counted_paise, report.over_short_paise
    for mode in MODES:
        pages.row([_mode(mode), _rs(expected[mode]), _rs(counted[mode]), _rs(over[mode])], widths4)
    for shift in report.shifts:
        if shift.reason:
            pages.text(f"{_both('Reason', 'ಕಾರಣ')} ({shift.cashier}): {shift.reason}")
        pages.text(f"{shift.cashier}: {_both('approved by', 'ಅನುಮೋದಿಸಿದವರು')} {shift.approved_by}")


def write_pay_in_slip_pdf(
    slip: RemittanceBody,
    path: Path,
    *,
    counter_code: str,
    business_date_text: str,
    amounts: Sequence[int] = (),
) -> int:
    """A printable bank pay-in slip for a remittance (cash and each cheque/draft)."""
    pages = _Pages(path, f"Pay-in slip {slip.slip_number}")
    pages.text(_both("BANK PAY-IN SLIP", "ಬ್ಯಾಂಕ್ ಜಮಾ ಚೀಟಿ"), font=pages.big, center=True)
    widths = [0.45, 0.55]
    for label, value in (
        (_both("Bank", "ಬ್ಯಾಂಕ್"), f"{slip.bank} {slip.branch}".strip()),
        (_both("Account No.", "ಖಾತೆ ಸಂಖ್ಯೆ"), slip.account_number),
        (_both("Slip No.", "ಚೀಟಿ ಸಂಖ್ಯೆ"), slip.slip_number),
        (_both("Deposit date", "ಜಮಾ ದಿನಾಂಕ"), f"{slip.deposit_date:%d-%m-%Y}"),
        (_both("Counter", "ಕೌಂಟರ್"), counter_code),
        (_both("Collections of", "ಸಂಗ್ರಹ ದಿನಾಂಕ"), business_date_text),
    ):
        pages.row([label, value], widths)
    pages.rule()
    pages.row([_both("Cash", "ನಗದು"), _rs(slip.cash_paise)], widths)
    for index, number in enumerate(slip.instruments):
        pages.row([number, _rs(amounts[index]) if index < len(amounts) else ""], widths)
    pages.row([_both("Cheques/drafts", "ಚೆಕ್/ಡ್ರಾಫ್ಟ್"), _rs(slip.cheque_paise)], widths)
    pages.row([_both("Total", "ಒಟ್ಟು"), _rs(slip.amount_paise)], widths, bold=True)
    pages.gap(14)
    pages.row(["_" * 22, "_" * 22], [0.5, 0.5])
    pages.row([_both("Remitted by", "ರವಾನಿಸಿದವರು"), _both("Bank's stamp", "ಬ್ಯಾಂಕ್ ಮುದ್ರೆ")], [0.5, 0.5])
    return pages.finish()
