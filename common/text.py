"""Checks for free text typed by people: names and addresses, in English or Kannada."""

from __future__ import annotations

import unicodedata

from common.errors import ValidationProblem

# Characters a real name or address never needs and markup or SQL fragments always do.
_FORBIDDEN = set('<>;"`=\\{}[]|$%^*~')
_NAME_PUNCTUATION = set(" .'-&/(),")
_ADDRESS_PUNCTUATION = _NAME_PUNCTUATION | set("#:")


def _check(value: str, field: str, max_length: int, allowed_punctuation: set[str]) -> str:
    if not isinstance(value, str):
        raise ValidationProblem(field, "must be text")
    text = " ".join(unicodedata.normalize("NFC", value).split())
    if not text:
        raise ValidationProblem(field, "must not be empty")
    if len(text) > max_length:
        raise ValidationProblem(field, f"must be at most {max_length} characters, got {len(text)}")
    for char in text:
        category = unicodedata.category(char)
        if char in _FORBIDDEN or category.startswith("C"):
            raise ValidationProblem(field, f"must not contain {char!r}")
        if category[0] in "LMN" or char in allowed_punctuation:
            continue
        raise ValidationProblem(field, f"must not contain {char!r}")
    if not any(unicodedata.category(char).startswith("L") for char in text):
        raise ValidationProblem(field, "must contain at least one letter")
    return text


def clean_name(value: str, field: str = "name", max_length: int = 100) -> str:
    """A person's or firm's name in any script: letters, digits, spaces and . ' - & / ( ) ,"""
    return _check(value, field, max_length, _NAME_PUNCTUATION)


def clean_address(value: str, field: str = "address", max_length: int = 200) -> str:
    """A postal address: like a name, plus '#' and ':'."""
    return _check(value, field, max_length, _ADDRESS_PUNCTUATION)


_NOTE_FORBIDDEN = set("<>{}\\`")


def clean_note(value: str, field: str = "reason", max_length: int = 200) -> str:
    """Free text such as a reason: any printable text but markup characters, at least 5 long."""
    if not isinstance(value, str):
        raise ValidationProblem(field, "must be text")
    text = " ".join(unicodedata.normalize("NFC", value).split())
    if len(text) < 5:
        raise ValidationProblem(field, "must be at least 5 characters")
    if len(text) > max_length:
        raise ValidationProblem(field, f"must be at most {max_length} characters, got {len(text)}")
    for char in text:
        if char in _NOTE_FORBIDDEN or unicodedata.category(char).startswith("C"):
            raise ValidationProblem(field, f"must not contain {char!r}")
    return text
