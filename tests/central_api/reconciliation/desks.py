"""Counters for reconciliation tests: the real counter journal (counter_client.journal) on its own
SQLite store, pushed to the centre through the real sync route; plus a second counter device."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.engine import Engine

from central_api.db import make_session_factory, transaction
from central_api.identity.models import Device
from central_api.org.models import Counter
from common.money import group_indian
from common.sync_protocol import PROTOCOL_VERSION, JournalEntryWire
from counter_client.journal import Journal
from counter_client.store import Store
from counter_client.store.entries import JournalEntry
from tests.counter_client.journal.daybook_helpers import exact_notes
from tests.counter_client.store.factories import FakeClock, cashier, consumer, seed, supervisor
from tests.support.world import World, _token, device_secret_hash

PUSH = "/api/v1/sync/push"
CENTRE_ACCOUNTS = ("MYS1000001", "MYS1000002")


def connect_counters(engine: Engine, world: World) -> dict[str, dict[str, str]]:
    """Counter MYS001-1 served by the world's counter device, MYS001-2 by a second one."""
    with transaction(make_session_factory(engine)) as session:
        first = world.devices["counter"]
        second = Device(
            code="DEV-COUNTER-2",
            kind="counter",
            location_id=world.location.id,
            scope_unit_id=first.scope_unit_id,
            secret_hash=device_secret_hash(),
        )
        session.add(second)
        session.flush()
        token = _token(session, device_id=second.id)
        for code, device_id in (("MYS001-1", first.id), ("MYS001-2", second.id)):
            session.execute(update(Counter).where(Counter.code == code).values(device_id=device_id))
    return {
        "MYS001-1": world.auth("counter"),
        "MYS001-2": {"Authorization": f"Bearer {token}"},
    }


class Desk:
    """One counter: its journal, its clock, and what it has pushed so far."""

    def __init__(self, path: Path, code: str, start: date, cashiers: Sequence[str]) -> None:
        self.code = code
        self.clock = FakeClock()
        self.clock.to_day(start)
        self.store = Store.open(path, clock=self.clock)
        people = [cashier(c) for c in cashiers] + [supervisor("S001"), supervisor("S002")]
        seed(
            self.store,
            cashiers=people,
            consumers=[consumer(rr, account_id=None) for rr in CENTRE_ACCOUNTS],
        )
        self.journal = Journal(self.store, code)
        self.pushed = 0

    def close(self) -> None:
        self.store.close()

    def unpushed(self) -> list[JournalEntry]:
        return [e for e in self.journal.entries() if e.sequence > self.pushed]

    def push(
        self, client: TestClient, headers: dict[str, str], *, skip: set[int] = frozenset()
    ) -> Any:  # type: ignore[assignment]
        """Push every entry not yet pushed (leaving out sequences in `skip`: lost entries)."""
        entries = [e for e in self.unpushed() if e.sequence not in skip]
        if self.unpushed():
            self.pushed = self.unpushed()[-1].sequence
        return push_wire(client, headers, self.code, [e.to_wire() for e in entries])

    def close_shift(
        self, who: str, *, cash_off_by: int = 0, approver: str = "S001"
    ) -> JournalEntry:
        """Close `who`'s shift: cash counted `cash_off_by` paise over (+) or short (-)."""
        expected = self.journal.expected_for_shift(who)
        cash = expected.expected_paise["cash"] + cash_off_by
        return self.journal.close_shift(
            who,
            denominations=exact_notes(cash),
            instruments_present={i.receipt_number for i in expected.instruments},
            card_paise=expected.expected_paise["card"],
            upi_paise=expected.expected_paise["upi"],
            reason="counted at closing" if cash_off_by else None,
            approved_by=approver,
        )

    def remit(
        self, who: str, day: date, *, slip: str, deposited: date, account: str
    ) -> JournalEntry:
        """Bank everything the day's closings counted on one slip."""
        totals = self.journal.closed_totals(day)
        instruments = [
            e.body["receipt_number"]
            for e in self.journal.entries()
            if e.kind.value == "receipt"
            and e.business_date == day
            and e.body["payment_mode"] in ("cheque", "demand_draft")
        ]
        return self.journal.record_remittance(
            cashier_id=who,
            business_date=day,
            bank="State Bank of India",
            account_number=account,
            slip_number=slip,
            deposit_date=deposited,
            cash_paise=totals.cash_to_remit_paise,
            instruments=instruments,
        )


def push_wire(
    client: TestClient, headers: dict[str, str], code: str, entries: list[JournalEntryWire]
) -> Any:
    body = {
        "protocol": PROTOCOL_VERSION,
        "counter_code": code,
        "entries": [e.model_dump(mode="json") for e in entries],
    }
    response = client.post(PUSH, json=body, headers=headers)
    assert response.status_code == 200, response.text
    outcomes = {r["outcome"] for r in response.json()["results"]}
    assert outcomes <= {"accepted", "duplicate"}, response.text
    return response.json()


def rupees_text(paise: int) -> str:
    """Paise as a bank prints rupees: "1,23,456.78"."""
    whole, part = divmod(paise, 100)
    return f"{group_indian(str(whole))}.{part:02d}"


def sbi_csv(lines: Sequence[tuple[date, str, str, int, int]], account: str) -> bytes:
    """An SBI-style statement: particulars above the table, then the lines, then a footer.

    Each line is (date, description, reference, debit paise, credit paise)."""
    out = [
        "Account Name       :,CESC MYSURU COLLECTION",
        f"Account Number     :,{account}",
        "Branch             :,MYSURU MAIN",
        "",
        "Txn Date,Value Date,Description,Ref No./Cheque No.,Debit,Credit,Balance",
    ]
    balance = 10_00_000_00
    for day, text, ref, debit, credit in lines:
        balance += credit - debit
        stamp = day.strftime("%d %b %Y")
        out.append(
            f'{stamp},{stamp},"{text}",{ref},'
            f'"{rupees_text(debit) if debit else ""}","{rupees_text(credit) if credit else ""}",'
            f'"{rupees_text(balance)}"'
        )
    out.append("**This is a computer generated statement and does not require a signature.")
    return ("\n".join(out) + "\n").encode()
