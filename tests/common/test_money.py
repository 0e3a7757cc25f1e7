"""Money as integer paise: parsing typed rupees, checking values, Indian formatting."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.errors import ValidationProblem
from common.money import (
    MAX_PAISE,
    MIN_PAISE,
    MoneyError,
    check_paise,
    format_inr,
    group_indian,
    paise_of,
    parse_rupees,
    rupees,
)

paise_values = st.integers(MIN_PAISE, MAX_PAISE)


def test_money_error_is_a_validation_problem() -> None:
    assert issubclass(MoneyError, ValidationProblem)
    assert str(MoneyError("amount", "must not be empty")) == "amount: must not be empty"


# parse_rupees


@pytest.mark.parametrize(
    ("typed", "paise"),
    [
        ("1234", 123400),
        ("1,234.5", 123450),
        ("₹1,23,45,678.50", 1234567850),
        ("Rs. 12.05", 1205),
        ("Rs12.05", 1205),
        ("rs 12", 1200),
        ("INR 12.5", 1250),
        ("₹ 500/-", 50000),
        ("  42  ", 4200),
        ("0", 0),
        ("0.01", 1),
        (".5", 50),
        ("12.", 1200),
        ("007", 700),
        ("1,00,000", 10000000),
        ("100,000", 10000000),
        ("12,345,678.90", 1234567890),
        ("-0", 0),
        ("92233720368547758.07", MAX_PAISE),
    ],
)
def test_parse_rupees_reads_typed_amounts(typed: str, paise: int) -> None:
    assert parse_rupees(typed) == paise


@pytest.mark.parametrize(
    ("typed", "paise"),
    [("-5", -500), ("-₹0.05", -5), ("₹-0.05", -5), ("- Rs. 1,234.50", -123450)],
)
def test_parse_rupees_reads_negatives_only_when_allowed(typed: str, paise: int) -> None:
    assert parse_rupees(typed, allow_negative=True) == paise
    with pytest.raises(MoneyError, match="must not be negative"):
        parse_rupees(typed)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "amount: must not be empty"),
        ("   ", "amount: must not be empty"),
        ("1.234", "amount: '1.234' has 3 digits after the decimal point; at most 2 (paise)"),
        ("1.500", "amount: '1.500' has 3 digits after the decimal point; at most 2 (paise)"),
        ("-5", "amount: must not be negative, got '-5'"),
        ("abc", "amount: 'abc' contains 'a'; expected an amount like 1,234.50 or ₹12.05"),
        ("12 34", "amount: '12 34' is not an amount; expected something like 1,234.50 or ₹12.05"),
        ("1..2", "amount: '1..2' has more than one decimal point"),
        ("5-", "amount: '5-' has a '-' that is not a leading minus sign"),
        ("₹", "amount: '₹' has no digits"),
        ("Rs.", "amount: 'Rs.' has no digits"),
        ("+5", "amount: '+5' contains '+'; expected an amount like 1,234.50 or ₹12.05"),
        ("1e5", "amount: '1e5' contains 'e'; expected an amount like 1,234.50 or ₹12.05"),
        ("१२", "amount: '१२' contains '१'; expected an amount like 1,234.50 or ₹12.05"),
        (
            "12,34",
            "amount: commas in '12,34' are misplaced; group like 1,23,45,678 or 12,345,678 "
            "(use '.' for paise)",
        ),
        ("92233720368547758.08", "amount: '92233720368547758.08' is too large"),
    ],
)
def test_parse_rupees_explains_what_is_wrong(typed: str, message: str) -> None:
    with pytest.raises(MoneyError) as info:
        parse_rupees(typed)
    assert str(info.value).startswith(message)


@pytest.mark.parametrize("typed", [",123", "123,", "1,,234", "1,2345", "1,000,00", "0,123"])
def test_parse_rupees_refuses_misplaced_commas(typed: str) -> None:
    with pytest.raises(MoneyError, match="commas in"):
        parse_rupees(typed)


def test_parse_rupees_uses_the_given_field_name() -> None:
    with pytest.raises(MoneyError) as info:
        parse_rupees("x", field="cheque_amount")
    assert info.value.field == "cheque_amount"


def test_parse_rupees_shortens_huge_input_in_its_message() -> None:
    with pytest.raises(MoneyError, match="too large") as info:
        parse_rupees("9" * 5000)
    assert len(str(info.value)) < 200


def test_parse_rupees_refuses_non_text() -> None:
    with pytest.raises(MoneyError, match="must be text, got float"):
        parse_rupees(12.5)  # type: ignore[arg-type]


# format_inr


@pytest.mark.parametrize(
    ("paise", "shown"),
    [
        (1234567850, "₹1,23,45,678.50"),
        (0, "₹0.00"),
        (-5, "-₹0.05"),
        (1, "₹0.01"),
        (99999, "₹999.99"),
        (100000, "₹1,000.00"),
        (10000000, "₹1,00,000.00"),
        (1000000000, "₹1,00,00,000.00"),
        (-123456789, "-₹12,34,567.89"),
        (MAX_PAISE, "₹92,23,37,20,36,85,47,758.07"),
    ],
)
def test_format_inr_groups_the_indian_way(paise: int, shown: str) -> None:
    assert format_inr(paise) == shown


def test_format_inr_can_leave_out_the_symbol() -> None:
    assert format_inr(-123456789, symbol=False) == "-12,34,567.89"


@pytest.mark.parametrize(
    ("digits", "grouped"),
    [
        ("1", "1"),
        ("123", "123"),
        ("1234", "1,234"),
        ("123456", "1,23,456"),
        ("1234567", "12,34,567"),
    ],
)
def test_group_indian(digits: str, grouped: str) -> None:
    assert group_indian(digits) == grouped


@given(paise_values)
def test_parse_rupees_reverses_format_inr(paise: int) -> None:
    assert parse_rupees(format_inr(paise), allow_negative=True) == paise
    assert parse_rupees(format_inr(paise, symbol=False), allow_negative=True) == paise


@given(st.integers(0, MAX_PAISE))
def test_parse_rupees_reads_plain_decimal_text(paise: int) -> None:
    whole, part = divmod(paise, 100)
    assert parse_rupees(f"{whole}.{part:02d}") == paise
    assert parse_rupees(f"{whole:,}.{part:02d}") == paise


# check_paise


@pytest.mark.parametrize("value", [0, 1, -1, MAX_PAISE, MIN_PAISE, Decimal("1250"), Decimal("-3")])
def test_check_paise_accepts_whole_paise(value: object) -> None:
    result = check_paise(value, "amount")
    assert type(result) is int and result == value


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (True, "must be a whole number of paise, got a bool (True)"),
        (12.5, "must be a whole number of paise, got a float (12.5); money is never float"),
        (12.0, "must be a whole number of paise, got a float (12.0); money is never float"),
        ("12", "must be a whole number of paise, got text '12'; use parse_rupees"),
        (Decimal("12.5"), "has a fraction of a paisa (12.5 paise)"),
        (Decimal("NaN"), "must be a finite number of paise, got NaN"),
        (None, "must be a whole number of paise, got NoneType"),
        (MAX_PAISE + 1, "9223372036854775808 paise is beyond the storable range"),
        (MIN_PAISE - 1, "-9223372036854775808 paise is beyond the storable range"),
    ],
)
def test_check_paise_refuses_anything_but_whole_paise(value: object, reason: str) -> None:
    with pytest.raises(MoneyError) as info:
        check_paise(value, "receipt.amount")
    assert info.value.field == "receipt.amount"
    assert info.value.reason.startswith(reason)


def test_format_inr_refuses_floats() -> None:
    with pytest.raises(MoneyError, match="money is never float"):
        format_inr(12.5)  # type: ignore[arg-type]


# paise_of and rupees


@pytest.mark.parametrize(
    ("whole", "part", "paise"), [(0, 0, 0), (12, 5, 1205), (1, 0, 100), (0, 99, 99)]
)
def test_paise_of_combines_rupees_and_paise(whole: int, part: int, paise: int) -> None:
    assert paise_of(whole, part) == paise


@pytest.mark.parametrize(
    ("whole", "part", "message"),
    [
        (1, 100, "paise: must be 0 to 99, got 100"),
        (1, -1, "paise: must be 0 to 99, got -1"),
        (-1, 0, "rupees: must not be negative, got -1"),
        (1.5, 0, "rupees: must be a whole number of paise, got a float"),
    ],
)
def test_paise_of_refuses_bad_parts(whole: int, part: int, message: str) -> None:
    with pytest.raises(MoneyError) as info:
        paise_of(whole, part)
    assert str(info.value).startswith(message)


@pytest.mark.parametrize(
    ("paise", "amount"),
    [(1205, Decimal("12.05")), (0, Decimal("0.00")), (-5, Decimal("-0.05"))],
)
def test_rupees_is_an_exact_decimal(paise: int, amount: Decimal) -> None:
    result = rupees(paise)
    assert result == amount and str(result) == str(amount)


@given(paise_values)
def test_rupees_times_100_gives_back_the_paise(paise: int) -> None:
    assert int(rupees(paise) * 100) == paise
