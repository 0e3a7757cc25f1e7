"""The centre's side of counter sync: exactly once, chain checks, quarantine, suspense, pulls."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update
from sqlalchemy.engine import Engine

from central_api.db import make_session_factory, transaction
from central_api.ledger.models import LedgerEntry
from central_api.org.models import Counter
from common.chain import GENESIS_HASH
from common.sync_protocol import PROTOCOL_VERSION, EntryKind, JournalEntryWire
from tests.support.world import World

IST = timezone(timedelta(hours=5, minutes=30))
DAY = date(2026, 11, 27)
PUSH = "/api/v1/sync/push"
RECON = "/api/v1/reconciliation"


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


class Till:
    """Builds a chained journal the way a counter does."""

    def __init__(self, code: str = "MYS001-1") -> None:
        self.code = code
        self.entries: list[JournalEntryWire] = []
        self.receipts = 0

    def add(self, kind: EntryKind, body: dict[str, Any]) -> JournalEntryWire:
        entry = JournalEntryWire.sealed(
            counter_code=self.code,
            sequence=len(self.entries) + 1,
            kind=kind,
            business_date=DAY,
            local_time=datetime(2026, 11, 27, 10, 0, tzinfo=IST)
            + timedelta(minutes=len(self.entries)),
            cashier="cashier",
            prev_hash=self.entries[-1].hash if self.entries else GENESIS_HASH,
            body=body,
        )
        self.entries.append(entry)
        return entry

    def receipt(self, rr: str, paise: int, mode: str = "cash") -> JournalEntryWire:
        self.receipts += 1
        return self.add(
            EntryKind.RECEIPT,
            {
                "receipt_number": f"{self.code}/2026-27/{self.receipts}",
                "rr_number": rr,
                "amount_paise": paise,
                "payment_mode": mode,
            },
        )

    def cancel(self, receipt: JournalEntryWire, reason: str = "wrong account") -> JournalEntryWire:
        return self.add(
            EntryKind.CANCELLATION,
            {
                "refers_to_sequence": receipt.sequence,
                "receipt_number": receipt.body["receipt_number"],
                "rr_number": receipt.body["rr_number"],
                "cancelled_amount_paise": receipt.body["amount_paise"],
                "payment_mode": receipt.body["payment_mode"],
                "reason": reason,
                "supervisor": "supervisor",
            },
        )


def _push(
    client: TestClient, world: World, entries: list[JournalEntryWire], code: str = "MYS001-1"
) -> Any:
    body = {
        "protocol": PROTOCOL_VERSION,
        "counter_code": code,
        "entries": [e.model_dump(mode="json") for e in entries],
    }
    return client.post(PUSH, json=body, headers=world.auth("counter"))


def _outcomes(response: Any) -> list[str]:
    assert response.status_code == 200, response.text
    return [r["outcome"] for r in response.json()["results"]]


def _balance(client: TestClient, world: World, rr: str) -> int:
    return int(
        client.get(f"/api/v1/consumers/{rr}", headers=world.auth("cashier")).json()["balance_paise"]
    )


def test_receipts_post_once_and_a_resend_is_a_duplicate(
    client: TestClient, counter_world: World
) -> None:
    till = Till()
    till.receipt("MYS1000001", 25_050)
    till.receipt("MYS1000001", 100_000)
    assert _outcomes(_push(client, counter_world, till.entries)) == ["accepted", "accepted"]
    again = _push(client, counter_world, till.entries)
    assert _outcomes(again) == ["duplicate", "duplicate"]
    assert again.json()["highest_contiguous"] == 2
    assert _balance(client, counter_world, "MYS1000001") == 125_050 - 125_050


def test_overpayment_puts_the_account_in_credit(client: TestClient, counter_world: World) -> None:
    till = Till()
    till.receipt("MYS1000002", 500_000)
    assert _outcomes(_push(client, counter_world, till.entries)) == ["accepted"]
    assert _balance(client, counter_world, "MYS1000002") == -500_000


def test_a_different_entry_under_a_held_sequence_is_quarantined_not_applied(
    client: TestClient, counter_world: World
) -> None:
    till = Till()
    till.receipt("MYS1000001", 10_000)
    _push(client, counter_world, till.entries)
    forged = Till()
    forged.receipt("MYS1000001", 99_999)
    response = _push(client, counter_world, forged.entries)
    assert _outcomes(response) == ["conflict"]
    assert "already held" in response.json()["results"][0]["detail"]
    assert _balance(client, counter_world, "MYS1000001") == 125_050 - 10_000
    conflicts = client.get("/api/v1/sync/conflicts", headers=counter_world.auth("accounts_officer"))
    (held,) = conflicts.json()
    assert held["kind"] == "conflict"
    assert held["received_entry"]["body"]["amount_paise"] == 99_999


def test_an_entry_whose_content_does_not_match_its_hash_is_rejected(
    client: TestClient, counter_world: World
) -> None:
    till = Till()
    entry = till.receipt("MYS1000001", 10_000)
    tampered = entry.model_copy(update={"body": {**entry.body, "amount_paise": 1}})
    response = _push(client, counter_world, [tampered])
    assert _outcomes(response) == ["rejected"]
    assert response.json()["highest_contiguous"] == 0
    assert _balance(client, counter_world, "MYS1000001") == 125_050


def test_entries_arriving_out_of_order_fill_the_gap(
    client: TestClient, counter_world: World
) -> None:
    till = Till()
    for paise in (100, 200, 300, 400):
        till.receipt("MYS1000002", paise)
    first = _push(client, counter_world, [till.entries[0], till.entries[3]])
    assert first.json()["highest_contiguous"] == 1
    status = client.get("/api/v1/sync/counters", headers=counter_world.auth("supervisor")).json()
    assert status[0]["gaps"] == [[2, 3]]
    assert status[0]["chain_break_sequence"] is None
    second = _push(client, counter_world, till.entries[1:3])
    assert second.json()["highest_contiguous"] == 4
    status = client.get("/api/v1/sync/counters", headers=counter_world.auth("supervisor")).json()
    assert status[0]["gaps"] == []
    assert status[0]["entries_held"] == 4
    assert _balance(client, counter_world, "MYS1000002") == -1_000


def test_a_broken_chain_is_reported_but_the_money_still_posts(
    client: TestClient, counter_world: World
) -> None:
    till = Till()
    till.receipt("MYS1000002", 100)
    other = Till()  # a second journal claiming to be the same counter: its entry 2 links elsewhere
    other.receipt("MYS1000002", 999)
    other.receipt("MYS1000002", 200)
    _push(client, counter_world, till.entries)
    assert _outcomes(_push(client, counter_world, [other.entries[1]])) == ["accepted"]
    status = client.get("/api/v1/sync/counters", headers=counter_world.auth("auditor")).json()
    assert status[0]["chain_break_sequence"] == 2
    assert "does not follow" in status[0]["chain_break_reason"]
    assert _balance(client, counter_world, "MYS1000002") == -300


def test_cancellation_reverses_the_receipt_on_the_ledger(
    client: TestClient, counter_world: World, engine: Engine
) -> None:
    till = Till()
    receipt = till.receipt("MYS1000001", 25_050)
    till.cancel(receipt)
    assert _outcomes(_push(client, counter_world, till.entries)) == ["accepted", "accepted"]
    assert _balance(client, counter_world, "MYS1000001") == 125_050
    with make_session_factory(engine)() as session:
        refs = set(session.scalars(select(LedgerEntry.source_ref)))
    assert {"receipt:MYS001-1/2026-27/1", "cancel:MYS001-1/2026-27/1"} <= refs


def test_unknown_rr_number_goes_to_suspense_and_two_officers_transfer_it(
    client: TestClient, counter_world: World
) -> None:
    till = Till()
    till.receipt("MYS9999999", 45_000)
    assert _outcomes(_push(client, counter_world, till.entries)) == ["accepted"]
    officer = counter_world.auth("accounts_officer")
    (held,) = client.get("/api/v1/suspense", headers=officer).json()
    assert (held["rr_number_given"], held["amount_paise"]) == ("MYS9999999", 45_000)
    ask = {"suspense_id": held["id"], "rr_number": "MYS1000002", "reason": "quoted an old RR"}
    asked = client.post(f"{RECON}/suspense-transfers", headers=officer, json=ask)
    assert asked.status_code == 201, asked.text
    assert _balance(client, counter_world, "MYS1000002") == 0  # nothing moves on one officer
    moved = client.post(
        f"{RECON}/suspense-transfers/{asked.json()['id']}/decide",
        headers=counter_world.auth("admin"),
        json={"approve": True},
    )
    assert moved.status_code == 200, moved.text
    assert _balance(client, counter_world, "MYS1000002") == -45_000
    (done,) = client.get("/api/v1/suspense?state=transferred", headers=officer).json()
    assert done["id"] == held["id"]
    again = client.post(f"{RECON}/suspense-transfers", headers=officer, json=ask)
    assert again.status_code == 409
    assert "already transferred" in again.json()["detail"][0]["reason"]
    retired = client.post(
        f"/api/v1/suspense/{held['id']}/transfer", headers=officer, json=ask
    )  # the one-officer transfer is gone
    assert retired.status_code in (404, 405)
    actions = [
        e["action"]
        for e in client.get("/api/v1/audit/events", headers=counter_world.auth("auditor")).json()
    ]
    assert {"suspense.transfer.ask", "suspense.transfer", "suspense.transfer.approve"} <= set(
        actions
    )


def test_a_device_cannot_push_for_another_counter(client: TestClient, counter_world: World) -> None:
    till = Till("MYS001-2")
    till.receipt("MYS1000001", 100)
    response = _push(client, counter_world, till.entries, code="MYS001-2")
    assert response.status_code == 403
    assert response.json()["detail"][0]["field"] == "counter_code"


def test_batches_that_break_the_protocol_are_refused_whole(
    client: TestClient, counter_world: World, engine: Engine
) -> None:
    till = Till()
    till.receipt("MYS1000001", 100)
    till.receipt("MYS1000001", 200)
    backwards = _push(client, counter_world, list(reversed(till.entries)))
    assert backwards.status_code == 422
    wrong_version = client.post(
        PUSH,
        headers=counter_world.auth("counter"),
        json={
            "protocol": 99,
            "counter_code": "MYS001-1",
            "entries": [e.model_dump(mode="json") for e in till.entries],
        },
    )
    assert wrong_version.status_code == 422
    assert "version 99" in wrong_version.text
    with make_session_factory(engine)() as session:
        assert session.scalar(select(func.count()).select_from(LedgerEntry)) == 0


def _pull_all(
    client: TestClient, world: World, stream: str, cursor: str = ""
) -> tuple[list[dict[str, Any]], str]:
    records: list[dict[str, Any]] = []
    while True:
        page = client.get(
            "/api/v1/sync/pull",
            params={"stream": stream, "cursor": cursor, "limit": 1},
            headers=world.auth("counter"),
        )
        assert page.status_code == 200, page.text
        body = page.json()
        records += body["consumers"] or body["cashiers"]
        cursor = body["next_cursor"]
        if not body["has_more"]:
            return records, cursor


def test_pull_pages_the_jurisdiction_then_only_what_changed(
    client: TestClient, counter_world: World
) -> None:
    records, cursor = _pull_all(client, counter_world, "consumers")
    # The counter's location is in the NR subdivision: its two consumers, not VV's.
    assert sorted(r["rr_number"] for r in records) == ["MYS1000001", "MYS1000002"]
    assert {r["rr_number"]: r["balance_paise"] for r in records}["MYS1000001"] == 125_050
    nothing, same = _pull_all(client, counter_world, "consumers", cursor)
    assert nothing == [] and same == cursor
    till = Till()
    till.receipt("MYS1000001", 50)
    _push(client, counter_world, till.entries)
    changed, _ = _pull_all(client, counter_world, "consumers", cursor)
    assert [(r["rr_number"], r["balance_paise"]) for r in changed] == [("MYS1000001", 125_000)]


def test_pulled_consumers_carry_their_mobile_and_a_cleared_one_follows(
    client: TestClient, counter_world: World
) -> None:
    records, cursor = _pull_all(client, counter_world, "consumers")
    mobiles = {r["rr_number"]: r["mobile"] for r in records}
    for rr, mobile in mobiles.items():
        shown = client.get(f"/api/v1/consumers/{rr}", headers=counter_world.auth("admin"))
        assert shown.status_code == 200, shown.text
        assert mobile == shown.json()["mobile"] and len(mobile) == 10
    cleared = client.patch(
        "/api/v1/consumers/MYS1000002",
        json={"mobile": None},
        headers=counter_world.auth("admin"),
    )
    assert cleared.status_code == 200, cleared.text
    changed, _ = _pull_all(client, counter_world, "consumers", cursor)
    assert [(r["rr_number"], r["mobile"]) for r in changed] == [("MYS1000002", None)]


def test_a_reprint_with_its_reason_is_held_as_sent(
    client: TestClient, counter_world: World
) -> None:
    till = Till()
    receipt = till.receipt("MYS1000001", 50)
    till.add(
        EntryKind.REPRINT,
        {
            "refers_to_sequence": receipt.sequence,
            "receipt_number": receipt.body["receipt_number"],
            "copy_number": 1,
            "reason": "customer lost the original",
        },
    )
    assert _outcomes(_push(client, counter_world, till.entries)) == ["accepted", "accepted"]
    again = _outcomes(_push(client, counter_world, till.entries))
    assert again == ["duplicate", "duplicate"]


def test_a_made_up_cursor_is_refused_clearly(client: TestClient, counter_world: World) -> None:
    response = client.get(
        "/api/v1/sync/pull",
        params={"stream": "consumers", "cursor": "x:1"},
        headers=counter_world.auth("counter"),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "cursor"


def test_two_first_pushes_racing_both_get_an_answer_and_post_once(
    counter_world: World, engine: Engine
) -> None:
    """A killed sync may still be landing when the restarted counter pushes the same batch."""
    import threading

    from central_api.deps import Principal
    from central_api.sync.service import push
    from common.roles import DeviceKind
    from common.sync_protocol import PushBatch

    till = Till()
    for paise in range(1, 41):
        till.receipt("MYS1000002", paise)
    batch = PushBatch(protocol=PROTOCOL_VERSION, counter_code="MYS001-1", entries=till.entries)
    device = counter_world.devices["counter"]
    principal = Principal(DeviceKind.COUNTER, device.scope_unit_id, "", device_id=device.id)
    factory = make_session_factory(engine)
    answers: list[list[str]] = []
    failures: list[BaseException] = []
    start = threading.Barrier(2)

    def one_push() -> None:
        try:
            start.wait()
            with transaction(factory) as session:
                response = push(session, principal=principal, batch=batch)
            answers.append([r.outcome.value for r in response.results])
        except BaseException as exc:  # noqa: BLE001 - the test reports any failure below
            failures.append(exc)

    threads = [threading.Thread(target=one_push) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    assert sorted(answers) == [["accepted"] * 40, ["duplicate"] * 40]
    with factory() as session:
        paid = session.scalar(
            select(func.sum(LedgerEntry.amount_paise)).where(
                LedgerEntry.source_ref.like("receipt:%")
            )
        )
    assert paid == -sum(range(1, 41))
