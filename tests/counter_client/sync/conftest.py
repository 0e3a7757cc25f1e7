"""A real central service (seeded, over HTTPS) and counters with their own stores."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import keyring
import pytest
from sqlalchemy import func, select

from central_api.consumers.models import Consumer
from central_api.db import make_engine
from central_api.ledger.models import AccountBalance
from central_api.migrate import upgrade
from central_api.org.models import Counter
from central_api.seed import seed
from central_api.sync.models import CounterEntry
from counter_client.journal import Journal
from counter_client.store import CashierRoster, Store
from counter_client.sync import EventBus, SyncConfig, SyncEngine, SyncEvent
from counter_client.sync.config import KEYRING_SERVICE
from tests.support import pg
from tests.support.central_server import CentralServer, CounterCredential, register_counters

SEEDED_CONSUMERS = 1500


@dataclass
class Centre:
    """A running centre and its database, with the seeded sign-in secrets."""

    server: CentralServer
    database_url: str
    pin: str
    password: str

    def new_counter(self) -> CounterCredential:
        return register_counters(self.database_url, 1)[0]

    def query(self, statement: object) -> list[tuple[object, ...]]:
        engine = make_engine(self.database_url)
        try:
            with engine.connect() as conn:
                return [tuple(row) for row in conn.execute(statement)]  # type: ignore[call-overload]
        finally:
            engine.dispose()

    def balance(self, rr_number: str) -> int:
        rows = self.query(
            select(AccountBalance.balance_paise)
            .join(Consumer, Consumer.id == AccountBalance.consumer_id)
            .where(Consumer.rr_number == rr_number)
        )
        return int(rows[0][0])  # type: ignore[call-overload]

    def held_sequences(self, counter_code: str) -> list[int]:
        rows = self.query(
            select(CounterEntry.sequence)
            .join(Counter, Counter.id == CounterEntry.counter_id)
            .where(Counter.code == counter_code)
            .order_by(CounterEntry.id)
        )
        return [int(r[0]) for r in rows]  # type: ignore[call-overload]

    def receipts_paise(self, counter_code: str) -> int:
        rows = self.query(
            select(func.coalesce(func.sum(CounterEntry.amount_paise), 0))
            .join(Counter, Counter.id == CounterEntry.counter_id)
            .where(Counter.code == counter_code, CounterEntry.kind == "receipt")
        )
        return int(rows[0][0])  # type: ignore[call-overload]


def start_centre(database_url: str, workdir: Path) -> Centre:
    engine = make_engine(database_url)
    upgrade(engine)
    report = seed(engine, consumers=SEEDED_CONSUMERS)
    engine.dispose()
    server = CentralServer(database_url, workdir).start()
    return Centre(server, database_url, pin=report.pin, password=report.password)


@pytest.fixture(scope="module")
def sqlite_centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Centre]:
    workdir = tmp_path_factory.mktemp("centre")
    centre = start_centre(f"sqlite:///{workdir / 'centre.db'}", workdir)
    yield centre
    centre.server.kill()


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def any_centre(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Centre]:
    """A centre on SQLite, and again on PostgreSQL when TRM_TEST_PG_URL is set."""
    workdir = tmp_path_factory.mktemp(f"centre-{request.param}")
    if request.param == "sqlite":
        centre = start_centre(f"sqlite:///{workdir / 'centre.db'}", workdir)
        yield centre
        centre.server.kill()
        return
    admin = request.getfixturevalue("pg_admin_url")
    name = f"trm_sync_{int(time.time() * 1000) % 10**9}"
    with pg.temporary_database(admin, name) as url:
        centre = start_centre(url, workdir)
        try:
            yield centre
        finally:
            centre.server.kill()


@dataclass
class Till:
    """One counter: its store, journal and sync engine, and every event the engine published."""

    credential: CounterCredential
    store: Store
    journal: Journal
    engine: SyncEngine
    events: list[SyncEvent] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.credential.counter_code

    def cashier_and_supervisor(self) -> tuple[str, str]:
        people = CashierRoster(self.store).active()
        cashier = next(p.user_id for p in people if not p.is_supervisor)
        supervisor = next(p.user_id for p in people if p.is_supervisor)
        return cashier, supervisor

    def events_of(self, kind: type) -> list[SyncEvent]:
        return [e for e in self.events if isinstance(e, kind)]


TillFactory = Callable[..., Till]


def make_config(
    credential: CounterCredential, urls: tuple[str, ...], ca_file: str | Path, **overrides: object
) -> SyncConfig:
    settings: dict[str, object] = {
        "batch_size": 50,
        "pull_page_size": 100,
        "connect_timeout_s": 2.0,
        "read_timeout_s": 20.0,
        "backoff_base_s": 0.05,
        "backoff_cap_s": 0.5,
        "interval_s": 0.5,
        **overrides,
    }
    return SyncConfig(
        centre_urls=urls,
        ca_file=Path(ca_file),
        counter_code=credential.counter_code,
        device_code=credential.device_code,
        **settings,  # type: ignore[arg-type]
    )


def _till_factory(centre: Centre, tmp_path: Path) -> Iterator[TillFactory]:
    made: list[Till] = []

    def make(
        credential: CounterCredential | None = None,
        *,
        urls: tuple[str, ...] | None = None,
        ca_file: str | Path | None = None,
        folder: str = "till",
        **overrides: object,
    ) -> Till:
        cred = credential or centre.new_counter()
        keyring.set_password(KEYRING_SERVICE, cred.device_code, cred.secret)
        config = make_config(
            cred, urls or (centre.server.url,), ca_file or centre.server.ca_file, **overrides
        )
        directory = tmp_path / folder
        directory.mkdir(exist_ok=True)
        store = Store.open(directory / "counter.db")
        events = EventBus()
        engine = SyncEngine(store, config, events=events)
        till = Till(cred, store, Journal(store, cred.counter_code), engine)
        events.subscribe(till.events.append)
        made.append(till)
        return till

    yield make
    for till in made:
        till.engine.stop()
        till.store.close()


@pytest.fixture
def till_at(any_centre: Centre, tmp_path: Path) -> Iterator[TillFactory]:
    yield from _till_factory(any_centre, tmp_path)


@pytest.fixture
def sqlite_till_at(sqlite_centre: Centre, tmp_path: Path) -> Iterator[TillFactory]:
    yield from _till_factory(sqlite_centre, tmp_path)


def wait_for(predicate: Callable[[], object], timeout: float = 15.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what or predicate}")


def cached_rr_numbers(till: Till, count: int) -> list[str]:
    """RR numbers from the counter's cache (its jurisdiction), in order."""
    with till.store.read() as conn:
        rows = conn.exec_driver_sql(
            f"SELECT rr_number FROM consumers ORDER BY rr_number LIMIT {int(count)}"
        )
        return [str(r[0]) for r in rows]
