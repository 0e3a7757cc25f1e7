"""Consumer search as typed: RR number prefix, account id prefix, name prefix, each by an index."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter_client.store import ConsumerCache, Store
from tests.counter_client.store.factories import consumer, seed


@pytest.fixture
def cache(tmp_path: Path) -> ConsumerCache:
    store = Store.open(tmp_path / "counter.db")
    seed(
        store,
        cashiers=[],
        consumers=[
            consumer("MYS1001", name_en="Lakshmi Narayana", account_id="1000000018"),
            consumer("MYS1002", name_en="lakshmamma", account_id="1000000026"),
            consumer("MYS2003", name_en="Mahadeva", account_id="2000000034"),
            consumer("MYA4004", name_en="Mys Traders", account_id=None),
            consumer("MYS5005", name_en="La_100% Traders", account_id="5000000042"),
        ],
    )
    return ConsumerCache(store)


def rr(found: object) -> list[str]:
    return [c.rr_number for c in found]  # type: ignore[attr-defined]


def test_rr_number_prefix_in_any_case_then_names(cache: ConsumerCache) -> None:
    assert rr(cache.search("mys1")) == ["MYS1001", "MYS1002"]
    assert rr(cache.search(" MYS 2 ")) == ["MYS2003"]
    # "Mys" is an RR prefix and a name prefix: RR numbers first, then the name match.
    assert rr(cache.search("mys")) == ["MYS1001", "MYS1002", "MYS2003", "MYS5005", "MYA4004"]


def test_account_id_prefix(cache: ConsumerCache) -> None:
    assert rr(cache.search("1000000")) == ["MYS1001", "MYS1002"]
    assert rr(cache.search("2000000034")) == ["MYS2003"]


def test_name_prefix_ignores_case_and_takes_wildcards_literally(cache: ConsumerCache) -> None:
    assert rr(cache.search("LAKSH")) == ["MYS1002", "MYS1001"]
    assert rr(cache.search("la_1")) == ["MYS5005"]
    assert cache.search("L%") == []
    assert cache.search("   ") == []


def test_the_limit_holds_across_parts(cache: ConsumerCache) -> None:
    assert len(cache.search("mys", limit=2)) == 2
    assert cache.search("mys", limit=0) == []


def test_each_part_is_served_by_an_index(cache: ConsumerCache, tmp_path: Path) -> None:
    from counter_client.store import consumers as module

    store = Store.open(tmp_path / "counter.db")
    with store.read() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        plans = {
            name: " ".join(str(r) for r in raw.execute("EXPLAIN QUERY PLAN " + sql, args))
            for name, sql, args in (
                ("rr", module._BY_RR_PREFIX, ("MYS", "MYS\uffff", 5)),
                ("account", module._BY_ACCOUNT_PREFIX, ("1", "1\uffff", 5)),
                ("name", module._BY_NAME_PREFIX, ("la%", 5)),
            )
        }
    assert "PRIMARY KEY" in plans["rr"] or "sqlite_autoindex_consumers" in plans["rr"]
    assert "ix_consumers_account_id" in plans["account"]
    assert "ix_consumers_name_en" in plans["name"]
