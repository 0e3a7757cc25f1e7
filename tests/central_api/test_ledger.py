"""The ledger: append-only in the database, idempotent postings, derived balances, and
two-person adjustments."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from central_api.db import make_session_factory, transaction
from central_api.errors import BadInput, Conflict
from central_api.ledger.models import AccountBalance, LedgerEntry
from central_api.ledger.schemas import EntryCategory, EntryKind
from central_api.ledger.service import Posting, derived_balance, post
from tests.support.world import World

TODAY = date(2026, 11, 27)
_refs = itertools.count()


def _posting(consumer_id: int, kind: EntryKind, amount: int, ref: str | None = None) -> Posting:
    category = EntryCategory.BILL if kind is EntryKind.DEMAND else EntryCategory.PAYMENT
    return Posting(
        consumer_id=consumer_id,
        kind=kind,
        category=category,
        amount_paise=amount,
        source_ref=ref or f"test:{next(_refs)}",
        business_date=TODAY,
    )


def _cached(engine: Engine, consumer_id: int) -> int:
    with make_session_factory(engine)() as session:
        row = session.get(AccountBalance, consumer_id)
        assert row is not None
        return row.balance_paise


def test_same_posting_twice_is_a_no_op(engine: Engine, world: World) -> None:
    consumer = world.consumers["MYS1000002"]
    factory = make_session_factory(engine)
    with transaction(factory) as session:
        _, first = post(session, _posting(consumer.id, EntryKind.DEMAND, 45_000, "bill:B1"))
    with transaction(factory) as session:
        _, second = post(session, _posting(consumer.id, EntryKind.DEMAND, 45_000, "bill:B1"))
    assert (first, second) == (True, False)
    assert _cached(engine, consumer.id) == 45_000


def test_different_posting_under_a_used_source_is_a_conflict(engine: Engine, world: World) -> None:
    consumer = world.consumers["MYS1000002"]
    factory = make_session_factory(engine)
    with transaction(factory) as session:
        post(session, _posting(consumer.id, EntryKind.DEMAND, 45_000, "bill:B2"))
    with pytest.raises(Conflict), transaction(factory) as session:
        post(session, _posting(consumer.id, EntryKind.DEMAND, 46_000, "bill:B2"))
    assert _cached(engine, consumer.id) == 45_000


@pytest.mark.parametrize(
    ("kind", "category", "amount", "field"),
    [
        (EntryKind.DEMAND, EntryCategory.BILL, 0, "amount_paise"),
        (EntryKind.DEMAND, EntryCategory.BILL, -5, "amount_paise"),
        (EntryKind.CREDIT, EntryCategory.BILL, 100, "category"),
        (EntryKind.DEMAND, EntryCategory.PAYMENT, 100, "category"),
    ],
)
def test_bad_postings_are_refused_before_anything_is_written(
    engine: Engine, world: World, kind: EntryKind, category: EntryCategory, amount: int, field: str
) -> None:
    consumer = world.consumers["MYS1000002"]
    bad = Posting(
        consumer_id=consumer.id,
        kind=kind,
        category=category,
        amount_paise=amount,
        source_ref="bad:1",
        business_date=TODAY,
    )
    with pytest.raises(BadInput) as refused, transaction(make_session_factory(engine)) as session:
        post(session, bad)
    assert refused.value.field == field
    with make_session_factory(engine)() as session:
        assert session.scalar(select(LedgerEntry).where(LedgerEntry.source_ref == "bad:1")) is None


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE ledger_entries SET amount_paise = 1",
        "DELETE FROM ledger_entries",
        "UPDATE audit_events SET action = 'x'",
        "DELETE FROM audit_events",
    ],
)
def test_the_database_itself_refuses_to_change_the_ledger_or_audit_log(
    engine: Engine, world: World, statement: str
) -> None:
    consumer = world.consumers["MYS1000002"]
    with transaction(make_session_factory(engine)) as session:
        post(session, _posting(consumer.id, EntryKind.DEMAND, 100))
    with pytest.raises((DBAPIError, IntegrityError)) as refused, engine.begin() as conn:
        conn.execute(text(statement))
    assert "append-only" in str(refused.value)


def test_the_sign_of_an_entry_must_match_its_kind_in_the_database(
    engine: Engine, world: World
) -> None:
    consumer = world.consumers["MYS1000002"]
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO ledger_entries (consumer_id, kind, category, amount_paise, "
                "source_ref, business_date, narration, posted_at) VALUES "
                f"({consumer.id}, 'credit', 'payment', 500, 'raw:1', '2026-11-27', '', "
                "'2026-11-27')"
            )
        )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.booleans(), st.integers(min_value=1, max_value=10**9)), max_size=12))
def test_cached_balance_always_equals_the_sum_of_the_ledger(
    engine: Engine, world: World, moves: list[tuple[bool, int]]
) -> None:
    consumer = world.consumers["MYS1000002"]
    factory = make_session_factory(engine)
    for is_demand, amount in moves:
        kind = EntryKind.DEMAND if is_demand else EntryKind.CREDIT
        with transaction(factory) as session:
            post(session, _posting(consumer.id, kind, amount))
    with factory() as session:
        assert _cached(engine, consumer.id) == derived_balance(session, consumer.id)


def test_statement_shows_entries_newest_first_with_balance(
    client: TestClient, world: World, engine: Engine
) -> None:
    consumer = world.consumers["MYS1000002"]
    with transaction(make_session_factory(engine)) as session:
        post(session, _posting(consumer.id, EntryKind.DEMAND, 80_000, "bill:S1"))
        post(session, _posting(consumer.id, EntryKind.CREDIT, 30_000, "receipt:S1"))
    response = client.get("/api/v1/consumers/MYS1000002/ledger", headers=world.auth("cashier"))
    assert response.status_code == 200
    body = response.json()
    assert body["balance_paise"] == 50_000
    assert [e["amount_paise"] for e in body["entries"]] == [-30_000, 80_000]


def test_adjustment_needs_a_second_officer_and_posts_with_reason_and_approver(
    client: TestClient, world: World, engine: Engine
) -> None:
    asked = client.post(
        "/api/v1/ledger/adjustments",
        headers=world.auth("accounts_officer"),
        json={
            "rr_number": "MYS1000001",
            "amount_paise": -5_050,
            "reason": "excess reading corrected",
        },
    )
    assert asked.status_code == 201, asked.text
    adjustment_id = asked.json()["id"]
    assert _cached(engine, world.consumers["MYS1000001"].id) == 125_050
    own = client.post(
        f"/api/v1/ledger/adjustments/{adjustment_id}/approve",
        json={},
        headers=world.auth("accounts_officer"),
    )
    assert own.status_code == 403
    # A second accounts officer, with scope over the account.
    second = world.tokens["accounts_officer"]
    with transaction(make_session_factory(engine)) as session:
        from central_api.identity.models import User
        from tests.support.world import _token, password_hash

        other = User(
            username="second.officer",
            full_name="Second Officer",
            role="accounts_officer",
            scope_unit_id=world.users["accounts_officer"].scope_unit_id,
            password_hash=password_hash(),
        )
        session.add(other)
        session.flush()
        second = _token(session, user_id=other.id)
    approved = client.post(
        f"/api/v1/ledger/adjustments/{adjustment_id}/approve",
        json={"note": "checked the meter photo"},
        headers={"Authorization": f"Bearer {second}"},
    )
    assert approved.status_code == 200, approved.text
    assert approved.json()["state"] == "approved"
    assert _cached(engine, world.consumers["MYS1000001"].id) == 120_000
    statement = client.get(
        "/api/v1/consumers/MYS1000001/ledger", headers=world.auth("auditor")
    ).json()
    (entry,) = statement["entries"]
    assert entry["category"] == "adjustment"
    assert entry["narration"] == "excess reading corrected"
    assert entry["approved_by_user_id"] == other.id
    assert entry["posted_by_user_id"] == world.users["accounts_officer"].id
    twice = client.post(
        f"/api/v1/ledger/adjustments/{adjustment_id}/approve",
        json={},
        headers={"Authorization": f"Bearer {second}"},
    )
    assert twice.status_code == 409
    actions = [
        e["action"]
        for e in client.get("/api/v1/audit/events", headers=world.auth("auditor")).json()
    ]
    assert "ledger.adjustment.request" in actions
    assert "ledger.adjustment.approve" in actions
