"""Push and pull against a real centre over HTTPS: SQLite, and PostgreSQL when it is configured."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import keyring
import pytest
from sqlalchemy import select, update

from central_api.changes import touch_accounts
from central_api.consumers.models import Consumer
from central_api.db import make_engine, make_session_factory, transaction
from central_api.identity.models import AuthToken, Device
from common.sync_protocol import PROTOCOL_VERSION, EntryOutcome, PushBatch
from counter_client.journal import Cash, Upi
from counter_client.store import CashierRoster, ConsumerCache, Outbox, read_sync_cursor
from counter_client.sync import CentreOnline, EntryConflict, QueueLength, Synced
from counter_client.sync.config import KEYRING_SERVICE
from tests.counter_client.sync.conftest import Centre, Till, TillFactory, cached_rr_numbers


def _open_day(till: Till) -> tuple[str, str]:
    cashier, supervisor = till.cashier_and_supervisor()
    till.journal.open_day(cashier_id=cashier)
    return cashier, supervisor


def test_pull_brings_cashiers_and_consumers_page_by_page_and_a_pulled_cashier_takes_money(
    any_centre: Centre, till_at: TillFactory
) -> None:
    till = till_at(pull_page_size=25)
    report = till.engine.sync_once()
    assert report.online and report.errors == ()
    roster = CashierRoster(till.store)
    people = roster.active()
    assert {p.role.value for p in people} == {"cashier", "supervisor"}
    assert roster.verify_pin(people[0].user_id, any_centre.pin)
    cached = ConsumerCache(till.store).count()
    assert cached == report.pulled["consumers"] > 25  # more than one page
    assert read_sync_cursor(till.store, "consumers") is not None
    # A second run pulls nothing new: the cursors were saved with the pages.
    again = till.engine.sync_once()
    assert again.pulled == {"cashiers": 0, "consumers": 0}

    cashier, _ = _open_day(till)
    rr = cached_rr_numbers(till, 1)[0]
    before = any_centre.balance(rr)
    view = till.journal.take_receipt(
        cashier_id=cashier, rr_number=rr, amount_paise=12_345, payment=Cash()
    )
    assert view.consumer_name  # the pulled consumer's name is on the receipt
    report = till.engine.sync_once()
    assert report.accepted == 2 and report.highest_contiguous == 2
    assert any_centre.balance(rr) == before - 12_345
    # The pull after the push brings the centre's new balance back to the cache.
    assert ConsumerCache(till.store).get(rr).record.balance_paise == before - 12_345  # type: ignore[union-attr]


def test_pulled_mobiles_reach_the_cache_and_a_changed_one_follows_to_search(
    any_centre: Centre, till_at: TillFactory
) -> None:
    till = till_at()
    till.engine.sync_once()
    cache = ConsumerCache(till.store)
    rr = cached_rr_numbers(till, 1)[0]
    [(consumer_id, at_centre)] = any_centre.query(
        select(Consumer.id, Consumer.mobile).where(Consumer.rr_number == rr)
    )
    assert cache.get(rr).record.mobile == at_centre  # type: ignore[union-attr]
    new_mobile = "6000000002" if at_centre == "6000000001" else "6000000001"
    engine = make_engine(any_centre.database_url)
    try:
        with transaction(make_session_factory(engine)) as session:
            session.execute(
                update(Consumer).where(Consumer.id == consumer_id).values(mobile=new_mobile)
            )
            touch_accounts(session, [int(str(consumer_id))])
    finally:
        engine.dispose()
    report = till.engine.sync_once()
    assert report.pulled["consumers"] == 1
    assert [c.rr_number for c in cache.search(new_mobile)] == [rr]


def test_receipts_are_acknowledged_in_batches_only_after_the_centre_answers(
    any_centre: Centre, till_at: TillFactory
) -> None:
    till = till_at(batch_size=4)
    till.engine.sync_once()
    cashier, _ = _open_day(till)
    rrs = cached_rr_numbers(till, 10)
    for index in range(9):
        till.journal.take_receipt(
            cashier_id=cashier,
            rr_number=rrs[index % len(rrs)],
            amount_paise=1000 + index,
            payment=Cash(),
        )
    outbox = Outbox(till.store, till.code)
    assert outbox.queue_length() == 10
    report = till.engine.sync_once()
    assert report.accepted == 10 and report.duplicates == 0 and report.refused == ()
    assert report.highest_contiguous == 10 and report.queue_length == 0
    assert outbox.queue_length() == 0
    assert any_centre.held_sequences(till.code) == list(range(1, 11))
    assert any_centre.receipts_paise(till.code) == sum(1000 + i for i in range(9))
    lengths = [e.pending for e in till.events_of(QueueLength)]
    assert lengths[-4:] == [6, 2, 0, 0]  # after each batch of 4, then the run's end
    assert till.events_of(Synced)
    online = till.events_of(CentreOnline)
    assert online == [CentreOnline(any_centre.server.url, primary=True)]


def test_the_same_batch_twice_is_answered_duplicate_and_posted_once(
    any_centre: Centre, till_at: TillFactory
) -> None:
    till = till_at()
    till.engine.sync_once()
    cashier, _ = _open_day(till)
    rr = cached_rr_numbers(till, 1)[0]
    before = any_centre.balance(rr)
    till.journal.take_receipt(
        cashier_id=cashier,
        rr_number=rr,
        amount_paise=50_000,
        payment=Upi("412345678901"),
    )
    outbox = Outbox(till.store, till.code)
    batch = PushBatch(
        protocol=PROTOCOL_VERSION,
        counter_code=till.code,
        entries=[e.to_wire() for e in outbox.pending()],
    )
    # The centre applies the batch but the counter never hears the answer...
    first = till.engine.client.push(batch)
    assert [r.outcome for r in first.results] == [EntryOutcome.ACCEPTED] * 2
    assert outbox.queue_length() == 2
    # ...so it sends the same batch again.
    second = till.engine.client.push(batch)
    assert [r.outcome for r in second.results] == [EntryOutcome.DUPLICATE] * 2
    report = till.engine.sync_once()
    assert report.duplicates == 2 and report.accepted == 0
    assert outbox.queue_length() == 0
    assert any_centre.balance(rr) == before - 50_000
    assert any_centre.held_sequences(till.code) == [1, 2]


def test_a_conflicting_entry_is_recorded_and_announced_never_acknowledged(
    any_centre: Centre, till_at: TillFactory
) -> None:
    first = till_at(folder="first")
    first.engine.sync_once()
    cashier, _ = _open_day(first)
    first.engine.sync_once()
    # Another store claims the same counter (a restored old copy, say): its entry 1 differs.
    second = till_at(first.credential, folder="second")
    second.engine.sync_once()
    rr = cached_rr_numbers(second, 1)[0]
    second.journal.open_day(cashier_id=cashier)
    second.journal.take_receipt(cashier_id=cashier, rr_number=rr, amount_paise=700, payment=Cash())
    report = second.engine.sync_once()
    outcomes = {r.sequence: r.outcome for r in report.refused}
    assert outcomes[1] == "conflict"
    outbox = Outbox(second.store, second.code)
    assert outbox.queue_length() >= 1  # kept, visible, not acknowledged
    status = outbox.status()
    assert status.last_error is not None and "conflict" in status.last_error
    conflicts = second.events_of(EntryConflict)
    assert conflicts and conflicts[0].sequence == 1 and conflicts[0].outcome == "conflict"
    # The next run tries again once, and does not announce the same conflict twice.
    again = second.engine.sync_once()
    assert 1 in {r.sequence for r in again.refused}
    assert len(second.events_of(EntryConflict)) == len(conflicts)


def test_an_expired_or_revoked_token_is_renewed_with_the_secret(
    any_centre: Centre, till_at: TillFactory
) -> None:
    till = till_at()
    assert till.engine.sync_once().online
    engine = make_engine(any_centre.database_url)
    with engine.begin() as conn:
        device_id = conn.execute(
            select(Device.id).where(Device.code == till.credential.device_code)
        ).scalar_one()
        revoked = conn.execute(
            update(AuthToken)
            .where(AuthToken.device_id == device_id, AuthToken.revoked_at.is_(None))
            .values(revoked_at=datetime.now(UTC))
        ).rowcount
    assert revoked == 1
    cashier, _ = _open_day(till)
    report = till.engine.sync_once()
    assert report.online and report.accepted == 1 and report.errors == ()
    with engine.connect() as conn:
        live = conn.execute(
            select(AuthToken.token_hash).where(
                AuthToken.device_id == device_id, AuthToken.revoked_at.is_(None)
            )
        ).all()
    engine.dispose()
    assert len(live) == 1


def test_pay_anywhere_looks_up_a_consumer_outside_the_cache(
    any_centre: Centre, till_at: TillFactory
) -> None:
    till = till_at()
    till.engine.sync_once()
    cached = set(cached_rr_numbers(till, 1_000_000))
    elsewhere = next(
        str(r[0])
        for r in any_centre.query(select(Consumer.rr_number).order_by(Consumer.id.desc()))
        if r[0] not in cached
    )
    found = till.engine.find_consumer(elsewhere)
    assert found is not None and found.rr_number == elsewhere
    assert found.balance_paise == any_centre.balance(elsewhere)
    assert till.engine.lookup_consumer("ZZ99Z999999") is None
    cashier, _ = _open_day(till)
    view = till.journal.take_receipt(
        cashier_id=cashier,
        rr_number=elsewhere,
        amount_paise=2_500,
        payment=Cash(),
        consumer_name=found.name_en,
    )
    assert view.consumer_name == found.name_en
    before = found.balance_paise
    assert till.engine.sync_once().accepted == 2
    assert any_centre.balance(elsewhere) == before - 2_500


def test_the_device_secret_lives_in_the_keyring_and_in_no_file_or_log(
    any_centre: Centre, till_at: TillFactory, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    till = till_at()
    assert till.engine.sync_once().online
    cashier, _ = _open_day(till)
    till.engine.sync_once()
    secret = till.credential.secret
    assert keyring.get_password(KEYRING_SERVICE, till.credential.device_code) == secret
    till.store.close()
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path
    assert secret not in caplog.text
