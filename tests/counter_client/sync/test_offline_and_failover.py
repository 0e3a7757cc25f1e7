"""The centre goes away and comes back, a primary URL is dead, a CA bundle is wrong."""

from __future__ import annotations

import time
from pathlib import Path

from central_api.tls import make_local_ca
from counter_client.journal import Cash
from counter_client.store import Outbox
from counter_client.sync import CentreOffline, CentreOnline, Synced
from tests.counter_client.sync.conftest import Centre, TillFactory, cached_rr_numbers, wait_for
from tests.support.central_server import CentralServer, free_port


def test_a_day_offline_queues_receipts_and_they_arrive_once_in_order_when_the_centre_returns(
    sqlite_centre: Centre, sqlite_till_at: TillFactory
) -> None:
    till = sqlite_till_at()
    engine = till.engine
    till.journal.add_listener(engine.wake)
    engine.start()
    wait_for(
        lambda: engine.last_report is not None and engine.last_report.online, what="first sync"
    )
    cashier, supervisor = till.cashier_and_supervisor()
    rrs = cached_rr_numbers(till, 5)
    till.journal.open_day(cashier_id=cashier)
    wait_for(lambda: engine.queue_length() == 0, what="day open pushed")
    before = {rr: sqlite_centre.balance(rr) for rr in rrs}

    sqlite_centre.server.kill()
    try:
        amounts = [10_000 + i for i in range(12)]
        numbers = []
        for i, amount in enumerate(amounts):
            view = till.journal.take_receipt(
                cashier_id=cashier, rr_number=rrs[i % 5], amount_paise=amount, payment=Cash()
            )
            numbers.append(view.receipt_number)
        till.journal.cancel_receipt(
            cashier_id=cashier,
            receipt_number=numbers[0],
            reason="wrong consumer",
            supervisor_id=supervisor,
        )
        wait_for(lambda: till.events_of(CentreOffline), what="offline event")
        assert engine.online is False
        time.sleep(0.5)  # the worker keeps retrying, with backoff, while the receipts wait
        assert engine.queue_length() == 13
        assert Outbox(till.store, till.code).status().last_error is not None
    finally:
        sqlite_centre.server.start()
    engine.wake(force=True)
    wait_for(lambda: engine.queue_length() == 0, what="queue drained")
    engine.stop()
    assert till.events_of(CentreOnline)[-1] == CentreOnline(sqlite_centre.server.url, primary=True)
    # The offline event came after the first online one, and online came back after it.
    kinds = [type(e) for e in till.events if isinstance(e, (CentreOnline, CentreOffline))]
    assert kinds == [CentreOnline, CentreOffline, CentreOnline]
    assert sqlite_centre.held_sequences(till.code) == list(range(1, 15))
    assert sqlite_centre.receipts_paise(till.code) == sum(amounts)
    taken = dict.fromkeys(rrs, 0)
    for i, amount in enumerate(amounts):
        taken[rrs[i % 5]] += amount if i else 0  # the first was cancelled
    for rr in rrs:
        assert sqlite_centre.balance(rr) == before[rr] - taken[rr]


def test_a_dead_primary_fails_over_to_the_standby_and_back_when_it_returns(
    sqlite_centre: Centre, sqlite_till_at: TillFactory, tmp_path: Path
) -> None:
    primary_port = free_port()
    primary_url = f"https://localhost:{primary_port}"
    standby_url = sqlite_centre.server.url
    till = sqlite_till_at(urls=(primary_url, standby_url), primary_retry_s=0.3)
    report = till.engine.sync_once()
    assert report.online and report.centre_url == standby_url
    assert till.events_of(CentreOnline) == [CentreOnline(standby_url, primary=False)]
    cashier, _ = till.cashier_and_supervisor()
    till.journal.open_day(cashier_id=cashier)
    assert till.engine.sync_once().accepted == 1

    # The primary comes up (same database, same CA) and is tried again after primary_retry_s.
    primary = CentralServer(
        sqlite_centre.database_url, sqlite_centre.server.workdir, port=primary_port
    ).start()
    try:
        time.sleep(0.4)
        till.journal.take_receipt(
            cashier_id=cashier,
            rr_number=cached_rr_numbers(till, 1)[0],
            amount_paise=900,
            payment=Cash(),
        )
        report = till.engine.sync_once()
        assert report.online and report.centre_url == primary_url and report.accepted == 1
        assert till.events_of(CentreOnline)[-1] == CentreOnline(primary_url, primary=True)
    finally:
        primary.kill()
    assert sqlite_centre.held_sequences(till.code) == [1, 2]


def test_a_wrong_ca_bundle_refuses_the_centre_and_the_receipt_stays_queued(
    sqlite_centre: Centre, sqlite_till_at: TillFactory, tmp_path: Path
) -> None:
    good = sqlite_till_at(folder="good")
    good.engine.sync_once()
    cashier, _ = good.cashier_and_supervisor()
    good.engine.stop()
    good.store.close()
    stranger = make_local_ca(tmp_path / "other-ca")
    till = sqlite_till_at(good.credential, folder="good", ca_file=stranger.ca_cert)
    till.journal.open_day(cashier_id=cashier)
    report = till.engine.sync_once()
    assert not report.online and report.accepted == 0
    assert "certificate verify failed" in (report.offline_reason or "")
    offline = till.events_of(CentreOffline)
    assert offline and "TLS" in offline[0].reason and "certificate" in offline[0].reason
    assert not till.events_of(Synced)
    outbox = Outbox(till.store, till.code)
    assert outbox.queue_length() == 1
    assert "TLS" in (outbox.status().last_error or "")
    assert sqlite_centre.held_sequences(till.code) == []
