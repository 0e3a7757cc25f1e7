"""Payment modes: instrument numbers and dates, references, and the s.269ST cash limit."""

from __future__ import annotations

from datetime import date

import pytest

from common.errors import ValidationProblem
from counter_client.journal import (
    CASH_LIMIT_PAISE,
    Card,
    Cash,
    Cheque,
    DemandDraft,
    Journal,
    Payment,
    Upi,
)
from counter_client.journal.payments import last_valid_day

BUSINESS_DATE = date(2026, 4, 1)


def cheque(number: str = "123456", on: date = BUSINESS_DATE, bank: str = "Canara Bank") -> Cheque:
    return Cheque(number=number, bank=bank, branch="Saraswathipuram", instrument_date=on)


def pay(journal: Journal, payment: Payment, amount: int = 50_000) -> None:
    journal.take_receipt(
        cashier_id="C001", rr_number="MYS1001", amount_paise=amount, payment=payment
    )


@pytest.mark.parametrize(
    "payment",
    [
        Cash(),
        cheque(),
        DemandDraft("654321", "State Bank of India", "Mysuru Main", date(2026, 1, 2)),
        Card("ab12cd34ef56"),
        Upi(" 412345678901 "),
    ],
    ids=["cash", "cheque", "dd", "card", "upi"],
)
def test_each_payment_mode_is_recorded_with_its_details(journal: Journal, payment: Payment) -> None:
    pay(journal, payment)
    body = journal.entries()[-1].body
    assert body["payment_mode"] in {"cash", "cheque", "demand_draft", "card", "upi"}
    if isinstance(payment, Cheque | DemandDraft):
        assert body["instrument_number"] == payment.number
        assert body["instrument_date"] == payment.instrument_date.isoformat()
    if isinstance(payment, Card | Upi):
        assert body["reference"] == payment.reference.strip().upper()


REFUSALS = [
    (cheque(number="12345"), "payment.number", "exactly 6 digits"),
    (cheque(number="12345a"), "payment.number", "exactly 6 digits"),
    (cheque(bank="  "), "payment.bank", "required"),
    (cheque(on=date(2026, 4, 2)), "payment.instrument_date", "post-dated"),
    (cheque(on=date(2025, 12, 31)), "payment.instrument_date", "stale"),
    (
        DemandDraft("123456", "SBI", "Mysuru", date(2026, 4, 5)),
        "payment.instrument_date",
        "post-dated",
    ),
    (Card("12-34"), "payment.reference", "6 to 12 letters or digits"),
    (Upi("12345678901"), "payment.reference", "12 digits"),
    (Upi("ABCDEFGHIJKL"), "payment.reference", "12 digits"),
]


@pytest.mark.parametrize(("payment", "field", "words"), REFUSALS)
def test_bad_payment_details_are_refused_naming_the_field_and_write_nothing(
    journal: Journal, payment: Payment, field: str, words: str
) -> None:
    before = len(journal.entries())
    with pytest.raises(ValidationProblem, match=words) as raised:
        pay(journal, payment)
    assert raised.value.field == field
    assert len(journal.entries()) == before


def test_a_cheque_is_good_until_the_day_before_three_months_from_its_date(
    journal: Journal,
) -> None:
    assert last_valid_day(date(2026, 1, 2)) == date(2026, 4, 1)
    assert last_valid_day(date(2025, 11, 30)) == date(2026, 2, 27)
    pay(journal, cheque(on=date(2026, 1, 2)))
    with pytest.raises(ValidationProblem, match="stale"):
        pay(journal, cheque(on=date(2026, 1, 1)))


def test_cash_of_two_lakh_or_more_is_refused_citing_the_law(journal: Journal) -> None:
    with pytest.raises(ValidationProblem, match="269ST") as raised:
        pay(journal, Cash(), amount=CASH_LIMIT_PAISE)
    assert raised.value.field == "amount_paise"
    assert "₹2,00,000.00" in raised.value.reason
    pay(journal, Cash(), amount=CASH_LIMIT_PAISE - 1)


def test_two_lakh_by_cheque_is_accepted(journal: Journal) -> None:
    pay(journal, cheque(), amount=CASH_LIMIT_PAISE * 3)


def test_cash_split_across_receipts_for_one_payer_in_a_day_is_refused(journal: Journal) -> None:
    pay(journal, Cash(), amount=1_50_000_00)
    with pytest.raises(ValidationProblem, match="already received"):
        pay(journal, Cash(), amount=50_000_00)
    pay(journal, Cash(), amount=49_999_99)


def test_a_card_or_upi_reference_cannot_pay_two_receipts(journal: Journal) -> None:
    pay(journal, Upi("412345678901"))
    with pytest.raises(ValidationProblem, match="already used") as raised:
        pay(journal, Upi("412345678901"))
    assert raised.value.field == "payment.reference"


def test_a_reference_is_free_again_once_its_receipt_is_cancelled(journal: Journal) -> None:
    pay(journal, Card("AUTH01"))
    number = journal.entries()[-1].body["receipt_number"]
    journal.cancel_receipt(
        cashier_id="C001", receipt_number=number, reason="terminal declined", supervisor_id="S001"
    )
    pay(journal, Card("AUTH01"))
