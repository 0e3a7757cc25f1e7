"""Applying pulled pages: consumers and cashiers with the cursor, in one transaction."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from counter_client.store import (
    CashierRoster,
    ConsumerCache,
    PulledPage,
    Store,
    apply_pulled_page,
    read_sync_cursor,
)
from tests.counter_client.store.factories import FINGERPRINT_KEY, FakeClock, cashier, consumer


def test_a_page_lands_with_its_cursor_and_sync_time(store: Store, clock: FakeClock) -> None:
    page = PulledPage(stream="changes", cursor="p1", consumers=[consumer("mys1001")])
    apply_pulled_page(store, page)
    cursor = read_sync_cursor(store, "changes")
    assert cursor is not None
    assert (cursor.cursor, cursor.synced_at) == ("p1", clock.now)
    cached = ConsumerCache(store).get("MYS1001")
    assert cached is not None
    assert cached.synced_at == clock.now
    assert cached.record.balance_paise == 150_000


def test_a_later_page_updates_consumers_and_moves_the_cursor(
    store: Store, clock: FakeClock
) -> None:
    apply_pulled_page(store, PulledPage("changes", "p1", consumers=[consumer()]))
    clock.advance(hours=1)
    apply_pulled_page(store, PulledPage("changes", "p2", consumers=[consumer(balance_paise=-500)]))
    cached = ConsumerCache(store).get("MYS1001")
    assert cached is not None
    assert (cached.record.balance_paise, cached.synced_at) == (-500, clock.now)
    cursor = read_sync_cursor(store, "changes")
    assert cursor is not None and cursor.cursor == "p2"


def test_a_page_that_fails_leaves_neither_rows_nor_cursor(store: Store) -> None:
    bad = PulledPage("changes", "p1", consumers=[consumer("MYS1001"), consumer("BAD RR!")])
    with pytest.raises(ValueError):
        apply_pulled_page(store, bad)
    assert ConsumerCache(store).count() == 0
    assert read_sync_cursor(store, "changes") is None


def test_consumers_moved_out_of_jurisdiction_leave_the_cache(store: Store) -> None:
    apply_pulled_page(store, PulledPage("changes", "p1", consumers=[consumer("MYS1001")]))
    apply_pulled_page(store, PulledPage("changes", "p2", removed_rr_numbers=["mys1001"]))
    assert ConsumerCache(store).get("MYS1001") is None


def test_removed_cashiers_stay_known_but_may_no_longer_work(store: Store) -> None:
    apply_pulled_page(store, PulledPage("changes", "p1", cashiers=[cashier("C001")]))
    apply_pulled_page(store, PulledPage("changes", "p2", removed_cashier_ids=["C001"]))
    roster = CashierRoster(store)
    person = roster.get("C001")
    assert person is not None and not person.active
    assert roster.active() == []
    assert not roster.verify_pin("C001", "1234")


def test_fingerprint_templates_are_sealed_at_rest(store: Store) -> None:
    template = b"\x03\x03template-bytes" * 20
    page = PulledPage("changes", "p1", cashiers=[cashier("C001", fingerprint=template)])
    apply_pulled_page(store, page, fingerprint_key=FINGERPRINT_KEY)
    with store.read() as conn:
        raw = conn.execute(text("SELECT fingerprint_sealed FROM cashiers")).scalar_one()
    assert template not in bytes(raw)
    assert CashierRoster(store, fingerprint_key=FINGERPRINT_KEY).fingerprint_template("C001") == (
        template
    )


def test_a_page_with_templates_but_no_key_is_refused(store: Store) -> None:
    page = PulledPage("changes", "p1", cashiers=[cashier("C001", fingerprint=b"t")])
    with pytest.raises(ValueError, match="no key"):
        apply_pulled_page(store, page)
    assert CashierRoster(store).get("C001") is None
