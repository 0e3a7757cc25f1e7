"""What a printed slip says, as a list of blocks: one layout model, two renderers.

`receipt_document(...)` lays out a receipt; `lines_document(...)` takes any lines (for the
Daily Collection Report and other slips). The same `Document` goes to the printer as ESC/POS
(`escpos_out.escpos_bytes`) and to the screen as a PNG (`preview.render_document`). A block
whose text is not plain ASCII (Kannada) is drawn as a raster image by both renderers, since a
printer's code pages cannot print Kannada.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal
from urllib.parse import quote

from common.errors import ValidationProblem
from common.money import format_inr
from common.sync_protocol import PaymentMode
from common.words import amount_in_words_en, amount_in_words_kn
from counter_client.journal.views import ReceiptView

__all__ = [
    "Align",
    "Block",
    "CompanyHeader",
    "Document",
    "Feed",
    "Language",
    "Pair",
    "Qr",
    "Rule",
    "Text",
    "is_plain",
    "lines_document",
    "needs_raster",
    "receipt_document",
    "verification_url",
]

Align = Literal["left", "center", "right"]
Language = Literal["en", "kn"]


@dataclass(frozen=True)
class Text:
    """A paragraph, wrapped to the paper; `large` is double width and height."""

    text: str
    align: Align = "left"
    bold: bool = False
    large: bool = False


@dataclass(frozen=True)
class Pair:
    """A label at the left and its value at the right (the value drops a line when too long)."""

    label: str
    value: str
    bold: bool = False


@dataclass(frozen=True)
class Rule:
    """A line across the paper."""


@dataclass(frozen=True)
class Qr:
    """A QR code of `payload`, centred."""

    payload: str


@dataclass(frozen=True)
class Feed:
    """Blank lines."""

    lines: int = 1


Block = Text | Pair | Rule | Qr | Feed


@dataclass(frozen=True)
class Document:
    """A slip to print: its blocks in order, and whether to cut the paper after them."""

    blocks: tuple[Block, ...]
    cut: bool = True


@dataclass(frozen=True)
class CompanyHeader:
    """Who issues the receipt and where: printed at the top; the portal verifies receipts."""

    name: str
    office: str
    portal_base_url: str
    name_kn: str | None = None
    office_kn: str | None = None
    phone: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CompanyHeader:
        """From saved settings; ValidationProblem("company.<field>", why) on bad input."""
        if not isinstance(data, Mapping):
            raise ValidationProblem("company", "must be an object")
        known = {"name", "office", "portal_base_url", "name_kn", "office_kn", "phone"}
        for key in data:
            if key not in known:
                raise ValidationProblem(f"company.{key}", "is not a company header field")
        values: dict[str, str | None] = {}
        for key in sorted(known):
            value = data.get(key)
            required = key in ("name", "office", "portal_base_url")
            if value is None or value == "":
                if required:
                    raise ValidationProblem(f"company.{key}", "is required")
                values[key] = None
                continue
            if not isinstance(value, str) or "\n" in value or len(value) > 200:
                raise ValidationProblem(
                    f"company.{key}", "must be one line of at most 200 characters"
                )
            values[key] = value.strip()
        portal = values["portal_base_url"] or ""
        if not portal.startswith(("https://", "http://")):
            raise ValidationProblem("company.portal_base_url", "must start with https://")
        return cls(
            name=values["name"] or "",
            office=values["office"] or "",
            portal_base_url=portal,
            name_kn=values["name_kn"],
            office_kn=values["office_kn"],
            phone=values["phone"],
        )


def is_plain(text: str) -> bool:
    """Whether every character prints from the printer's own font (printable ASCII)."""
    return all(" " <= ch <= "~" for ch in text)


def needs_raster(block: Block) -> bool:
    """Whether a block has text the printer's font cannot print, so it goes as an image."""
    if isinstance(block, Text):
        return not is_plain(block.text)
    if isinstance(block, Pair):
        return not (is_plain(block.label) and is_plain(block.value))
    return False


