"""The journal's closing actions: shifts, the day book's close and reopen, remittances, the DCR.

`Journal` takes these from `ClosingActions`; they follow the journal's one pattern (check the
rules in one BEGIN IMMEDIATE transaction, append the entry, index it, announce it after the
commit). The rules themselves are in `counter_client.journal.closing`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy import insert, update
from sqlalchemy.engine import Connection

from common.daybook import RemittanceBody, ShiftCloseBody
from common.errors import ValidationProblem
from common.money import format_inr
from common.sync_protocol import EntryKind, PaymentMode
from counter_client.journal import closing, rules
from counter_client.journal import queries as q
from counter_client.journal.closing import ClosedTotals, Officer, ShiftExpectation
from counter_client.journal.dcr import DailyCollectionReport, build_dcr
from counter_client.journal.views import DaySummary
from counter_client.store.clock import KOLKATA, iso
from counter_client.store.database import Store
from counter_client.store.entries import JournalEntry
from counter_client.store.schema import (
    day_books,
    remittances,
    remitted_instruments,
    shift_closings,
)

__all__ = ["ClosingActions"]


class ClosingActions:
    """Closing a counter's day: the methods `Journal` adds to taking money."""

    _store: Store
    counter_code: str

    def _append(
        self,
        conn: Connection,
        *,
        kind: EntryKind,
        business_date: date,
        cashier: str,
        body: dict[str, Any],
    ) -> JournalEntry:
        raise NotImplementedError  # Journal's

    def _announce(self, entry: JournalEntry) -> None:
        raise NotImplementedError  # Journal's

    def close_day(self, *, supervisor_id: str) -> DaySummary:
        """Close the open day book with a supervisor's approval; every shift must be closed.

        Nothing more takes its business date; the next receipt opens the next date's book.
        """
        with self._store.write() as conn:
            person = rules.require_supervisor(conn, supervisor_id, not_ids={})
            day = rules.require_open_day(conn)
            still_open = closing.open_shift_cashiers(conn, day.business_date)
            if still_open:
                raise ValidationProblem(
                    "shifts",
                    f"close the shifts of {', '.join(still_open)} first: every cashier's count "
                    "must be closed before the day book",
                )
            summary = q.day_summary(conn, day.business_date)
            totals = closing.closed_totals(conn, day.business_date)
            entry = self._append(
                conn,
                kind=EntryKind.DAY_CLOSE,
                business_date=day.business_date,
                cashier=person.user_id,
                body={
                    **summary.body(),
                    "approved_by": person.user_id,
                    "shifts": totals.shifts,
                    "counted_cash_paise": totals.cash_paise,
                    "counted_instruments_paise": totals.instruments_paise,
                },
            )
            conn.execute(
                update(day_books)
                .where(day_books.c.business_date == day.business_date.isoformat())
                .values(
                    closed_by=person.user_id,
                    closed_at=iso(entry.local_time),
                    closed_sequence=entry.sequence,
                )
            )
        self._announce(entry)
        return summary

    def reopen_day(self, *, requested_by: str, officer: Officer, reason: str) -> JournalEntry:
        """Reopen the latest closed day book; `officer` was verified online just now.

        Only an accounts officer or admin may; only the latest day book, and only while no
        later date has been opened. Writes a ``day_reopen`` entry (officer, reason, time).
        """
        why = rules.check_reason(reason)
        role = str(officer.role)
        if role not in closing.OFFICER_ROLES:
            raise ValidationProblem(
                "officer",
                f"{officer.username} is a {role}; reopening a day book needs an accounts "
                "officer or admin",
            )
        with self._store.write() as conn:
            person = rules.require_cashier(conn, requested_by, field="requested_by")
            latest = q.latest_day_book(conn)
            if latest is None or latest.is_open:
                raise ValidationProblem(
                    "business_date",
                    "there is no closed day book to reopen"
                    if latest is None
                    else f"the day book of {latest.business_date.isoformat()} is open; only "
                    "the latest closed day can be reopened, and only before the next is opened",
                )
            entry = self._append(
                conn,
                kind=EntryKind.DAY_REOPEN,
                business_date=latest.business_date,
                cashier=person.user_id,
                body={
                    "officer": officer.username,
                    "officer_role": role,
                    "verified_at": iso(officer.verified_at),
                    "reason": why,
                },
            )
            conn.execute(
                update(day_books)
                .where(day_books.c.business_date == latest.business_date.isoformat())
                .values(closed_by=None, closed_at=None, closed_sequence=None)
            )
        self._announce(entry)
        return entry

    # -- shifts ---------------------------------------------------------------------------

    def expected_for_shift(self, cashier_id: str) -> ShiftExpectation:
        """What the cashier's open shift should hand over, per mode, and their instruments."""
        with self._store.read() as conn:
            person = rules.require_cashier(conn, cashier_id)
            day = rules.require_open_day(conn)
            return closing.shift_expectation(conn, person.user_id, day.business_date)

    def close_shift(
        self,
        cashier_id: str,
        *,
        denominations: Mapping[str, int | str],
        instruments_present: set[str] | frozenset[str],
        card_paise: int | str,
        upi_paise: int | str,
        reason: str | None = None,
        approved_by: str,
    ) -> JournalEntry:
        """Close the cashier's shift with the count, approved by a supervisor (their id).

        Counts may be ints or text as typed; every refusal names its field
        (``denominations.note_500``, ``card_paise``, ``reason``...) and writes nothing.
        """
        counts = closing.parse_denominations(denominations)
        present = closing.parse_instruments(instruments_present)
        card = closing.parse_paise(card_paise, "card_paise")
        upi = closing.parse_paise(upi_paise, "upi_paise")
        why = None if reason is None or not reason.strip() else rules.check_reason(reason)
        with self._store.write() as conn:
            person = rules.require_cashier(conn, cashier_id)
            day = rules.require_open_day(conn)
            rules.require_supervisor(
                conn, approved_by, not_ids={person.user_id: "the cashier whose shift it is"}
            )
            shift = closing.shift_expectation(conn, person.user_id, day.business_date)
            if shift.is_empty:
                raise ValidationProblem(
                    "cashier_id",
                    f"{person.name} has no entries on {day.business_date.isoformat()} since "
                    "their last closing: this shift is already closed",
                )
            listed = {item.receipt_number for item in shift.instruments}
            stray = sorted(present - listed)
            if stray:
                raise ValidationProblem(
                    "instruments_present",
                    f"{stray[0]} is not a cheque or draft of this shift",
                )
            fields = closing.shift_close_body(
                shift,
                denominations=counts,
                present=present,
                card_paise=card,
                upi_paise=upi,
                reason=why,
                approved_by=approved_by,
            )
            if any(fields["over_short_paise"].values()) and why is None:
                raise ValidationProblem(
                    "reason", "the count differs from what is expected: say why (over/short)"
                )
            try:
                body = ShiftCloseBody.model_validate(fields)
            except ValidationError as exc:
                raise closing.pydantic_problem(exc) from None
            entry = self._append(
                conn,
                kind=EntryKind.SHIFT_CLOSE,
                business_date=day.business_date,
                cashier=person.user_id,
                body=body.model_dump(mode="json"),
            )
            counted = body.counted_paise
            conn.execute(
                insert(shift_closings).values(
                    sequence=entry.sequence,
                    business_date=day.business_date.isoformat(),
                    cashier=person.user_id,
                    first_sequence=body.first_sequence,
                    last_sequence=body.last_sequence,
                    approved_by=approved_by,
                    cash_paise=counted[PaymentMode.CASH.value],
                    instruments_paise=sum(counted[m] for m in closing.INSTRUMENT_MODES),
                )
            )
        self._announce(entry)
        return entry

    def open_shifts(self) -> list[str]:
        """Cashiers with entries on the open day not yet in a closed shift (none: no open day)."""
        with self._store.read() as conn:
            day = q.open_day_book(conn)
            return [] if day is None else closing.open_shift_cashiers(conn, day.business_date)

    def shift_closings(self, business_date: date) -> Sequence[JournalEntry]:
        """The ``shift_close`` entries of a business date, in order."""
        with self._store.read() as conn:
            return q.entries_of_kind(conn, self.counter_code, EntryKind.SHIFT_CLOSE, business_date)

    # -- remittances ----------------------------------------------------------------------

    def closed_totals(self, business_date: date) -> ClosedTotals:
        """What the closed shifts of a date counted, and what was already remitted of it."""
        with self._store.read() as conn:
            return closing.closed_totals(conn, business_date)

    def record_remittance(
        self,
        *,
        cashier_id: str,
        business_date: date,
        bank: str,
        account_number: str,
        slip_number: str,
        deposit_date: date,
        cash_paise: int | str,
        instruments: Sequence[str] = (),
        branch: str = "",
    ) -> JournalEntry:
        """Record a bank pay-in slip for a closed business date (a ``remittance`` entry).

        Refuses more cash or cheques than the date's closed shifts counted less earlier slips,
        a slip number used before, a cheque not counted present or already banked, and a
        deposit date before the business date or in the future.
        """
        cash = closing.parse_paise(cash_paise, "cash_paise")
        slip = closing.check_slip_number(slip_number)
        numbers = [rules.parse_own_receipt_number(n, self.counter_code) for n in instruments]
        today = self._store.clock().astimezone(KOLKATA).date()
        if not isinstance(deposit_date, date) or not isinstance(business_date, date):
            raise ValidationProblem("deposit_date", "must be a date")
        if deposit_date < business_date:
            raise ValidationProblem(
                "deposit_date",
                f"{deposit_date.isoformat()} is before the business date it banks "
                f"({business_date.isoformat()})",
            )
        if deposit_date > today:
            raise ValidationProblem("deposit_date", f"{deposit_date.isoformat()} is in the future")
        with self._store.write() as conn:
            person = rules.require_cashier(conn, cashier_id)
            book = q.day_book_of(conn, business_date)
            if book is None or book.is_open:
                raise ValidationProblem(
                    "business_date",
                    f"the day book of {business_date.isoformat()} is "
                    f"{'not here' if book is None else 'still open'}; "
                    "only a closed day is remitted",
                )
            earlier = closing.slip_in_use(conn, slip)
            if earlier is not None:
                raise ValidationProblem(
                    "slip_number", f"slip {slip} was already recorded (entry {earlier})"
                )
            totals = closing.closed_totals(conn, business_date)
            cheques = _instrument_total(numbers, totals)
            if cash > totals.cash_to_remit_paise:
                raise ValidationProblem(
                    "cash_paise",
                    f"{format_inr(cash)} is more than the {format_inr(totals.cash_to_remit_paise)}"
                    f" cash closed on {business_date.isoformat()} and not yet remitted",
                )
            fields = {
                "bank": " ".join(str(bank).split()),
                "branch": " ".join(str(branch).split()),
                "account_number": "".join(str(account_number).split()),
                "slip_number": slip,
                "deposit_date": deposit_date.isoformat(),
                "cash_paise": cash,
                "cheque_paise": cheques,
                "instruments": numbers,
                "amount_paise": cash + cheques,
            }
            try:
                body = RemittanceBody.model_validate(fields)
            except ValidationError as exc:
                raise closing.pydantic_problem(exc) from None
            entry = self._append(
                conn,
                kind=EntryKind.REMITTANCE,
                business_date=business_date,
                cashier=person.user_id,
                body=body.model_dump(mode="json"),
            )
            conn.execute(
                insert(remittances).values(
                    sequence=entry.sequence,
                    business_date=business_date.isoformat(),
                    slip_key=slip,
                    cash_paise=cash,
                    cheque_paise=cheques,
                )
            )
            if numbers:
                conn.execute(
                    insert(remitted_instruments),
                    [{"receipt_number": n, "remittance_sequence": entry.sequence} for n in numbers],
                )
        self._announce(entry)
        return entry

    def daily_collection_report(
        self,
        business_date: date,
        *,
        cashier_id: str | None = None,
        shift_sequence: int | None = None,
    ) -> DailyCollectionReport:
        """The DCR of a business date: the whole day, one cashier's, or one closed shift's."""
        with self._store.read() as conn:
            try:
                return build_dcr(
                    conn,
                    self.counter_code,
                    business_date,
                    cashier=cashier_id,
                    shift_sequence=shift_sequence,
                )
            except ValueError as exc:
                raise ValidationProblem("shift_sequence", str(exc)) from None


def _instrument_total(numbers: list[str], totals: ClosedTotals) -> int:
    """The cheques and drafts on a slip: each counted present at closing, and banked once."""
    if len(set(numbers)) != len(numbers):
        raise ValidationProblem("instruments", "a cheque or draft is listed twice")
    total = 0
    for number in numbers:
        if number not in totals.instruments:
            raise ValidationProblem(
                "instruments",
                f"{number} is not a cheque or draft counted present in a closed shift of "
                f"{totals.business_date.isoformat()}",
            )
        if number in totals.remitted_instruments:
            raise ValidationProblem("instruments", f"{number} was already on an earlier slip")
        total += totals.instruments[number]
    return total
