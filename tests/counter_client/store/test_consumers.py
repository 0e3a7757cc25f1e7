"""Consumer look-ups: RR number in any case, account id, name prefix served by the index."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from counter_client.store import ConsumerCache, Store
from tests.counter_client.store.factories import consumer, seed


@pytest.fixture
def cache(store: Store) -> ConsumerCache:
    seed(
        store,
        cashiers=[],
        consumers=[
            consumer("MYS1001", name_en="Lakshmi Narayana", account_id="0000000018"),
            consumer("MYS1002", name_en="lakshmamma", account_id="0000000026"),
            consumer("MYS1003", name_en="Mahadeva", account_id="0000000034"),
            consumer("MYS1004", name_en="La_100% Traders", account_id=None),
        ],
    )
    return ConsumerCache(store)


def test_lookup_by_rr_number_normalises_case_and_spaces(cache: ConsumerCache) -> None:
    found = cache.get("  mys1002 ")
    assert found is not None and found.record.name_en == "lakshmamma"
    assert cache.get("MYS9999") is None


def test_lookup_by_account_id(cache: ConsumerCache) -> None:
    found = cache.by_account_id("0000000034")
    assert found is not None and found.rr_number == "MYS1003"


def test_name_prefix_search_ignores_case_and_orders_by_name(cache: ConsumerCache) -> None:
    assert [c.rr_number for c in cache.search_by_name("LAKSH")] == ["MYS1002", "MYS1001"]
    assert cache.search_by_name("  ") == []


def test_name_prefix_search_treats_wildcards_literally(cache: ConsumerCache) -> None:
    assert [c.rr_number for c in cache.search_by_name("La_1")] == ["MYS1004"]
    assert cache.search_by_name("L%") == []


def test_name_prefix_search_uses_the_index(store: Store) -> None:
    with store.read() as conn:
        plan = conn.execute(
            text(
                "EXPLAIN QUERY PLAN SELECT * FROM consumers "
                "WHERE name_en LIKE :p ESCAPE '\\' ORDER BY name_en"
            ),
            {"p": "ab%"},
        ).all()
    assert any("USING INDEX ix_consumers_name_en" in str(row) for row in plan)
