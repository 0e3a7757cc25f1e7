"""The full day of the issue: four cashiers at two counters (one offline half the day), closings
with one short and one excess, remittances, a bank statement with one missing credit and one
unknown credit; the grid shows exactly those differences and nothing else."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from central_api.db import make_session_factory
from central_api.reconciliation.models import BankLine
from counter_client.journal import Cash, Cheque, DemandDraft, Upi
from tests.central_api.reconciliation.desks import Desk, connect_counters, sbi_csv
from tests.support.world import World

DAY1, DAY2 = date(2026, 11, 2), date(2026, 11, 3)
ACCOUNT = "30012345678"
GRID = "/api/v1/reconciliation/grid"
IMPORT = "/api/v1/reconciliation/bank-statements"


@pytest.fixture
def desks(tmp_path: Path) -> Iterator[dict[str, Desk]]:
    made = {
        "MYS001-1": Desk(tmp_path / "c1.db", "MYS001-1", DAY1, ["C001", "C002"]),
        "MYS001-2": Desk(tmp_path / "c2.db", "MYS001-2", DAY1, ["C003", "C004"]),
    }
    yield made
    for desk in made.values():
        desk.close()


def _grid(client: TestClient, world: World, month: date = DAY1) -> Any:
    response = client.get(GRID, params={"month": month.isoformat()}, headers=world.auth("auditor"))
    assert response.status_code == 200, response.text
    return response.json()


def _cells(grid: Any) -> dict[tuple[str, str], Any]:
    return {(c["counter_code"], c["business_date"]): c for c in grid["cells"]}


def _first_day(desks: dict[str, Desk], client: TestClient, auth: dict[str, dict[str, str]]) -> None:
    one, two = desks["MYS001-1"], desks["MYS001-2"]
    one.journal.open_day(cashier_id="C001")
    two.journal.open_day(cashier_id="C003")
    one.journal.take_receipt(
        cashier_id="C001", rr_number="MYS1000001", amount_paise=1_250_00, payment=Cash()
    )
    one.journal.take_receipt(
        cashier_id="C001",
        rr_number="MYS1000002",
        amount_paise=4_800_00,
        payment=Cheque(number="104512", bank="Canara Bank", branch="Mysuru", instrument_date=DAY1),
    )
    one.journal.take_receipt(
        cashier_id="C002", rr_number="MYS1000002", amount_paise=730_00, payment=Cash()
    )
    wrong = one.journal.take_receipt(
        cashier_id="C002", rr_number="MYS1000001", amount_paise=99_00, payment=Cash()
    )
    one.journal.cancel_receipt(
        cashier_id="C002",
        receipt_number=wrong.receipt_number,
        reason="wrong amount",
        supervisor_id="S001",
    )
    one.journal.take_receipt(
        cashier_id="C002",
        rr_number="MYS1000001",
        amount_paise=310_00,
        payment=Upi(reference="431122334455"),
    )
    one.push(client, auth["MYS001-1"])
    # Counter 2 is online in the morning, then offline: its afternoon and closing arrive late.
    two.journal.take_receipt(
        cashier_id="C003", rr_number="MYS1000001", amount_paise=2_000_00, payment=Cash()
    )
    two.push(client, auth["MYS001-2"])
    two.journal.cash_in(cashier_id="C004", amount_paise=500_00, note="change float")
    two.journal.take_receipt(
        cashier_id="C004", rr_number="MYS1000002", amount_paise=640_00, payment=Cash()
    )
    two.journal.take_receipt(
        cashier_id="C004",
        rr_number="MYS1000001",
        amount_paise=3_500_00,
        payment=DemandDraft(number="550021", bank="SBI", branch="Mysuru", instrument_date=DAY1),
    )
    one.close_shift("C001", cash_off_by=-100_00)  # short by Rs 100
    one.close_shift("C002")
    one.journal.close_day(supervisor_id="S002")
    two.close_shift("C003", cash_off_by=50_00)  # excess of Rs 50
    two.close_shift("C004")
    two.journal.close_day(supervisor_id="S001")
    one.push(client, auth["MYS001-1"])


def test_the_full_day_shows_exactly_its_differences(
    client: TestClient, world: World, engine: Engine, desks: dict[str, Desk]
) -> None:
    auth = connect_counters(engine, world)
    one, two = desks["MYS001-1"], desks["MYS001-2"]
    _first_day(desks, client, auth)

    midway = _cells(_grid(client, world))
    assert midway[("MYS001-2", DAY1.isoformat())]["status"] == "awaiting_day_book"
    assert midway[("MYS001-2", DAY1.isoformat())]["receipts"] == 1  # the rest is still offline
    assert midway[("MYS001-1", DAY1.isoformat())]["status"] == "short"

    # The next day: both counters bank day 1 and work day 2; counter 2 comes back online.
    for desk in desks.values():
        desk.clock.to_day(DAY2)
    one.journal.open_day(cashier_id="C001")
    two.journal.open_day(cashier_id="C003")
    slip1 = one.remit("C001", DAY1, slip="S1001", deposited=DAY2, account=ACCOUNT)
    slip2 = two.remit("C003", DAY1, slip="S2001", deposited=DAY2, account=ACCOUNT)
    one.journal.take_receipt(
        cashier_id="C001", rr_number="MYS1000002", amount_paise=900_00, payment=Cash()
    )
    two.journal.take_receipt(
        cashier_id="C003", rr_number="MYS1000002", amount_paise=1_100_00, payment=Cash()
    )
    one.close_shift("C001")
    two.close_shift("C003")
    one.journal.close_day(supervisor_id="S001")
    two.journal.close_day(supervisor_id="S001")
    for desk in desks.values():
        desk.clock.to_day(date(2026, 11, 4))
    slip3 = one.remit("C001", DAY2, slip="S1002", deposited=date(2026, 11, 4), account=ACCOUNT)
    slip4 = two.remit("C003", DAY2, slip="S2002", deposited=date(2026, 11, 4), account=ACCOUNT)
    one.push(client, auth["MYS001-1"])
    two.push(client, auth["MYS001-2"])

    statement = sbi_csv(
        [
            (DAY2, "BY CASH DEPOSIT SLIP S1001", "", 0, slip1.body["amount_paise"]),
            (DAY2, "CASH DEP MYSURU", "", 0, slip2.body["amount_paise"]),
            (date(2026, 11, 5), "BY CLG S2002 CESC", "CLG5521", 0, slip4.body["amount_paise"]),
            (date(2026, 11, 6), "NEFT-UTIB0000123-UNKNOWN PAYER", "N310260012", 0, 1_234_00),
            (date(2026, 11, 7), "SMS CHARGES", "", 59_00, 0),
            (date(2026, 11, 12), "ATM AMC CHARGES", "", 118_00, 0),
        ],
        ACCOUNT,
    )
    imported = client.post(
        IMPORT,
        files={"file": ("sbi-nov.csv", statement, "text/csv")},
        data={"profile": "sbi", "account_number": ACCOUNT},
        headers=world.auth("accounts_officer"),
    )
    assert imported.status_code == 201, imported.text
    assert imported.json()["lines_new"] == 6
    assert imported.json()["matched"] == 3

    grid = _grid(client, world)
    cells = _cells(grid)
    assert set(cells) == {
        ("MYS001-1", DAY1.isoformat()),
        ("MYS001-1", DAY2.isoformat()),
        ("MYS001-2", DAY1.isoformat()),
        ("MYS001-2", DAY2.isoformat()),
    }
    differences = {
        key: (c["status"], [(d["kind"], d["paise"]) for d in c["differences"]])
        for key, c in cells.items()
    }
    assert differences == {
        ("MYS001-1", DAY1.isoformat()): ("short", [("count", -100_00)]),
        ("MYS001-1", DAY2.isoformat()): ("short", [("bank_missing", -slip3.body["amount_paise"])]),
        ("MYS001-2", DAY1.isoformat()): ("excess", [("count", 50_00)]),
        ("MYS001-2", DAY2.isoformat()): ("matched", []),
    }
    for cell in cells.values():
        assert cell["missing_receipts"] == 0 and cell["journal_gaps"] == []
        assert cell["chain_break"] is None and cell["unheld_paise"] == 0
        assert cell["suspense_open"] == 0 and cell["conflicts_open"] == 0
    day1 = cells[("MYS001-1", DAY1.isoformat())]
    assert day1["receipts"] == 5 and day1["cancellations"] == 1
    assert day1["held_paise"]["cash"] == 1_250_00 + 730_00
    assert day1["held_paise"]["cheque"] == 4_800_00 and day1["held_paise"]["upi"] == 310_00
    late = cells[("MYS001-2", DAY1.isoformat())]
    assert late["receipts"] == 3 and late["held_net_paise"] == 2_000_00 + 640_00 + 3_500_00
    assert [(u["credit_paise"], u["reference"]) for u in grid["unmatched_credits"]] == [
        (1_234_00, "N310260012")
    ]
    assert grid["status_counts"] == {
        "awaiting_day_book": 0,
        "short": 2,
        "excess": 1,
        "awaiting_bank": 0,
        "matched": 1,
    }


def test_the_same_statement_twice_credits_once(
    client: TestClient, world: World, engine: Engine
) -> None:
    first = [(DAY2, "CASH DEP", "", 0, 500_00), (DAY2, "NEFT X", "N1", 0, 700_00)]
    statement = sbi_csv(first, ACCOUNT)

    def send(data: bytes, name: str) -> Any:
        return client.post(
            IMPORT,
            files={"file": (name, data, "text/csv")},
            data={"profile": "sbi", "account_number": ACCOUNT},
            headers=world.auth("accounts_officer"),
        )

    assert send(statement, "a.csv").status_code == 201
    again = send(statement, "a-copy.csv")
    assert again.status_code == 409
    assert again.json()["detail"][0]["field"] == "file"
    assert "already imported" in again.json()["detail"][0]["reason"]
    overlapping = sbi_csv([*first, (date(2026, 11, 4), "CASH DEP", "", 0, 800_00)], ACCOUNT)
    later = send(overlapping, "b.csv")
    assert later.status_code == 201, later.text
    assert (later.json()["lines_new"], later.json()["lines_already_held"]) == (1, 2)
    with make_session_factory(engine)() as session:
        credited = session.scalar(select(func.sum(BankLine.credit_paise)))
        assert credited == 500_00 + 700_00 + 800_00


def test_an_officer_matches_by_hand_what_the_matcher_left_and_can_undo_it(
    client: TestClient, world: World, engine: Engine, desks: dict[str, Desk]
) -> None:
    auth = connect_counters(engine, world)
    one = desks["MYS001-1"]
    one.journal.open_day(cashier_id="C001")
    one.journal.take_receipt(
        cashier_id="C001", rr_number="MYS1000001", amount_paise=2_000_00, payment=Cash()
    )
    one.close_shift("C001")
    one.journal.close_day(supervisor_id="S001")
    one.clock.to_day(DAY2)
    slip = one.remit("C001", DAY1, slip="S7001", deposited=DAY2, account=ACCOUNT)
    one.push(client, auth["MYS001-1"])
    # The bank credited Rs 10 less (its charge) and without the slip number: no automatic match.
    statement = sbi_csv([(DAY2, "CASH DEP", "", 0, 1_990_00)], ACCOUNT)
    officer = world.auth("accounts_officer")
    imported = client.post(
        IMPORT,
        files={"file": ("s.csv", statement, "text/csv")},
        data={"profile": "sbi", "account_number": ACCOUNT},
        headers=officer,
    )
    assert imported.json()["matched"] == 0
    (line,) = _grid(client, world)["unmatched_credits"]
    drill = client.get(
        f"/api/v1/reconciliation/cells/MYS001-1/{DAY1.isoformat()}", headers=officer
    ).json()
    (remitted,) = drill["remittances"]
    assert remitted["slip_number"] == "S7001" and remitted["bank_line"] is None
    made = client.post(
        "/api/v1/reconciliation/matches",
        json={
            "bank_line_id": line["id"],
            "remittance_entry_id": remitted["entry_id"],
            "note": "bank charge taken",
        },
        headers=officer,
    )
    assert made.status_code == 201, made.text
    cell = _cells(_grid(client, world))[("MYS001-1", DAY1.isoformat())]
    assert cell["status"] == "short"
    assert [(d["kind"], d["paise"]) for d in cell["differences"]] == [("bank", -10_00)]
    assert _grid(client, world)["unmatched_credits"] == []
    undone = client.post(
        f"/api/v1/reconciliation/matches/{made.json()['id']}/undo",
        json={"reason": "paired in error"},
        headers=officer,
    )
    assert undone.status_code == 200 and undone.json()["undone_at"] is not None
    again = client.post(
        f"/api/v1/reconciliation/matches/{made.json()['id']}/undo",
        json={"reason": "paired in error"},
        headers=officer,
    )
    assert again.status_code == 409
    cell = _cells(_grid(client, world))[("MYS001-1", DAY1.isoformat())]
    assert (cell["status"], cell["bank_credited_paise"]) == ("awaiting_bank", 0)
    assert slip.body["amount_paise"] == 2_000_00


def test_an_officer_sees_only_the_counters_of_their_part_of_the_company(
    client: TestClient, world: World, engine: Engine, desks: dict[str, Desk]
) -> None:
    auth = connect_counters(engine, world)
    one = desks["MYS001-1"]
    one.journal.open_day(cashier_id="C001")
    one.journal.take_receipt(
        cashier_id="C001", rr_number="MYS1000001", amount_paise=100_00, payment=Cash()
    )
    one.push(client, auth["MYS001-1"])
    own = client.get(
        GRID, params={"month": "2026-11-01"}, headers=world.auth("accounts_officer")
    ).json()
    assert [c["counter_code"] for c in own["cells"]] == ["MYS001-1"]
    other = world.auth("sub2_accounts_officer")
    assert client.get(GRID, params={"month": "2026-11-01"}, headers=other).json()["cells"] == []
    hidden = client.get(f"/api/v1/reconciliation/cells/MYS001-1/{DAY1.isoformat()}", headers=other)
    assert hidden.status_code == 404
    unit = world.units["NRSUB"].id
    refused = client.get(GRID, params={"month": "2026-11-01", "unit_id": unit}, headers=other)
    assert refused.status_code == 403 and refused.json()["detail"][0]["field"] == "unit_id"
