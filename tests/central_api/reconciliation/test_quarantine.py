"""Closing out quarantined entries: accounts staff record their decision once, audited, within
their scope; the entry the centre holds is never touched and no money moves."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.engine import Engine

from central_api.audit.models import AuditEvent
from central_api.db import make_session_factory, transaction
from central_api.ledger.models import LedgerAdjustment, LedgerEntry
from central_api.sync.models import CounterEntry, SyncConflict
from tests.central_api.test_sync import DAY, Till, _balance, _outcomes, _push
from tests.central_api.test_sync import counter_world as counter_world  # a fixture
from tests.support.world import World

BASE = "/api/v1/reconciliation"
STANDS = {"resolution": "held_entry_stands", "reason": "counterfoil shows Rs 100, as held"}


def _conflict(client: TestClient, world: World) -> int:
    """Receipt 1 held for Rs 100, then a different receipt 1 (Rs 999.99) quarantined: its id."""
    till = Till()
    till.receipt("MYS1000001", 10_000)
    _push(client, world, till.entries)
    forged = Till()
    forged.receipt("MYS1000001", 99_999)
    assert _outcomes(_push(client, world, forged.entries)) == ["conflict"]
    (conflict,) = client.get("/api/v1/sync/conflicts", headers=world.auth("auditor")).json()
    return int(conflict["id"])


def _rejected(client: TestClient, world: World) -> int:
    """Receipt 1 sent damaged (content not matching its hash): nothing is held under it."""
    entry = Till().receipt("MYS1000001", 10_000)
    tampered = entry.model_copy(update={"body": {**entry.body, "amount_paise": 1}})
    assert _outcomes(_push(client, world, [tampered])) == ["rejected"]
    (conflict,) = client.get("/api/v1/sync/conflicts", headers=world.auth("auditor")).json()
    return int(conflict["id"])


def _resolve(client: TestClient, world: World, who: str, conflict_id: int, body: Any) -> Any:
    return client.post(
        f"{BASE}/quarantine/{conflict_id}/resolve", json=body, headers=world.auth(who)
    )


def _cell_conflicts(client: TestClient, world: World) -> int:
    grid = client.get(
        f"{BASE}/grid",
        params={"month": DAY.replace(day=1).isoformat()},
        headers=world.auth("admin"),
    ).json()
    (cell,) = [c for c in grid["cells"] if c["business_date"] == DAY.isoformat()]
    return int(cell["conflicts_open"])


def _resolutions(engine: Engine) -> list[AuditEvent]:
    with make_session_factory(engine)() as session:
        return list(
            session.scalars(select(AuditEvent).where(AuditEvent.action == "sync.conflict.resolve"))
        )


def _held(engine: Engine) -> list[tuple[int, str]]:
    with make_session_factory(engine)() as session:
        return [(e.sequence, e.hash) for e in session.scalars(select(CounterEntry))]


def test_an_officer_resolves_a_conflict_once_and_it_leaves_the_queue_and_the_grid(
    client: TestClient, counter_world: World, engine: Engine
) -> None:
    conflict = _conflict(client, counter_world)
    held, balance = _held(engine), _balance(client, counter_world, "MYS1000001")
    assert _cell_conflicts(client, counter_world) == 1

    done = _resolve(client, counter_world, "accounts_officer", conflict, STANDS)
    assert done.status_code == 200, done.text
    assert done.json()["resolution"] == f"held_entry_stands: {STANDS['reason']}"
    assert done.json()["resolved_by"] == counter_world.users["accounts_officer"].id
    assert client.get("/api/v1/sync/conflicts", headers=counter_world.auth("auditor")).json() == []
    assert _cell_conflicts(client, counter_world) == 0
    assert _held(engine) == held  # the held entry is untouched
    assert _balance(client, counter_world, "MYS1000001") == balance  # and no money moved
    (event,) = _resolutions(engine)
    assert event.target_id == str(conflict)
    assert event.details["resolution"] == "held_entry_stands"
    assert event.details["reason"] == STANDS["reason"]

    again = _resolve(client, counter_world, "admin", conflict, STANDS)
    assert again.status_code == 409
    (detail,) = again.json()["detail"]
    assert detail["field"] == "conflict_id"
    assert "already resolved by accounts.officer" in detail["reason"]
    assert len(_resolutions(engine)) == 1


def test_auditors_and_officers_of_another_subdivision_cannot_resolve(
    client: TestClient, counter_world: World, engine: Engine
) -> None:
    conflict = _conflict(client, counter_world)
    auditor = _resolve(client, counter_world, "auditor", conflict, STANDS)
    assert auditor.status_code == 403
    elsewhere = _resolve(client, counter_world, "sub2_accounts_officer", conflict, STANDS)
    assert elsewhere.status_code == 404
    assert elsewhere.json()["detail"][0]["field"] == "conflict_id"
    assert _resolutions(engine) == []
    assert _cell_conflicts(client, counter_world) == 1


def test_a_resolution_that_does_not_fit_the_entry_is_refused_naming_the_field(
    client: TestClient, counter_world: World, engine: Engine
) -> None:
    rejected = _rejected(client, counter_world)
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"resolution": "overwrite_with_copy"}, "resolution", "held_entry_stands"),
        ({"reason": "ok"}, "reason", "at least 5"),
        ({"resolution": "held_entry_stands"}, "resolution", "holds no entry 1"),
        ({"adjustment_id": 1}, "adjustment_id", "only a corrected_by_adjustment"),
        ({"resolution": "corrected_by_adjustment"}, "adjustment_id", "approved ledger adjust"),
    ]
    for change, field, reason in cases:
        body = {"resolution": "counter_to_resend", "reason": "damaged in transit", **change}
        response = _resolve(client, counter_world, "accounts_officer", rejected, body)
        assert response.status_code in (404, 409, 422), (change, response.text)
        (detail,) = response.json()["detail"]
        assert detail["field"] == field, (change, detail)
        assert reason in detail["reason"], (change, detail)
    assert _resolutions(engine) == []
    resend = {"resolution": "counter_to_resend", "reason": "damaged in transit, resend"}
    done = _resolve(client, counter_world, "accounts_officer", rejected, resend)
    assert done.status_code == 200, done.text


def test_a_held_entry_cannot_be_sent_for_a_resend(client: TestClient, counter_world: World) -> None:
    conflict = _conflict(client, counter_world)
    body = {"resolution": "counter_to_resend", "reason": "ask the counter again"}
    response = _resolve(client, counter_world, "accounts_officer", conflict, body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "resolution"
    assert "already held" in response.json()["detail"][0]["reason"]


def test_money_put_right_links_an_approved_adjustment_only(
    client: TestClient, counter_world: World, engine: Engine
) -> None:
    conflict = _conflict(client, counter_world)
    with transaction(make_session_factory(engine)) as session:
        adjustment = LedgerAdjustment(
            consumer_id=counter_world.consumers["MYS1000001"].id,
            amount_paise=-89_999,
            reason="second receipt 1 was real money",
            requested_by=counter_world.users["accounts_officer"].id,
        )
        elsewhere = LedgerAdjustment(
            consumer_id=counter_world.consumers["VVN2000001"].id,
            amount_paise=-100,
            reason="another subdivision",
            requested_by=counter_world.users["sub2_accounts_officer"].id,
            state="approved",
        )
        session.add_all([adjustment, elsewhere])
        session.flush()
        adjustment_id, elsewhere_id = adjustment.id, elsewhere.id
    body = {"resolution": "corrected_by_adjustment", "reason": "posted by adjustment"}
    pending = _resolve(
        client,
        counter_world,
        "accounts_officer",
        conflict,
        {**body, "adjustment_id": adjustment_id},
    )
    assert pending.status_code == 409
    assert "is pending" in pending.json()["detail"][0]["reason"]
    for other, status in ((elsewhere_id, 403), (elsewhere_id + 100, 404)):
        response = _resolve(
            client, counter_world, "accounts_officer", conflict, {**body, "adjustment_id": other}
        )
        assert response.status_code == status, response.text
        assert response.json()["detail"][0]["field"] == "adjustment_id"
    with transaction(make_session_factory(engine)) as session:
        row = session.get(LedgerAdjustment, adjustment_id)
        assert row is not None
        row.state = "approved"
    entries_before = len(_ledger(engine))
    done = _resolve(
        client, counter_world, "admin", conflict, {**body, "adjustment_id": adjustment_id}
    )
    assert done.status_code == 200, done.text
    assert done.json()["resolution"].startswith(f"corrected_by_adjustment {adjustment_id}: ")
    assert len(_ledger(engine)) == entries_before  # resolving moves no money itself
    with make_session_factory(engine)() as session:
        stored = session.get(SyncConflict, conflict)
        assert stored is not None and stored.resolved_at is not None
    (event,) = _resolutions(engine)
    assert event.details["adjustment_id"] == adjustment_id


def _ledger(engine: Engine) -> list[int]:
    with make_session_factory(engine)() as session:
        return list(session.scalars(select(LedgerEntry.id)))
