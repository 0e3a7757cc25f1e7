"""The whole system for fault tests: a real centre (its own process, HTTPS) and counters (tills).

The centre runs on PostgreSQL when TRM_TEST_PG_URL is set and on SQLite otherwise. It is read
back two ways: over its HTTP API as the seeded admin (sync status, balances), and straight from
its tables (what it holds of each counter's journal, and what it posted to the ledger).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from unittest import mock

import keyring
import requests
from argon2 import PasswordHasher
from sqlalchemy import Connection, Engine, text

from central_api.db import make_engine
from central_api.migrate import upgrade
from central_api.seed import seed
from counter_client.journal import Cash, Journal, Payment, verify_journal
from counter_client.journal.views import ReceiptView
from counter_client.store import CashierRoster, Store
from counter_client.store.entries import JournalEntry, fetch_entries
from counter_client.sync import SyncConfig, SyncEngine, SyncReport
from counter_client.sync.config import KEYRING_SERVICE
from tests.support.central_server import CentralServer, CounterCredential, register_counters

SEEDED_CONSUMERS = 2_000
# Device secrets hashed cheaply: the centre verifies with the parameters inside the hash, so a
# test counter signs in in a millisecond instead of a quarter of a second (78 of them at once).
_CHEAP = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)


@dataclass(frozen=True)
class HeldEntry:
    """One journal entry as the centre holds it."""

    sequence: int
    kind: str
    business_date: date
    amount_paise: int | None
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class CentreView:
    """One counter's journal as the centre holds it, read in one snapshot."""

    held: list[HeldEntry]
    posted_paise: int
    """Money this counter's receipts put into accounts (ledger and suspense), less its
    cancellations."""
    postings: int
    """How many ledger and suspense entries came from this counter's journal."""
    conflicts: int


def _refs(counter_code: str) -> dict[str, str]:
    return {"r": f"receipt:{counter_code}/%", "c": f"cancel:{counter_code}/%"}


_FROM_COUNTER = "WHERE source_ref LIKE :r OR source_ref LIKE :c"


def _held(conn: Connection, counter_code: str) -> list[HeldEntry]:
    rows = conn.execute(
        text(
            "SELECT e.sequence, e.kind, e.business_date, e.amount_paise, e.prev_hash, e.hash "
            "FROM counter_entries e JOIN counters c ON c.id = e.counter_id "
            "WHERE c.code = :code ORDER BY e.id"
        ),
        {"code": counter_code},
    )
    return [
        HeldEntry(
            int(r[0]),
            str(r[1]),
            r[2] if isinstance(r[2], date) else date.fromisoformat(str(r[2])),
            None if r[3] is None else int(r[3]),
            str(r[4]),
            str(r[5]),
        )
        for r in rows
    ]


def _posted_paise(conn: Connection, counter_code: str) -> int:
    refs = _refs(counter_code)
    ledger = conn.execute(
        text(f"SELECT COALESCE(SUM(amount_paise), 0) FROM ledger_entries {_FROM_COUNTER}"), refs
    ).scalar()
    suspense = conn.execute(
        text(f"SELECT COALESCE(SUM(amount_paise), 0) FROM suspense_entries {_FROM_COUNTER}"),
        refs,
    ).scalar()
    return -int(ledger or 0) + int(suspense or 0)  # a payment is a credit: negative in the ledger


def _postings(conn: Connection, counter_code: str) -> int:
    refs = _refs(counter_code)
    ledger = conn.execute(text(f"SELECT COUNT(*) FROM ledger_entries {_FROM_COUNTER}"), refs)
    suspense = conn.execute(text(f"SELECT COUNT(*) FROM suspense_entries {_FROM_COUNTER}"), refs)
    return int(ledger.scalar() or 0) + int(suspense.scalar() or 0)


def _conflicts(conn: Connection, counter_code: str) -> int:
    found = conn.execute(
        text(
            "SELECT COUNT(*) FROM sync_conflicts s JOIN counters c ON c.id = s.counter_id "
            "WHERE c.code = :code"
        ),
        {"code": counter_code},
    ).scalar()
    return int(found or 0)


