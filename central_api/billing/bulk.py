"""The bill run's PostgreSQL path: COPY for bills, ledger rows and the State's share, and one
UPDATE ... FROM unnest() each for balances and meter histories, all in the chunk's transaction.

It writes the same rows as posting.post_bills (which SQLite and the handheld uploads use), only
faster. Every bill's ledger source is new by construction (a bill for the consumer and cycle has
just been inserted in this transaction), and the ledger's unique source index still refuses any
repeat. Balances move through ledger.service.move_balances, as every balance writer's do.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from central_api.billing.posting import (
    PROFILE_COLUMNS,
    Billed,
    bill_row,
    ledger_postings,
    profile_rows,
    receivable_rows,
)
from central_api.db import utcnow
from central_api.ledger.schemas import EntryKind
from central_api.ledger.service import move_balances

BILL_COLUMNS = (
    "id",
    "bill_number",
    "consumer_id",
    "cycle",
    "source",
    "reading_id",
    "period_start",
    "period_end",
    "billed_days",
    "units",
    "meter_status",
    "category",
    "tariff_title",
    "net_paise",
    "demand_paise",
    "arrears_paise",
    "government_paise",
    "due_on",
    "lines",
    "device_net_paise",
    "device_id",
    "created_at",
)
LEDGER_COLUMNS = (
    "consumer_id",
    "kind",
    "category",
    "amount_paise",
    "source_ref",
    "business_date",
    "narration",
    "posted_at",
    "posted_by_user_id",
    "device_id",
)
RECEIVABLE_COLUMNS = ("bill_id", "consumer_id", "cycle", "scheme", "amount_paise", "created_at")
_PROFILE_TYPES = {
    "billed_to": "date",
    "last_status": "text",
    "arrears_due_on": "date",
    "units_on_average": "int",
    "last_read_on": "date",
    "last_reading": "int",
    "meter_digits": "smallint",
    "multiplying_factor": "int",
    "normal_1": "int",
    "normal_2": "int",
    "normal_3": "int",
}


def _copy(cursor: Any, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def copy_bills(session: Session, items: Sequence[Billed]) -> None:
    """Post the chunk's bills with COPY and set-based updates (PostgreSQL only)."""
    if not items:
        return
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence('bills', 'id')) FROM generate_series(1, %s)",
        (len(items),),
    )
    ids = [int(row[0]) for row in cursor.fetchall()]
    bills = []
    for bill_id, item in zip(ids, items, strict=True):
        row = bill_row(item)
        row["id"], row["lines"] = bill_id, json.dumps(row["lines"], separators=(",", ":"))
        bills.append(tuple(row[name] for name in BILL_COLUMNS))
    _copy(cursor, "bills", BILL_COLUMNS, bills)
    now = utcnow()
    entries: list[tuple[Any, ...]] = []
    moves: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for item in items:
        for posting in ledger_postings(item):
            signed = (
                posting.amount_paise if posting.kind is EntryKind.DEMAND else -posting.amount_paise
            )
            entries.append(
                (
                    posting.consumer_id,
                    posting.kind.value,
                    posting.category.value,
                    signed,
                    posting.source_ref,
                    posting.business_date,
                    posting.narration,
                    now,
                    posting.posted_by_user_id,
                    posting.device_id,
                )
            )
            moves[posting.consumer_id][0] += signed
            moves[posting.consumer_id][1] += 1
    _copy(cursor, "ledger_entries", LEDGER_COLUMNS, entries)
    receivables = [
        tuple(row[name] for name in RECEIVABLE_COLUMNS)
        for bill_id, item in zip(ids, items, strict=True)
        for row in receivable_rows(item, bill_id)
    ]
    _copy(cursor, "government_receivables", RECEIVABLE_COLUMNS, receivables)
    _move_balances(session, cursor, moves)
    _update_profiles(cursor, items)


def _move_balances(session: Session, cursor: Any, moves: dict[int, list[int]]) -> None:
    """The ledger's own balance move (locks in account order; stamped for pulls at commit)."""
    if moves:
        move_balances(session, {cid: (delta, entries) for cid, (delta, entries) in moves.items()})


def _update_profiles(cursor: Any, items: Sequence[Billed]) -> None:
    rows = profile_rows(items)
    names = list(PROFILE_COLUMNS)
    arrays = [[row["cid"] for row in rows]] + [[row[name] for row in rows] for name in names]
    unnest = ", ".join(["%s::bigint[]"] + [f"%s::{_PROFILE_TYPES[n]}[]" for n in names])
    sets = ", ".join(f"{name} = p.{name}" for name in names)
    cursor.execute(
        f"UPDATE meter_profiles AS m SET {sets}, updated_at = %s"
        f" FROM unnest({unnest}) AS p(cid, {', '.join(names)})"
        " WHERE m.consumer_id = p.cid",
        [utcnow(), *arrays],
    )
