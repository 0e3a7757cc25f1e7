"""Mobile numbers in the consumer cache: pulled from the centre, found exactly through an index."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from common.errors import ValidationProblem
from counter_client.store import ConsumerCache, PulledPage, Store, apply_pulled_page
from counter_client.store import consumers as module
from counter_client.store.engine import sqlite_connection
from counter_client.store.migrate import MIGRATIONS, _config
from tests.counter_client.store.factories import consumer, seed

MOBILE = "9845012345"


@pytest.fixture
def cache(store: Store) -> ConsumerCache:
    seed(
        store,
        cashiers=[],
        consumers=[
            consumer("MYS1001", name_en="Lakshmi Narayana", account_id="9845012300"),
            consumer("MYS1002", name_en="Mahadeva", account_id="0000000026", mobile=MOBILE),
            consumer("MYS1003", name_en="Manjula", account_id="0000000034", mobile=MOBILE),
            consumer("MYS1004", name_en="Nagaraja", account_id="0000000042", mobile="7012345678"),
        ],
    )
    return ConsumerCache(store)


def rr(found: object) -> list[str]:
    return [c.rr_number for c in found]  # type: ignore[attr-defined]


@pytest.mark.parametrize("typed", [MOBILE, "98450 12345", "+91 98450-12345", "09845012345"])
def test_a_whole_mobile_in_any_usual_form_finds_its_accounts(
    cache: ConsumerCache, typed: str
) -> None:
    # A family's accounts often share one number: all of them, by RR number.
    found = cache.search(typed)
    assert rr(found)[:2] == ["MYS1002", "MYS1003"]
    assert {c.record.mobile for c in found[:2]} == {MOBILE}


def test_a_mobile_comes_before_account_ids_that_merely_start_alike(cache: ConsumerCache) -> None:
    # "9845012345" is also a prefix search over account ids; the exact mobile leads.
    assert rr(cache.search("9845012345")) == ["MYS1002", "MYS1003"]
    assert rr(cache.search("98450123")) == ["MYS1001"]  # a part of a number is no mobile
    assert rr(cache.search("7012345678")) == ["MYS1004"]


def test_no_match_and_not_a_mobile_find_nothing_by_mobile(cache: ConsumerCache) -> None:
    assert cache.search("9999999999") == []
    assert cache.search("5845012345") == []  # not an Indian mobile (starts with 5)
    assert module.typed_mobile("Lakshmi 9845012345") is None
    assert module.typed_mobile("+1 984 501 2345") is None


def test_the_limit_holds_for_mobile_matches(cache: ConsumerCache) -> None:
    assert rr(cache.search(MOBILE, limit=1)) == ["MYS1002"]


def test_search_by_mobile_is_served_by_its_index(cache: ConsumerCache, store: Store) -> None:
    with store.read() as conn:
        plan = " ".join(
            str(row)
            for row in sqlite_connection(conn).execute(
                "EXPLAIN QUERY PLAN " + module._BY_MOBILE, (MOBILE, 5)
            )
        )
    assert "USING INDEX ix_consumers_mobile" in plan, plan
    assert "SCAN consumers" not in plan


def _mobile_of(store: Store, rr_number: str) -> str | None:
    found = ConsumerCache(store).get(rr_number)
    assert found is not None
    return found.record.mobile


def test_a_pulled_page_sets_changes_and_clears_mobiles(store: Store) -> None:
    apply_pulled_page(store, PulledPage("consumers", "p1", consumers=[consumer(mobile=MOBILE)]))
    assert _mobile_of(store, "MYS1001") == MOBILE
    apply_pulled_page(
        store, PulledPage("consumers", "p2", consumers=[consumer(mobile="+91 70123 45678")])
    )
    assert _mobile_of(store, "MYS1001") == "7012345678"
    apply_pulled_page(store, PulledPage("consumers", "p3", consumers=[consumer(mobile=None)]))
    assert _mobile_of(store, "MYS1001") is None


def test_a_page_from_an_older_centre_without_mobiles_keeps_the_cached_ones(store: Store) -> None:
    apply_pulled_page(
        store,
        PulledPage(
            "consumers", "p1", consumers=[consumer("MYS1001", mobile=MOBILE), consumer("MYS1002")]
        ),
    )
    older = PulledPage(
        "consumers",
        "p2",
        consumers=[
            consumer("MYS1001", balance_paise=-700, mobile_sent=False),
            consumer("MYS1002", mobile="6012345678"),  # a mixed page lands whole too
            consumer("MYS1003", mobile_sent=False),  # new, with no mobile known
        ],
    )
    apply_pulled_page(store, older)
    cached = ConsumerCache(store).get("MYS1001")
    assert cached is not None
    assert (cached.record.balance_paise, cached.record.mobile) == (-700, MOBILE)
    assert _mobile_of(store, "MYS1002") == "6012345678"
    assert _mobile_of(store, "MYS1003") is None


def test_a_page_with_a_bad_mobile_lands_nothing(store: Store) -> None:
    bad = PulledPage(
        "consumers", "p1", consumers=[consumer("MYS1001"), consumer("MYS1002", mobile="12345")]
    )
    with pytest.raises(ValidationProblem, match="mobile"):
        apply_pulled_page(store, bad)
    assert ConsumerCache(store).count() == 0


def test_migration_0004_keeps_cached_consumers_and_adds_mobile_and_indexes(
    tmp_path: Path,
) -> None:
    db = tmp_path / "release-0003.db"
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:  # the release before this one, as a counter has it
        config = _config(MIGRATIONS)
        config.attributes["connection"] = conn
        command.upgrade(config, "0003")
    engine.dispose()
    raw = sqlite3.connect(db)
    with raw:
        raw.execute(
            "INSERT INTO consumers (rr_number, account_id, name_en, address, tariff_category, "
            "section_code, balance_paise, synced_at) VALUES ('MYS1001', '0000000018', "
            "'Lakshmi', 'Mysuru', 'LT2a', 'MYS-N1', 150000, '2026-04-01T10:00:00+05:30')"
        )
    raw.close()
    with Store.open(db) as store:
        assert _mobile_of(store, "MYS1001") is None
        with store.read() as conn:
            indexes = {
                str(name)
                for (name,) in sqlite_connection(conn).execute(
                    "SELECT name FROM sqlite_master WHERE type = 'index'"
                )
            }
    assert {"ix_consumers_mobile", "ix_journal_reprints"} <= indexes
