"""The engine's parts on their own: backoff, events, settings, and a worker that outlives faults."""

from __future__ import annotations

import random
import threading
from pathlib import Path

import keyring
import pytest

from central_api.tls import make_local_ca
from counter_client.store import Store
from counter_client.sync import (
    Backoff,
    CentreOffline,
    DeviceSecrets,
    EventBus,
    QueueLength,
    SyncConfig,
    SyncConfigError,
    SyncEngine,
    SyncEvent,
)
from counter_client.sync.config import KEYRING_SERVICE
from tests.support.central_server import free_port


def test_backoff_waits_grow_to_the_cap_with_full_jitter_and_reset_on_success() -> None:
    backoff = Backoff(1.0, 30.0, rng=random.Random(3))
    ceilings = []
    for _ in range(8):
        ceiling = backoff.ceiling()
        ceilings.append(ceiling)
        assert 0.0 <= backoff.failed() <= ceiling
    assert ceilings == [1, 2, 4, 8, 16, 30, 30, 30]
    waits = [Backoff(1.0, 30.0, rng=random.Random(seed)).failed() for seed in range(50)]
    assert len({round(w, 6) for w in waits}) == 50  # jittered, not in lockstep
    backoff.succeeded()
    assert backoff.ceiling() == 1.0


def test_a_failing_listener_neither_stops_the_others_nor_the_publisher() -> None:
    bus = EventBus()
    seen: list[SyncEvent] = []

    def broken(event: SyncEvent) -> None:
        raise RuntimeError("a UI bug")

    bus.subscribe(broken)
    unsubscribe = bus.subscribe(seen.append)
    bus.publish(QueueLength(3))
    unsubscribe()
    bus.publish(QueueLength(4))
    assert seen == [QueueLength(3)]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"centre_urls": ("http://centre:8080",)}, "is not an https:// URL"),
        ({"centre_urls": ()}, "give at least one centre URL"),
        ({"centre_urls": ("https://a", "https://a/")}, "listed twice"),
        ({"ca_file": Path("/nonexistent/ca.pem")}, "no CA bundle"),
        ({"batch_size": 501}, "batch_size: must be 1 to 500"),
        ({"counter_code": "my/counter"}, "counter_code"),
        ({"backoff_base_s": 10.0, "backoff_cap_s": 1.0}, "backoff_cap_s"),
    ],
)
def test_settings_that_cannot_work_are_refused_by_name(
    tmp_path: Path, overrides: dict[str, object], message: str
) -> None:
    ca = tmp_path / "ca.pem"
    ca.write_text("-")
    settings: dict[str, object] = {
        "centre_urls": ("https://centre.example",),
        "ca_file": ca,
        "counter_code": "MYS001-1",
        "device_code": "PC-MYS001-1",
        **overrides,
    }
    with pytest.raises(SyncConfigError, match=message.replace("(", r"\(")):
        SyncConfig(**settings)  # type: ignore[arg-type]


def test_the_worker_keeps_retrying_an_absent_centre_despite_failing_listeners(
    tmp_path: Path,
) -> None:
    tls = make_local_ca(tmp_path / "tls")
    keyring.set_password(KEYRING_SERVICE, "PC-TEST01-1", "s3cret-for-a-dead-centre")
    config = SyncConfig(
        centre_urls=(f"https://localhost:{free_port()}",),
        ca_file=tls.ca_cert,
        counter_code="TEST01-1",
        device_code="PC-TEST01-1",
        backoff_base_s=0.01,
        backoff_cap_s=0.05,
        connect_timeout_s=1.0,
    )
    runs = threading.Semaphore(0)
    offline: list[SyncEvent] = []
    with Store.open(tmp_path / "counter.db") as store:
        engine = SyncEngine(store, config, secrets=DeviceSecrets())

        def broken(event: SyncEvent) -> None:
            if isinstance(event, QueueLength):
                runs.release()
            raise RuntimeError("listener bug")

        engine.events.subscribe(broken)
        engine.events.subscribe(
            lambda e: offline.append(e) if isinstance(e, CentreOffline) else None
        )
        engine.start()
        for _ in range(4):
            assert runs.acquire(timeout=10), "the worker stopped running"
        engine.stop()
        assert engine.online is False
        assert len(offline) == 1  # announced once, on going offline
        assert "could not connect" in offline[0].reason  # type: ignore[attr-defined]
        # After the worker stops, a run by hand still tries (and still never raises).
        report = engine.sync_once(attempts=2)
        assert not report.online and report.queue_length == 0
        assert "could not connect" in (report.offline_reason or "")
        assert engine.last_report is report
