"""The synthetic CESC company: shape, validity, ledger invariants, determinism, both back ends."""

from __future__ import annotations

import stat
import tomllib
from collections import Counter as Tally
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine

from central_api.consumers.models import Consumer
from central_api.db import make_engine
from central_api.identity.models import User
from central_api.identity.passwords import verify_secret
from central_api.ledger.models import AccountBalance, LedgerEntry
from central_api.migrate import upgrade
from central_api.org.models import Counter, Location, OrgUnit
from central_api.seed import TARIFF_MIX, SeedRefused, SeedReport, seed, write_credentials
from central_api.seed.consumers import ConsumerFactory
from common.identifiers import (
    normalise_mobile,
    normalise_rr_number,
    validate_account_id,
    validate_counter_code,
)
from common.text import clean_address, clean_name

CONSUMERS = 2_000
TARIFFS = Path(__file__).resolve().parents[2] / "resources" / "tariffs"


def _sqlite(path: Path) -> Engine:
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    return engine


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, SeedReport]]:
    """One SQLite database with 2,000 seeded consumers, shared by the read-only checks."""
    engine = _sqlite(tmp_path_factory.mktemp("seed") / "central.db")
    report = seed(engine, consumers=CONSUMERS, seed=7)
    yield engine, report
    engine.dispose()


def _scalar(engine: Engine, query: object) -> int:
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())  # type: ignore[call-overload]


def check_counts_and_org(engine: Engine, report: SeedReport) -> None:
    assert _scalar(engine, select(func.count()).select_from(Consumer)) == CONSUMERS
    assert _scalar(engine, select(func.count()).select_from(AccountBalance)) == CONSUMERS
    assert report.consumers == CONSUMERS
    assert _scalar(engine, select(func.count()).select_from(Location)) == 78 == report.locations
    with engine.connect() as conn:
        levels = dict(
            conn.execute(select(OrgUnit.level, func.count()).group_by(OrgUnit.level)).all()
        )
        per_location = Tally(code.rsplit("-", 1)[0] for code in conn.scalars(select(Counter.code)))
        codes = list(conn.scalars(select(Counter.code)))
        roles = dict(conn.execute(select(User.role, func.count()).group_by(User.role)).all())
        orphan_sections = conn.scalar(
            select(func.count())
            .select_from(Consumer)
            .join(OrgUnit, OrgUnit.id == Consumer.section_id)
            .where(OrgUnit.level != "section")
        )
    assert levels["company"] == 1 and levels["zone"] >= 2 and levels["circle"] == 5
    assert levels["subdivision"] == 78 and levels["section"] > 200
    assert all(validate_counter_code(code) == code for code in codes)
    assert set(per_location.values()) <= {1, 2, 3} and len(per_location) == 78
    assert roles["cashier"] >= 78 and roles["supervisor"] == 78
    assert roles["accounts_officer"] >= 3 and roles["meter_reader"] >= 78 and roles["auditor"] == 1
    assert orphan_sections == 0


def check_identifiers(engine: Engine) -> None:
    with engine.connect() as conn:
        rows = conn.execute(select(Consumer.rr_number, Consumer.account_id, Consumer.mobile)).all()
    rr_numbers = [r.rr_number for r in rows]
    assert len(set(rr_numbers)) == len(rr_numbers)
    assert all(normalise_rr_number(rr) == rr for rr in rr_numbers)
    assert all(validate_account_id(r.account_id) == r.account_id for r in rows)
    mobiles = [r.mobile for r in rows if r.mobile is not None]
    assert all(normalise_mobile(m) == m for m in mobiles)
    assert 0.80 <= len(mobiles) / len(rows) <= 0.90


def check_balances_equal_ledger_sums(engine: Engine) -> None:
    sums = (
        select(
            LedgerEntry.consumer_id,
            func.sum(LedgerEntry.amount_paise).label("total"),
            func.count().label("entries"),
        )
        .group_by(LedgerEntry.consumer_id)
        .subquery()
    )
    mismatched = (
        select(func.count())
        .select_from(AccountBalance)
        .outerjoin(sums, sums.c.consumer_id == AccountBalance.consumer_id)
        .where(
            (AccountBalance.balance_paise != func.coalesce(sums.c.total, 0))
            | (AccountBalance.entry_count != func.coalesce(sums.c.entries, 0))
        )
    )
    assert _scalar(engine, mismatched) == 0
    with engine.connect() as conn:
        entries = conn.execute(
            select(
                LedgerEntry.kind,
                LedgerEntry.category,
                LedgerEntry.amount_paise,
                LedgerEntry.source_ref,
                Consumer.rr_number,
            ).join(Consumer, Consumer.id == LedgerEntry.consumer_id)
        ).all()
    assert 0.15 * CONSUMERS < len(entries) < 0.6 * CONSUMERS
    assert all(
        e.kind == "demand" and e.category == "opening" and e.amount_paise > 0 for e in entries
    )
    assert all(e.source_ref == f"opening:{e.rr_number}" for e in entries)


