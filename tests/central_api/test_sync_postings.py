"""How pushed receipts become money, on each back end: one posting per receipt number, the
faults a counter can make with receipt numbers raised for accounts, and balances that always
equal their ledgers (PostgreSQL applies a push's money in set-based SQL, SQLite in Python)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update
from sqlalchemy.engine import Engine

from central_api.db import make_session_factory, transaction
from central_api.ledger.models import AccountBalance, LedgerEntry
from central_api.org.models import Counter
from central_api.sync.models import SuspenseEntry, SyncConflict
from common.sync_protocol import EntryKind
from tests.central_api.test_sync import Till, _outcomes, _push
from tests.support.world import World

RAMESH = "MYS1000001"  # opens with 1,250.50 owed
RAMYA = "MYS1000002"


@pytest.fixture
def counter_world(world: World, engine: Engine) -> World:
    """The world with counter MYS001-1 served by the registered counter device."""
    with transaction(make_session_factory(engine)) as session:
        session.execute(
            update(Counter)
            .where(Counter.code == "MYS001-1")
            .values(device_id=world.devices["counter"].id)
        )
    return world


def _again(till: Till, number: int, rr: str, paise: int) -> None:
    """A further entry that reuses receipt number `number` (a counter fault)."""
    till.add(
        EntryKind.RECEIPT,
        {
            "receipt_number": f"{till.code}/2026-27/{number}",
            "rr_number": rr,
            "amount_paise": paise,
            "payment_mode": "cash",
        },
    )


def _postings(engine: Engine, source_ref: str) -> list[tuple[int, str]]:
    with make_session_factory(engine)() as session:
        return [
            (amount, kind)
            for amount, kind in session.execute(
                select(LedgerEntry.amount_paise, LedgerEntry.kind).where(
                    LedgerEntry.source_ref == source_ref
                )
            )
        ]


def _raised(engine: Engine) -> list[tuple[int, str, str]]:
    with make_session_factory(engine)() as session:
        return [
            (sequence, kind, reason)
            for sequence, kind, reason in session.execute(
                select(SyncConflict.sequence, SyncConflict.kind, SyncConflict.reason).order_by(
                    SyncConflict.id
                )
            )
        ]


def _off_ledger(engine: Engine) -> dict[int, tuple[int, int]]:
    """Per account: cached balance and entry count minus its ledger's sum and count (the world
    seeds some balances without ledger entries; posting must never change this)."""
    with make_session_factory(engine)() as session:
        ledger = {
            cid: (int(total), int(n))
            for cid, total, n in session.execute(
                select(
                    LedgerEntry.consumer_id, func.sum(LedgerEntry.amount_paise), func.count()
                ).group_by(LedgerEntry.consumer_id)
            )
        }
        return {
            cid: (balance - ledger.get(cid, (0, 0))[0], n - ledger.get(cid, (0, 0))[1])
            for cid, balance, n in session.execute(
                select(
                    AccountBalance.consumer_id,
                    AccountBalance.balance_paise,
                    AccountBalance.entry_count,
                )
            )
        }


def test_a_receipt_number_twice_in_one_push_posts_once_and_is_raised(
    client: TestClient, counter_world: World, engine: Engine
) -> None:
    before = _off_ledger(engine)
    till = Till()
    till.receipt(RAMESH, 10_000)
    _again(till, 1, RAMESH, 20_000)
    assert _outcomes(_push(client, counter_world, till.entries)) == ["accepted", "accepted"]
    assert _postings(engine, "receipt:MYS001-1/2026-27/1") == [(-10_000, "credit")]
    assert _raised(engine) == [
        (2, "posting", "receipt:MYS001-1/2026-27/1 appears twice in one push")
    ]
    assert _off_ledger(engine) == before


def test_a_receipt_number_posted_before_is_raised_if_it_differs_and_ignored_if_not(
    client: TestClient, counter_world: World, engine: Engine
) -> None:
    before = _off_ledger(engine)
    till = Till()
    till.receipt(RAMESH, 10_000)
    till.receipt(RAMYA, 5_000)
    assert _outcomes(_push(client, counter_world, till.entries)) == ["accepted", "accepted"]
    _again(till, 1, RAMESH, 20_000)  # entry 3: receipt 1 again, another amount
    _again(till, 2, RAMYA, 5_000)  # entry 4: receipt 2 again, the same values
    till.receipt(RAMYA, 7_000)  # entry 5: a new receipt (its number 3)
    answer = _push(client, counter_world, till.entries[2:])
    assert _outcomes(answer) == ["accepted", "accepted", "accepted"]
    assert _postings(engine, "receipt:MYS001-1/2026-27/1") == [(-10_000, "credit")]
    assert _postings(engine, "receipt:MYS001-1/2026-27/2") == [(-5_000, "credit")]
    assert _postings(engine, "receipt:MYS001-1/2026-27/3") == [(-7_000, "credit")]
    assert _raised(engine) == [
        (3, "posting", "receipt:MYS001-1/2026-27/1 was already posted from another entry")
    ]
    assert _off_ledger(engine) == before


def test_a_receipt_number_already_in_suspense_is_raised_not_parked_again(
    client: TestClient, counter_world: World, engine: Engine
) -> None:
    till = Till()
    till.receipt("MYS9999999", 45_000)
    till.receipt(RAMESH, 1_000)
    assert _outcomes(_push(client, counter_world, till.entries)) == ["accepted", "accepted"]
    _again(till, 1, "MYS9999999", 45_000)
    assert _outcomes(_push(client, counter_world, till.entries[2:])) == ["accepted"]
    with make_session_factory(engine)() as session:
        parked = session.execute(
            select(
                SuspenseEntry.source_ref, SuspenseEntry.rr_number_given, SuspenseEntry.amount_paise
            )
        ).all()
    assert [tuple(p) for p in parked] == [("receipt:MYS001-1/2026-27/1", "MYS9999999", 45_000)]
    assert _raised(engine) == [
        (3, "posting", "receipt:MYS001-1/2026-27/1 was already posted from another entry")
    ]


def test_a_mixed_push_posts_each_receipt_and_cancellation_once_and_the_books_balance(
    client: TestClient, counter_world: World, engine: Engine
) -> None:
    before = _off_ledger(engine)
    till = Till()
    receipts: list[Any] = []
    for n in range(30):
        rr = (RAMESH, RAMYA, "MYS9999999")[n % 3]
        receipts.append(till.receipt(rr, 100 + 37 * n, mode="upi" if n % 2 else "cash"))
    for receipt in receipts[::4]:
        till.cancel(receipt, reason='keyed twice; it\'s "wrong" {x,y} \\ back')
    assert set(_outcomes(_push(client, counter_world, till.entries))) == {"accepted"}
    assert _outcomes(_push(client, counter_world, till.entries)) == ["duplicate"] * len(
        till.entries
    )
    known = [r for r in receipts if r.body["rr_number"] != "MYS9999999"]
    cancelled = {r.sequence for r in receipts[::4]}
    with make_session_factory(engine)() as session:
        rows = session.execute(
            select(
                LedgerEntry.source_ref,
                LedgerEntry.kind,
                LedgerEntry.category,
                LedgerEntry.amount_paise,
                LedgerEntry.narration,
            ).where(LedgerEntry.source_ref.like("%MYS001-1/%"))
        ).all()
        parked = session.scalar(select(func.count()).select_from(SuspenseEntry))
    by_ref = {r[0]: r[1:] for r in rows}
    assert len(rows) == len(known) + len([r for r in known if r.sequence in cancelled])
    for r in known:
        number = r.body["receipt_number"]
        assert by_ref[f"receipt:{number}"] == (
            "credit",
            "payment",
            -r.body["amount_paise"],
            f"{number} {r.body['payment_mode']} paid",
        )
        if r.sequence in cancelled:
            assert by_ref[f"cancel:{number}"] == (
                "demand",
                "reversal",
                r.body["amount_paise"],
                f"{number} {r.body['payment_mode']} cancelled: keyed twice; "
                'it\'s "wrong" {x,y} \\ back',
            )
    unknown = [r for r in receipts if r.body["rr_number"] == "MYS9999999"]
    assert parked == len(unknown) + len([r for r in unknown if r.sequence in cancelled])
    assert _raised(engine) == []
    assert _off_ledger(engine) == before
