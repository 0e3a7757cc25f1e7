"""Malformed and hostile values in every workbench form: a clear refusal page naming the field,
never a 500, nothing written; the same form, well-formed, then succeeds (so the refusals are for
the values). The workbench's counterpart of tests/central_api/test_hostile_input.py."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from central_api.db import Base
from tests.central_api.reconciliation.desks import sbi_csv
from tests.central_api.reconciliation.factories import quarantine_beside
from tests.central_api.web.conftest import csrf_of, sign_in
from tests.central_api.web.scenario import ACCOUNT, DAY1, DAY2, PreparedDay, prepare_day
from tests.support.world import World

HOSTILE: list[str] = [
    "",
    "-1",
    "1.5",
    "٣",  # a digit, but not one of ours
    str(2**70),
    "Robert'); DROP TABLE consumers;--",
    "<script>alert(1)</script>",
    "x" * 100_000,
    "\u0000nul",
]
FREE_TEXT = {"reason", "note"}  # any words stand; only empty, huge or NUL are refused
FREE_TEXT_HOSTILE = ["", "x" * 100_000, "\u0000nul"]


@dataclass
class Form:
    path: str
    fields: dict[str, str]
    files: dict[str, Any] | None = None
    who: str = "accounts.officer"


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in Base.metadata.sorted_tables
            if t.name != "auth_tokens"
        }


@pytest.fixture
def day(browser: TestClient, world: World, engine: Engine, tmp_path: Path) -> Iterator[PreparedDay]:
    prepared = prepare_day(browser, world, engine, tmp_path)
    quarantine_beside(engine, "MYS001-1", 1, DAY1)
    yield prepared
    prepared.close()


def _ask(client: TestClient, day: PreparedDay) -> Form:
    held = re.search(r'action="(/web/suspense/\d+/ask)"', client.get("/web/suspense").text)
    assert held
    return Form(held.group(1), {"rr_number": "MYS1000002", "reason": "consumer quoted old RR"})


def _decide(client: TestClient, day: PreparedDay) -> Form:
    asked = _ask(client, day)
    csrf = csrf_of(client.get("/web/suspense").text)
    client.post(asked.path, data={"csrf_token": csrf, **asked.fields})
    request = re.search(r'id="request-(\d+)"', client.get("/web/suspense").text)
    assert request
    path = f"/web/suspense-transfers/{request.group(1)}/decide"
    return Form(path, {"decision": "approve", "note": "checked the bill"}, who="admin")


def _cheque_return(client: TestClient, day: PreparedDay) -> Form:
    return Form(
        "/web/cheque-return",
        {
            "receipt_number": day.cheque_receipt,
            "returned_on": "2026-11-05",
            "reason": "funds insufficient",
        },
    )


def _statement(day: PreparedDay) -> bytes:
    return sbi_csv([(DAY2, "BY CASH MYSURU", "", 0, day.slips["S1001"] - 10_00)], ACCOUNT)


def _bank(client: TestClient, day: PreparedDay) -> Form:
    return Form(
        "/web/bank",
        {"profile": "sbi", "account_number": ACCOUNT},
        files={"file": ("sbi.csv", _statement(day), "text/csv")},
    )


def _match(client: TestClient, day: PreparedDay) -> Form:
    csrf = csrf_of(client.get("/web/bank").text)
    upload = _bank(client, day)
    client.post(upload.path, data={"csrf_token": csrf, **upload.fields}, files=upload.files)
    cell = client.get(f"/web/cells/MYS001-1/{DAY1.isoformat()}").text
    line = re.search(r'<option value="(\d+)">', cell)
    remittance = re.search(r'name="remittance_entry_id" value="(\d+)"', cell)
    assert line and remittance, cell
    return Form(
        "/web/matches",
        {
            "bank_line_id": line.group(1),
            "remittance_entry_id": remittance.group(1),
            "note": "slip number missing on the statement",
            "back": "/web/bank",
        },
    )


def _payment_ask(client: TestClient, day: PreparedDay) -> Form:
    return Form(
        "/web/payment-transfers",
        {
            "receipt_number": "MYS001-1/2026-27/1",
            "to_rr_number": "MYS1000002",
            "reason": "keyed the wrong RR number",
        },
    )


def _payment_decide(client: TestClient, day: PreparedDay) -> Form:
    asked = _payment_ask(client, day)
    csrf = csrf_of(client.get("/web/suspense").text)
    client.post(asked.path, data={"csrf_token": csrf, **asked.fields})
    request = re.search(r'id="payment-request-(\d+)"', client.get("/web/suspense").text)
    assert request
    path = f"/web/payment-transfers/{request.group(1)}/decide"
    return Form(path, {"decision": "approve", "note": "checked the receipt"}, who="admin")


def _undo(client: TestClient, day: PreparedDay) -> Form:
    made = _match(client, day)
    csrf = csrf_of(client.get("/web/bank").text)
    client.post(made.path, data={"csrf_token": csrf, **made.fields})
    cell = client.get(f"/web/cells/MYS001-1/{DAY1.isoformat()}").text
    undo = re.search(r'action="(/web/matches/\d+/undo)"', cell)
    assert undo, cell
    return Form(undo.group(1), {"reason": "matched the wrong slip", "back": "/web/bank"})


def _resolve(client: TestClient, day: PreparedDay) -> Form:
    held = re.search(r'action="(/web/quarantine/\d+/resolve)"', client.get("/web/quarantine").text)
    assert held
    return Form(
        held.group(1),
        {"resolution": "held_entry_stands", "reason": "counterfoil matches the held receipt"},
    )


FORMS: dict[str, Callable[[TestClient, PreparedDay], Form]] = {
    "undo match": _undo,
    "payment ask": _payment_ask,
    "payment decide": _payment_decide,
    "suspense ask": _ask,
    "suspense decide": _decide,
    "cheque return": _cheque_return,
    "bank statement": _bank,
    "manual match": _match,
    "quarantine resolve": _resolve,
}


@pytest.mark.parametrize("name", sorted(FORMS))
def test_hostile_form_values_are_refused_naming_the_field_and_nothing_is_written(
    browser: TestClient, engine: Engine, day: PreparedDay, name: str
) -> None:
    sign_in(browser, "accounts.officer")
    form = FORMS[name](browser, day)
    csrf = sign_in(browser, form.who)
    before = _counts(engine)
    for field, valid in form.fields.items():
        if field == "back":
            continue
        for value in FREE_TEXT_HOSTILE if field in FREE_TEXT else HOSTILE:
            if value == valid or (field == "note" and value == "" and "decide" in form.path):
                continue
            response = browser.post(
                form.path, data={"csrf_token": csrf, **form.fields, field: value}, files=form.files
            )
            assert 400 <= response.status_code < 500, (field, value[:40], response.status_code)
            assert "<script>alert(1)</script>" not in response.text
            assert re.search(r'<code id="field">[\w.]+</code>', response.text), (
                field,
                value[:40],
                response.text[-600:],
            )
    if form.files:
        for bad in (b"", b"\x00\xff" * 100, b"Date,Amount\n1,2\n"):
            response = browser.post(
                form.path,
                data={"csrf_token": csrf, **form.fields},
                files={"file": ("bad.csv", bad, "text/csv")},
            )
            assert 400 <= response.status_code < 500, (bad[:20], response.status_code)
        missing = browser.post(form.path, data={"csrf_token": csrf, **form.fields})
        assert missing.status_code == 422 and '<code id="field">file</code>' in missing.text
    assert _counts(engine) == before
    accepted = browser.post(form.path, data={"csrf_token": csrf, **form.fields}, files=form.files)
    assert accepted.status_code in (200, 303), accepted.text[-600:]
    assert _counts(engine) != before