def check_categories_and_text(engine: Engine) -> None:
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                Consumer.tariff_category,
                Consumer.name_en,
                Consumer.name_kn,
                Consumer.address,
                Consumer.phase,
                Consumer.sanctioned_load_w,
                Consumer.connection_status,
            )
        ).all()
    counts = Tally(r.tariff_category for r in rows)
    for tariff in TARIFF_MIX:
        share = counts[tariff.code] / len(rows)
        spread = 4 * (tariff.share * (1 - tariff.share) / len(rows)) ** 0.5
        assert abs(share - tariff.share) <= max(spread, 0.01), (tariff.code, share)
    assert counts["LT-1"] > counts["LT-4"] > counts["LT-3"]
    for row in rows:
        assert any("\u0c80" <= ch <= "\u0cff" for ch in row.name_kn), row.name_kn
        assert not any(ch.isascii() and ch.isalpha() for ch in row.name_kn), row.name_kn
        assert clean_name(row.name_en) == row.name_en and clean_name(row.name_kn) == row.name_kn
        assert clean_address(row.address) == row.address
        assert row.phase in (1, 3) and row.sanctioned_load_w > 0
    assert {r.connection_status for r in rows} <= {"live", "disconnected", "dismantled"}


ALL_CHECKS = (
    check_counts_and_org,
    check_identifiers,
    check_balances_equal_ledger_sums,
    check_categories_and_text,
)


def test_seeded_company_has_cesc_shape(seeded: tuple[Engine, SeedReport]) -> None:
    check_counts_and_org(*seeded)


def test_every_rr_number_account_id_and_mobile_is_valid(seeded: tuple[Engine, SeedReport]) -> None:
    check_identifiers(seeded[0])


def test_every_cached_balance_equals_its_ledger_sum(seeded: tuple[Engine, SeedReport]) -> None:
    check_balances_equal_ledger_sums(seeded[0])


def test_categories_in_proportion_and_names_in_kannada(seeded: tuple[Engine, SeedReport]) -> None:
    check_categories_and_text(seeded[0])


def test_tariff_codes_exist_in_the_tariff_orders() -> None:
    newest = sorted(TARIFFS.glob("cesc-*.toml"))[-1]
    categories = tomllib.loads(newest.read_text(encoding="utf-8"))["categories"]
    assert {t.code for t in TARIFF_MIX} <= set(categories)
    assert abs(sum(t.share for t in TARIFF_MIX) - 1.0) < 1e-9


def test_staff_sign_in_with_the_one_demo_password_and_pin(
    seeded: tuple[Engine, SeedReport],
) -> None:
    engine, report = seeded
    with engine.connect() as conn:
        cashier = conn.execute(
            select(User).where(User.username == report.example_users["cashier"])
        ).one()
        hashes = set(conn.scalars(select(User.password_hash)))
    assert verify_secret(cashier.password_hash, report.password)
    assert verify_secret(cashier.pin_hash, report.pin)
    assert not verify_secret(cashier.password_hash, report.password + "x")
    assert len(hashes) == 1
    assert report.password not in repr(report)


def test_credentials_file_is_readable_only_by_its_owner(
    seeded: tuple[Engine, SeedReport], tmp_path: Path
) -> None:
    path = write_credentials(seeded[1], tmp_path / "data")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert f"password = {seeded[1].password}" in path.read_text(encoding="utf-8")


def test_seeding_twice_is_refused_and_changes_nothing(seeded: tuple[Engine, SeedReport]) -> None:
    engine, _ = seeded
    before = _scalar(engine, select(func.count()).select_from(User))
    with pytest.raises(SeedRefused, match="already has consumers"):
        seed(engine, consumers=10)
    assert _scalar(engine, select(func.count()).select_from(User)) == before