def verification_url(portal_base_url: str, receipt_number: str, entry_hash: str) -> str:
    """`<portal>/verify/<receipt number>?h=<first 16 hex of the entry hash>`."""
    number = quote(receipt_number, safe="")
    return f"{portal_base_url.rstrip('/')}/verify/{number}?h={entry_hash[:16].lower()}"


# Labels in both languages. Numbers, RR numbers and references stay in ASCII on both.
_LABELS: dict[str, tuple[str, str]] = {
    "title": ("PAYMENT RECEIPT", "ಪಾವತಿ ರಸೀದಿ"),
    "receipt_number": ("Receipt No.", "ರಸೀದಿ ಸಂಖ್ಯೆ"),
    "date": ("Date", "ದಿನಾಂಕ"),
    "time": ("Time", "ಸಮಯ"),
    "rr_number": ("RR No.", "ಆರ್.ಆರ್. ಸಂಖ್ಯೆ"),
    "account_id": ("Account ID", "ಖಾತೆ ಸಂಖ್ಯೆ"),
    "name": ("Name", "ಹೆಸರು"),
    "amount": ("Amount", "ಮೊತ್ತ"),
    "mode": ("Paid by", "ಪಾವತಿ ವಿಧಾನ"),
    "instrument_number": ("No.", "ಸಂಖ್ಯೆ"),
    "bank": ("Bank", "ಬ್ಯಾಂಕ್"),
    "branch": ("Branch", "ಶಾಖೆ"),
    "instrument_date": ("Dated", "ದಿನಾಂಕ"),
    "card_reference": ("Card ref.", "ಕಾರ್ಡ್ ಉಲ್ಲೇಖ"),
    "upi_reference": ("UPI ref. (UTR)", "ಯುಪಿಐ ಉಲ್ಲೇಖ (UTR)"),
    "cashier": ("Cashier", "ಕ್ಯಾಷಿಯರ್"),
    "verify": ("Scan to verify this receipt", "ಈ ರಸೀದಿಯನ್ನು ಪರಿಶೀಲಿಸಲು ಸ್ಕ್ಯಾನ್ ಮಾಡಿ"),
    "thanks": ("Thank you", "ಧನ್ಯವಾದಗಳು"),
    "cancelled": ("CANCELLED", "ರದ್ದಾಗಿದೆ"),
}

_MODES: dict[PaymentMode, tuple[str, str]] = {
    PaymentMode.CASH: ("Cash", "ನಗದು"),
    PaymentMode.CHEQUE: ("Cheque", "ಚೆಕ್"),
    PaymentMode.DEMAND_DRAFT: ("Demand draft", "ಡಿಮಾಂಡ್ ಡ್ರಾಫ್ಟ್"),
    PaymentMode.CARD: ("Card", "ಕಾರ್ಡ್"),
    PaymentMode.UPI: ("UPI", "ಯುಪಿಐ"),
}

DUPLICATE = "DUPLICATE"
DUPLICATE_KN = "ನಕಲು ಪ್ರತಿ"


def _label(key: str, language: Language) -> str:
    english, kannada = _LABELS[key]
    return kannada if language == "kn" else english


def format_date(day: date) -> str:
    """DD-MM-YYYY, as receipts in India print dates."""
    return day.strftime("%d-%m-%Y")


def rupees_text(paise: int) -> str:
    """`Rs. 1,23,456.78`: the rupee sign is not in printers' code pages."""
    return f"Rs. {format_inr(paise, symbol=False)}"


def _header(company: CompanyHeader, language: Language) -> list[Block]:
    name = company.name_kn if language == "kn" and company.name_kn else company.name
    office = company.office_kn if language == "kn" and company.office_kn else company.office
    blocks: list[Block] = [Text(name, align="center", bold=True), Text(office, align="center")]
    if company.phone:
        blocks.append(Text(f"Ph: {company.phone}", align="center"))
    return blocks


