"""Migration 0003 on a store from the previous release: the journal is rebuilt, nothing is lost."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from common.sync_protocol import EntryKind
from counter_client.journal import Cash, Journal, verify_journal
from counter_client.journal import queries as q
from counter_client.store import Store
from counter_client.store.clock import KOLKATA
from counter_client.store.entries import JournalEntry, insert_entry
from counter_client.store.migrate import MIGRATIONS
from tests.counter_client.journal.daybook_helpers import close_exactly
from tests.counter_client.store.factories import COUNTER, FakeClock, consumer, seed


@pytest.fixture
def previous_release(tmp_path: Path) -> Path:
    """The shipped migrations up to 0002, as the release before day book closing shipped them."""
    scripts = tmp_path / "previous-release"
    shutil.copytree(MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    for script in (scripts / "versions").glob("*.py"):
        if script.name[:4].isdigit() and script.name[:4] >= "0003":
            script.unlink()
    return scripts


def _receipt(store: Store, clock: FakeClock) -> None:
    with store.write() as conn:
        sequence, last_hash = q.chain_tail(conn)
        entry = JournalEntry.seal(
            counter_code=COUNTER,
            sequence=sequence + 1,
            kind=EntryKind.RECEIPT,
            business_date=clock.now.date(),
            local_time=clock.now.astimezone(KOLKATA),
            cashier="C001",
            body={
                "receipt_number": f"{COUNTER}/2026-27/1",
                "financial_year": "2026-27",
                "receipt_sequence": 1,
                "rr_number": "MYS1001",
                "account_id": None,
                "consumer_name": "Lakshmi Narayana",
                "amount_paise": 12_345,
                "payment_mode": "cash",
            },
            prev_hash=str(last_hash),
        )
        insert_entry(conn, entry)


def test_a_previous_release_store_upgrades_with_its_journal_whole(
    tmp_path: Path, previous_release: Path
) -> None:
    clock = FakeClock()
    db = tmp_path / "counter.db"
    old = Store.open(db, clock=clock, script_location=previous_release)
    assert old.migration.to_revision == "0002"
    seed(old, consumers=[])
    journal = Journal(old, COUNTER)
    journal.open_day(cashier_id="C001")
    journal.cash_in(cashier_id="C001", amount_paise=50_000, note="opening float")
    _receipt(old, clock)
    with old.write() as conn:
        conn.execute(
            text(
                "UPDATE outbox SET state = 'acknowledged', acknowledged_at = '2026-04-01T10:05:00"
                "+05:30' WHERE sequence = 1"
            )
        )
    before = [(e.sequence, e.hash) for e in journal.entries()]
    old.close()

    store = Store.open(db, clock=clock)
    try:
        assert store.migration.from_revision == "0002" and store.migration.backup is not None
        journal = Journal(store, COUNTER)
        assert [(e.sequence, e.hash) for e in journal.entries()] == before
        assert verify_journal(store, COUNTER).ok
        conn = sqlite3.connect(db)
        try:
            states = conn.execute("SELECT sequence, state FROM outbox ORDER BY sequence").fetchall()
            backup_count = (
                sqlite3.connect(store.migration.backup)
                .execute("SELECT COUNT(*) FROM journal")
                .fetchone()
            )
        finally:
            conn.close()
        assert states == [(1, "acknowledged"), (2, "pending"), (3, "pending")]
        assert backup_count == (3,)
        # The rebuilt table keeps its guards: append-only, gapless, one outbox row per entry.
        with pytest.raises(IntegrityError, match="append-only"), store.write() as write:
            write.execute(text("UPDATE journal SET cashier = 'X' WHERE sequence = 1"))
        # And takes the new kinds.
        seed(store, consumers=[consumer()], cursor="c2")
        journal.take_receipt(
            cashier_id="C001", rr_number="MYS1001", amount_paise=1_000, payment=Cash()
        )
        _, closing = close_exactly(journal, "C001")
        assert closing.kind is EntryKind.SHIFT_CLOSE
        assert closing.body["expected_paise"]["cash"] == 50_000 + 12_345 + 1_000
        assert verify_journal(store, COUNTER).ok
    finally:
        store.close()
