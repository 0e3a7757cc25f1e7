"""The counter's sync engine: one background worker that pushes the journal and pulls the cache.

`SyncEngine.sync_once()` runs one whole sync (push, then pull) and returns a SyncReport; it does
not raise for network trouble, a refusing centre or a busy database: those go into the report and
onto the event bus. `start()` runs it on a worker thread every `interval_s`, after capped,
jittered backoff while the centre is away, and at once when `wake()` is called (hand `wake` to
`Journal.add_listener` so a new receipt goes out straight away).
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable

from common.identifiers import normalise_rr_number
from counter_client.store.clock import Clock, system_clock
from counter_client.store.consumers import ConsumerCache
from counter_client.store.database import Store
from counter_client.store.faults import JournalUnavailable
from counter_client.store.outbox import Outbox
from counter_client.sync.backoff import Backoff
from counter_client.sync.client import (
    CentreClient,
    CentreProtocolError,
    CentreRefused,
    RemoteConsumer,
)
from counter_client.sync.config import SyncConfig
from counter_client.sync.credentials import DeviceSecretMissing, DeviceSecrets, KeyringUnavailable
from counter_client.sync.events import (
    CentreOffline,
    CentreOnline,
    EventBus,
    QueueLength,
    Synced,
    SyncError,
)
from counter_client.sync.pull import pull_streams
from counter_client.sync.push import push_outbox
from counter_client.sync.report import RunLog, SyncReport
from counter_client.sync.transport import CentreUnreachable, Transport

__all__ = ["SyncEngine"]

log = logging.getLogger(__name__)

_STAGE_FAULTS = (
    CentreRefused,
    CentreProtocolError,
    JournalUnavailable,
    DeviceSecretMissing,
    KeyringUnavailable,
)


class SyncEngine:
    """Sync of one counter's store with the centre. Thread-safe; one per store."""

    def __init__(
        self,
        store: Store,
        config: SyncConfig,
        *,
        events: EventBus | None = None,
        secrets: DeviceSecrets | None = None,
        clock: Clock = system_clock,
        fingerprint_key: bytes | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.config = config
        self.events = events or EventBus()
        self._store = store
        self._outbox = Outbox(store, config.counter_code)
        self._clock = clock
        self._fingerprint_key = fingerprint_key
        self.transport = Transport(config)
        self.client = CentreClient(
            config, self.transport, secrets or DeviceSecrets(config.keyring_service)
        )
        self._backoff = Backoff(config.backoff_base_s, config.backoff_cap_s, rng=rng)
        self._run_lock = threading.Lock()
        self._state_lock = threading.Lock()
        self._online: bool | None = None
        self._online_url: str | None = None
        self._raised: set[tuple[int, str]] = set()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._backoff_wait = 0.0
        self.last_report: SyncReport | None = None

    # -- state the UI reads ---------------------------------------------------------------

    @property
    def store(self) -> Store:
        return self._store

    @property
    def online(self) -> bool | None:
        """True or False after the first contact attempt; None before it."""
        return self._online

    def queue_length(self) -> int:
        """Entries still waiting for the centre's acknowledgement."""
        return self._outbox.queue_length()

    # -- one run --------------------------------------------------------------------------

    def sync_once(self, *, attempts: int = 1) -> SyncReport:
        """Push then pull, retrying up to `attempts` times with backoff while offline."""
        if attempts < 1:
            raise ValueError("attempts must be at least 1")
        backoff = Backoff(self.config.backoff_base_s, self.config.backoff_cap_s)
        report = self._run_once()
        for _ in range(attempts - 1):
            if report.online or self._stop.wait(backoff.failed()):
                break
            report = self._run_once()
        return report

    def _run_once(self) -> SyncReport:
        with self._run_lock:
            run = RunLog(started_at=self._clock())
            self._stage(run, "push", self._push)
            if run.offline_reason is None:
                self._stage(run, "pull", self._pull)
            queue = self._queue_length_or_none(run)
            report = run.report(self._clock(), queue)
            self.last_report = report
        if queue is not None:
            self.events.publish(QueueLength(queue))
        if report.online:
            self.events.publish(
                Synced(
                    report.finished_at,
                    report.pushed,
                    sum(report.pulled.values()),
                    report.highest_contiguous,
                )
            )
        for message in report.errors:
            self.events.publish(SyncError(message))
        return report

    def _stage(self, run: RunLog, name: str, work: Callable[[RunLog], None]) -> None:
        before = self.transport.answers
        try:
            work(run)
        except CentreUnreachable as exc:
            run.offline_reason = str(exc)
            self._note_offline(str(exc))
            return
        except _STAGE_FAULTS as exc:
            log.warning("sync %s stopped: %s", name, exc)
            run.errors.append(f"{name}: {exc}")
        # Whatever went wrong after the centre answered, it was reachable.
        if self.transport.answers > before:
            self._note_online(run)

    def _push(self, run: RunLog) -> None:
        push_outbox(
            outbox=self._outbox,
            client=self.client,
            events=self.events,
            counter_code=self.config.counter_code,
            batch_size=self.config.batch_size,
            run=run,
            already_raised=self._raised,
            stopping=self._stop.is_set,
        )

    def _pull(self, run: RunLog) -> None:
        pull_streams(
            store=self._store,
            client=self.client,
            page_size=self.config.pull_page_size,
            run=run,
            fingerprint_key=self._fingerprint_key,
            stopping=self._stop.is_set,
        )

    def _queue_length_or_none(self, run: RunLog) -> int | None:
        try:
            return self._outbox.queue_length()
        except JournalUnavailable as exc:
            run.errors.append(f"queue: {exc}")
            return None

    def _note_online(self, run: RunLog) -> None:
        run.reached = True
        url = self.transport.active_url
        run.centre_url = url
        with self._state_lock:
            changed = self._online is not True or self._online_url != url
            self._online, self._online_url = True, url
        if changed:
            self.events.publish(CentreOnline(url, primary=self.transport.on_primary))

    def _note_offline(self, reason: str) -> None:
        with self._state_lock:
            changed = self._online is not False
            self._online, self._online_url = False, None
        if changed:
            log.info("centre unreachable: %s", reason)
            self.events.publish(CentreOffline(reason))

    # -- pay anywhere ---------------------------------------------------------------------

    def lookup_consumer(self, rr_number: str) -> RemoteConsumer | None:
        """Ask the centre for any consumer of the company (for one not in the local cache).

        Returns None if the centre has no such consumer. Raises CentreUnreachable when offline
        and CentreRefused if the centre will not say; the caller then takes the payment on the
        typed RR number and name, and the centre puts an unknown one to suspense.
        """
        rr = normalise_rr_number(rr_number)
        try:
            found = self.client.consumer(rr)
        except CentreUnreachable as exc:
            self._note_offline(str(exc))
            raise
        return found

    def find_consumer(self, rr_number: str) -> RemoteConsumer | None:
        """The local cache's consumer if held, else the centre's when reachable, else None."""
        cached = ConsumerCache(self._store).get(rr_number)
        if cached is not None:
            record = cached.record
            return RemoteConsumer(
                rr_number=record.rr_number,
                account_id=record.account_id,
                name_en=record.name_en,
                name_kn=record.name_kn,
                address=record.address,
                tariff_category=record.tariff_category,
                connection_status="",
                balance_paise=record.balance_paise,
                looked_up_at=cached.synced_at,
            )
        try:
            return self.lookup_consumer(rr_number)
        except (CentreUnreachable, CentreRefused, CentreProtocolError) as exc:
            log.info("pay-anywhere look-up of %s failed: %s", rr_number, exc)
            return None

    # -- the worker -----------------------------------------------------------------------

    def start(self) -> None:
        """Run syncs on a background thread until `stop()`."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._wake.set()  # first run straight away
        self._thread = threading.Thread(target=self._work, name="trm-sync", daemon=True)
        self._thread.start()

    def wake(self, _entry: object = None, *, force: bool = False) -> None:
        """Sync soon (e.g. after a receipt). While offline, the backoff wait stands unless forced.

        Accepts (and ignores) a journal entry, so it can be handed to `Journal.add_listener`.
        """
        if force or self._online is not False:
            self._wake.set()

    def stop(self, timeout: float = 15.0) -> None:
        """Stop the worker after its current request (interrupting a run) and close connections."""
        self._stop.set()
        self._wake.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
            if thread.is_alive():
                log.warning("sync worker did not stop within %.0f s", timeout)
                return
        self._thread = None
        self.transport.close()
        # The worker is gone: `sync_once` may be called again (and `start` may restart it).
        self._stop.clear()
        self._wake.clear()

    def _work(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self._next_wait())
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                report = self._run_once()
            except Exception as exc:  # the worker must outlive any one run
                log.exception("sync run failed")
                self.events.publish(SyncError(f"sync failed unexpectedly: {exc}"))
                self._backoff_wait = self._backoff.failed()
                continue
            if report.online:
                self._backoff.succeeded()
                self._backoff_wait = self.config.interval_s
            else:
                self._backoff_wait = self._backoff.failed()

    def _next_wait(self) -> float:
        return self._backoff_wait
