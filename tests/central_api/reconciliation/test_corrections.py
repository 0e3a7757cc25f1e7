"""Two-person corrections: a suspense receipt placed on its account, and a mis-posted payment
moved to the right one; each asked by one officer and posted only when another approves."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.engine import Engine

from central_api.audit.models import AuditEvent
from central_api.db import make_session_factory
from central_api.ledger.models import LedgerEntry
from counter_client.journal import Cash
from tests.central_api.reconciliation.desks import Desk, connect_counters
from tests.support.world import World

DAY = date(2026, 11, 2)
BASE = "/api/v1/reconciliation"


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    made = Desk(tmp_path / "c1.db", "MYS001-1", DAY, ["C001"])
    made.journal.open_day(cashier_id="C001")
    yield made
    made.close()


def _balance(client: TestClient, world: World, rr: str) -> int:
    got = client.get(f"/api/v1/consumers/{rr}", headers=world.auth("accounts_officer"))
    return int(got.json()["balance_paise"])


def _actions(engine: Engine) -> list[str]:
    with make_session_factory(engine)() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def _post(client: TestClient, world: World, who: str, path: str, body: dict[str, Any]) -> Any:
    return client.post(f"{BASE}{path}", json=body, headers=world.auth(who))


def test_a_suspense_receipt_moves_only_when_a_second_officer_approves(
    client: TestClient, world: World, engine: Engine, desk: Desk
) -> None:
    auth = connect_counters(engine, world)
    desk.journal.take_receipt(
        cashier_id="C001",
        rr_number="MYS1000009",
        amount_paise=777_00,
        payment=Cash(),
        consumer_name="Walk In",
    )
    desk.push(client, auth["MYS001-1"])
    (held,) = client.get("/api/v1/suspense", headers=world.auth("accounts_officer")).json()
    grid = client.get(
        f"{BASE}/grid", params={"month": "2026-11-01"}, headers=world.auth("auditor")
    ).json()
    assert (grid["cells"][0]["suspense_open"], grid["cells"][0]["suspense_paise"]) == (1, 777_00)
    before = _balance(client, world, "MYS1000002")

    asked = _post(
        client,
        world,
        "accounts_officer",
        "/suspense-transfers",
        {"suspense_id": held["id"], "rr_number": "MYS1000002", "reason": "RR mistyped by payer"},
    )
    assert asked.status_code == 201, asked.text
    request = asked.json()["id"]
    alone = _post(
        client,
        world,
        "accounts_officer",
        f"/suspense-transfers/{request}/decide",
        {"approve": True},
    )
    assert alone.status_code == 403
    assert _balance(client, world, "MYS1000002") == before
    approved = _post(
        client, world, "admin", f"/suspense-transfers/{request}/decide", {"approve": True}
    )
    assert approved.status_code == 200, approved.text
    assert approved.json()["state"] == "approved"
    assert _balance(client, world, "MYS1000002") == before - 777_00
    with make_session_factory(engine)() as session:
        entry = session.scalar(
            select(LedgerEntry).where(LedgerEntry.source_ref == f"suspense:{held['id']}")
        )
        assert entry is not None
        assert (entry.posted_by_user_id, entry.approved_by_user_id) == (
            world.users["accounts_officer"].id,
            world.users["admin"].id,
        )
    steps = [a for a in _actions(engine) if a.startswith("suspense.")]
    assert steps == ["suspense.transfer.ask", "suspense.transfer", "suspense.transfer.approve"]


def test_a_mis_posted_payment_moves_as_a_pair_of_entries(
    client: TestClient, world: World, engine: Engine, desk: Desk
) -> None:
    auth = connect_counters(engine, world)
    receipt = desk.journal.take_receipt(
        cashier_id="C001", rr_number="MYS1000001", amount_paise=1_500_00, payment=Cash()
    ).receipt_number
    desk.push(client, auth["MYS001-1"])
    wrong, right = _balance(client, world, "MYS1000001"), _balance(client, world, "MYS1000002")

    asked = _post(
        client,
        world,
        "admin",
        "/account-transfers",
        {"receipt_number": receipt, "to_rr_number": "MYS1000002", "reason": "paid for neighbour"},
    )
    assert asked.status_code == 201, asked.text
    twice = _post(
        client,
        world,
        "accounts_officer",
        "/account-transfers",
        {"receipt_number": receipt, "to_rr_number": "MYS1000002", "reason": "paid for neighbour"},
    )
    assert twice.status_code == 409
    pending = client.get(f"{BASE}/account-transfers", headers=world.auth("auditor")).json()
    assert [p["id"] for p in pending] == [asked.json()["id"]]
    done = _post(
        client,
        world,
        "accounts_officer",
        f"/account-transfers/{asked.json()['id']}/decide",
        {"approve": True, "note": "checked the counterfoil"},
    )
    assert done.status_code == 200, done.text
    assert _balance(client, world, "MYS1000001") == wrong + 1_500_00
    assert _balance(client, world, "MYS1000002") == right - 1_500_00
    with make_session_factory(engine)() as session:
        original = session.scalar(
            select(LedgerEntry).where(LedgerEntry.source_ref == f"receipt:{receipt}")
        )
        assert original is not None and original.amount_paise == -1_500_00  # never edited
    assert "ledger.transfer.approve" in _actions(engine)