@dataclass
class Centre:
    """A running central service and its database."""

    server: CentralServer
    database_url: str
    password: str
    pin: str
    _engine: Engine | None = None
    _admin: requests.Session | None = None

    # -- set-up -----------------------------------------------------------------------

    @classmethod
    def create(cls, database_url: str, workdir: Path) -> Centre:
        engine = make_engine(database_url)
        upgrade(engine)
        report = seed(engine, consumers=SEEDED_CONSUMERS)
        engine.dispose()
        server = CentralServer(database_url, workdir).start()
        return cls(server, database_url, password=report.password, pin=report.pin)

    def close(self) -> None:
        if self._admin is not None:
            self._admin.close()
        if self._engine is not None:
            self._engine.dispose()
        self.server.kill()

    def register(self, count: int) -> list[CounterCredential]:
        """Register devices for `count` free counters, as the admin does."""
        with mock.patch("central_api.identity.service.hash_secret", _CHEAP.hash):
            return register_counters(self.database_url, count)

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def ca_file(self) -> str:
        return self.server.ca_file

    def ensure_running(self) -> None:
        if self.server.process is None or self.server.process.poll() is not None:
            self.server.start()

    # -- reading its tables -----------------------------------------------------------

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.database_url)
        return self._engine

    def rows(self, sql: str, **params: Any) -> list[Any]:
        with self.engine.connect() as conn:
            return list(conn.execute(text(sql), params))

    def scalar(self, sql: str, **params: Any) -> Any:
        with self.engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()

    @contextmanager
    def snapshot(self) -> Iterator[Connection]:
        """One consistent read of the centre's tables, however it is writing meanwhile."""
        with self.engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                with conn.execution_options(isolation_level="REPEATABLE READ").begin():
                    yield conn
                return
            # The centre's engine issues BEGIN itself (central_api.db): in WAL mode the first read
            # fixes the snapshot every later read of this transaction sees.
            with conn.begin() as transaction:
                yield conn
                transaction.rollback()

    def view(self, counter_code: str) -> CentreView:
        """What the centre holds and posted of this counter's journal, in one snapshot."""
        with self.snapshot() as conn:
            return CentreView(
                held=_held(conn, counter_code),
                posted_paise=_posted_paise(conn, counter_code),
                postings=_postings(conn, counter_code),
                conflicts=_conflicts(conn, counter_code),
            )

    def held(self, counter_code: str) -> list[HeldEntry]:
        """What the centre holds of this counter's journal, in the order it arrived."""
        return self.view(counter_code).held

    def posted_paise(self, counter_code: str) -> int:
        return self.view(counter_code).posted_paise

    def postings(self, counter_code: str) -> int:
        return self.view(counter_code).postings

    def consumers(self, count: int, *, offset: int = 0) -> list[str]:
        """RR numbers of seeded consumers (any jurisdiction: pay anywhere)."""
        rows = self.rows(
            "SELECT rr_number FROM consumers ORDER BY id LIMIT :n OFFSET :o", n=count, o=offset
        )
        return [str(r[0]) for r in rows]

    # -- asking it over HTTP, as the admin --------------------------------------------

    def admin(self) -> requests.Session:
        if self._admin is None:
            http = requests.Session()
            http.trust_env = False
            http.verify = self.ca_file
            reply = http.post(
                f"{self.url}/api/v1/auth/login",
                json={"username": "admin", "password": self.password},
                timeout=30,
            )
            reply.raise_for_status()
            http.headers["Authorization"] = f"Bearer {reply.json()['token']}"
            self._admin = http
        return self._admin

    def sync_status(self, counter_code: str) -> dict[str, Any]:
        reply = self.admin().get(f"{self.url}/api/v1/sync/counters", timeout=30)
        reply.raise_for_status()
        found = [c for c in reply.json() if c["counter_code"] == counter_code]
        assert found, f"the centre reports no sync state for {counter_code}"
        return dict(found[0])

    def balance(self, rr_number: str) -> int:
        reply = self.admin().get(f"{self.url}/api/v1/consumers/{rr_number}", timeout=30)
        reply.raise_for_status()
        return int(reply.json()["balance_paise"])


def sync_settings(**overrides: Any) -> dict[str, Any]:
    """Sync settings for tests: short timeouts and backoff, so faults are met quickly."""
    return {
        "batch_size": 100,
        "pull_page_size": 500,
        "connect_timeout_s": 2.0,
        "read_timeout_s": 30.0,
        "backoff_base_s": 0.05,
        "backoff_cap_s": 0.5,
        "interval_s": 0.5,
        "primary_retry_s": 0.0,
        **overrides,
    }


def till_config(
    credential: CounterCredential, urls: tuple[str, ...], ca_file: str | Path, **overrides: Any
) -> SyncConfig:
    return SyncConfig(
        centre_urls=urls,
        ca_file=Path(ca_file),
        counter_code=credential.counter_code,
        device_code=credential.device_code,
        **sync_settings(**overrides),
    )


