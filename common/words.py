"""Amounts in words for receipts, in English and Kannada, in the Indian system (lakh, crore).

Kannada number words follow Unicode CLDR's Kannada spell-out rules (common/rbnf/kn.xml):
tens join their unit by sandhi (ಇಪ್ಪತ್ತೊಂದು, ಇಪ್ಪತ್ತೈದು) except 3 and 4, which CLDR writes
after the tens stem in full (ಇಪ್ಪತ್ತಮೂರು, ಇಪ್ಪತ್ತನಾಲ್ಕು); 60 is ಅರವತ್ತು (ಅರುವತ್ತು is also
seen in print); 19 is ಹತ್ತೊಂಬತ್ತು. A hundred, thousand, lakh or crore followed by more takes
its joining form: ನೂರ, ಸಾವಿರದ, ಲಕ್ಷದ, ಕೋಟಿಯ. One thousand is ಸಾವಿರ (no ಒಂದು), while one
lakh and one crore are ಒಂದು ಲಕ್ಷ and ಒಂದು ಕೋಟಿ, as CLDR has them.
"""

from __future__ import annotations

from common.money import MoneyError, Paise, check_paise, format_inr

__all__ = ["MAX_WORDS_PAISE", "amount_in_words_en", "amount_in_words_kn"]

MAX_WORDS_PAISE: Paise = 99_99_99_99_999_99
"""The largest amount written in words: ₹99,99,99,99,999.99 (9,999 crore and more)."""

_CRORE = 10_000_000
_LAKH = 100_000

