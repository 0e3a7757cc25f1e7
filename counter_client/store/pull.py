"""Applying what the sync engine pulled from the centre: one page, one transaction, with its cursor.

A page either lands whole together with its cursor or not at all, so a crash mid-page means the
same page is pulled again, never half-applied with the cursor moved past it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.engine import Connection

from common.identifiers import normalise_mobile, normalise_rr_number
from counter_client.store.cashiers import CashierRecord, check_record, seal_template
from counter_client.store.clock import iso, parse_iso
from counter_client.store.consumers import ConsumerRecord
from counter_client.store.database import Store
from counter_client.store.schema import cashiers, consumers, sync_state

__all__ = ["PulledPage", "SyncCursor", "apply_pulled_page", "read_sync_cursor"]


@dataclass(frozen=True)
class PulledPage:
    """One page of changes from the centre for one stream (e.g. "consumers", "cashiers")."""

    stream: str
    cursor: str
    consumers: Sequence[ConsumerRecord] = ()
    removed_rr_numbers: Sequence[str] = ()
    cashiers: Sequence[CashierRecord] = ()
    removed_cashier_ids: Sequence[str] = ()


@dataclass(frozen=True)
class SyncCursor:
    """Where a stream's pull got to, and when the counter last applied a page of it."""

    stream: str
    cursor: str
    synced_at: datetime


def _consumer_rows(page: PulledPage, synced_at: str) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for record in page.consumers:
        if isinstance(record.balance_paise, bool) or not isinstance(record.balance_paise, int):
            raise TypeError(f"{record.rr_number}: balance_paise must be int paise")
        as_of = record.balance_as_of
        row: dict[str, object] = {
            "rr_number": normalise_rr_number(record.rr_number),
            "account_id": record.account_id,
            "name_en": record.name_en,
            "name_kn": record.name_kn,
            "address": record.address,
            "tariff_category": record.tariff_category,
            "section_code": record.section_code,
            "balance_paise": record.balance_paise,
            "balance_as_of": iso(as_of) if as_of is not None else None,
            "cash_only": record.cash_only is True,
            "synced_at": synced_at,
        }
        if record.mobile_sent:
            row["mobile"] = normalise_mobile(record.mobile) if record.mobile is not None else None
        rows.append(row)
    return rows


def _upsert_consumers(conn: Connection, rows: list[dict[str, object]]) -> None:
    """Insert or update consumers; a row without a "mobile" key leaves the cached mobile alone."""
    # One statement per shape: an executemany needs the same columns in every row.
    for shape in (True, False):
        batch = [row for row in rows if ("mobile" in row) is shape]
        if not batch:
            continue
        stmt = insert(consumers)
        columns = {c: stmt.excluded[c] for c in batch[0] if c != "rr_number"}
        conn.execute(stmt.on_conflict_do_update(index_elements=["rr_number"], set_=columns), batch)


def _cashier_rows(
    page: PulledPage, synced_at: str, fingerprint_key: bytes | None
) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for record in page.cashiers:
        check_record(record)
        sealed: bytes | None = None
        if record.fingerprint_template is not None:
            if fingerprint_key is None:
                raise ValueError("the page carries fingerprint templates but no key was given")
            sealed = seal_template(fingerprint_key, record.user_id, record.fingerprint_template)
        rows.append(
            {
                "user_id": record.user_id,
                "name": record.name,
                "role": str(record.role),
                "pin_hash": record.pin_hash,
                "fingerprint_sealed": sealed,
                "active": record.active,
                "synced_at": synced_at,
            }
        )
    return rows


def apply_pulled_page(
    store: Store, page: PulledPage, *, fingerprint_key: bytes | None = None
) -> None:
    """Apply one pulled page and move the stream's cursor, all in one transaction."""
    if not page.stream.strip():
        raise ValueError("a pulled page must name its stream")
    synced_at = iso(store.clock())
    consumer_rows = _consumer_rows(page, synced_at)
    cashier_rows = _cashier_rows(page, synced_at, fingerprint_key)
    removed_rr = [normalise_rr_number(rr) for rr in page.removed_rr_numbers]
    with store.write() as conn:
        _upsert_consumers(conn, consumer_rows)
        if removed_rr:
            conn.execute(delete(consumers).where(consumers.c.rr_number.in_(removed_rr)))
        if cashier_rows:
            stmt = insert(cashiers)
            cashier_columns: dict[str, ColumnElement[Any]] = {
                c: stmt.excluded[c] for c in cashier_rows[0] if c != "user_id"
            }
            # A page without a template keeps the one already here: a finger enrolled at this
            # counter must not vanish before the centre has it and sends it back.
            cashier_columns["fingerprint_sealed"] = func.coalesce(
                stmt.excluded.fingerprint_sealed, cashiers.c.fingerprint_sealed
            )
            conn.execute(
                stmt.on_conflict_do_update(index_elements=["user_id"], set_=cashier_columns),
                cashier_rows,
            )
        if page.removed_cashier_ids:
            # Kept, not deleted: journal entries name them; they simply may not work here now.
            # Their fingerprint template goes: biometric data is kept only where it is used.
            conn.execute(
                cashiers.update()
                .where(cashiers.c.user_id.in_(list(page.removed_cashier_ids)))
                .values(active=False, fingerprint_sealed=None, synced_at=synced_at)
            )
        cursor_stmt = insert(sync_state).values(
            stream=page.stream, cursor=page.cursor, synced_at=synced_at
        )
        conn.execute(
            cursor_stmt.on_conflict_do_update(
                index_elements=["stream"],
                set_={"cursor": cursor_stmt.excluded.cursor, "synced_at": synced_at},
            )
        )


def read_sync_cursor(store: Store, stream: str) -> SyncCursor | None:
    """The stream's cursor and last applied time, or None before its first page."""
    with store.read() as conn:
        row = conn.execute(select(sync_state).where(sync_state.c.stream == stream)).first()
    if row is None:
        return None
    return SyncCursor(stream=row.stream, cursor=row.cursor, synced_at=parse_iso(row.synced_at))
