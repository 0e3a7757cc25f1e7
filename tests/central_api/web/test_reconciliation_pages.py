"""The reconciliation pages over a prepared day: the grid and its filters, the drill into a
cell, the cheque return form, statement upload and manual match; actions refused to auditors."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from central_api.db import make_session_factory
from central_api.ledger.models import LedgerEntry
from tests.central_api.reconciliation.desks import sbi_csv
from tests.central_api.web.conftest import sign_in
from tests.central_api.web.scenario import ACCOUNT, DAY1, DAY2, PreparedDay, prepare_day
from tests.support.world import World

MONTH = DAY1.strftime("%Y-%m")


@pytest.fixture
def day(browser: TestClient, world: World, engine: Engine, tmp_path: Path) -> Iterator[PreparedDay]:
    prepared = prepare_day(browser, world, engine, tmp_path)
    yield prepared
    prepared.close()


def _cell(html: str, counter: str, on: date) -> str:
    found = re.search(rf'<td class="st-(\w+)"[^>]*id="cell-{counter}-{on.isoformat()}"', html)
    assert found, f"no cell {counter} {on}"
    return found.group(1)


def _ledger_rows(engine: Engine) -> int:
    with make_session_factory(engine)() as session:
        return session.scalar(select(func.count()).select_from(LedgerEntry)) or 0


def test_the_grid_shows_each_cells_status_with_colour_and_symbol_and_filters(
    browser: TestClient, day: PreparedDay
) -> None:
    sign_in(browser, "auditor")
    page = browser.get("/web/grid", params={"month": MONTH})
    assert page.status_code == 200, page.text
    assert _cell(page.text, "MYS001-1", DAY1) == "short"
    assert _cell(page.text, "MYS001-2", DAY1) == "excess"
    assert _cell(page.text, "MYS001-2", DAY2) == "awaiting_day_book"
    assert f"{DAY1.isoformat()}: Short" in page.text  # the status in words, not colour alone
    assert '<ul class="legend"' in page.text
    for words in ("Matched", "Short", "Excess", "Awaiting day book", "Awaiting bank"):
        assert words in page.text
    short_only = browser.get("/web/grid", params={"month": MONTH, "status": "short"}).text
    assert 'id="cell-MYS001-1-2026-11-02"' in short_only
    assert 'id="cell-MYS001-2-2026-11-02"' not in short_only
    elsewhere = browser.get("/web/grid", params={"month": MONTH, "unit": "VVSUB"}).text
    assert 'id="cell-MYS001-1' not in elsewhere
    here = browser.get("/web/grid", params={"month": MONTH, "unit": "NRSUB"}).text
    assert 'id="cell-MYS001-1-2026-11-02"' in here
    for params, field in (({"month": "2026-13"}, "month"), ({"month": "x"}, "month")):
        refused = browser.get("/web/grid", params=params)
        assert refused.status_code == 422 and f'<code id="field">{field}</code>' in refused.text


def test_the_grid_is_scoped_to_the_readers_part_of_the_company(
    browser: TestClient, day: PreparedDay
) -> None:
    sign_in(browser, "vv.accounts.officer")
    page = browser.get("/web/grid", params={"month": MONTH}).text
    assert "MYS001" not in page
    assert browser.get("/web/grid", params={"month": MONTH, "unit": "NRSUB"}).status_code == 404
    assert browser.get(f"/web/cells/MYS001-1/{DAY1.isoformat()}").status_code == 404


def test_the_drill_shows_receipts_day_book_denominations_and_remittances(
    browser: TestClient, day: PreparedDay
) -> None:
    sign_in(browser, "accounts.officer")
    page = browser.get(f"/web/cells/MYS001-1/{DAY1.isoformat()}")
    assert page.status_code == 200, page.text
    html = page.text
    assert "-₹100.00" in html  # the over/short
    assert day.cheque_receipt in html
    assert "₹4,800.00" in html
    assert "C001" in html and "C002" in html  # both shifts
    assert 'class="denominations"' in html and "₹500.00 note" in html
    assert "S1001" in html
    assert 'id="remittances"' in html
    browser.get("/web/language?to=kn")
    kannada = browser.get(f"/web/cells/MYS001-1/{DAY1.isoformat()}").text
    assert "<h2>ದಿನಪುಸ್ತಕ</h2>" in kannada and "ನಗದು" in kannada and "ಚೆಕ್" in kannada


def test_a_cheque_return_through_the_form_reverses_it(
    browser: TestClient, world: World, engine: Engine, day: PreparedDay
) -> None:
    csrf = sign_in(browser, "accounts.officer")
    form = browser.get("/web/cheque-return")
    assert 'id="cheque-return-form"' in form.text
    before = _ledger_rows(engine)
    done = browser.post(
        "/web/cheque-return",
        data={
            "csrf_token": csrf,
            "receipt_number": day.cheque_receipt,
            "returned_on": "2026-11-05",
            "reason": "funds insufficient",
        },
    )
    assert done.status_code == 200, done.text
    assert '<strong id="reversed">₹4,800.00</strong>' in done.text
    assert _ledger_rows(engine) > before
    again = browser.post(
        "/web/cheque-return",
        data={
            "csrf_token": csrf,
            "receipt_number": day.cheque_receipt,
            "returned_on": "2026-11-05",
            "reason": "funds insufficient",
        },
    )
    assert again.status_code == 409 and "already recorded" in again.text
    bad_date = browser.post(
        "/web/cheque-return",
        data={"csrf_token": csrf, "receipt_number": "X", "returned_on": "5/11", "reason": "r"},
    )
    assert bad_date.status_code == 422 and '<code id="field">returned_on</code>' in bad_date.text


def test_an_auditor_gets_no_forms_and_forged_posts_change_nothing(
    browser: TestClient, engine: Engine, day: PreparedDay
) -> None:
    csrf = sign_in(browser, "auditor")
    for path in ("/web/cheque-return", "/web/bank", f"/web/cells/MYS001-1/{DAY1.isoformat()}"):
        html = browser.get(path).text
        assert len(re.findall(r'<form method="post"', html)) == 1, path  # sign-out only
    before = _ledger_rows(engine)
    forged = browser.post(
        "/web/cheque-return",
        data={
            "csrf_token": csrf,
            "receipt_number": day.cheque_receipt,
            "returned_on": "2026-11-05",
            "reason": "funds insufficient",
        },
    )
    assert forged.status_code == 403
    assert "auditor may not act on the reconciliation" in forged.text
    assert _ledger_rows(engine) == before


def test_a_statement_uploads_matches_and_a_repeat_adds_nothing(
    browser: TestClient, day: PreparedDay
) -> None:
    csrf = sign_in(browser, "accounts.officer")
    statement = sbi_csv(
        [
            (DAY2, "BY CASH DEPOSIT SLIP S2001", "", 0, day.slips["S2001"]),
            (date(2026, 11, 4), "BY CASH MYSURU", "", 0, day.slips["S1001"] - 10_00),
        ],
        ACCOUNT,
    )
    upload = {"csrf_token": csrf, "profile": "sbi", "account_number": ACCOUNT}
    files = {"file": ("sbi.csv", statement, "text/csv")}
    first = browser.post("/web/bank", data=upload, files=files)
    assert first.status_code == 200, first.text
    assert '<strong id="lines-new">2</strong>' in first.text
    assert '<strong id="lines-matched">1</strong>' in first.text
    repeat = browser.post("/web/bank", data=upload, files=files)
    assert repeat.status_code == 409 and "already imported" in repeat.text
    wrong = browser.post(
        "/web/bank", data=upload, files={"file": ("x.csv", b"a,b\n1,2\n", "text/csv")}
    )
    assert wrong.status_code == 422 and '<code id="field">' in wrong.text
    cell = browser.get(f"/web/cells/MYS001-1/{DAY1.isoformat()}").text
    line = re.search(r'<option value="(\d+)">2026-11-04', cell)
    remittance = re.search(r'name="remittance_entry_id" value="(\d+)"', cell)
    assert line and remittance, cell
    matched = browser.post(
        "/web/matches",
        data={
            "csrf_token": csrf,
            "bank_line_id": line.group(1),
            "remittance_entry_id": remittance.group(1),
            "note": "slip number missing on the statement",
            "back": f"/web/cells/MYS001-1/{DAY1.isoformat()}",
        },
    )
    assert matched.status_code == 303, matched.text
    after = browser.get(matched.headers["location"]).text
    assert 'name="remittance_entry_id"' not in after
    assert "-₹10.00" in after  # the bank credited Rs 10 less than the slip
    undo = re.search(r'action="(/web/matches/\d+/undo)"', after)
    assert undo, after
    undone = browser.post(
        undo.group(1),
        data={"csrf_token": csrf, "reason": "matched the wrong slip", "back": "/web/bank"},
    )
    assert undone.status_code == 303, undone.text
    again = browser.get(f"/web/cells/MYS001-1/{DAY1.isoformat()}").text
    assert 'name="remittance_entry_id"' in again  # open to a match once more


def test_a_suspense_transfer_needs_a_second_officer(
    browser: TestClient, world: World, day: PreparedDay
) -> None:
    csrf = sign_in(browser, "accounts.officer")
    queue = browser.get("/web/suspense").text
    held = re.search(r'action="/web/suspense/(\d+)/ask"', queue)
    assert held, queue
    asked = browser.post(
        f"/web/suspense/{held.group(1)}/ask",
        data={"csrf_token": csrf, "rr_number": "MYS1000002", "reason": "consumer quoted old RR"},
    )
    assert asked.status_code == 303, asked.text
    page = browser.get("/web/suspense").text
    request_id = re.search(r'id="request-(\d+)"', page)
    assert request_id and "Awaiting a second officer" in page
    assert "/decide" not in page  # the asker is offered no approval
    own = browser.post(
        f"/web/suspense-transfers/{request_id.group(1)}/decide",
        data={"csrf_token": csrf, "decision": "approve"},
    )
    assert own.status_code == 403 and "second officer" in own.text
    admin_csrf = sign_in(browser, "admin")
    approved = browser.post(
        f"/web/suspense-transfers/{request_id.group(1)}/decide",
        data={"csrf_token": admin_csrf, "decision": "approve", "note": "checked the bill"},
    )
    assert approved.status_code == 303, approved.text
    balance = browser.get("/api/v1/consumers/MYS1000002", headers=world.auth("cashier")).json()[
        "balance_paise"
    ]
    assert balance == -(730_00 + 4_800_00 + 450_00)


def test_a_mis_posted_payment_moves_only_when_a_second_officer_approves(
    browser: TestClient, world: World, day: PreparedDay
) -> None:
    def balance(rr: str) -> int:
        answer = browser.get(f"/api/v1/consumers/{rr}", headers=world.auth("cashier"))
        return int(answer.json()["balance_paise"])

    csrf = sign_in(browser, "accounts.officer")
    cell = browser.get(f"/web/cells/MYS001-1/{DAY1.isoformat()}").text
    assert 'action="/web/payment-transfers"' in cell
    before = balance("MYS1000001"), balance("VVN2000001")
    outside = browser.post(
        "/web/payment-transfers",
        data={
            "csrf_token": csrf,
            "receipt_number": "MYS001-1/2026-27/1",
            "to_rr_number": "VVN2000001",
            "reason": "keyed the wrong RR number",
        },
    )
    assert outside.status_code == 403 and '<code id="field">to_rr_number</code>' in outside.text
    asked = browser.post(
        "/web/payment-transfers",
        data={
            "csrf_token": csrf,
            "receipt_number": "MYS001-1/2026-27/1",
            "to_rr_number": "MYS1000002",
            "reason": "keyed the wrong RR number",
        },
    )
    assert asked.status_code == 303, asked.text
    queue = browser.get("/web/suspense").text
    request_id = re.search(r'id="payment-request-(\d+)"', queue)
    assert request_id and "₹1,250.00" in queue
    assert "/payment-transfers/" not in queue  # no approval offered to the asker
    admin_csrf = sign_in(browser, "admin")
    approved = browser.post(
        f"/web/payment-transfers/{request_id.group(1)}/decide",
        data={"csrf_token": admin_csrf, "decision": "approve"},
    )
    assert approved.status_code == 303, approved.text
    assert balance("MYS1000001") == before[0] + 1_250_00
    assert balance("MYS1000002") == -(730_00 + 4_800_00 + 1_250_00)
    assert balance("VVN2000001") == before[1]
