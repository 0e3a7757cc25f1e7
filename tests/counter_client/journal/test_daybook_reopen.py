"""Reopening a closed day book: an officer verified online by a real centre, and nobody less."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from central_api.identity.models import User
from central_api.org.models import Counter, Location, OrgUnit
from common.errors import ValidationProblem
from common.sync_protocol import EntryKind
from counter_client.journal import Cash, Journal
from counter_client.store import Store
from counter_client.sync.client import CentreRefused
from tests.counter_client.journal.daybook_helpers import close_everything
from tests.counter_client.store.factories import COUNTER, FakeClock
from tests.counter_client.sync.conftest import (  # noqa: F401  (fixtures used by name)
    Centre,
    Till,
    TillFactory,
    _till_factory,
    sqlite_centre,
)


@dataclass(frozen=True)
class _Officer:
    username: str
    role: str
    verified_at: datetime


OFFICER = _Officer("ao.mys", "accounts_officer", datetime(2026, 4, 1, 12, 0, tzinfo=UTC))


def _take(journal: Journal, cashier: str = "C001") -> None:
    journal.take_receipt(
        cashier_id=cashier, rr_number="MYS1001", amount_paise=5_000, payment=Cash()
    )


# -- the rules, with an officer the centre has verified ---------------------------------


def test_a_reopen_is_recorded_and_the_day_takes_receipts_again(journal: Journal) -> None:
    _take(journal)
    close_everything(journal)
    entry = journal.reopen_day(
        requested_by="S001", officer=OFFICER, reason="receipt keyed after the close"
    )
    assert entry.kind is EntryKind.DAY_REOPEN and entry.business_date.isoformat() == "2026-04-01"
    assert entry.body["officer"] == "ao.mys" and entry.body["officer_role"] == "accounts_officer"
    assert entry.body["reason"] == "receipt keyed after the close"
    book = journal.day_book()
    assert book is not None and book.business_date.isoformat() == "2026-04-01"
    _take(journal, "C002")
    assert journal.entries()[-1].business_date.isoformat() == "2026-04-01"
    with pytest.raises(ValidationProblem, match="C002"):
        journal.close_day(supervisor_id="S001")  # the new shift must be counted first
    close_everything(journal)
    assert journal.day_book() is None


def test_a_supervisor_cannot_reopen(journal: Journal) -> None:
    close_everything(journal)
    before = len(journal.entries())
    supervisor = _Officer("supervisor.mys001", "supervisor", OFFICER.verified_at)
    with pytest.raises(ValidationProblem, match="accounts officer or admin") as raised:
        journal.reopen_day(requested_by="S001", officer=supervisor, reason="want to reopen")
    assert raised.value.field == "officer"
    assert len(journal.entries()) == before


def test_only_the_latest_day_and_only_before_the_next_date_is_taken(
    journal: Journal, clock: FakeClock
) -> None:
    with pytest.raises(ValidationProblem, match="is open") as raised:
        journal.reopen_day(requested_by="S001", officer=OFFICER, reason="nothing closed yet")
    assert raised.value.field == "business_date"
    close_everything(journal)
    _take(journal)  # takes 2 April: the closed day is now history
    before = len(journal.entries())
    with pytest.raises(ValidationProblem, match="only the latest closed day"):
        journal.reopen_day(requested_by="S001", officer=OFFICER, reason="too late for this")
    assert len(journal.entries()) == before


def test_a_reopen_needs_a_reason(journal: Journal) -> None:
    close_everything(journal)
    with pytest.raises(ValidationProblem) as raised:
        journal.reopen_day(requested_by="S001", officer=OFFICER, reason=" ")
    assert raised.value.field == "reason"


# -- against a real centre --------------------------------------------------------------


@pytest.fixture
def till(sqlite_centre: Centre, tmp_path: Path) -> Iterator[Till]:  # noqa: F811
    factories = _till_factory(sqlite_centre, tmp_path)
    make: TillFactory = next(factories)
    made = make()
    report = made.engine.sync_once()
    assert report.online
    yield made
    next(factories, None)


def _officers(centre: Centre, counter_code: str) -> tuple[str, str]:
    """An accounts officer whose scope covers the counter, and one whose scope does not."""
    rows = centre.query(
        select(OrgUnit.path)
        .join(Location, Location.unit_id == OrgUnit.id)
        .join(Counter, Counter.location_id == Location.id)
        .where(Counter.code == counter_code)
    )
    location_path = str(rows[0][0])
    officers = centre.query(
        select(User.username, OrgUnit.path)
        .join(OrgUnit, OrgUnit.id == User.scope_unit_id)
        .where(User.role == "accounts_officer")
    )
    inside = [str(u) for u, p in officers if location_path.startswith(str(p))]
    outside = [str(u) for u, p in officers if not location_path.startswith(str(p))]
    assert inside and outside, "the seed should have officers in and out of scope"
    return inside[0], outside[0]


def test_an_officer_verified_by_the_centre_reopens_and_others_are_refused(
    sqlite_centre: Centre,  # noqa: F811
    till: Till,
) -> None:
    cashier, supervisor = till.cashier_and_supervisor()
    till.journal.open_day(cashier_id=cashier)
    till.journal.take_receipt(
        cashier_id=cashier,
        rr_number=_any_rr(till),
        amount_paise=10_000,
        payment=Cash(),
    )
    close_everything(till.journal, supervisor)
    inside, outside = _officers(sqlite_centre, till.code)
    client = till.engine.client

    with pytest.raises(CentreRefused) as wrong:
        client.verify_officer(inside, "not the password")
    assert wrong.value.status == 401
    with pytest.raises(CentreRefused) as out_of_scope:
        client.verify_officer(outside, sqlite_centre.password)
    assert out_of_scope.value.about("officer")
    supervisor_name = f"supervisor.{till.code.split('-')[0].lower()}"
    with pytest.raises(CentreRefused, match="accounts officer or admin") as not_officer:
        client.verify_officer(supervisor_name, sqlite_centre.password)
    assert not_officer.value.about("officer")

    officer = client.verify_officer(inside, sqlite_centre.password)
    assert officer.role == "accounts_officer" and officer.username == inside
    entry = till.journal.reopen_day(
        requested_by=supervisor, officer=officer, reason="cheque receipt missed"
    )
    assert entry.body["officer"] == inside
    assert till.journal.day_book() is not None


def _any_rr(till: Till) -> str:
    from counter_client.store import ConsumerCache

    found = ConsumerCache(till.store).search_by_name("a", limit=1) or ConsumerCache(
        till.store
    ).search_by_name("s", limit=1)
    assert found
    return found[0].rr_number


def test_the_counter_store_refuses_a_reopen_without_its_entry(store: Store) -> None:
    journal = Journal(store, COUNTER)
    journal.open_day(cashier_id="C001")
    journal.close_day(supervisor_id="S001")
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError, match="day_reopen"), store.write() as conn:
        conn.execute(
            text("UPDATE day_books SET closed_by = NULL, closed_at = NULL, closed_sequence = NULL")
        )
