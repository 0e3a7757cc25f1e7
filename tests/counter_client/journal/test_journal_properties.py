"""Stateful property test: any interleaving of counter actions keeps the journal's invariants.

After every step: the sequence is gapless and the chain verifies, every entry has exactly one
outbox row, cancellations refer to receipts, and the due shown equals the synced balance less
the receipts (plus the cancellations) the centre has not yet counted.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from common.errors import ValidationProblem
from counter_client.journal import Cash, Journal, Payment, Upi, verify_journal
from counter_client.store import Outbox, Store
from tests.counter_client.journal.daybook_helpers import close_everything
from tests.counter_client.store.factories import COUNTER, FakeClock, consumer, seed

ACCOUNTS = ("MYS1001", "MYS1002")


@dataclass
class ModelReceipt:
    sequence: int
    number: str
    rr_number: str
    amount: int
    business_date: object
    cancellation: int | None = None


class CounterMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="trm-prop-"))
        self.clock = FakeClock()
        self.store = Store.open(self.folder / "trm-counter.db", clock=self.clock)
        seed(self.store, consumers=[consumer(rr, balance_paise=100_000) for rr in ACCOUNTS])
        self.journal = Journal(self.store, COUNTER)
        self.balances = dict.fromkeys(ACCOUNTS, 100_000)
        self.synced_at = dict.fromkeys(ACCOUNTS, self.clock.now)
        self.acked_at: dict[int, datetime] = {}
        self.receipts: list[ModelReceipt] = []
        self.open_date: object | None = None
        self.last_closed: date | None = None
        self.upi_counter = 0

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _tick(self) -> None:
        self.clock.advance(seconds=1)

    @rule()
    def open_day(self) -> None:
        self._tick()
        if self.open_date is not None:
            with pytest.raises(ValidationProblem):
                self.journal.open_day(cashier_id="C001")
            return
        self.clock.advance(days=1)
        if self.last_closed is not None and self.clock.now.date() <= self.last_closed:
            # Today's book is closed already: the default is the next business date, if allowed.
            expected = self._next_date()
            if expected is None:
                with pytest.raises(ValidationProblem):
                    self.journal.open_day(cashier_id="C001")
                return
            assert self.journal.open_day(cashier_id="C001").business_date == expected
            self.open_date = expected
            return
        self.open_date = self.journal.open_day(cashier_id="C001").business_date

    @rule()
    def close_day(self) -> None:
        self._tick()
        if self.open_date is None:
            with pytest.raises(ValidationProblem):
                self.journal.close_day(supervisor_id="S001")
            return
        close_everything(self.journal, "S002")
        self.last_closed = self.journal.entries()[-1].business_date
        self.open_date = None

    def _next_date(self) -> date | None:
        """The date a receipt opens after a closing (None: it is refused)."""
        if self.last_closed is None:
            return None
        today = self.clock.now.date()
        wanted = max(today, self.last_closed + timedelta(days=1))
        return wanted if wanted <= today + timedelta(days=1) else None

    @rule(
        rr=st.sampled_from(ACCOUNTS),
        amount=st.integers(min_value=1, max_value=50_000),
        by_upi=st.booleans(),
    )
    def take_receipt(self, rr: str, amount: int, by_upi: bool) -> None:
        self._tick()
        payment: Payment = Cash()
        if by_upi:
            self.upi_counter += 1
            payment = Upi(f"{self.upi_counter:012d}")
        if self.open_date is None:
            # After a closing the next receipt opens the next business date's book itself.
            self.open_date = self._next_date()
        if self.open_date is None:
            with pytest.raises(ValidationProblem):
                self.journal.take_receipt(
                    cashier_id="C001", rr_number=rr, amount_paise=amount, payment=payment
                )
            return
        view = self.journal.take_receipt(
            cashier_id="C001", rr_number=rr, amount_paise=amount, payment=payment
        )
        assert view.receipt_number.endswith(f"/{len(self.receipts) + 1}")
        self.receipts.append(
            ModelReceipt(view.sequence, view.receipt_number, rr, amount, self.open_date)
        )

    @precondition(lambda self: bool(self.receipts))
    @rule(data=st.data())
    def cancel(self, data: st.DataObject) -> None:
        self._tick()
        receipt = data.draw(st.sampled_from(self.receipts))
        allowed = (
            self.open_date is not None
            and receipt.cancellation is None
            and receipt.business_date == self.open_date
        )
        if not allowed:
            with pytest.raises(ValidationProblem):
                self._cancel(receipt)
            return
        receipt.cancellation = self._cancel(receipt)

    def _cancel(self, receipt: ModelReceipt) -> int:
        entry = self.journal.cancel_receipt(
            cashier_id="C001",
            receipt_number=receipt.number,
            reason="property test",
            supervisor_id="S001",
        )
        return entry.sequence

    @precondition(lambda self: bool(self.receipts))
    @rule(data=st.data())
    def reprint(self, data: st.DataObject) -> None:
        self._tick()
        receipt = data.draw(st.sampled_from(self.receipts))
        if self.open_date is None:
            with pytest.raises(ValidationProblem):
                self.journal.reprint_receipt(
                    cashier_id="C002", receipt_number=receipt.number, reason="torn copy"
                )
            return
        view = self.journal.reprint_receipt(
            cashier_id="C002", receipt_number=receipt.number, reason="torn copy"
        )
        assert view.duplicate and view.cancelled == (receipt.cancellation is not None)

    @rule(count=st.integers(min_value=1, max_value=5))
    def centre_acknowledges(self, count: int) -> None:
        self._tick()
        outbox = Outbox(self.store, COUNTER)
        batch = [entry.sequence for entry in outbox.pending(limit=count)]
        outbox.mark_acknowledged(batch)
        for sequence in batch:
            self.acked_at[sequence] = self.clock.now

    @rule(rr=st.sampled_from(ACCOUNTS), balance=st.integers(-50_000, 200_000))
    def pull_balance(self, rr: str, balance: int) -> None:
        self._tick()
        seed(self.store, cashiers=[], consumers=[consumer(rr, balance_paise=balance)])
        self.balances[rr] = balance
        self.synced_at[rr] = self.clock.now

    @rule()
    def restart(self) -> None:
        self.store.close()
        self.store = Store.open(self.folder / "trm-counter.db", clock=self.clock)
        self.journal = Journal(self.store, COUNTER)

    @invariant()
    def journal_is_gapless_chained_and_each_entry_has_one_outbox_row(self) -> None:
        check = verify_journal(self.store, COUNTER)
        assert check.ok, check.problems

    @invariant()
    def cancellations_refer_to_their_receipts(self) -> None:
        by_sequence = {e.sequence: e for e in self.journal.entries()}
        for receipt in self.receipts:
            if receipt.cancellation is not None:
                body = by_sequence[receipt.cancellation].body
                assert body["refers_to_sequence"] == receipt.sequence

    def _uncounted(self, sequence: int, rr: str) -> bool:
        acked = self.acked_at.get(sequence)
        return acked is None or acked > self.synced_at[rr]

    @invariant()
    def due_is_balance_less_uncounted_receipts(self) -> None:
        for rr in ACCOUNTS:
            expected = self.balances[rr]
            for r in self.receipts:
                if r.rr_number != rr:
                    continue
                if self._uncounted(r.sequence, rr):
                    expected -= r.amount
                if r.cancellation is not None and self._uncounted(r.cancellation, rr):
                    expected += r.amount
            due = self.journal.due_for(rr)
            assert due is not None
            assert due.due_paise == expected
            assert due.balance_synced_at == self.synced_at[rr]


CounterMachine.TestCase.settings = settings(
    max_examples=40,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_counter_journal_invariants_hold_after_every_step = CounterMachine.TestCase
