"""Posting computed bills: the bill rows, the ledger demands, the State's share, the history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, update
from sqlalchemy.orm import Session

from central_api.billing.cycles import bill_number, due_on
from central_api.billing.meter import MeterState, Observation, compact_lines, profile_after
from central_api.billing.models import Bill as BillRow
from central_api.billing.models import GovernmentReceivable, MeterProfile
from central_api.db import utcnow
from central_api.ledger.schemas import EntryCategory, EntryKind
from central_api.ledger.service import Posting, post_many
from common.billing import Bill, LineCode

PROFILE_COLUMNS = (
    "billed_to",
    "last_status",
    "arrears_due_on",
    "units_on_average",
    "last_read_on",
    "last_reading",
    "meter_digits",
    "multiplying_factor",
    "normal_1",
    "normal_2",
    "normal_3",
)
SCHEMES = ((LineCode.GRUHA_JYOTHI, "gruha_jyothi"), (LineCode.GOVERNMENT_SUBSIDY, "ip_subsidy"))


@dataclass(frozen=True)
class Billed:
    """A bill computed for one consumer and cycle, and where it came from."""

    state: MeterState
    seen: Observation
    bill: Bill
    cycle: str
    source: str  # spot (a handheld's bill), reading (bill run, read), estimated, review
    reading_id: int | None = None
    device_net_paise: int | None = None
    device_id: int | None = None
    user_id: int | None = None

    @property
    def number(self) -> str:
        return bill_number(self.cycle, self.state.rr_number)

    @property
    def due(self) -> date:
        return due_on(self.bill.period_end)


def bill_row(item: Billed) -> dict[str, Any]:
    """The bills table row for `item`."""
    bill = item.bill
    return {
        "bill_number": item.number,
        "consumer_id": item.state.consumer_id,
        "cycle": item.cycle,
        "source": item.source,
        "reading_id": item.reading_id,
        "period_start": bill.period_start,
        "period_end": bill.period_end,
        "billed_days": bill.billed_days,
        "units": bill.units,
        "meter_status": bill.meter_status.value,
        "category": bill.category,
        "tariff_title": bill.tariff_title[:120],
        "net_paise": bill.net_paise,
        "demand_paise": bill.demand_paise,
        "arrears_paise": bill.amount_of(LineCode.ARREARS),
        "government_paise": bill.government_pays_paise,
        "due_on": item.due,
        "lines": compact_lines(bill),
        "device_net_paise": item.device_net_paise,
        "device_id": item.device_id,
        "created_at": utcnow(),
    }


def ledger_postings(item: Billed) -> list[Posting]:
    """The bill's demand (and interest) on the consumer's ledger; arrears are already there.

    A negative remainder (rounding down arrears, with no new charge) is a credit adjustment.
    """
    bill = item.bill
    interest = bill.amount_of(LineCode.INTEREST)
    parts = [
        (EntryCategory.BILL, "bill", bill.demand_paise - interest),
        (EntryCategory.INTEREST, "interest", interest),
    ]
    postings = []
    for category, prefix, amount in parts:
        if amount == 0:
            continue
        kind = EntryKind.DEMAND if amount > 0 else EntryKind.CREDIT
        postings.append(
            Posting(
                consumer_id=item.state.consumer_id,
                kind=kind,
                category=category if amount > 0 else EntryCategory.ADJUSTMENT,
                amount_paise=abs(amount),
                source_ref=f"{prefix}:{item.number}",
                business_date=bill.period_end,
                narration=f"{category.value} {item.number} for {item.cycle}"[:200],
                posted_by_user_id=item.user_id,
                device_id=item.device_id,
            )
        )
    return postings


def receivable_rows(item: Billed, bill_id: int) -> list[dict[str, Any]]:
    """What the State owes for this bill, one row per scheme."""
    rows = []
    for code, scheme in SCHEMES:
        amount = -item.bill.amount_of(code)
        if amount:
            rows.append(
                {
                    "bill_id": bill_id,
                    "consumer_id": item.state.consumer_id,
                    "cycle": item.cycle,
                    "scheme": scheme,
                    "amount_paise": amount,
                    "created_at": utcnow(),
                }
            )
    return rows


def profile_rows(items: Sequence[Billed]) -> list[dict[str, Any]]:
    """Every column of the profile after each bill, keyed for one executemany UPDATE."""
    rows = []
    now = utcnow()
    for item in items:
        state = item.state
        row: dict[str, Any] = {
            "cid": state.consumer_id,
            "last_read_on": state.last_read_on,
            "last_reading": state.last_reading,
            "meter_digits": state.meter_digits,
            "multiplying_factor": state.multiplying_factor,
            "now": now,
        }
        row.update(profile_after(state, item.seen, item.bill, item.due))
        rows.append(row)
    return rows


def update_profiles(session: Session, items: Sequence[Billed]) -> None:
    table = cast(Table, MeterProfile.__table__)
    values: dict[str, Any] = {name: bindparam(name) for name in PROFILE_COLUMNS}
    values["updated_at"] = bindparam("now")
    session.connection().execute(
        update(table).where(table.c.consumer_id == bindparam("cid")).values(**values),
        profile_rows(items),
    )


def post_bills(session: Session, items: Sequence[Billed]) -> list[int]:
    """Write the bills, post their demands, record the State's share and move the history.

    All in the caller's transaction: a failure anywhere leaves nothing. Returns the bill ids.
    """
    if not items:
        return []
    result = session.execute(
        insert(BillRow).returning(BillRow.id, sort_by_parameter_order=True),
        [bill_row(item) for item in items],
    )
    ids = [int(row[0]) for row in result]
    post_many(session, [posting for item in items for posting in ledger_postings(item)])
    receivables = [
        row for item, i in zip(items, ids, strict=True) for row in receivable_rows(item, i)
    ]
    if receivables:
        session.execute(insert(GovernmentReceivable), receivables)
    update_profiles(session, items)
    return ids
