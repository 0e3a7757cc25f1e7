"""The counter's journal: taking receipts, cancellations, reprints, cash movements and day books.

Every action follows one pattern. Inside a single ``BEGIN IMMEDIATE`` transaction it checks the
rules against the current state, takes the next sequence number (and receipt number), links the
hash chain and inserts the entry; a trigger adds the entry's outbox row in the same transaction.
The call returns only after that transaction has committed durably, so whatever the caller then
prints is already recorded. Any refusal raises ValidationProblem and writes nothing; a storage
fault raises a JournalUnavailable subclass and writes nothing.

Receipt numbers are ``<counter>/<financial year>/<n>`` with n gapless from 1 within each
financial year of the business date (the number restarts on the first receipt of a new year),
as counter receipt books are kept; the journal's own sequence runs on across years.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import insert
from sqlalchemy.engine import Connection

from common.chain import GENESIS_HASH
from common.errors import ValidationProblem
from common.identifiers import FinancialYear, ReceiptNumber, normalise_rr_number
from common.money import format_inr
from common.sync_protocol import EntryKind, PaymentMode
from common.text import clean_note
from counter_client.journal import closing, rules
from counter_client.journal import queries as q
from counter_client.journal.closing_service import ClosingActions
from counter_client.journal.payments import CASH_LIMIT_PAISE, Payment, check_amount, payment_body
from counter_client.journal.views import DayBook, DayReceipts, DaySummary, DueView, ReceiptView
from counter_client.store.clock import KOLKATA, iso
from counter_client.store.consumers import fetch_consumer
from counter_client.store.database import Store
from counter_client.store.entries import JournalEntry, fetch_entries, insert_entry
from counter_client.store.schema import (
    day_books,
)

__all__ = ["Journal"]

log = logging.getLogger(__name__)

EntryListener = Callable[[JournalEntry], None]


class Journal(ClosingActions):
    """The only writer of this counter's journal. One per process; safe across processes."""

    def __init__(self, store: Store, counter_code: str) -> None:
        self._store = store
        self.counter_code = store.bind_counter(counter_code)
        self._listeners: list[EntryListener] = []

    def add_listener(self, listener: EntryListener) -> None:
        """Call `listener` with each new entry after it is committed (e.g. to wake the sync)."""
        self._listeners.append(listener)

    # -- the write path -------------------------------------------------------------------

    def _append(
        self,
        conn: Connection,
        *,
        kind: EntryKind,
        business_date: date,
        cashier: str,
        body: dict[str, Any],
    ) -> JournalEntry:
        last_sequence, last_hash = q.chain_tail(conn)
        entry = JournalEntry.seal(
            counter_code=self.counter_code,
            sequence=last_sequence + 1,
            kind=kind,
            business_date=business_date,
            local_time=self._store.clock().astimezone(KOLKATA),
            cashier=cashier,
            body=body,
            prev_hash=last_hash or GENESIS_HASH,
        )
        insert_entry(conn, entry)
        return entry

    def _announce(self, entry: JournalEntry) -> None:
        # The entry is committed: a listener's failure must never look like a failed receipt,
        # or the cashier would take the money again.
        for listener in self._listeners:
            try:
                listener(entry)
            except Exception:
                log.exception("journal listener failed for entry %s", entry.sequence)

    # -- day books ------------------------------------------------------------------------

    def open_day(self, *, cashier_id: str, business_date: date | None = None) -> DayBook:
        """Open the day book for `business_date` (default: today, local time; tomorrow once
        today's book is closed).

        Tomorrow's date may be opened only once today's book is closed (the business-date rule
        in `counter_client.journal.closing`).
        """
        today = self._store.clock().astimezone(KOLKATA).date()
        with self._store.write() as conn:
            person = rules.require_cashier(conn, cashier_id)
            latest = q.latest_day_book(conn)
            day = business_date
            if day is None:
                day = today
                if latest is not None and not latest.is_open and latest.business_date >= today:
                    # Today's book is closed: the default is the next business date.
                    day = closing.next_business_date(latest.business_date, today)
            current = q.open_day_book(conn)
            if current is not None:
                raise ValidationProblem(
                    "business_date",
                    f"the day book of {current.business_date.isoformat()} is still open; "
                    "close it before opening another",
                )
            if latest is not None and day <= latest.business_date:
                raise ValidationProblem(
                    "business_date",
                    f"must be after {latest.business_date.isoformat()}, the last day book here; "
                    "a closed day is reopened only by an accounts officer",
                )
            limit = closing.latest_allowed_date(
                today, latest.business_date if latest is not None else None
            )
            if day > limit:
                raise ValidationProblem(
                    "business_date",
                    f"{day.isoformat()} is in the future (today is {today.isoformat()})",
                )
            book, entry = self._open_book(conn, day, person.user_id, automatic=False)
        self._announce(entry)
        return book

    def _open_book(
        self, conn: Connection, day: date, user_id: str, *, automatic: bool
    ) -> tuple[DayBook, JournalEntry]:
        body: dict[str, Any] = {"automatic": True} if automatic else {}
        entry = self._append(
            conn, kind=EntryKind.DAY_OPEN, business_date=day, cashier=user_id, body=body
        )
        conn.execute(
            insert(day_books).values(
                business_date=day.isoformat(),
                opened_by=user_id,
                opened_at=iso(entry.local_time),
                opened_sequence=entry.sequence,
            )
        )
        return DayBook(business_date=day, opened_by=user_id, opened_at=entry.local_time), entry

    def _day_for_money(self, conn: Connection, user_id: str) -> tuple[DayBook, JournalEntry | None]:
        """The open day book; after a closed one, the next business date's, opened now."""
        day = q.open_day_book(conn)
        if day is not None:
            return day, None
        latest = q.latest_day_book(conn)
        if latest is None:
            return rules.require_open_day(conn), None  # never opened here: refuses
        today = self._store.clock().astimezone(KOLKATA).date()
        next_day = closing.next_business_date(latest.business_date, today)
        return self._open_book(conn, next_day, user_id, automatic=True)

    # -- receipts -------------------------------------------------------------------------

    def take_receipt(
        self,
        *,
        cashier_id: str,
        rr_number: str,
        amount_paise: int,
        payment: Payment,
        consumer_name: str | None = None,
        request_id: str | None = None,
    ) -> ReceiptView:
        """Record a payment and return the receipt to print, after it is durably committed.

        `request_id` (e.g. a UUID made when the form opened) makes a retry safe: the same
        request again returns the receipt already recorded instead of taking a second one.
        """
        amount = check_amount(amount_paise)
        rr = normalise_rr_number(rr_number)
        request = None if request_id is None else rules.check_request_id(request_id)
        with self._store.write() as conn:
            person = rules.require_cashier(conn, cashier_id)
            if request is not None:
                earlier = q.receipt_by_request(conn, self.counter_code, request)
                if earlier is not None:
                    fields = payment_body(
                        payment, amount_paise=amount, business_date=earlier.business_date
                    )
                    return _replayed(earlier, rr, amount, fields)
            day, opened = self._day_for_money(conn, person.user_id)
            fields = payment_body(payment, amount_paise=amount, business_date=day.business_date)
            self._check_cash_limit(conn, rr, amount, fields, day.business_date)
            self._check_reference(conn, fields)
            body = self._receipt_body(conn, rr, amount, fields, consumer_name, day.business_date)
            if request is not None:
                body["request_id"] = request
            entry = self._append(
                conn,
                kind=EntryKind.RECEIPT,
                business_date=day.business_date,
                cashier=person.user_id,
                body=body,
            )
        if opened is not None:
            self._announce(opened)
        self._announce(entry)
        return ReceiptView.of(entry)

    def _receipt_body(
        self,
        conn: Connection,
        rr: str,
        amount: int,
        fields: dict[str, object],
        consumer_name: str | None,
        business_date: date,
    ) -> dict[str, Any]:
        cached = fetch_consumer(conn, rr)
        if cached is not None and cached.record.cash_only:
            _check_cash_only(rr, fields)
        name = cached.record.name_en if cached is not None else _clean_name(consumer_name)
        fy = FinancialYear.of(business_date)
        number = ReceiptNumber(self.counter_code, fy, q.next_receipt_sequence(conn, fy.label))
        return {
            "receipt_number": str(number),
            "financial_year": fy.label,
            "receipt_sequence": number.sequence,
            "rr_number": rr,
            "account_id": cached.record.account_id if cached is not None else None,
            "consumer_name": name,
            "amount_paise": amount,
            **fields,
        }

    @staticmethod
    def _check_cash_limit(
        conn: Connection, rr: str, amount: int, fields: dict[str, object], day: date
    ) -> None:
        if fields["payment_mode"] != PaymentMode.CASH.value:
            return
        earlier = q.cash_received_today(conn, rr, day)
        if earlier + amount >= CASH_LIMIT_PAISE:
            raise ValidationProblem(
                "amount_paise",
                f"cash cannot be accepted: {format_inr(earlier)} cash was already received for "
                f"{rr} today, and with {format_inr(amount)} more the day's cash from this payer "
                f"reaches {format_inr(CASH_LIMIT_PAISE)} (Income Tax Act s.269ST); ask for a "
                "cheque, demand draft, card or UPI",
            )

    @staticmethod
    def _check_reference(conn: Connection, fields: dict[str, object]) -> None:
        reference = fields.get("reference")
        if not isinstance(reference, str):
            return
        used_by = q.reference_in_use(conn, str(fields["payment_mode"]), reference)
        if used_by is not None:
            raise ValidationProblem(
                "payment.reference",
                f"reference {reference} was already used for receipt {used_by}; "
                "one payment cannot be receipted twice",
            )

    def cancel_receipt(
        self, *, cashier_id: str, receipt_number: str, reason: str, supervisor_id: str
    ) -> JournalEntry:
        """Cancel a receipt of the open day with a supervisor's approval; the receipt stays."""
        number = rules.parse_own_receipt_number(receipt_number, self.counter_code)
        why = rules.check_reason(reason)
        with self._store.write() as conn:
            person = rules.require_cashier(conn, cashier_id)
            day = rules.require_open_day(conn)
            receipt = self._require_receipt(conn, number)
            rules.require_supervisor(
                conn,
                supervisor_id,
                not_ids={
                    person.user_id: "the cashier cancelling",
                    receipt.cashier: "the cashier who took the receipt",
                },
            )
            earlier = q.cancellation_of(conn, self.counter_code, receipt.sequence)
            if earlier is not None:
                raise ValidationProblem(
                    "receipt_number",
                    f"{number} was already cancelled (entry {earlier.sequence}, "
                    f"{earlier.local_time:%d-%m-%Y %H:%M})",
                )
            if receipt.business_date != day.business_date:
                raise ValidationProblem(
                    "receipt_number",
                    f"{number} is of {receipt.business_date.isoformat()}; only receipts of the "
                    f"open day ({day.business_date.isoformat()}) can be cancelled at the counter; "
                    "ask accounts for a correction",
                )
            if closing.in_closed_shift(conn, receipt.cashier, day.business_date, receipt.sequence):
                raise ValidationProblem(
                    "receipt_number",
                    f"{number} was counted in the closed shift of {receipt.cashier}; a counted "
                    "shift is not changed at the counter: ask accounts for a correction",
                )
            entry = self._append(
                conn,
                kind=EntryKind.CANCELLATION,
                business_date=day.business_date,
                cashier=person.user_id,
                body={
                    "refers_to_sequence": receipt.sequence,
                    "receipt_number": number,
                    "rr_number": receipt.body["rr_number"],
                    "cancelled_amount_paise": receipt.body["amount_paise"],
                    "payment_mode": receipt.body["payment_mode"],
                    "reason": why,
                    "supervisor": supervisor_id,
                },
            )
        self._announce(entry)
        return entry

    def reprint_receipt(self, *, cashier_id: str, receipt_number: str, reason: str) -> ReceiptView:
        """Record a reprint and why, and return the receipt marked DUPLICATE (and CANCELLED)."""
        number = rules.parse_own_receipt_number(receipt_number, self.counter_code)
        why = clean_note(reason, "reason")
        with self._store.write() as conn:
            person = rules.require_cashier(conn, cashier_id)
            day = rules.require_open_day(conn)
            receipt = self._require_receipt(conn, number)
            cancelled = q.cancellation_of(conn, self.counter_code, receipt.sequence) is not None
            entry = self._append(
                conn,
                kind=EntryKind.REPRINT,
                business_date=day.business_date,
                cashier=person.user_id,
                body={
                    "refers_to_sequence": receipt.sequence,
                    "receipt_number": number,
                    "copy_number": q.reprint_count(conn, receipt.sequence) + 1,
                    "reason": why,
                },
            )
        self._announce(entry)
        return ReceiptView.of(
            receipt, duplicate=True, cancelled=cancelled, reprint_sequence=entry.sequence
        )

    def _require_receipt(self, conn: Connection, number: str) -> JournalEntry:
        receipt = q.find_receipt(conn, self.counter_code, number)
        if receipt is None:
            raise ValidationProblem("receipt_number", f"no receipt {number} at this counter")
        return receipt

    # -- cash movements -------------------------------------------------------------------

    def cash_in(self, *, cashier_id: str, amount_paise: int, note: str) -> JournalEntry:
        """Cash put into the drawer that is not a receipt (e.g. the opening float)."""
        return self._cash_movement(EntryKind.CASH_IN, cashier_id, amount_paise, note)

    def cash_out(self, *, cashier_id: str, amount_paise: int, note: str) -> JournalEntry:
        """Cash taken out of the drawer (e.g. remitted to the bank); never more than is there."""
        return self._cash_movement(EntryKind.CASH_OUT, cashier_id, amount_paise, note)

    def _cash_movement(
        self, kind: EntryKind, cashier_id: str, amount_paise: int, note: str
    ) -> JournalEntry:
        amount = check_amount(amount_paise)
        text = rules.check_note(note)
        opened: JournalEntry | None = None
        with self._store.write() as conn:
            person = rules.require_cashier(conn, cashier_id)
            if kind is EntryKind.CASH_IN:
                day, opened = self._day_for_money(conn, person.user_id)
            else:
                day = rules.require_open_day(conn)
            if kind is EntryKind.CASH_OUT:
                # One drawer per cashier: never more than the day's cash, nor their shift's.
                shift = closing.shift_expectation(conn, person.user_id, day.business_date)
                in_drawer = min(
                    q.day_summary(conn, day.business_date).cash_in_drawer_paise,
                    shift.expected_paise[PaymentMode.CASH.value],
                )
                if amount > in_drawer:
                    raise ValidationProblem(
                        "amount_paise",
                        f"only {format_inr(in_drawer)} cash should be in the drawer; "
                        f"{format_inr(amount)} cannot be taken out",
                    )
            entry = self._append(
                conn,
                kind=kind,
                business_date=day.business_date,
                cashier=person.user_id,
                body={"amount_paise": amount, "note": text},
            )
        if opened is not None:
            self._announce(opened)
        self._announce(entry)
        return entry

    # -- reads ----------------------------------------------------------------------------

    def day_book(self) -> DayBook | None:
        """The open day book, or None when no day is open."""
        with self._store.read() as conn:
            return q.open_day_book(conn)

    def latest_day_book(self) -> DayBook | None:
        """The day book with the latest business date, open or closed (None before the first)."""
        with self._store.read() as conn:
            return q.latest_day_book(conn)

    def day_summary(self, business_date: date | None = None) -> DaySummary | None:
        """Totals of `business_date` (default: the open day), or None if no day is open."""
        with self._store.read() as conn:
            if business_date is None:
                day = q.open_day_book(conn)
                if day is None:
                    return None
                business_date = day.business_date
            return q.day_summary(conn, business_date)

    def receipt(self, receipt_number: str) -> ReceiptView | None:
        """A receipt by number, for viewing (not printing: use `reprint_receipt`)."""
        number = rules.parse_own_receipt_number(receipt_number, self.counter_code)
        with self._store.read() as conn:
            entry = q.find_receipt(conn, self.counter_code, number)
            if entry is None:
                return None
            cancelled = q.cancellation_of(conn, self.counter_code, entry.sequence) is not None
        return ReceiptView.of(entry, cancelled=cancelled)

    def receipts_of_day(self, business_date: date) -> DayReceipts:
        """The receipts of one business date in order, each cancelled or not and how often
        reprinted, and the last journal sequence read (to follow on with `entries`)."""
        with self._store.read() as conn:
            return q.receipts_of_day(conn, self.counter_code, business_date)

    def due_for(self, rr_number: str) -> DueView | None:
        """What is due from this consumer as far as this counter knows, or None if not cached."""
        rr = normalise_rr_number(rr_number)
        with self._store.read() as conn:
            cached = fetch_consumer(conn, rr)
            if cached is None:
                return None
            receipts, cancellations = q.uncounted_for(conn, rr, cached.synced_at)
        return DueView(
            rr_number=rr,
            centre_balance_paise=cached.record.balance_paise,
            balance_synced_at=cached.synced_at,
            balance_as_of=cached.record.balance_as_of,
            uncounted_receipts_paise=receipts,
            uncounted_cancellations_paise=cancellations,
        )

    def entries(self, *, after: int = 0, limit: int | None = None) -> Sequence[JournalEntry]:
        """Journal entries after sequence `after`, in order."""
        with self._store.read() as conn:
            return fetch_entries(conn, self.counter_code, after=after, limit=limit)


def _check_cash_only(rr: str, fields: dict[str, object]) -> None:
    """A cash-only account (flagged by the centre after dishonoured cheques) pays in cash."""
    mode = fields["payment_mode"]
    if mode != PaymentMode.CASH.value:
        raise ValidationProblem(
            "payment.mode",
            f"{rr} is a cash-only account (cheques returned unpaid); {mode} cannot be "
            "accepted: take cash",
        )


def _clean_name(name: str | None) -> str | None:
    if name is None:
        return None
    text = " ".join(name.split())
    return text[:120] or None


def _replayed(
    earlier: JournalEntry, rr: str, amount: int, fields: dict[str, object]
) -> ReceiptView:
    """The receipt already taken for a repeated request, if the request is the same one."""
    body = earlier.body
    same = body["rr_number"] == rr and body["amount_paise"] == amount
    same = same and all(body.get(key) == value for key, value in fields.items())
    if not same:
        raise ValidationProblem(
            "request_id",
            f"was already used for receipt {body['receipt_number']} with different details",
        )
    return ReceiptView.of(earlier)
