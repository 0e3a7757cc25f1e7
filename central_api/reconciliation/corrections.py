"""Two-person corrections: a suspense receipt placed on the right account, and a payment posted
to the wrong account moved to the right one. One officer asks, another approves; the money moves
only as new ledger entries carrying the reason and both officers, never as an edit."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from central_api.audit.service import record
from central_api.consumers.models import Consumer
from central_api.db import utcnow
from central_api.deps import Principal
from central_api.errors import BadInput, Conflict, Forbidden, NotFound
from central_api.ledger.models import LedgerEntry
from central_api.ledger.schemas import EntryCategory, EntryKind
from central_api.ledger.service import Posting, post
from central_api.org.models import OrgUnit
from central_api.reconciliation.models import AccountTransfer, SuspenseTransferRequest
from central_api.sync import suspense
from central_api.sync.models import SuspenseEntry
from common.identifiers import IdentifierError, ReceiptNumber

Request = TypeVar("Request", SuspenseTransferRequest, AccountTransfer)


def _pending(
    session: Session, model: type[Request], request_id: int, principal: Principal
) -> Request:
    request = session.get(model, request_id, with_for_update=True)
    if request is None:
        raise NotFound(f"no request {request_id}", field="request_id")
    if request.state != "pending":
        raise Conflict(f"request {request_id} is already {request.state}", field="request_id")
    if request.requested_by == principal.user_id:
        raise Forbidden(
            "a second officer must decide on a transfer you asked for", field="request_id"
        )
    return request


def _in_scope(session: Session, principal: Principal, held: SuspenseEntry) -> None:
    rows = suspense.at_counters_within(
        principal,
        select(SuspenseEntry.id).where(SuspenseEntry.id == held.id),
        SuspenseEntry.counter_id,
    )
    if session.scalar(rows) is None:
        raise NotFound(f"no suspense entry {held.id}", field="suspense_id")


def ask_suspense_transfer(
    session: Session, *, principal: Principal, suspense_id: int, rr_number: str, reason: str
) -> SuspenseTransferRequest:
    """Ask for a suspense amount to be placed on `rr_number`; a second officer approves."""
    assert principal.user_id is not None
    held = suspense.open_entry(session, suspense_id)
    _in_scope(session, principal, held)
    consumer = suspense.consumer_for(session, principal=principal, rr_number=rr_number)
    waiting = session.scalar(
        select(SuspenseTransferRequest.id).where(
            SuspenseTransferRequest.suspense_id == held.id,
            SuspenseTransferRequest.state == "pending",
        )
    )
    if waiting is not None:
        raise Conflict(
            f"suspense entry {held.id} already has transfer request {waiting} awaiting approval",
            field="suspense_id",
        )
    request = SuspenseTransferRequest(
        suspense_id=held.id,
        consumer_id=consumer.id,
        rr_number=consumer.rr_number,
        reason=reason,
        requested_by=principal.user_id,
    )
    session.add(request)
    session.flush()
    record(
        session,
        principal=principal,
        action="suspense.transfer.ask",
        target_type="suspense",
        target_id=held.id,
        details={"request": request.id, "rr_number": consumer.rr_number, "reason": reason},
    )
    return request


def decide_suspense_transfer(
    session: Session, *, principal: Principal, request_id: int, approve: bool, note: str | None
) -> SuspenseTransferRequest:
    """Approve (post to the account) or reject a suspense transfer another officer asked for."""
    request = _pending(session, SuspenseTransferRequest, request_id, principal)
    held = suspense.open_entry(session, request.suspense_id)
    _in_scope(session, principal, held)
    if approve:
        consumer = suspense.consumer_for(session, principal=principal, rr_number=request.rr_number)
        suspense.post_transfer(
            session,
            principal=principal,
            held=held,
            consumer=consumer,
            reason=request.reason,
            asked_by=request.requested_by,
        )
    request.state = "approved" if approve else "rejected"
    request.decided_by, request.decided_at, request.note = principal.user_id, utcnow(), note
    record(
        session,
        principal=principal,
        action=f"suspense.transfer.{request.state[:-1]}",
        target_type="suspense",
        target_id=held.id,
        details={"request": request.id, "note": note},
    )
    return request


def _payment_of(session: Session, receipt_number: str) -> LedgerEntry:
    try:
        number = ReceiptNumber.parse(receipt_number)
    except IdentifierError as exc:
        raise BadInput(exc.reason, field="receipt_number") from None
    entry = session.scalar(select(LedgerEntry).where(LedgerEntry.source_ref == f"receipt:{number}"))
    if entry is None:
        raise NotFound(
            f"no payment posted for receipt {number} (is it in suspense?)", field="receipt_number"
        )
    for prefix, what in (("cancel", "cancelled"), ("dishonour", "returned unpaid")):
        if session.scalar(
            select(LedgerEntry.id).where(LedgerEntry.source_ref == f"{prefix}:{number}")
        ):
            raise Conflict(
                f"receipt {number} was {what}; nothing to transfer", field="receipt_number"
            )
    return entry


def _cover(session: Session, principal: Principal, consumer: Consumer, field: str) -> None:
    path = session.scalar(select(OrgUnit.path).where(OrgUnit.id == consumer.section_id)) or ""
    principal.require_covers(path, consumer.rr_number, field)


def ask_account_transfer(
    session: Session, *, principal: Principal, receipt_number: str, to_rr_number: str, reason: str
) -> AccountTransfer:
    """Ask for a receipt's payment to move to another account; a second officer approves."""
    assert principal.user_id is not None
    payment = _payment_of(session, receipt_number.strip().upper())
    source = session.get(Consumer, payment.consumer_id)
    assert source is not None
    _cover(session, principal, source, "receipt_number")
    target = session.scalar(select(Consumer).where(Consumer.rr_number == to_rr_number))
    if target is None:
        raise NotFound(f"no consumer with RR number {to_rr_number}", field="to_rr_number")
    _cover(session, principal, target, "to_rr_number")
    if target.id == source.id:
        raise BadInput(f"the payment is already on {to_rr_number}", field="to_rr_number")
    earlier = session.scalar(
        select(AccountTransfer).where(
            AccountTransfer.payment_entry_id == payment.id,
            AccountTransfer.state.in_(("pending", "approved")),
        )
    )
    if earlier is not None:
        raise Conflict(
            f"this payment already has transfer {earlier.id} ({earlier.state})",
            field="receipt_number",
        )
    transfer = AccountTransfer(
        payment_entry_id=payment.id,
        from_consumer_id=source.id,
        to_consumer_id=target.id,
        amount_paise=-payment.amount_paise,
        reason=reason,
        requested_by=principal.user_id,
    )
    session.add(transfer)
    session.flush()
    record(
        session,
        principal=principal,
        action="ledger.transfer.ask",
        target_type="ledger_entry",
        target_id=payment.id,
        details={
            "transfer": transfer.id,
            "from": source.rr_number,
            "to": target.rr_number,
            "amount_paise": transfer.amount_paise,
            "reason": reason,
        },
    )
    return transfer


