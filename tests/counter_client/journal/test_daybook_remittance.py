"""Remittances of a closed day, and cash-only accounts at the counter."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from common.daybook import RemittanceBody
from common.errors import ValidationProblem
from common.sync_protocol import EntryKind
from counter_client.journal import Card, Cash, Cheque, DemandDraft, Journal, Upi
from counter_client.store import ConsumerCache, PulledPage, Store, apply_pulled_page
from counter_client.sync.client import CentreProtocolError
from counter_client.sync.pull import _consumer
from tests.counter_client.journal.daybook_helpers import close_everything, close_exactly
from tests.counter_client.store.factories import FakeClock, consumer

DAY = date(2026, 4, 1)
CHEQUE = Cheque("111111", "Canara Bank", "Mysuru", date(2026, 3, 30))
DRAFT = DemandDraft("222222", "SBI", "Mysuru", date(2026, 3, 31))


@pytest.fixture
def closed(journal: Journal, clock: FakeClock) -> dict[str, str]:
    """1 April closed with ₹1,500 cash, a ₹1,200 cheque and a ₹800 draft counted present."""
    take = journal.take_receipt
    take(cashier_id="C001", rr_number="MYS1001", amount_paise=150_000, payment=Cash())
    cheque = take(cashier_id="C001", rr_number="MYS1001", amount_paise=120_000, payment=CHEQUE)
    draft = take(cashier_id="C002", rr_number="MYS1001", amount_paise=80_000, payment=DRAFT)
    close_everything(journal)
    clock.to_day(date(2026, 4, 2))
    return {"cheque": cheque.receipt_number, "draft": draft.receipt_number}


def _remit(journal: Journal, **change: Any) -> Any:
    arguments: dict[str, Any] = {
        "cashier_id": "C001",
        "business_date": DAY,
        "bank": "State Bank of India",
        "branch": "Mysuru Main",
        "account_number": "00000012345678",
        "slip_number": "PIS-0001",
        "deposit_date": date(2026, 4, 2),
        "cash_paise": 150_000,
        "instruments": [],
        **change,
    }
    return journal.record_remittance(**arguments)


def test_a_remittance_is_a_journal_entry_for_the_closed_date(
    journal: Journal, closed: dict[str, str]
) -> None:
    entry = _remit(journal, instruments=[closed["cheque"], closed["draft"]])
    assert entry.kind is EntryKind.REMITTANCE and entry.business_date == DAY
    body = RemittanceBody.model_validate(entry.body)
    assert (body.cash_paise, body.cheque_paise, body.amount_paise) == (150_000, 200_000, 350_000)
    totals = journal.closed_totals(DAY)
    assert totals.cash_to_remit_paise == 0 and totals.cheques_to_remit_paise == 0


def test_remittances_add_up_to_no_more_than_was_closed(
    journal: Journal, closed: dict[str, str]
) -> None:
    _remit(journal, cash_paise="1,000.00", slip_number="PIS-0001")
    before = len(journal.entries())
    with pytest.raises(ValidationProblem, match="more than the ₹500.00 cash") as raised:
        _remit(journal, cash_paise=50_001, slip_number="PIS-0002")
    assert raised.value.field == "cash_paise"
    _remit(journal, cash_paise=50_000, slip_number="PIS-0002", instruments=[closed["cheque"]])
    with pytest.raises(ValidationProblem, match="already on an earlier slip") as again:
        _remit(journal, cash_paise=0, slip_number="PIS-0003", instruments=[closed["cheque"]])
    assert again.value.field == "instruments"
    assert len(journal.entries()) == before + 1


def test_a_cheque_missing_at_closing_cannot_be_remitted(journal: Journal, clock: FakeClock) -> None:
    cheque = journal.take_receipt(
        cashier_id="C001", rr_number="MYS1001", amount_paise=120_000, payment=CHEQUE
    )
    journal.close_shift(
        "C001",
        denominations={},
        instruments_present=set(),
        card_paise=0,
        upi_paise=0,
        reason="cheque left with the section officer",
        approved_by="S001",
    )
    journal.close_day(supervisor_id="S001")
    clock.to_day(date(2026, 4, 2))
    with pytest.raises(ValidationProblem, match="not a cheque or draft counted present"):
        _remit(journal, cash_paise=0, instruments=[cheque.receipt_number])


@pytest.mark.parametrize(
    ("change", "field", "why"),
    [
        ({"slip_number": "  "}, "slip_number", "1 to 30"),
        ({"deposit_date": date(2026, 3, 31)}, "deposit_date", "before the business date"),
        ({"deposit_date": date(2026, 4, 3)}, "deposit_date", "in the future"),
        ({"cash_paise": "12.345"}, "cash_paise", "at most 2"),
        ({"cash_paise": 0}, "amount_paise", "more than zero"),
        ({"account_number": "12"}, "account_number", "at least 4"),
        ({"bank": ""}, "bank", "at least 1"),
        ({"instruments": ["MYS001-1/2026-27/1"]}, "instruments", "not a cheque"),
        ({"instruments": ["OTHER-1/2026-27/2"]}, "receipt_number", "not this counter"),
        ({"business_date": date(2026, 3, 30)}, "business_date", "not here"),
    ],
)
def test_bad_remittances_name_their_field_and_write_nothing(
    journal: Journal, closed: dict[str, str], change: dict[str, Any], field: str, why: str
) -> None:
    before = len(journal.entries())
    with pytest.raises(ValidationProblem, match=why) as raised:
        _remit(journal, **change)
    assert raised.value.field == field
    assert len(journal.entries()) == before


def test_a_slip_number_is_used_once(journal: Journal, closed: dict[str, str]) -> None:
    _remit(journal, cash_paise=10_000, slip_number="pis 0001")
    with pytest.raises(ValidationProblem, match="already recorded") as raised:
        _remit(journal, cash_paise=10_000, slip_number="PIS0001")
    assert raised.value.field == "slip_number"


def test_an_open_day_is_not_remitted(journal: Journal) -> None:
    journal.take_receipt(cashier_id="C001", rr_number="MYS1001", amount_paise=1_000, payment=Cash())
    with pytest.raises(ValidationProblem, match="still open") as raised:
        _remit(journal, cash_paise=1_000, deposit_date=DAY)
    assert raised.value.field == "business_date"


# -- cash-only accounts -------------------------------------------------------------------


def _flag(store: Store, cash_only: bool) -> None:
    record = consumer()
    flagged = type(record)(**{**record.__dict__, "cash_only": cash_only})
    apply_pulled_page(store, PulledPage(stream="consumers", cursor="c2", consumers=[flagged]))


@pytest.mark.parametrize(
    "payment",
    [CHEQUE, DRAFT, Card("AB12CD"), Upi("412345678901")],
    ids=["cheque", "draft", "card", "upi"],
)
def test_a_cash_only_account_pays_only_in_cash(
    journal: Journal, store: Store, payment: Any
) -> None:
    _flag(store, True)
    cached = ConsumerCache(store).get("MYS1001")
    assert cached is not None and cached.record.cash_only
    before = len(journal.entries())
    with pytest.raises(ValidationProblem, match="cash-only") as raised:
        journal.take_receipt(
            cashier_id="C001", rr_number="MYS1001", amount_paise=5_000, payment=payment
        )
    assert raised.value.field == "payment.mode"
    assert len(journal.entries()) == before
    journal.take_receipt(cashier_id="C001", rr_number="MYS1001", amount_paise=5_000, payment=Cash())
    _flag(store, False)  # the centre lifts the flag: cheques are taken again
    journal.take_receipt(
        cashier_id="C001", rr_number="MYS1001", amount_paise=5_000, payment=payment
    )


def test_the_pulled_flag_must_be_a_boolean() -> None:
    record = {
        "rr_number": "MYS1001",
        "name_en": "A",
        "address": "B",
        "tariff_category": "LT2a",
        "section_code": "S1",
        "balance_paise": 0,
    }
    assert _consumer(record).cash_only is False  # an older centre does not send it
    assert _consumer({**record, "cash_only": True}).cash_only is True
    with pytest.raises(CentreProtocolError, match="cash_only"):
        _consumer({**record, "cash_only": "yes"})


def test_a_closing_counts_the_remitted_dates_shifts_only(
    journal: Journal, closed: dict[str, str]
) -> None:
    journal.take_receipt(cashier_id="C001", rr_number="MYS1001", amount_paise=9_900, payment=Cash())
    close_exactly(journal, "C001")
    assert journal.closed_totals(DAY).cash_paise == 150_000
    assert journal.closed_totals(date(2026, 4, 2)).cash_paise == 9_900