def _duplicate_mark(language: Language) -> list[Block]:
    marks: list[Block] = [Text(DUPLICATE, align="center", bold=True, large=True)]
    if language == "kn":
        marks.append(Text(DUPLICATE_KN, align="center", bold=True, large=True))
    return marks


def payment_lines(receipt: ReceiptView, language: Language) -> list[Block]:
    """The mode and its details: instrument number, bank, branch and date, or the reference."""
    english, kannada = _MODES[receipt.payment_mode]
    lines: list[Block] = [Pair(_label("mode", language), kannada if language == "kn" else english)]
    details = receipt.payment_details
    if receipt.payment_mode in (PaymentMode.CHEQUE, PaymentMode.DEMAND_DRAFT):
        name = kannada if language == "kn" else english
        number_label = f"{name} {_label('instrument_number', language)}"
        lines.append(Pair(number_label, details.get("instrument_number", "")))
        lines.append(Pair(_label("bank", language), details.get("bank", "")))
        lines.append(Pair(_label("branch", language), details.get("branch", "")))
        when = details.get("instrument_date")
        if when:
            dated = format_date(date.fromisoformat(when))
            lines.append(Pair(_label("instrument_date", language), dated))
    elif receipt.payment_mode is PaymentMode.CARD:
        lines.append(Pair(_label("card_reference", language), details.get("reference", "")))
    elif receipt.payment_mode is PaymentMode.UPI:
        lines.append(Pair(_label("upi_reference", language), details.get("reference", "")))
    return lines


def receipt_document(
    receipt: ReceiptView,
    *,
    duplicate: bool,
    language: Language,
    company: CompanyHeader,
    local_time: datetime | None = None,
) -> Document:
    """The receipt as printed (58 or 80 mm: the renderers fit it to the paper)."""
    when = local_time or receipt.local_time
    duplicate = duplicate or receipt.duplicate
    words = (
        amount_in_words_kn(receipt.amount_paise)
        if language == "kn"
        else amount_in_words_en(receipt.amount_paise)
    )
    blocks: list[Block] = _header(company, language)
    if duplicate:
        blocks += _duplicate_mark(language)
    blocks += [
        Rule(),
        Text(_label("title", language), align="center", bold=True),
        Pair(_label("receipt_number", language), receipt.receipt_number, bold=True),
        Pair(_label("date", language), format_date(receipt.business_date)),
        Pair(_label("time", language), when.strftime("%H:%M:%S")),
        Rule(),
        Pair(_label("rr_number", language), receipt.rr_number, bold=True),
    ]
    if receipt.account_id:
        blocks.append(Pair(_label("account_id", language), receipt.account_id))
    if receipt.consumer_name:
        blocks.append(Pair(_label("name", language), receipt.consumer_name))
    blocks += [
        Rule(),
        Pair(_label("amount", language), rupees_text(receipt.amount_paise), bold=True),
        Text(words),
        *payment_lines(receipt, language),
        Rule(),
        Pair(_label("cashier", language), receipt.cashier),
    ]
    if receipt.cancelled:
        blocks.append(Text(_label("cancelled", language), align="center", bold=True, large=True))
    blocks += [
        Qr(verification_url(company.portal_base_url, receipt.receipt_number, receipt.entry_hash)),
        Text(_label("verify", language), align="center"),
        Text(_label("thanks", language), align="center"),
    ]
    if duplicate:
        blocks += _duplicate_mark(language)
    return Document(tuple(blocks), cut=True)


def lines_document(
    lines: Iterable[str | Block], *, title: str | None = None, cut: bool = True
) -> Document:
    """Any slip from lines: plain strings become left-aligned text, blocks pass through.

    For the Daily Collection Report and the like; Kannada strings print as images.
    """
    blocks: list[Block] = []
    if title:
        blocks += [Text(title, align="center", bold=True), Rule()]
    blocks += [Text(line) if isinstance(line, str) else line for line in lines]
    return Document(tuple(blocks), cut=cut)
