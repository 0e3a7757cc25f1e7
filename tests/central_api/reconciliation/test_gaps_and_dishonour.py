"""A lost entry shows as a gap; a returned cheque reverses exactly its amount; refusals change
nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from central_api.consumers.models import Consumer
from central_api.db import make_session_factory
from central_api.ledger.models import LedgerEntry
from central_api.reconciliation.models import AlertOutbox, ChequeReturn
from central_api.sync.models import CounterEntry
from common.sync_protocol import EntryKind, JournalEntryWire
from counter_client.journal import Cash, Cheque
from tests.central_api.reconciliation.desks import Desk, connect_counters, push_wire
from tests.support.world import World

DAY = date(2026, 11, 2)
RETURNS = "/api/v1/reconciliation/cheque-returns"


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    made = Desk(tmp_path / "c1.db", "MYS001-1", DAY, ["C001", "C002"])
    made.journal.open_day(cashier_id="C001")
    yield made
    made.close()


def _balance(client: TestClient, world: World, rr: str) -> int:
    got = client.get(f"/api/v1/consumers/{rr}", headers=world.auth("accounts_officer"))
    return int(got.json()["balance_paise"])


def _counts(engine: Engine) -> tuple[int, int, int, bool]:
    with make_session_factory(engine)() as session:
        return (
            int(session.scalar(select(func.count()).select_from(LedgerEntry)) or 0),
            int(session.scalar(select(func.count()).select_from(ChequeReturn)) or 0),
            int(session.scalar(select(func.count()).select_from(AlertOutbox)) or 0),
            bool(
                session.scalar(select(Consumer.cash_only).where(Consumer.rr_number == "MYS1000002"))
            ),
        )


def test_a_lost_entry_shows_as_a_gap(
    client: TestClient, world: World, engine: Engine, desk: Desk
) -> None:
    auth = connect_counters(engine, world)
    taken = [
        desk.journal.take_receipt(
            cashier_id="C001", rr_number="MYS1000001", amount_paise=p, payment=Cash()
        )
        for p in (100_00, 200_00, 300_00, 400_00)
    ]
    lost = next(
        e for e in desk.unpushed() if e.body.get("receipt_number") == taken[1].receipt_number
    )
    desk.push(client, auth["MYS001-1"], skip={lost.sequence})

    grid = client.get(
        "/api/v1/reconciliation/grid", params={"month": "2026-11-01"}, headers=world.auth("auditor")
    ).json()
    (cell,) = grid["cells"]
    assert cell["missing_receipts"] == 1
    assert cell["journal_gaps"] == [[lost.sequence, lost.sequence]]
    assert cell["receipts"] == 3 and cell["held_net_paise"] == 100_00 + 300_00 + 400_00
    drill = client.get(
        f"/api/v1/reconciliation/cells/MYS001-1/{DAY.isoformat()}", headers=world.auth("auditor")
    )
    assert drill.status_code == 200, drill.text
    assert drill.json()["missing_receipt_numbers"] == [taken[1].receipt_number]


def _cheque_receipt(desk: Desk, number: str, paise: int) -> str:
    view = desk.journal.take_receipt(
        cashier_id="C001",
        rr_number="MYS1000002",
        amount_paise=paise,
        payment=Cheque(number=number, bank="Canara Bank", branch="Mysuru", instrument_date=DAY),
    )
    return str(view.receipt_number)


def _return(client: TestClient, world: World, receipt: str) -> Any:
    return client.post(
        RETURNS,
        json={
            "receipt_number": receipt,
            "reason": "funds insufficient",
            "returned_on": "2026-11-05",
        },
        headers=world.auth("accounts_officer"),
    )


def test_a_returned_cheque_reverses_exactly_its_amount(
    client: TestClient, world: World, engine: Engine, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRM_RETURNED_CHEQUE_CHARGE_PAISE", "11800")
    auth = connect_counters(engine, world)
    first = _cheque_receipt(desk, "100201", 4_321_50)
    second = _cheque_receipt(desk, "100202", 1_000_00)
    cash = desk.journal.take_receipt(
        cashier_id="C001", rr_number="MYS1000002", amount_paise=500_00, payment=Cash()
    ).receipt_number
    desk.push(client, auth["MYS001-1"])
    before = _balance(client, world, "MYS1000002")

    returned = _return(client, world, first)
    assert returned.status_code == 201, returned.text
    assert returned.json()["amount_paise"] == 4_321_50
    assert _balance(client, world, "MYS1000002") == before + 4_321_50 + 118_00
    with make_session_factory(engine)() as session:
        reversal = session.scalar(
            select(LedgerEntry).where(LedgerEntry.source_ref == f"dishonour:{first}")
        )
        assert reversal is not None and reversal.amount_paise == 4_321_50
        assert reversal.category == "reversal"
    assert returned.json()["cash_only"] is False

    unchanged = _counts(engine)
    for receipt, status, words in ((first, 409, "already recorded"), (cash, 422, "paid by cash")):
        refused = _return(client, world, receipt)
        assert refused.status_code == status, refused.text
        assert refused.json()["detail"][0]["field"] == "receipt_number"
        assert words in refused.json()["detail"][0]["reason"]
        assert _counts(engine) == unchanged

    again = _return(client, world, second)
    assert again.status_code == 201
    assert again.json()["returns_on_account"] == 2 and again.json()["cash_only"] is True
    assert _counts(engine)[1:] == (2, 2, True)
    pulled = client.get(
        "/api/v1/sync/pull", params={"stream": "consumers"}, headers=auth["MYS001-1"]
    ).json()
    flags = {r["rr_number"]: r["cash_only"] for r in pulled["consumers"]}
    assert flags["MYS1000002"] is True and flags["MYS1000001"] is False


def test_a_return_of_a_receipt_the_centre_does_not_hold_is_refused(
    client: TestClient, world: World, engine: Engine
) -> None:
    before = _counts(engine)
    refused = _return(client, world, "MYS001-1/2026-27/99")
    assert refused.status_code == 404
    assert refused.json()["detail"][0]["field"] == "receipt_number"
    with make_session_factory(engine)() as session:
        assert session.scalar(select(func.count()).select_from(CounterEntry)) == 0
    assert _counts(engine) == before


def test_a_malformed_closing_from_a_faulty_counter_does_not_break_the_grid(
    client: TestClient, world: World, engine: Engine, desk: Desk
) -> None:
    auth = connect_counters(engine, world)
    desk.journal.take_receipt(
        cashier_id="C001", rr_number="MYS1000001", amount_paise=100_00, payment=Cash()
    )
    desk.push(client, auth["MYS001-1"])
    last = desk.journal.entries()[-1].to_wire()
    faulty = [
        JournalEntryWire.sealed(
            counter_code="MYS001-1",
            sequence=last.sequence + 1,
            kind=EntryKind.SHIFT_CLOSE,
            business_date=DAY,
            local_time=last.local_time,
            cashier="C001",
            prev_hash=last.hash,
            body={"over_short_paise": {"cash": "lots"}, "counted_paise": []},
        )
    ]
    faulty.append(
        JournalEntryWire.sealed(
            counter_code="MYS001-1",
            sequence=last.sequence + 2,
            kind=EntryKind.REMITTANCE,
            business_date=DAY,
            local_time=last.local_time,
            cashier="C001",
            prev_hash=faulty[0].hash,
            body={"deposit_date": "someday", "amount_paise": "1.5", "account_number": None},
        )
    )
    push_wire(client, auth["MYS001-1"], "MYS001-1", faulty)
    grid = client.get(
        "/api/v1/reconciliation/grid", params={"month": "2026-11-01"}, headers=world.auth("auditor")
    )
    assert grid.status_code == 200, grid.text
    (cell,) = grid.json()["cells"]
    assert (cell["shifts_closed"], cell["remitted_paise"]) == (1, 0)
    drill = client.get(
        f"/api/v1/reconciliation/cells/MYS001-1/{DAY.isoformat()}", headers=world.auth("auditor")
    )
    assert drill.status_code == 200, drill.text
    assert drill.json()["remittances"][0]["deposit_date"] is None
