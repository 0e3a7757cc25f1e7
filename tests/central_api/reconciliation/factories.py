"""Rows the reconciliation's write routes act on, made straight in the centre's database (for
tests such as the hostile-input walk that need one valid target of each kind)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from central_api.consumers.models import Consumer
from central_api.db import make_session_factory, transaction
from central_api.identity.models import User
from central_api.ledger.schemas import EntryCategory, EntryKind
from central_api.ledger.service import Posting, post
from central_api.org.models import Counter
from central_api.reconciliation.models import (
    AccountTransfer,
    BankLine,
    BankStatement,
    RemittanceMatch,
    SuspenseTransferRequest,
)
from central_api.sync.models import CounterEntry, SuspenseEntry, SyncConflict

DAY = date(2026, 11, 2)
IST = timezone(timedelta(hours=5, minutes=30))
RECEIPT = "MYS001-1/2026-27/1"
ACCOUNT = "30012345678"


def _entry(session: Session, sequence: int, kind: str, body: dict[str, object]) -> CounterEntry:
    counter_id = session.scalar(select(Counter.id).where(Counter.code == "MYS001-1"))
    assert counter_id is not None
    entry = CounterEntry(
        counter_id=counter_id,
        sequence=sequence,
        kind=kind,
        business_date=DAY,
        local_time=datetime(2026, 11, 2, 11, 0, tzinfo=IST),
        cashier="C001",
        receipt_number=body.get("receipt_number"),
        rr_number=body.get("rr_number"),
        amount_paise=body.get("amount_paise"),
        payment_mode=body.get("payment_mode"),
        prev_hash="0" * 64,
        hash=f"{sequence:064x}",
        body=body,
    )
    session.add(entry)
    session.flush()
    return entry


def cheque_receipt(engine: Engine) -> None:
    """Receipt MYS001-1/2026-27/1: a cheque of Rs 1,000 on MYS1000002, posted to its ledger."""
    with transaction(make_session_factory(engine)) as session:
        body = {
            "receipt_number": RECEIPT,
            "rr_number": "MYS1000002",
            "amount_paise": 1_000_00,
            "payment_mode": "cheque",
        }
        _entry(session, 1, "receipt", body)
        consumer = session.scalar(select(Consumer.id).where(Consumer.rr_number == "MYS1000002"))
        assert consumer is not None
        post(
            session,
            Posting(
                consumer_id=consumer,
                kind=EntryKind.CREDIT,
                category=EntryCategory.PAYMENT,
                amount_paise=1_000_00,
                source_ref=f"receipt:{RECEIPT}",
                business_date=DAY,
            ),
        )


def bank_credit_and_remittance(engine: Engine) -> None:
    """Bank line 1 (a credit of Rs 1,000) and remittance entry 1 (slip S1, Rs 1,000)."""
    with transaction(make_session_factory(engine)) as session:
        _entry(
            session,
            1,
            "remittance",
            {
                "bank": "SBI",
                "branch": "",
                "account_number": ACCOUNT,
                "slip_number": "S1",
                "deposit_date": "2026-11-03",
                "cash_paise": 1_000_00,
                "cheque_paise": 0,
                "instruments": [],
                "amount_paise": 1_000_00,
            },
        )
        statement = BankStatement(
            profile="sbi",
            account_number=ACCOUNT,
            file_name="s.csv",
            file_sha256="a" * 64,
            lines_read=1,
            lines_new=1,
            lines_already_held=0,
        )
        session.add(statement)
        session.flush()
        session.add(
            BankLine(
                statement_id=statement.id,
                line_no=1,
                account_number=ACCOUNT,
                txn_date=date(2026, 11, 20),
                description="CASH",
                reference="",
                debit_paise=0,
                credit_paise=1_000_00,
                line_key="b" * 64,
            )
        )


def live_match(engine: Engine) -> None:
    """Match 1: bank line 1 to remittance entry 1."""
    bank_credit_and_remittance(engine)
    with transaction(make_session_factory(engine)) as session:
        session.add(RemittanceMatch(bank_line_id=1, remittance_entry_id=1, method="auto"))


def _admin(session: Session) -> int:
    admin = session.scalar(select(User.id).where(User.username == "admin"))
    assert admin is not None
    return admin


def suspense_held(engine: Engine) -> None:
    """Suspense entry 1: Rs 500 taken at MYS001-1 for an RR number the centre does not know."""
    with transaction(make_session_factory(engine)) as session:
        counter_id = session.scalar(select(Counter.id).where(Counter.code == "MYS001-1"))
        session.add(
            SuspenseEntry(
                source_ref="receipt:MYS001-1/2026-27/9",
                counter_id=counter_id,
                rr_number_given="MYS1000009",
                amount_paise=500_00,
                business_date=DAY,
            )
        )


def suspense_asked(engine: Engine) -> None:
    """Suspense entry 1 with transfer request 1 to MYS1000002, asked by the admin."""
    suspense_held(engine)
    with transaction(make_session_factory(engine)) as session:
        consumer = session.scalar(select(Consumer.id).where(Consumer.rr_number == "MYS1000002"))
        assert consumer is not None
        session.add(
            SuspenseTransferRequest(
                suspense_id=1,
                consumer_id=consumer,
                rr_number="MYS1000002",
                reason="RR mistyped",
                requested_by=_admin(session),
            )
        )


def transfer_asked(engine: Engine) -> None:
    """Receipt 1's payment with transfer request 1 to MYS1000001, asked by the admin."""
    cheque_receipt(engine)
    with transaction(make_session_factory(engine)) as session:
        ids = dict(session.execute(select(Consumer.rr_number, Consumer.id)).all())
        session.add(
            AccountTransfer(
                payment_entry_id=1,
                from_consumer_id=ids["MYS1000002"],
                to_consumer_id=ids["MYS1000001"],
                amount_paise=1_000_00,
                reason="paid for neighbour",
                requested_by=_admin(session),
            )
        )


def quarantine_beside(engine: Engine, counter_code: str, sequence: int, business_date: date) -> int:
    """A different entry `sequence` from `counter_code`, quarantined beside the one held: its id."""
    with transaction(make_session_factory(engine)) as session:
        counter_id = session.scalar(select(Counter.id).where(Counter.code == counter_code))
        assert counter_id is not None
        conflict = SyncConflict(
            counter_id=counter_id,
            sequence=sequence,
            kind="conflict",
            reason=f"a different entry {sequence} is already held",
            received_hash="c" * 64,
            received_entry={
                "sequence": sequence,
                "business_date": business_date.isoformat(),
                "body": {"amount_paise": 9_999_00},
            },
        )
        session.add(conflict)
        session.flush()
        return conflict.id


def conflict_quarantined(engine: Engine) -> None:
    """Conflict 1: a different receipt 1 from MYS001-1, quarantined beside the one held."""
    cheque_receipt(engine)
    quarantine_beside(engine, "MYS001-1", 1, DAY)
