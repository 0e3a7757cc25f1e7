"""The suspense and quarantine queues through the pages: scope, the transfer form, and refusals
of read-only or forged posts."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from central_api.audit.models import AuditEvent
from central_api.db import make_session_factory
from central_api.ledger.models import LedgerEntry
from central_api.sync.models import SuspenseEntry
from tests.central_api.test_sync import Till, _push
from tests.central_api.web.conftest import sign_in
from tests.support.world import World


def _held_in_suspense(client: TestClient, world: World) -> int:
    """A receipt for an unknown RR number, pushed by the counter: gives its suspense id."""
    till = Till()
    till.receipt("MYS9999999", 45_000)
    response = _push(client, world, till.entries)
    assert response.json()["results"][0]["outcome"] == "accepted"
    (held,) = client.get("/api/v1/suspense", headers=world.auth("accounts_officer")).json()
    return int(held["id"])


def _writes(engine: Engine) -> tuple[int, int, int]:
    with make_session_factory(engine)() as session:
        return (
            session.scalar(select(func.count()).select_from(LedgerEntry)) or 0,
            session.scalar(select(func.count()).select_from(AuditEvent)) or 0,
            session.scalar(
                select(func.count()).select_from(SuspenseEntry).where(SuspenseEntry.state == "open")
            )
            or 0,
        )


def test_an_officer_asks_for_a_transfer_and_nothing_moves_until_approval(
    browser: TestClient, counter_world: World, engine: Engine
) -> None:
    held = _held_in_suspense(browser, counter_world)
    csrf = sign_in(browser, "accounts.officer")
    queue = browser.get("/web/suspense")
    assert f'id="suspense-{held}"' in queue.text
    assert "₹450.00" in queue.text
    assert f'action="/web/suspense/{held}/ask"' in queue.text
    ledger_before = _writes(engine)[0]
    asked = browser.post(
        f"/web/suspense/{held}/ask",
        data={"csrf_token": csrf, "rr_number": "MYS1000002", "reason": "consumer quoted old RR"},
    )
    assert asked.status_code == 303, asked.text
    page = browser.get("/web/suspense").text
    assert 'id="pending-transfers"' in page and "Awaiting a second officer" in page
    assert f'action="/web/suspense/{held}/ask"' not in page
    assert _writes(engine)[0] == ledger_before
    with make_session_factory(engine)() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "suspense.transfer.ask")
        ).one()
    assert event.actor_user_id == counter_world.users["accounts_officer"].id
    again = browser.post(
        f"/web/suspense/{held}/ask",
        data={"csrf_token": csrf, "rr_number": "MYS1000002", "reason": "consumer quoted old RR"},
    )
    assert again.status_code == 409
    assert "awaiting approval" in again.text


def test_an_auditor_sees_the_queue_without_actions_and_a_forged_post_is_refused(
    browser: TestClient, counter_world: World, engine: Engine
) -> None:
    held = _held_in_suspense(browser, counter_world)
    csrf = sign_in(browser, "auditor")
    queue = browser.get("/web/suspense")
    assert f'id="suspense-{held}"' in queue.text
    assert '<form method="post" action="/web/suspense/' not in queue.text
    assert not re.search(r"<button[^>]*>\s*(Ask|Approve)", queue.text)
    assert "Read-only" in queue.text
    before = _writes(engine)
    forged = browser.post(
        f"/web/suspense/{held}/ask",
        data={"csrf_token": csrf, "rr_number": "MYS1000002", "reason": "auditor tries to move"},
    )
    assert forged.status_code == 403
    assert "auditor may not act on the reconciliation" in forged.text
    assert _writes(engine) == before


def test_a_transfer_without_the_csrf_token_changes_nothing(
    browser: TestClient, counter_world: World, engine: Engine
) -> None:
    held = _held_in_suspense(browser, counter_world)
    sign_in(browser, "accounts.officer")
    before = _writes(engine)
    response = browser.post(
        f"/web/suspense/{held}/ask",
        data={"rr_number": "MYS1000002", "reason": "cross-site attempt"},
    )
    assert response.status_code == 403
    assert '<code id="field">csrf_token</code>' in response.text
    assert _writes(engine) == before


def test_the_queue_shows_only_counters_in_the_readers_scope(
    browser: TestClient, counter_world: World
) -> None:
    held = _held_in_suspense(browser, counter_world)
    sign_in(browser, "vv.accounts.officer")
    assert f'id="suspense-{held}"' not in browser.get("/web/suspense").text


HOSTILE = [
    ("rr_number", "", "required"),
    ("rr_number", "MY-1", "letter or digit"),
    ("rr_number", "Robert'); DROP TABLE consumers;--", "rr_number"),
    ("rr_number", "<script>alert(1)</script>", "rr_number"),
    ("rr_number", "\u0000nul", "NUL"),
    ("rr_number", "VVN2000001", "outside your part"),
    ("rr_number", "MYS7777777", "no consumer"),
    ("reason", "", "required"),
    ("reason", "x" * 100_000, "longer than"),
]


def test_hostile_form_values_are_refused_naming_the_field_and_nothing_is_written(
    browser: TestClient, counter_world: World, engine: Engine
) -> None:
    held = _held_in_suspense(browser, counter_world)
    csrf = sign_in(browser, "accounts.officer")
    valid = {"csrf_token": csrf, "rr_number": "MYS1000002", "reason": "consumer quoted old RR"}
    before = _writes(engine)
    for field, value, reason in HOSTILE:
        response = browser.post(f"/web/suspense/{held}/ask", data={**valid, field: value})
        assert 400 <= response.status_code < 500, (field, value, response.status_code)
        assert "<script>alert(1)</script>" not in response.text
        assert reason in response.text, (field, value, response.text[-800:])
    for path in ("/web/suspense/0/ask", "/web/suspense/abc/ask"):
        assert browser.post(path, data=valid).status_code == 422
    assert browser.post(f"/web/suspense/{held}/ask", content=b"\xff\xfe").status_code == 403
    assert _writes(engine) == before
    assert browser.post(f"/web/suspense/{held}/ask", data=valid).status_code == 303


def test_the_quarantine_queue_lists_a_conflicting_entry(
    browser: TestClient, counter_world: World
) -> None:
    till = Till()
    till.receipt("MYS1000001", 10_000)
    _push(browser, counter_world, till.entries)
    forged = Till()
    forged.receipt("MYS1000001", 99_999)
    _push(browser, counter_world, forged.entries)
    sign_in(browser, "auditor")
    page = browser.get("/web/quarantine")
    assert page.status_code == 200
    assert "MYS001-1" in page.text
    assert "already held" in page.text
    assert "99999" in page.text
    sign_in(browser, "vv.accounts.officer")
    assert "already held" not in browser.get("/web/quarantine").text


def test_an_officer_resolves_a_quarantined_entry_by_the_form_and_auditors_see_no_form(
    browser: TestClient, counter_world: World, engine: Engine
) -> None:
    till = Till()
    till.receipt("MYS1000001", 10_000)
    _push(browser, counter_world, till.entries)
    forged = Till()
    forged.receipt("MYS1000001", 99_999)
    _push(browser, counter_world, forged.entries)
    sign_in(browser, "auditor")
    page = browser.get("/web/quarantine").text
    assert "already held" in page and "/resolve" not in page
    csrf = sign_in(browser, "accounts.officer")
    found = re.search(
        r'action="(/web/quarantine/(\d+)/resolve)"', browser.get("/web/quarantine").text
    )
    assert found
    path, conflict = found.group(1), found.group(2)
    valid = {
        "csrf_token": csrf,
        "resolution": "held_entry_stands",
        "adjustment_id": "",
        "reason": "counterfoil shows Rs 100",
    }
    before = _writes(engine)
    for field, value, reason in (
        ("adjustment_id", "12a", "whole number"),
        ("adjustment_id", "7", "only a corrected_by_adjustment"),
        ("resolution", "overwrite", "held_entry_stands"),
        ("reason", "ok", "at least 5"),
    ):
        refused = browser.post(path, data={**valid, field: value})
        assert refused.status_code in (404, 422), (field, refused.status_code)
        assert f'<code id="field">{field}</code>' in refused.text, (field, refused.text[-600:])
        assert reason in refused.text, (field, refused.text[-600:])
    assert _writes(engine) == before
    done = browser.post(path, data=valid, follow_redirects=False)
    assert done.status_code == 303
    assert done.headers["location"] == f"/web/quarantine?done=resolved-{conflict}"
    after = browser.get(done.headers["location"]).text
    assert f"resolved-{conflict}" in after and "already held" not in after
    again = browser.post(path, data=valid)
    assert again.status_code == 409
    assert "already resolved by accounts.officer" in again.text