_EN_UNITS = (
    "Zero",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Eleven",
    "Twelve",
    "Thirteen",
    "Fourteen",
    "Fifteen",
    "Sixteen",
    "Seventeen",
    "Eighteen",
    "Nineteen",
)
_EN_TENS = ("_", "_", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety")

_KN_UNITS = (
    "ಸೊನ್ನೆ",
    "ಒಂದು",
    "ಎರಡು",
    "ಮೂರು",
    "ನಾಲ್ಕು",
    "ಐದು",
    "ಆರು",
    "ಏಳು",
    "ಎಂಟು",
    "ಒಂಬತ್ತು",
    "ಹತ್ತು",
    "ಹನ್ನೊಂದು",
    "ಹನ್ನೆರಡು",
    "ಹದಿಮೂರು",
    "ಹದಿನಾಲ್ಕು",
    "ಹದಿನೈದು",
    "ಹದಿನಾರು",
    "ಹದಿನೇಳು",
    "ಹದಿನೆಂಟು",
    "ಹತ್ತೊಂಬತ್ತು",
)
# Tens stems without the final ು; the unit joins on (CLDR %%unit-suffix).
_KN_TENS_STEMS = ("_", "_", "ಇಪ್ಪತ್ತ", "ಮೂವತ್ತ", "ನಲವತ್ತ", "ಐವತ್ತ", "ಅರವತ್ತ", "ಎಪ್ಪತ್ತ", "ಎಂಬತ್ತ", "ತೊಂಬತ್ತ")
_KN_UNIT_SUFFIXES = ("ು", "ೊಂದು", "ೆರಡು", "ಮೂರು", "ನಾಲ್ಕು", "ೈದು", "ಾರು", "ೇಳು", "ೆಂಟು", "ೊಂಬತ್ತು")
_KN_HUNDREDS = (
    "_",
    "ನೂರು",
    "ಇನ್ನೂರು",
    "ಮುನ್ನೂರು",
    "ನಾನೂರು",
    "ಐನೂರು",
    "ಆರುನೂರು",
    "ಏಳುನೂರು",
    "ಎಂಟುನೂರು",
    "ಒಂಬೈನೂರು",
)


def _check_amount(paise: Paise) -> tuple[int, int]:
    """(rupees, paise) of an amount that can be written in words."""
    amount = check_paise(paise, "amount")
    if amount < 0:
        raise MoneyError("amount", f"must not be negative to be written in words, got {amount}")
    if amount > MAX_WORDS_PAISE:
        raise MoneyError(
            "amount",
            f"{format_inr(amount)} is beyond the largest amount written in words, "
            f"{format_inr(MAX_WORDS_PAISE)}",
        )
    return divmod(amount, 100)


def _indian_parts(number: int) -> tuple[int, int, int, int, int]:
    """(crores, lakhs, thousands, hundreds, below_100) of `number`; crores may exceed 99."""
    crores, rest = divmod(number, _CRORE)
    lakhs, rest = divmod(rest, _LAKH)
    thousands, rest = divmod(rest, 1000)
    hundreds, below_100 = divmod(rest, 100)
    return crores, lakhs, thousands, hundreds, below_100


# English


def _en_below_100(number: int) -> str:
    if number < 20:
        return _EN_UNITS[number]
    tens, unit = divmod(number, 10)
    return _EN_TENS[tens] if unit == 0 else f"{_EN_TENS[tens]}-{_EN_UNITS[unit]}"


def _en_number(number: int) -> str:
    """`number` in English words, Indian system: "Twelve Crore Thirty-Four Lakh ..."."""
    if number == 0:
        return _EN_UNITS[0]
    crores, lakhs, thousands, hundreds, below_100 = _indian_parts(number)
    words: list[str] = []
    if crores:
        words.append(f"{_en_number(crores)} Crore")
    if lakhs:
        words.append(f"{_en_below_100(lakhs)} Lakh")
    if thousands:
        words.append(f"{_en_below_100(thousands)} Thousand")
    if hundreds:
        words.append(f"{_EN_UNITS[hundreds]} Hundred")
    if below_100:
        words.append(_en_below_100(below_100))
    return " ".join(words)


def amount_in_words_en(paise: Paise) -> str:
    """The amount as on a cheque: "Rupees One Hundred One and Fifty Paise Only"."""
    whole, part = _check_amount(paise)
    text = f"Rupees {_en_number(whole)}"
    if part:
        text += f" and {_en_below_100(part)} {'Paisa' if part == 1 else 'Paise'}"
    return text + " Only"


# Kannada


def _kn_below_100(number: int) -> str:
    if number < 20:
        return _KN_UNITS[number]
    tens, unit = divmod(number, 10)
    return _KN_TENS_STEMS[tens] + _KN_UNIT_SUFFIXES[unit]


def _kn_segments(number: int) -> list[tuple[str, str]]:
    """The words of `number` as (alone, joining) pairs; the joining form is used before more."""
    crores, lakhs, thousands, hundreds, below_100 = _indian_parts(number)
    segments: list[tuple[str, str]] = []
    if crores:
        count = _kn_number(crores)
        segments.append((f"{count} ಕೋಟಿ", f"{count} ಕೋಟಿಯ"))
    if lakhs:
        count = _kn_below_100(lakhs)
        segments.append((f"{count} ಲಕ್ಷ", f"{count} ಲಕ್ಷದ"))
    if thousands == 1:
        segments.append(("ಸಾವಿರ", "ಸಾವಿರದ"))
    elif thousands:
        count = _kn_below_100(thousands)
        segments.append((f"{count} ಸಾವಿರ", f"{count} ಸಾವಿರದ"))
    if hundreds:
        alone = _KN_HUNDREDS[hundreds]
        segments.append((alone, alone.removesuffix("ು")))
    if below_100:
        word = _kn_below_100(below_100)
        segments.append((word, word))
    return segments


def _kn_number(number: int) -> str:
    """`number` in Kannada words, Indian system: "ಹನ್ನೆರಡು ಕೋಟಿಯ ಮೂವತ್ತನಾಲ್ಕು ಲಕ್ಷದ ..."."""
    if number == 0:
        return _KN_UNITS[0]
    segments = _kn_segments(number)
    words = [joining for _, joining in segments[:-1]]
    words.append(segments[-1][0])
    return " ".join(words)


def amount_in_words_kn(paise: Paise) -> str:
    """The amount in Kannada: "ನೂರ ಒಂದು ರೂಪಾಯಿ ಐವತ್ತು ಪೈಸೆ ಮಾತ್ರ"."""
    whole, part = _check_amount(paise)
    text = f"{_kn_number(whole)} ರೂಪಾಯಿ"
    if part:
        text += f" {_kn_below_100(part)} ಪೈಸೆ"
    return text + " ಮಾತ್ರ"
