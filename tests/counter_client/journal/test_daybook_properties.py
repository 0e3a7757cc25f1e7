"""Property: however receipts, cancellations and closings interleave, shifts add up to the day."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

import hypothesis.strategies as st
from hypothesis import HealthCheck, given, settings

from common.daybook import MODES
from common.errors import ValidationProblem
from counter_client.journal import Cash, Cheque, Journal, Payment, Upi
from counter_client.store import Store
from tests.counter_client.journal.daybook_helpers import close_exactly
from tests.counter_client.store.factories import COUNTER, FakeClock, seed

CASHIERS = ("C001", "C002")
Action = tuple[str, str, int]

actions = st.lists(
    st.tuples(
        st.sampled_from(("cash", "cheque", "upi", "cancel", "close")),
        st.sampled_from(CASHIERS),
        st.integers(min_value=1, max_value=10_000_00),
    ),
    min_size=1,
    max_size=25,
)


def _payment(kind: str, n: int) -> Payment:
    if kind == "cheque":
        return Cheque(f"{n:06d}", "Canara Bank", "Mysuru", date(2026, 3, 30))
    if kind == "upi":
        return Upi(f"{n:012d}")
    return Cash()


def _run(journal: Journal, steps: list[Action]) -> None:
    taken: list[tuple[str, str]] = []  # (receipt number, cashier)
    for n, (kind, cashier, amount) in enumerate(steps):
        if kind == "close":
            if not journal.expected_for_shift(cashier).is_empty:
                close_exactly(journal, cashier)
        elif kind == "cancel":
            if taken:
                number, _ = taken.pop()
                try:
                    journal.cancel_receipt(
                        cashier_id=cashier,
                        receipt_number=number,
                        reason="typed twice",
                        supervisor_id="S001",
                    )
                except ValidationProblem as refused:
                    # Its shift was counted and closed: accounts correct it, not the counter.
                    assert refused.field == "receipt_number" and "closed shift" in refused.reason
        else:
            view = journal.take_receipt(
                cashier_id=cashier,
                rr_number="MYS1001",
                amount_paise=amount if kind != "cash" else amount % 1_99_999_00 + 1,
                payment=_payment(kind, n + 1),
            )
            taken.append((view.receipt_number, cashier))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=actions)
def test_the_closed_shifts_add_up_to_the_days_collection(steps: list[Action]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="trm-daybook-"))
    store = Store.open(folder / "counter.db", clock=FakeClock())
    try:
        seed(store)
        journal = Journal(store, COUNTER)
        journal.open_day(cashier_id="C001")
        _run(journal, steps)
        for cashier in CASHIERS:
            if not journal.expected_for_shift(cashier).is_empty:
                close_exactly(journal, cashier)
        summary = journal.close_day(supervisor_id="S002")
        report = journal.daily_collection_report(date(2026, 4, 1))
        expected = report.expected_paise
        for mode in MODES:
            day_net = summary.by_mode_paise.get(mode, 0) - summary.cancelled_by_mode_paise.get(
                mode, 0
            )
            assert report.by_mode_paise[mode] == day_net
            assert expected[mode] == day_net + (summary.cash_in_paise if mode == "cash" else 0)
        assert sum(report.by_category_paise.values()) == summary.net_paise
        # Every shift was counted exactly but for the paise no note makes.
        assert -len(report.shifts) * 99 <= report.over_short_paise["cash"] <= 0
        assert all(report.over_short_paise[m] == 0 for m in MODES if m != "cash")
    finally:
        store.close()
        shutil.rmtree(folder, ignore_errors=True)