@dataclass
class Till:
    """One counter: its own store, journal and sync engine, as the app wires them."""

    credential: CounterCredential
    store: Store
    journal: Journal
    engine: SyncEngine
    cashier: str = ""
    supervisor: str = ""
    taken: list[ReceiptView] = field(default_factory=list)

    @classmethod
    def open(
        cls,
        folder: Path,
        credential: CounterCredential,
        urls: tuple[str, ...],
        ca_file: str | Path,
        **overrides: Any,
    ) -> Till:
        keyring.set_password(KEYRING_SERVICE, credential.device_code, credential.secret)
        folder.mkdir(parents=True, exist_ok=True)
        store = Store.open(folder / "counter.db")
        engine = SyncEngine(store, till_config(credential, urls, ca_file, **overrides))
        return cls(credential, store, Journal(store, credential.counter_code), engine)

    @property
    def code(self) -> str:
        return self.credential.counter_code

    def close(self) -> None:
        self.engine.stop()
        self.store.close()

    def sync(self, attempts: int = 1) -> SyncReport:
        return self.engine.sync_once(attempts=attempts)

    def first_sync(self) -> SyncReport:
        """Pull cashiers and consumers, and pick this location's cashier and supervisor."""
        report = self.sync(attempts=5)
        assert report.clean, report
        people = CashierRoster(self.store).active()
        self.cashier = next(p.user_id for p in people if not p.is_supervisor)
        self.supervisor = next(p.user_id for p in people if p.is_supervisor)
        return report

    def open_day(self, business_date: date | None = None) -> None:
        self.journal.open_day(cashier_id=self.cashier, business_date=business_date)

    def take(self, rr_number: str, paise: int, payment: Payment | None = None) -> ReceiptView:
        receipt = self.journal.take_receipt(
            cashier_id=self.cashier,
            rr_number=rr_number,
            amount_paise=paise,
            payment=payment or Cash(),
        )
        self.taken.append(receipt)
        return receipt

    def cancel(self, receipt_number: str, reason: str = "wrong consumer") -> JournalEntry:
        return self.journal.cancel_receipt(
            cashier_id=self.cashier,
            receipt_number=receipt_number,
            reason=reason,
            supervisor_id=self.supervisor,
        )

    def drain(self, *, timeout: float = 60.0) -> None:
        """Sync until the centre has acknowledged everything."""
        deadline = time.monotonic() + timeout
        while self.engine.queue_length():
            report = self.sync()
            assert time.monotonic() < deadline, f"{self.code} never drained: {report}"
            if not report.online:
                time.sleep(0.1)

    def entries(self) -> list[JournalEntry]:
        return list(self.journal.entries())

    def pending(self) -> int:
        return self.engine.queue_length()


def journal_net_paise(entries: list[JournalEntry]) -> int:
    """Receipts less cancellations in a counter's journal."""
    total = 0
    for entry in entries:
        if entry.kind.value == "receipt":
            total += int(entry.body["amount_paise"])
        elif entry.kind.value == "cancellation":
            total -= int(entry.body["cancelled_amount_paise"])
    return total


def assert_centre_equals_journal(centre: Centre, store: Store, counter_code: str) -> None:
    """The centre holds this counter's journal exactly: same entries, same chain, same money."""
    check = verify_journal(store, counter_code)
    assert check.ok, check.problems
    with store.read() as conn:
        entries = list(fetch_entries(conn, counter_code))
    view = centre.view(counter_code)
    held = view.held
    assert [h.sequence for h in sorted(held, key=lambda h: h.sequence)] == [
        e.sequence for e in entries
    ], "the centre does not hold exactly the journal's sequences"
    by_sequence = {h.sequence: h for h in held}
    assert len(by_sequence) == len(held), "an entry is held twice"
    for entry in entries:
        got = by_sequence[entry.sequence]
        held_as = (got.kind, got.prev_hash, got.hash)
        assert held_as == (entry.kind.value, entry.prev_hash, entry.hash), entry.sequence
        assert got.business_date == entry.business_date
    assert view.posted_paise == journal_net_paise(entries)
    money_entries = [e for e in entries if e.kind.value in ("receipt", "cancellation")]
    assert view.postings == len(money_entries), "something posted twice"
    assert view.conflicts == 0
    status = centre.sync_status(counter_code)
    assert status["highest_contiguous"] == len(entries)
    assert status["gaps"] == [] and status["chain_break_sequence"] is None, status


def wait_for(predicate: Callable[[], object], timeout: float = 15.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what or predicate}")


@contextmanager
def centre_down(centre: Centre) -> Iterator[None]:
    """The centre's process is gone for the block (killed, as a crash or power cut would)."""
    centre.server.kill()
    try:
        yield
    finally:
        centre.ensure_running()
