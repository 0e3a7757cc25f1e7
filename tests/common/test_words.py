"""Amounts in words, English and Kannada, in the Indian system."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.money import MoneyError
from common.words import MAX_WORDS_PAISE, amount_in_words_en, amount_in_words_kn

# Written out as literals (not generated) after CLDR's Kannada spell-out rules, so the table checks
# the code rather than repeating it.
KANNADA_1_TO_99 = {
    1: "ಒಂದು",
    2: "ಎರಡು",
    3: "ಮೂರು",
    4: "ನಾಲ್ಕು",
    5: "ಐದು",
    6: "ಆರು",
    7: "ಏಳು",
    8: "ಎಂಟು",
    9: "ಒಂಬತ್ತು",
    10: "ಹತ್ತು",
    11: "ಹನ್ನೊಂದು",
    12: "ಹನ್ನೆರಡು",
    13: "ಹದಿಮೂರು",
    14: "ಹದಿನಾಲ್ಕು",
    15: "ಹದಿನೈದು",
    16: "ಹದಿನಾರು",
    17: "ಹದಿನೇಳು",
    18: "ಹದಿನೆಂಟು",
    19: "ಹತ್ತೊಂಬತ್ತು",
    20: "ಇಪ್ಪತ್ತು",
    21: "ಇಪ್ಪತ್ತೊಂದು",
    22: "ಇಪ್ಪತ್ತೆರಡು",
    23: "ಇಪ್ಪತ್ತಮೂರು",
    24: "ಇಪ್ಪತ್ತನಾಲ್ಕು",
    25: "ಇಪ್ಪತ್ತೈದು",
    26: "ಇಪ್ಪತ್ತಾರು",
    27: "ಇಪ್ಪತ್ತೇಳು",
    28: "ಇಪ್ಪತ್ತೆಂಟು",
    29: "ಇಪ್ಪತ್ತೊಂಬತ್ತು",
    30: "ಮೂವತ್ತು",
    31: "ಮೂವತ್ತೊಂದು",
    32: "ಮೂವತ್ತೆರಡು",
    33: "ಮೂವತ್ತಮೂರು",
    34: "ಮೂವತ್ತನಾಲ್ಕು",
    35: "ಮೂವತ್ತೈದು",
    36: "ಮೂವತ್ತಾರು",
    37: "ಮೂವತ್ತೇಳು",
    38: "ಮೂವತ್ತೆಂಟು",
    39: "ಮೂವತ್ತೊಂಬತ್ತು",
    40: "ನಲವತ್ತು",
    41: "ನಲವತ್ತೊಂದು",
    42: "ನಲವತ್ತೆರಡು",
    43: "ನಲವತ್ತಮೂರು",
    44: "ನಲವತ್ತನಾಲ್ಕು",
    45: "ನಲವತ್ತೈದು",
    46: "ನಲವತ್ತಾರು",
    47: "ನಲವತ್ತೇಳು",
    48: "ನಲವತ್ತೆಂಟು",
    49: "ನಲವತ್ತೊಂಬತ್ತು",
    50: "ಐವತ್ತು",
    51: "ಐವತ್ತೊಂದು",
    52: "ಐವತ್ತೆರಡು",
    53: "ಐವತ್ತಮೂರು",
    54: "ಐವತ್ತನಾಲ್ಕು",
    55: "ಐವತ್ತೈದು",
    56: "ಐವತ್ತಾರು",
    57: "ಐವತ್ತೇಳು",
    58: "ಐವತ್ತೆಂಟು",
    59: "ಐವತ್ತೊಂಬತ್ತು",
    60: "ಅರವತ್ತು",
    61: "ಅರವತ್ತೊಂದು",
    62: "ಅರವತ್ತೆರಡು",
    63: "ಅರವತ್ತಮೂರು",
    64: "ಅರವತ್ತನಾಲ್ಕು",
    65: "ಅರವತ್ತೈದು",
    66: "ಅರವತ್ತಾರು",
    67: "ಅರವತ್ತೇಳು",
    68: "ಅರವತ್ತೆಂಟು",
    69: "ಅರವತ್ತೊಂಬತ್ತು",
    70: "ಎಪ್ಪತ್ತು",
    71: "ಎಪ್ಪತ್ತೊಂದು",
    72: "ಎಪ್ಪತ್ತೆರಡು",
    73: "ಎಪ್ಪತ್ತಮೂರು",
    74: "ಎಪ್ಪತ್ತನಾಲ್ಕು",
    75: "ಎಪ್ಪತ್ತೈದು",
    76: "ಎಪ್ಪತ್ತಾರು",
    77: "ಎಪ್ಪತ್ತೇಳು",
    78: "ಎಪ್ಪತ್ತೆಂಟು",
    79: "ಎಪ್ಪತ್ತೊಂಬತ್ತು",
    80: "ಎಂಬತ್ತು",
    81: "ಎಂಬತ್ತೊಂದು",
    82: "ಎಂಬತ್ತೆರಡು",
    83: "ಎಂಬತ್ತಮೂರು",
    84: "ಎಂಬತ್ತನಾಲ್ಕು",
    85: "ಎಂಬತ್ತೈದು",
    86: "ಎಂಬತ್ತಾರು",
    87: "ಎಂಬತ್ತೇಳು",
    88: "ಎಂಬತ್ತೆಂಟು",
    89: "ಎಂಬತ್ತೊಂಬತ್ತು",
    90: "ತೊಂಬತ್ತು",
    91: "ತೊಂಬತ್ತೊಂದು",
    92: "ತೊಂಬತ್ತೆರಡು",
    93: "ತೊಂಬತ್ತಮೂರು",
    94: "ತೊಂಬತ್ತನಾಲ್ಕು",
    95: "ತೊಂಬತ್ತೈದು",
    96: "ತೊಂಬತ್ತಾರು",
    97: "ತೊಂಬತ್ತೇಳು",
    98: "ತೊಂಬತ್ತೆಂಟು",
    99: "ತೊಂಬತ್ತೊಂಬತ್ತು",
}

KANNADA_HUNDREDS = [
    "ನೂರು",
    "ಇನ್ನೂರು",
    "ಮುನ್ನೂರು",
    "ನಾನೂರು",
    "ಐನೂರು",
    "ಆರುನೂರು",
    "ಏಳುನೂರು",
    "ಎಂಟುನೂರು",
    "ಒಂಬೈನೂರು",
]

RUPEE = 100
LAKH = 100_000 * RUPEE
CRORE = 10_000_000 * RUPEE

# (paise, English, Kannada)
WORKED_EXAMPLES = [
    (0, "Rupees Zero Only", "ಸೊನ್ನೆ ರೂಪಾಯಿ ಮಾತ್ರ"),
    (1, "Rupees Zero and One Paisa Only", "ಸೊನ್ನೆ ರೂಪಾಯಿ ಒಂದು ಪೈಸೆ ಮಾತ್ರ"),
    (5, "Rupees Zero and Five Paise Only", "ಸೊನ್ನೆ ರೂಪಾಯಿ ಐದು ಪೈಸೆ ಮಾತ್ರ"),
    (99, "Rupees Zero and Ninety-Nine Paise Only", "ಸೊನ್ನೆ ರೂಪಾಯಿ ತೊಂಬತ್ತೊಂಬತ್ತು ಪೈಸೆ ಮಾತ್ರ"),
    (100, "Rupees One Only", "ಒಂದು ರೂಪಾಯಿ ಮಾತ್ರ"),
    (101, "Rupees One and One Paisa Only", "ಒಂದು ರೂಪಾಯಿ ಒಂದು ಪೈಸೆ ಮಾತ್ರ"),
    (100 * RUPEE, "Rupees One Hundred Only", "ನೂರು ರೂಪಾಯಿ ಮಾತ್ರ"),
    (101 * RUPEE, "Rupees One Hundred One Only", "ನೂರ ಒಂದು ರೂಪಾಯಿ ಮಾತ್ರ"),
    (120 * RUPEE, "Rupees One Hundred Twenty Only", "ನೂರ ಇಪ್ಪತ್ತು ರೂಪಾಯಿ ಮಾತ್ರ"),
    (
        345 * RUPEE + 67,
        "Rupees Three Hundred Forty-Five and Sixty-Seven Paise Only",
        "ಮುನ್ನೂರ ನಲವತ್ತೈದು ರೂಪಾಯಿ ಅರವತ್ತೇಳು ಪೈಸೆ ಮಾತ್ರ",
    ),
    (1000 * RUPEE, "Rupees One Thousand Only", "ಸಾವಿರ ರೂಪಾಯಿ ಮಾತ್ರ"),
    (1001 * RUPEE, "Rupees One Thousand One Only", "ಸಾವಿರದ ಒಂದು ರೂಪಾಯಿ ಮಾತ್ರ"),
    (2500 * RUPEE, "Rupees Two Thousand Five Hundred Only", "ಎರಡು ಸಾವಿರದ ಐನೂರು ರೂಪಾಯಿ ಮಾತ್ರ"),
    (
        19_999 * RUPEE,
        "Rupees Nineteen Thousand Nine Hundred Ninety-Nine Only",
        "ಹತ್ತೊಂಬತ್ತು ಸಾವಿರದ ಒಂಬೈನೂರ ತೊಂಬತ್ತೊಂಬತ್ತು ರೂಪಾಯಿ ಮಾತ್ರ",
    ),
    (LAKH, "Rupees One Lakh Only", "ಒಂದು ಲಕ್ಷ ರೂಪಾಯಿ ಮಾತ್ರ"),
    (LAKH + 1, "Rupees One Lakh and One Paisa Only", "ಒಂದು ಲಕ್ಷ ರೂಪಾಯಿ ಒಂದು ಪೈಸೆ ಮಾತ್ರ"),
    (
        2 * LAKH + 50 * RUPEE,
        "Rupees Two Lakh Fifty Only",
        "ಎರಡು ಲಕ್ಷದ ಐವತ್ತು ರೂಪಾಯಿ ಮಾತ್ರ",
    ),
    (CRORE, "Rupees One Crore Only", "ಒಂದು ಕೋಟಿ ರೂಪಾಯಿ ಮಾತ್ರ"),
    (CRORE + 1000 * RUPEE, "Rupees One Crore One Thousand Only", "ಒಂದು ಕೋಟಿಯ ಸಾವಿರ ರೂಪಾಯಿ ಮಾತ್ರ"),
    (
        12_345_678_950,
        "Rupees Twelve Crore Thirty-Four Lakh Fifty-Six Thousand Seven Hundred Eighty-Nine "
        "and Fifty Paise Only",
        "ಹನ್ನೆರಡು ಕೋಟಿಯ ಮೂವತ್ತನಾಲ್ಕು ಲಕ್ಷದ ಐವತ್ತಾರು ಸಾವಿರದ ಏಳುನೂರ ಎಂಬತ್ತೊಂಬತ್ತು ರೂಪಾಯಿ ಐವತ್ತು ಪೈಸೆ ಮಾತ್ರ",
    ),
    (
        99 * CRORE + 99 * LAKH + 99_999 * RUPEE + 99,
        "Rupees Ninety-Nine Crore Ninety-Nine Lakh Ninety-Nine Thousand Nine Hundred "
        "Ninety-Nine and Ninety-Nine Paise Only",
        "ತೊಂಬತ್ತೊಂಬತ್ತು ಕೋಟಿಯ ತೊಂಬತ್ತೊಂಬತ್ತು ಲಕ್ಷದ ತೊಂಬತ್ತೊಂಬತ್ತು ಸಾವಿರದ ಒಂಬೈನೂರ ತೊಂಬತ್ತೊಂಬತ್ತು ರೂಪಾಯಿ ತೊಂಬತ್ತೊಂಬತ್ತು ಪೈಸೆ ಮಾತ್ರ",
    ),
    (100 * CRORE, "Rupees One Hundred Crore Only", "ನೂರು ಕೋಟಿ ರೂಪಾಯಿ ಮಾತ್ರ"),
    (1000 * CRORE, "Rupees One Thousand Crore Only", "ಸಾವಿರ ಕೋಟಿ ರೂಪಾಯಿ ಮಾತ್ರ"),
    (
        MAX_WORDS_PAISE,
        "Rupees Nine Thousand Nine Hundred Ninety-Nine Crore Ninety-Nine Lakh Ninety-Nine "
        "Thousand Nine Hundred Ninety-Nine and Ninety-Nine Paise Only",
        "ಒಂಬತ್ತು ಸಾವಿರದ ಒಂಬೈನೂರ ತೊಂಬತ್ತೊಂಬತ್ತು ಕೋಟಿಯ ತೊಂಬತ್ತೊಂಬತ್ತು ಲಕ್ಷದ "
        "ತೊಂಬತ್ತೊಂಬತ್ತು ಸಾವಿರದ ಒಂಬೈನೂರ ತೊಂಬತ್ತೊಂಬತ್ತು ರೂಪಾಯಿ ತೊಂಬತ್ತೊಂಬತ್ತು ಪೈಸೆ ಮಾತ್ರ",
    ),
]


@pytest.mark.parametrize(("paise", "english", "kannada"), WORKED_EXAMPLES)
def test_amount_in_words_english_worked_examples(paise: int, english: str, kannada: str) -> None:
    assert amount_in_words_en(paise) == english


@pytest.mark.parametrize(("paise", "english", "kannada"), WORKED_EXAMPLES)
def test_amount_in_words_kannada_worked_examples(paise: int, english: str, kannada: str) -> None:
    assert amount_in_words_kn(paise) == kannada


def test_maximum_is_99_99_99_99_999_rupees_99_paise() -> None:
    assert MAX_WORDS_PAISE == 9_999_999_999_999


@pytest.mark.parametrize("number", range(1, 100))
def test_kannada_words_for_every_number_1_to_99(number: int) -> None:
    expected = KANNADA_1_TO_99[number]
    assert amount_in_words_kn(number * RUPEE) == f"{expected} ರೂಪಾಯಿ ಮಾತ್ರ"
    assert amount_in_words_kn(number) == f"ಸೊನ್ನೆ ರೂಪಾಯಿ {expected} ಪೈಸೆ ಮಾತ್ರ"


@pytest.mark.parametrize("hundreds", range(1, 10))
def test_kannada_hundreds_alone_and_joined(hundreds: int) -> None:
    alone = KANNADA_HUNDREDS[hundreds - 1]
    assert amount_in_words_kn(hundreds * 100 * RUPEE) == f"{alone} ರೂಪಾಯಿ ಮಾತ್ರ"
    joined = alone.removesuffix("ು")
    assert amount_in_words_kn((hundreds * 100 + 20) * RUPEE) == f"{joined} ಇಪ್ಪತ್ತು ರೂಪಾಯಿ ಮಾತ್ರ"


@pytest.mark.parametrize(
    ("number", "english"),
    [
        (11, "Eleven"),
        (19, "Nineteen"),
        (20, "Twenty"),
        (21, "Twenty-One"),
        (40, "Forty"),
        (99, "Ninety-Nine"),
        (110, "One Hundred Ten"),
        (100_005, "One Lakh Five"),
        (10_00_100, "Ten Lakh One Hundred"),
    ],
)
def test_english_number_words(number: int, english: str) -> None:
    assert amount_in_words_en(number * RUPEE) == f"Rupees {english} Only"


@pytest.mark.parametrize("words", [amount_in_words_en, amount_in_words_kn])
def test_negative_amounts_are_refused(words: object) -> None:
    assert callable(words)
    with pytest.raises(MoneyError) as info:
        words(-1)
    assert str(info.value) == "amount: must not be negative to be written in words, got -1"


@pytest.mark.parametrize("words", [amount_in_words_en, amount_in_words_kn])
def test_amounts_beyond_the_maximum_are_refused(words: object) -> None:
    assert callable(words)
    with pytest.raises(MoneyError) as info:
        words(MAX_WORDS_PAISE + 1)
    assert info.value.field == "amount"
    assert "beyond the largest amount written in words, ₹99,99,99,99,999.99" in info.value.reason


@pytest.mark.parametrize("value", [1.5, True, "100"])
def test_non_paise_values_are_refused(value: object) -> None:
    with pytest.raises(MoneyError, match="whole number of paise"):
        amount_in_words_en(value)  # type: ignore[arg-type]


@given(st.integers(0, MAX_WORDS_PAISE))
def test_every_amount_in_range_has_words_in_both_languages(paise: int) -> None:
    english = amount_in_words_en(paise)
    kannada = amount_in_words_kn(paise)
    assert english.startswith("Rupees ") and english.endswith(" Only")
    assert kannada.endswith(" ಮಾತ್ರ") and " ರೂಪಾಯಿ" in kannada
    assert "  " not in english and "  " not in kannada
    assert ("Paise" in english or "Paisa" in english) == (paise % 100 != 0)
    assert ("ಪೈಸೆ" in kannada) == (paise % 100 != 0)
