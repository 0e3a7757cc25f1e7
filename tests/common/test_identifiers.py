"""Identifiers: RR numbers, account ids, counter codes, financial years, receipts, mobiles."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.errors import ValidationProblem
from common.identifiers import (
    FinancialYear,
    IdentifierError,
    ReceiptNumber,
    make_account_id,
    normalise_mobile,
    normalise_rr_number,
    validate_account_id,
    validate_counter_code,
)


def test_identifier_error_is_a_validation_problem_with_field_and_reason() -> None:
    error = IdentifierError("rr_number", "must not be empty")
    assert isinstance(error, ValidationProblem) and isinstance(error, ValueError)
    assert (error.field, error.reason, str(error)) == (
        "rr_number",
        "must not be empty",
        "rr_number: must not be empty",
    )


# RR numbers


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("MYS1234567", "MYS1234567"),
        ("  mys1234567 ", "MYS1234567"),
        ("ab12", "AB12"),
        ("1234", "1234"),
        ("A" * 20, "A" * 20),
    ],
)
def test_normalise_rr_number_strips_and_uppercases(typed: str, canonical: str) -> None:
    assert normalise_rr_number(typed) == canonical


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "rr_number: must be 4 to 20 letters or digits, got 3 characters"),
        ("A" * 21, "rr_number: must be 4 to 20 letters or digits, got 21 characters"),
        ("MYS-1234", "rr_number: contains '-' which is not a letter or digit"),
        ("MYS 1234", "rr_number: contains ' ' which is not a letter or digit"),
        ("MYS೧೨೩೪", "rr_number: contains '೧' which is not an ASCII letter or digit"),
        ("   ", "rr_number: must not be empty"),
    ],
)
def test_normalise_rr_number_explains_what_is_wrong(typed: str, message: str) -> None:
    with pytest.raises(IdentifierError) as info:
        normalise_rr_number(typed)
    assert str(info.value) == message


def test_normalise_rr_number_uses_the_given_field_name() -> None:
    with pytest.raises(IdentifierError) as info:
        normalise_rr_number("x", field="consumers[3].rr_number")
    assert info.value.field == "consumers[3].rr_number"


def test_normalise_rr_number_refuses_non_text() -> None:
    with pytest.raises(IdentifierError, match="must be text, got int"):
        normalise_rr_number(1234)  # type: ignore[arg-type]


# account ids


@pytest.mark.parametrize(
    ("serial", "account_id"),
    [(1, "0000000018"), (123456789, "1234567897"), (999_999_999, "9999999999")],
)
def test_make_account_id_appends_the_luhn_check_digit(serial: int, account_id: str) -> None:
    assert make_account_id(serial) == account_id


def luhn_valid(number: str) -> bool:
    """The textbook Luhn test, written independently of the code under test."""
    total = 0
    for position, ch in enumerate(reversed(number)):
        digit = int(ch) * (2 if position % 2 else 1)
        total += digit // 10 + digit % 10
    return total % 10 == 0


def test_independent_luhn_agrees_with_the_textbook_example() -> None:
    assert luhn_valid("79927398713") and not luhn_valid("79927398710")


@given(st.integers(1, 999_999_999))
def test_made_account_ids_pass_an_independent_luhn_check(serial: int) -> None:
    assert luhn_valid(make_account_id(serial))


@pytest.mark.parametrize("serial", [0, -1, 1_000_000_000])
def test_make_account_id_refuses_serials_out_of_range(serial: int) -> None:
    with pytest.raises(IdentifierError, match="serial: must be 1 to 999999999"):
        make_account_id(serial)


@pytest.mark.parametrize("serial", [True, 1.0, "1"])
def test_make_account_id_refuses_non_integers(serial: object) -> None:
    with pytest.raises(IdentifierError, match="serial: must be an integer"):
        make_account_id(serial)  # type: ignore[arg-type]


@given(st.integers(1, 999_999_999))
def test_every_made_account_id_validates(serial: int) -> None:
    account_id = make_account_id(serial)
    assert len(account_id) == 10
    assert validate_account_id(account_id) == account_id
    assert int(account_id[:9]) == serial


@given(st.integers(1, 999_999_999), st.integers(0, 9), st.integers(1, 9))
def test_any_single_digit_error_is_caught(serial: int, position: int, shift: int) -> None:
    account_id = make_account_id(serial)
    wrong = str((int(account_id[position]) + shift) % 10)
    typo = account_id[:position] + wrong + account_id[position + 1 :]
    if typo[:9] == "000000000":
        return
    with pytest.raises(IdentifierError, match="check digit is"):
        validate_account_id(typo)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("123456789", "account_id: must be 10 digits, got 9 digits"),
        ("12345678970", "account_id: must be 10 digits, got 11 digits"),
        ("", "account_id: must be 10 digits, got 0 digits"),
        ("12345A7897", "account_id: contains 'A' which is not a digit 0-9"),
        ("1234567890", "account_id: check digit is 0, expected 7"),
        ("0000000000", "account_id: serial part 000000000 is not a valid account"),
    ],
)
def test_validate_account_id_explains_what_is_wrong(typed: str, message: str) -> None:
    with pytest.raises(IdentifierError) as info:
        validate_account_id(typed)
    assert str(info.value) == message


def test_validate_account_id_strips_spaces() -> None:
    assert validate_account_id(" 1234567897 ") == "1234567897"


# counter codes


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [("MYS001-1", "MYS001-1"), ("mys001-1", "MYS001-1"), (" HSN2 ", "HSN2"), ("A" * 16, "A" * 16)],
)
def test_validate_counter_code_accepts_and_uppercases(typed: str, canonical: str) -> None:
    assert validate_counter_code(typed) == canonical


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("MYS", "must be 4 to 16 characters, got 3 characters"),
        ("A" * 17, "must be 4 to 16 characters, got 17 characters"),
        ("1MYS", "must start with a letter, got '1'"),
        ("-MYS", "must start with a letter, got '-'"),
        ("MYS/1", "contains '/' which is not allowed"),
        ("MYS_01", "contains '_'; only letters A-Z, digits 0-9 and '-' are allowed"),
        ("", "must not be empty"),
    ],
)
def test_validate_counter_code_explains_what_is_wrong(typed: str, reason: str) -> None:
    with pytest.raises(IdentifierError) as info:
        validate_counter_code(typed)
    assert info.value.field == "counter_code"
    assert info.value.reason.startswith(reason)


# financial years


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2026, 4, 1), "2026-27"),
        (date(2027, 3, 31), "2026-27"),
        (date(2026, 3, 31), "2025-26"),
        (date(2026, 12, 31), "2026-27"),
        (date(2027, 1, 1), "2026-27"),
        (date(1999, 6, 1), "1999-00"),
        (datetime(2026, 4, 1, 0, 0), "2026-27"),
    ],
)
def test_financial_year_of_runs_april_to_march(day: date, label: str) -> None:
    assert FinancialYear.of(day).label == label


def test_financial_year_has_start_end_and_contains() -> None:
    fy = FinancialYear(2026)
    assert (fy.start, fy.end) == (date(2026, 4, 1), date(2027, 3, 31))
    assert fy.contains(date(2026, 4, 1)) and fy.contains(date(2027, 3, 31))
    assert not fy.contains(date(2026, 3, 31)) and not fy.contains(date(2027, 4, 1))
    assert str(fy) == "2026-27"


def test_financial_years_order_by_start_year() -> None:
    assert FinancialYear(2025) < FinancialYear(2026)
    assert sorted([FinancialYear(2027), FinancialYear(2025)])[0] == FinancialYear(2025)


@given(st.dates(min_value=date(1901, 1, 1), max_value=date(9998, 12, 31)))
def test_every_date_lies_in_its_own_financial_year(day: date) -> None:
    fy = FinancialYear.of(day)
    assert fy.contains(day)
    assert FinancialYear.parse(fy.label) == fy


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2026-28", "financial_year: second part must be 27 (the year after 2026), got 28"),
        ("2099-01", "financial_year: second part must be 00 (the year after 2099), got 01"),
        ("26-27", "financial_year: must look like 2026-27 (YYYY-YY), got '26-27'"),
        ("2026/27", "financial_year: must look like 2026-27 (YYYY-YY), got '2026/27'"),
        ("2026-2027", "financial_year: must look like 2026-27 (YYYY-YY), got '2026-2027'"),
        ("1800-01", "financial_year: start year must be 1900 to 9998, got 1800"),
    ],
)
def test_financial_year_parse_explains_what_is_wrong(typed: str, message: str) -> None:
    with pytest.raises(IdentifierError) as info:
        FinancialYear.parse(typed)
    assert str(info.value) == message


def test_financial_year_parse_accepts_century_rollover() -> None:
    assert FinancialYear.parse(" 2099-00 ") == FinancialYear(2099)


@pytest.mark.parametrize("year", [1899, 9999, True])
def test_financial_year_refuses_unsupported_start_years(year: int) -> None:
    with pytest.raises(IdentifierError, match="start_year"):
        FinancialYear(year)


# receipt numbers


def test_receipt_number_prints_unpadded_sequence() -> None:
    receipt = ReceiptNumber("MYS001-1", FinancialYear(2026), 123)
    assert str(receipt) == "MYS001-1/2026-27/123"


def test_receipt_number_normalises_the_counter_code() -> None:
    assert ReceiptNumber("mys001-1", FinancialYear(2026), 1).counter_code == "MYS001-1"


@given(
    st.from_regex(r"[A-Z][A-Z0-9-]{3,15}", fullmatch=True),
    st.integers(1900, 9998),
    st.integers(1, 2**63 - 1),
)
def test_receipt_number_parse_reverses_str(code: str, year: int, sequence: int) -> None:
    receipt = ReceiptNumber(code, FinancialYear(year), sequence)
    assert ReceiptNumber.parse(str(receipt)) == receipt


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("MYS001-1/2026-27", "must have 3 parts separated by '/'"),
        ("MYS001-1/2026-27/1/2", "must have 3 parts separated by '/'"),
        ("M1/2026-27/5", "counter code part 'M1': must be 4 to 16 characters"),
        ("MYS001-1/2026-28/5", "financial year part '2026-28': second part must be 27"),
        ("MYS001-1/26-27/5", "financial year part '26-27': must look like 2026-27"),
        ("MYS001-1/2026-27/", "sequence part is empty"),
        ("MYS001-1/2026-27/0", "sequence part '0' must be a whole number from 1"),
        ("MYS001-1/2026-27/007", "sequence part '007' must be a whole number from 1"),
        ("MYS001-1/2026-27/12a", "sequence part '12a' contains 'a', not a digit"),
        ("MYS001-1/2026-27/99999999999999999999", "is too large"),
    ],
)
def test_receipt_number_parse_names_the_wrong_part(typed: str, reason: str) -> None:
    with pytest.raises(IdentifierError) as info:
        ReceiptNumber.parse(typed)
    assert info.value.field == "receipt_number"
    assert reason in info.value.reason


@pytest.mark.parametrize(
    ("sequence", "words"), [(0, "1 or more"), (-3, "1 or more"), (True, "integer")]
)
def test_receipt_number_refuses_bad_sequences(sequence: int, words: str) -> None:
    with pytest.raises(IdentifierError, match=words):
        ReceiptNumber("MYS001-1", FinancialYear(2026), sequence)


def test_receipt_numbers_are_hashable_values() -> None:
    first = ReceiptNumber("MYS001-1", FinancialYear(2026), 7)
    assert first == ReceiptNumber.parse("MYS001-1/2026-27/7")
    assert len({first, ReceiptNumber.parse("mys001-1/2026-27/7")}) == 1


# mobile numbers


@pytest.mark.parametrize(
    "typed",
    [
        "+91 98450 12345",
        "09845012345",
        "9845012345",
        "+919845012345",
        "919845012345",
        "98450-12345",
        "(+91) 98450 12345",
    ],
)
def test_normalise_mobile_accepts_common_indian_forms(typed: str) -> None:
    assert normalise_mobile(typed) == "9845012345"


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("5845012345", "must start with 6, 7, 8 or 9"),
        ("984501234", "must have 10 digits after any +91 or leading 0, got 9 digits"),
        ("+1 415 555 0100", "must be an Indian number (+91)"),
        ("98450x2345", "contains 'x'"),
        ("+91 5845012345", "must start with 6, 7, 8 or 9"),
        ("", "must not be empty"),
    ],
)
def test_normalise_mobile_explains_what_is_wrong(typed: str, reason: str) -> None:
    with pytest.raises(IdentifierError) as info:
        normalise_mobile(typed)
    assert info.value.field == "mobile"
    assert reason in info.value.reason