def _fingerprint(engine: Engine) -> tuple[list[tuple[object, ...]], ...]:
    with engine.connect() as conn:
        consumers = [
            tuple(r)
            for r in conn.execute(
                select(
                    *(c for c in Consumer.__table__.c if c.name not in ("created_at", "updated_at"))
                ).order_by(Consumer.id)
            )
        ]
        ledger = [
            tuple(r)
            for r in conn.execute(
                select(
                    LedgerEntry.consumer_id, LedgerEntry.amount_paise, LedgerEntry.source_ref
                ).order_by(LedgerEntry.id)
            )
        ]
        units = [
            tuple(r)
            for r in conn.execute(
                select(OrgUnit.code, OrgUnit.name_kn, OrgUnit.path).order_by(OrgUnit.id)
            )
        ]
        users = [
            tuple(r) for r in conn.execute(select(User.username, User.full_name).order_by(User.id))
        ]
    return consumers, ledger, units, users


def test_same_seed_gives_the_same_data_and_another_seed_does_not(tmp_path: Path) -> None:
    prints = []
    for name, number in (("a", 11), ("b", 11), ("c", 12)):
        engine = _sqlite(tmp_path / f"{name}.db")
        seed(engine, consumers=500, seed=number)
        prints.append(_fingerprint(engine))
        engine.dispose()
    assert prints[0] == prints[1]
    assert prints[0][0] != prints[2][0]


def test_zero_consumers_builds_only_the_company(tmp_path: Path) -> None:
    engine = _sqlite(tmp_path / "empty.db")
    report = seed(engine, consumers=0)
    assert report.consumers == 0 and report.locations == 78
    assert _scalar(engine, select(func.count()).select_from(Consumer)) == 0
    engine.dispose()


def _schema_of(engine: Engine) -> set[tuple[str, str]]:
    with engine.connect() as conn:
        indexes = conn.execute(
            text("SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'")
        ).all()
        constraints = conn.execute(
            text(
                "SELECT conrelid::regclass::text, conname || ' ' || pg_get_constraintdef(oid) "
                "FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
            )
        ).all()
    return {(t, d) for t, d in indexes} | {(t, d) for t, d in constraints}


@pytest.mark.postgres
def test_postgresql_seed_passes_the_same_checks_and_keeps_the_schema(fresh_pg_url: str) -> None:
    engine = make_engine(fresh_pg_url)
    upgrade(engine)
    schema_before = _schema_of(engine)
    report = seed(engine, consumers=CONSUMERS, seed=7)
    assert report.backend == "postgresql"
    for check in ALL_CHECKS:
        if check is check_counts_and_org:
            check_counts_and_org(engine, report)
        else:
            check(engine)  # type: ignore[call-arg]
    assert _schema_of(engine) == schema_before
    with engine.connect() as conn:
        next_id = conn.execute(text("SELECT nextval(pg_get_serial_sequence('consumers', 'id'))"))
        assert next_id.scalar_one() == CONSUMERS + 1
    with pytest.raises(SeedRefused):
        seed(engine, consumers=10)
    engine.dispose()


def _fail_after_first_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    real = ConsumerFactory.batches

    def failing(self: ConsumerFactory, size: int) -> Iterator[object]:
        batches = real(self, min(size, 500))
        yield next(batches)
        raise RuntimeError("disk full, say")

    monkeypatch.setattr(ConsumerFactory, "batches", failing)


def test_sqlite_seed_that_fails_midway_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = _sqlite(tmp_path / "broken.db")
    _fail_after_first_batch(monkeypatch)
    with pytest.raises(RuntimeError, match="disk full"):
        seed(engine, consumers=CONSUMERS)
    assert _scalar(engine, select(func.count()).select_from(Consumer)) == 0
    assert _scalar(engine, select(func.count()).select_from(OrgUnit)) == 0
    engine.dispose()


@pytest.mark.postgres
def test_postgresql_seed_that_fails_midway_leaves_schema_and_data_untouched(
    fresh_pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = make_engine(fresh_pg_url)
    upgrade(engine)
    schema_before = _schema_of(engine)
    _fail_after_first_batch(monkeypatch)
    with pytest.raises(RuntimeError, match="disk full"):
        seed(engine, consumers=CONSUMERS)
    assert _schema_of(engine) == schema_before
    assert _scalar(engine, select(func.count()).select_from(Consumer)) == 0
    assert _scalar(engine, select(func.count()).select_from(User)) == 0
    engine.dispose()