def decide_account_transfer(
    session: Session, *, principal: Principal, request_id: int, approve: bool, note: str | None
) -> AccountTransfer:
    """Approve (reverse on one account, credit the other) or reject a transfer of a payment."""
    transfer = _pending(session, AccountTransfer, request_id, principal)
    source = session.get(Consumer, transfer.from_consumer_id)
    target = session.get(Consumer, transfer.to_consumer_id)
    assert source is not None and target is not None
    _cover(session, principal, source, "request_id")
    _cover(session, principal, target, "request_id")
    if approve:
        payment = session.get(LedgerEntry, transfer.payment_entry_id)
        assert payment is not None
        today = utcnow().date()
        narration = f"{payment.source_ref} moved {source.rr_number} -> {target.rr_number}: "
        common = {
            "amount_paise": transfer.amount_paise,
            "business_date": today,
            "narration": (narration + transfer.reason)[:200],
            "posted_by_user_id": transfer.requested_by,
            "approved_by_user_id": principal.user_id,
        }
        out, _ = post(
            session,
            Posting(
                consumer_id=source.id,
                kind=EntryKind.DEMAND,
                category=EntryCategory.REVERSAL,
                source_ref=f"transfer-out:{transfer.id}",
                **common,  # type: ignore[arg-type]
            ),
        )
        into, _ = post(
            session,
            Posting(
                consumer_id=target.id,
                kind=EntryKind.CREDIT,
                category=EntryCategory.PAYMENT,
                source_ref=f"transfer-in:{transfer.id}",
                **common,  # type: ignore[arg-type]
            ),
        )
        transfer.reversal_entry_id, transfer.credit_entry_id = out.id, into.id
    transfer.state = "approved" if approve else "rejected"
    transfer.decided_by, transfer.decided_at, transfer.note = principal.user_id, utcnow(), note
    record(
        session,
        principal=principal,
        action=f"ledger.transfer.{transfer.state[:-1]}",
        target_type="ledger_entry",
        target_id=transfer.payment_entry_id,
        details={"transfer": transfer.id, "note": note},
    )
    return transfer


def pending_suspense_transfers(
    session: Session, *, principal: Principal, limit: int = 100
) -> list[SuspenseTransferRequest]:
    """Suspense transfers awaiting a second officer, for suspense held within the scope."""
    query = suspense.at_counters_within(
        principal,
        select(SuspenseTransferRequest).join(
            SuspenseEntry, SuspenseEntry.id == SuspenseTransferRequest.suspense_id
        ),
        SuspenseEntry.counter_id,
    )
    return list(
        session.scalars(
            query.where(SuspenseTransferRequest.state == "pending")
            .order_by(SuspenseTransferRequest.id)
            .limit(limit)
        )
    )


def pending_account_transfers(
    session: Session, *, principal: Principal, limit: int = 100
) -> list[AccountTransfer]:
    """Payment transfers awaiting a second officer, from accounts within the scope."""
    query = principal.within(
        select(AccountTransfer).join(Consumer, Consumer.id == AccountTransfer.from_consumer_id),
        Consumer.section_id,
    )
    return list(
        session.scalars(
            query.where(AccountTransfer.state == "pending")
            .order_by(AccountTransfer.id)
            .limit(limit)
        )
    )
