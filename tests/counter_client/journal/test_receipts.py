"""Taking receipts: numbering, chaining, outbox, cashier checks, and safe retries."""

from __future__ import annotations

from datetime import date

import pytest

from common.errors import ValidationProblem
from common.sync_protocol import EntryKind
from counter_client.journal import Cash, Journal, Upi, verify_journal
from counter_client.store import Outbox, Store
from tests.counter_client.journal.daybook_helpers import close_everything
from tests.counter_client.store.factories import COUNTER, FakeClock, cashier, consumer, seed


def take(journal: Journal, amount: int = 10_000, rr: str = "MYS1001", **kwargs: object) -> str:
    receipt = journal.take_receipt(
        cashier_id="C001",
        rr_number=rr,
        amount_paise=amount,
        payment=kwargs.pop("payment", Cash()),  # type: ignore[arg-type]
        **kwargs,  # type: ignore[arg-type]
    )
    return receipt.receipt_number


def test_receipts_are_numbered_gaplessly_per_counter_and_year(journal: Journal) -> None:
    numbers = [take(journal) for _ in range(3)]
    assert numbers == [f"{COUNTER}/2026-27/1", f"{COUNTER}/2026-27/2", f"{COUNTER}/2026-27/3"]


def test_the_journal_sequence_counts_every_entry_kind(journal: Journal) -> None:
    take(journal)
    journal.cash_in(cashier_id="C001", amount_paise=500, note="opening float")
    take(journal)
    kinds = [(e.sequence, e.kind) for e in journal.entries()]
    assert kinds == [
        (1, EntryKind.DAY_OPEN),
        (2, EntryKind.RECEIPT),
        (3, EntryKind.CASH_IN),
        (4, EntryKind.RECEIPT),
    ]


def test_a_receipt_carries_business_date_local_time_cashier_and_the_chain(
    journal: Journal, clock: FakeClock
) -> None:
    clock.advance(minutes=7)
    receipt = journal.take_receipt(
        cashier_id="C001", rr_number="mys1001", amount_paise=12_345, payment=Cash()
    )
    entry = journal.entries()[-1]
    previous = journal.entries()[-2]
    assert entry.business_date == date(2026, 4, 1)
    assert entry.local_time == clock.now and entry.local_time.utcoffset() is not None
    assert entry.local_time.isoformat().endswith("+05:30")
    assert entry.cashier == "C001"
    assert entry.prev_hash == previous.hash
    assert entry.recomputed_hash() == entry.hash == receipt.entry_hash
    assert receipt.rr_number == "MYS1001"
    assert (receipt.account_id, receipt.consumer_name) == ("0000000018", "Lakshmi Narayana")


def test_the_receipt_and_its_outbox_row_are_committed_before_the_call_returns(
    journal: Journal, db_path: object
) -> None:
    number = take(journal)
    # A separate store on the same file (another process would see the same).
    other = Store.open(db_path)  # type: ignore[arg-type]
    try:
        pending = Outbox(other, COUNTER).pending()
        assert [e.body.get("receipt_number") for e in pending][-1] == number
    finally:
        other.close()


def test_every_entry_hashes_as_the_centre_will_check_it(journal: Journal) -> None:
    take(journal, payment=Upi("123456789012"))
    for entry in journal.entries():
        wire = entry.to_wire()
        assert wire.hash_matches()


def test_a_consumer_outside_the_cache_is_still_receipted_with_the_name_given(
    journal: Journal,
) -> None:
    receipt = journal.take_receipt(
        cashier_id="C001",
        rr_number="KRN2002",
        amount_paise=5_000,
        payment=Cash(),
        consumer_name="  Visiting   Payer ",
    )
    assert receipt.account_id is None
    assert receipt.consumer_name == "Visiting Payer"


@pytest.mark.parametrize(
    ("amount", "field"),
    [(0, "amount_paise"), (-100, "amount_paise"), (10.5, "amount_paise"), (True, "amount_paise")],
)
def test_amounts_must_be_positive_whole_paise(journal: Journal, amount: object, field: str) -> None:
    before = len(journal.entries())
    with pytest.raises(ValidationProblem) as raised:
        take(journal, amount=amount)  # type: ignore[arg-type]
    assert raised.value.field == field
    assert len(journal.entries()) == before


def test_an_unknown_or_removed_cashier_cannot_take_money(store: Store, journal: Journal) -> None:
    with pytest.raises(ValidationProblem, match="not allowed at this counter") as raised:
        journal.take_receipt(
            cashier_id="X999", rr_number="MYS1001", amount_paise=100, payment=Cash()
        )
    assert raised.value.field == "cashier_id"
    seed(store, cashiers=[cashier("C002", active=False)], consumers=[consumer()], cursor="c2")
    with pytest.raises(ValidationProblem, match="no longer allowed"):
        journal.take_receipt(
            cashier_id="C002", rr_number="MYS1001", amount_paise=100, payment=Cash()
        )


def test_an_invalid_rr_number_is_refused_naming_the_field(journal: Journal) -> None:
    with pytest.raises(ValidationProblem) as raised:
        take(journal, rr="MY")
    assert raised.value.field == "rr_number"


def test_repeating_a_request_returns_the_same_receipt_and_takes_nothing_new(
    journal: Journal,
) -> None:
    first = journal.take_receipt(
        cashier_id="C001",
        rr_number="MYS1001",
        amount_paise=100,
        payment=Cash(),
        request_id="0f8e2c1a-retry-test",
    )
    again = journal.take_receipt(
        cashier_id="C001",
        rr_number="MYS1001",
        amount_paise=100,
        payment=Cash(),
        request_id="0f8e2c1a-retry-test",
    )
    assert again == first
    assert sum(1 for e in journal.entries() if e.kind is EntryKind.RECEIPT) == 1


def test_a_request_id_reused_for_different_details_is_refused(journal: Journal) -> None:
    take(journal, amount=100, request_id="req-00000001")
    with pytest.raises(ValidationProblem) as raised:
        take(journal, amount=200, request_id="req-00000001")
    assert raised.value.field == "request_id"


def test_a_listener_failure_never_turns_a_committed_receipt_into_an_error(
    journal: Journal,
) -> None:
    seen: list[int] = []

    def broken(entry: object) -> None:
        raise RuntimeError("printer queue down")

    journal.add_listener(broken)
    journal.add_listener(lambda entry: seen.append(entry.sequence))
    take(journal)
    assert seen == [2]


def test_receipt_numbers_restart_at_one_in_a_new_financial_year(
    journal: Journal, clock: FakeClock, store: Store
) -> None:
    take(journal)
    close_everything(journal)
    clock.to_day(date(2027, 3, 31))
    journal.open_day(cashier_id="C001")
    assert take(journal) == f"{COUNTER}/2026-27/2"
    close_everything(journal)
    clock.to_day(date(2027, 4, 1))
    journal.open_day(cashier_id="C001")
    assert take(journal) == f"{COUNTER}/2027-28/1"
    assert verify_journal(store, COUNTER).ok
