"""Bank statement CSV: the ready profiles read their layouts into paise; a wrong layout is refused
naming the column, and the import route writes nothing for it."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from central_api.db import make_session_factory
from central_api.reconciliation.bank_csv import PROFILES, ColumnMapping, parse_statement
from central_api.reconciliation.models import BankLine, BankStatement
from common.errors import ValidationProblem
from tests.central_api.reconciliation.desks import sbi_csv
from tests.support.world import World

CANARA = b"""Canara Bank,Account Statement
Account No,0412101012345
Txn Date,Value Date,Cheque No.,Description,Branch Code,Debit,Credit,Balance
03-11-2026 10:15:02,03-11-2026,,BY CASH S1001,412,,"1,23,456.78","5,00,000.00"
04-11-2026,04-11-2026,000123,TO CHQ,412,"2,000.00",,"4,98,000.00"
"""


def test_the_canara_profile_reads_indian_amounts_into_paise() -> None:
    lines = parse_statement(CANARA, PROFILES["canara"]).lines
    assert [(ln.txn_date, ln.credit_paise, ln.debit_paise) for ln in lines] == [
        (date(2026, 11, 3), 12_345_678, 0),
        (date(2026, 11, 4), 0, 2_000_00),
    ]
    assert lines[1].reference == "000123" and lines[0].balance_paise == 5_00_000_00


def test_the_sbi_profile_skips_the_particulars_and_the_footer() -> None:
    data = sbi_csv([(date(2026, 11, 3), "BY CASH", "", 0, 10_00_000_00)], "30012345678")
    (line,) = parse_statement(data, PROFILES["sbi"]).lines
    assert line.credit_paise == 10_00_000_00 and line.description == "BY CASH"


def test_a_custom_mapping_reads_another_layout() -> None:
    mapping = ColumnMapping(
        txn_date="Date",
        description="Narration",
        debit="Withdrawal Amt.",
        credit="Deposit Amt.",
        reference="Chq./Ref.No.",
        balance="Closing Balance",
        date_formats=("%d/%m/%y",),
    )
    data = (
        b"Date,Narration,Chq./Ref.No.,Withdrawal Amt.,Deposit Amt.,Closing Balance\n"
        b"05/11/26,CASH,,,500.5,1000\n"
    )
    (line,) = parse_statement(data, mapping).lines
    assert (line.txn_date, line.credit_paise, line.balance_paise) == (
        date(2026, 11, 5),
        500_50,
        1000_00,
    )


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (CANARA.replace(b",Credit,", b",Deposit,"), "unexpected column 'Deposit'"),
        (CANARA.replace(b",Balance\n", b"\n"), "no column 'Balance'"),
        (CANARA.replace(b",Branch Code", b""), "has 8 values but the header has 7"),
        (CANARA.replace(b"1,23,456.78", b"12.345"), "3 digits after the decimal point"),
        (CANARA.replace(b"03-11-2026 10:15:02", b"2026/11/03"), "not a date"),
        (b"just,some,text\n1,2,3\n", "no header row"),
    ],
)
def test_a_wrong_layout_is_refused_naming_what_is_wrong(data: bytes, words: str) -> None:
    with pytest.raises(ValidationProblem) as caught:
        parse_statement(data, PROFILES["canara"])
    assert words in caught.value.reason or words in str(caught.value.field)


def test_a_canara_file_under_the_sbi_profile_imports_nothing(
    client: TestClient, world: World, engine: Engine
) -> None:
    response = client.post(
        "/api/v1/reconciliation/bank-statements",
        files={"file": ("canara.csv", CANARA, "text/csv")},
        data={"profile": "sbi", "account_number": "0412101012345"},
        headers=world.auth("accounts_officer"),
    )
    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["field"] == "file"
    assert "'Ref No./Cheque No.'" in problem["reason"]
    with make_session_factory(engine)() as session:
        assert session.scalar(select(func.count()).select_from(BankStatement)) == 0
        assert session.scalar(select(func.count()).select_from(BankLine)) == 0


@pytest.mark.parametrize(
    ("form", "field"),
    [
        ({"profile": "hdfc", "account_number": "30012345678"}, "profile"),
        ({"profile": "sbi", "account_number": "12"}, "account_number"),
    ],
)
def test_bad_import_fields_are_named(
    client: TestClient, world: World, form: dict[str, str], field: str
) -> None:
    response = client.post(
        "/api/v1/reconciliation/bank-statements",
        files={"file": ("s.csv", CANARA, "text/csv")},
        data=form,
        headers=world.auth("accounts_officer"),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == field


def test_an_auditor_cannot_import(client: TestClient, world: World) -> None:
    response = client.post(
        "/api/v1/reconciliation/bank-statements",
        files={"file": ("s.csv", CANARA, "text/csv")},
        data={"profile": "canara", "account_number": "0412101012345"},
        headers=world.auth("auditor"),
    )
    assert response.status_code == 403


def test_a_statement_over_the_size_limit_is_refused(
    client: TestClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRM_MAX_STATEMENT_BYTES", "1000")
    big = CANARA + b"\n" * 2000
    response = client.post(
        "/api/v1/reconciliation/bank-statements",
        files={"file": ("big.csv", big, "text/csv")},
        data={"profile": "canara", "account_number": "0412101012345"},
        headers=world.auth("accounts_officer"),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0] == {"field": "file", "reason": "is larger than 1000 bytes"}
