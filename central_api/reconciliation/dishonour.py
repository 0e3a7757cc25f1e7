"""Cheques and drafts the bank returns unpaid: the payment reversed by a new ledger entry, the
returned-cheque charge posted, the consumer alerted, and repeat offenders flagged cash-only."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central_api.audit.service import record
from central_api.changes import touch_accounts
from central_api.consumers.models import Consumer
from central_api.db import utcnow
from central_api.deps import Principal
from central_api.errors import BadInput, Conflict, NotFound
from central_api.ledger.models import LedgerEntry
from central_api.ledger.schemas import EntryCategory, EntryKind
from central_api.ledger.service import Posting, post
from central_api.org.models import Counter, OrgUnit
from central_api.reconciliation.config import ReconSettings
from central_api.reconciliation.models import AlertOutbox, ChequeReturn
from central_api.reconciliation.schemas import ChequeReturnRead
from central_api.sync.models import CounterEntry
from common.identifiers import IdentifierError, ReceiptNumber
from common.sync_protocol import PaymentMode

RETURNABLE = (PaymentMode.CHEQUE.value, PaymentMode.DEMAND_DRAFT.value)


def _receipt(session: Session, number: ReceiptNumber) -> CounterEntry:
    counter_id = session.scalar(select(Counter.id).where(Counter.code == number.counter_code))
    entry = (
        session.scalar(
            select(CounterEntry).where(
                CounterEntry.counter_id == counter_id,
                CounterEntry.kind == "receipt",
                CounterEntry.receipt_number == str(number),
            )
        )
        if counter_id is not None
        else None
    )
    if entry is None:
        raise NotFound(f"the centre holds no receipt {number}", field="receipt_number")
    return entry


def return_cheque(
    session: Session,
    *,
    principal: Principal,
    receipt_number: str,
    reason: str,
    returned_on: date,
    settings: ReconSettings | None = None,
) -> ChequeReturnRead:
    """Record a cheque or draft returned unpaid; refused (changing nothing) for any other mode."""
    settings = settings or ReconSettings.from_env()
    try:
        number = ReceiptNumber.parse(receipt_number.strip().upper())
    except IdentifierError as exc:
        raise BadInput(exc.reason, field="receipt_number") from None
    entry = _receipt(session, number)
    if entry.payment_mode not in RETURNABLE:
        raise BadInput(
            f"receipt {number} was paid by {entry.payment_mode}; only cheque and demand draft "
            "receipts can be returned by the bank",
            field="receipt_number",
        )
    if returned_on > utcnow().date() + timedelta(days=1):
        raise BadInput("must not be in the future", field="returned_on")
    if returned_on < entry.business_date:
        raise BadInput(
            f"must not be before the receipt's date {entry.business_date.isoformat()}",
            field="returned_on",
        )
    earlier = session.scalar(select(ChequeReturn).where(ChequeReturn.receipt_number == str(number)))
    if earlier is not None:
        raise Conflict(
            f"receipt {number} was already recorded as returned on "
            f"{earlier.returned_on.isoformat()}",
            field="receipt_number",
        )
    payment = session.scalar(
        select(LedgerEntry).where(LedgerEntry.source_ref == f"receipt:{number}")
    )
    if payment is None:
        raise Conflict(
            f"receipt {number} is not on an account (it is in suspense); transfer it first",
            field="receipt_number",
        )
    if session.scalar(select(LedgerEntry.id).where(LedgerEntry.source_ref == f"cancel:{number}")):
        raise Conflict(
            f"receipt {number} was cancelled; it cannot be returned", field="receipt_number"
        )
    consumer = session.get(Consumer, payment.consumer_id, with_for_update=True)
    assert consumer is not None
    path = session.scalar(select(OrgUnit.path).where(OrgUnit.id == consumer.section_id)) or ""
    principal.require_covers(path, str(number), "receipt_number")
    amount = -payment.amount_paise
    reversal, _ = post(
        session,
        Posting(
            consumer_id=consumer.id,
            kind=EntryKind.DEMAND,
            category=EntryCategory.REVERSAL,
            amount_paise=amount,
            source_ref=f"dishonour:{number}",
            business_date=returned_on,
            narration=f"{number} {entry.payment_mode} returned unpaid: {reason}"[:200],
            posted_by_user_id=principal.user_id,
            approved_by_user_id=principal.user_id,
        ),
    )
    charge_entry = None
    if settings.returned_cheque_charge_paise > 0:
        charge_entry, _ = post(
            session,
            Posting(
                consumer_id=consumer.id,
                kind=EntryKind.DEMAND,
                category=EntryCategory.CHARGE,
                amount_paise=settings.returned_cheque_charge_paise,
                source_ref=f"dishonour-charge:{number}",
                business_date=returned_on,
                narration=f"returned cheque charge for {number}"[:200],
                posted_by_user_id=principal.user_id,
                approved_by_user_id=principal.user_id,
            ),
        )
    returned = ChequeReturn(
        receipt_entry_id=entry.id,
        receipt_number=str(number),
        consumer_id=consumer.id,
        amount_paise=amount,
        charge_paise=settings.returned_cheque_charge_paise,
        reason=reason,
        returned_on=returned_on,
        reversal_entry_id=reversal.id,
        charge_entry_id=charge_entry.id if charge_entry else None,
        recorded_by=principal.user_id,
    )
    session.add(returned)
    session.flush()
    returns = int(
        session.scalar(
            select(func.count())
            .select_from(ChequeReturn)
            .where(ChequeReturn.consumer_id == consumer.id)
        )
        or 0
    )
    flagged = returns >= settings.cash_only_after_returns and not consumer.cash_only
    if flagged:
        consumer.cash_only = True
        touch_accounts(session, [consumer.id])
    session.add(
        AlertOutbox(
            consumer_id=consumer.id,
            kind="cheque_returned",
            payload={
                "rr_number": consumer.rr_number,
                "receipt_number": str(number),
                "amount_paise": amount,
                "charge_paise": settings.returned_cheque_charge_paise,
                "reason": reason,
                "returned_on": returned_on.isoformat(),
                "cash_only": consumer.cash_only,
            },
        )
    )
    record(
        session,
        principal=principal,
        action="cheque.return",
        target_type="receipt",
        target_id=str(number),
        details={
            "rr_number": consumer.rr_number,
            "amount_paise": amount,
            "charge_paise": settings.returned_cheque_charge_paise,
            "reason": reason,
            "returns_on_account": returns,
            "cash_only_set": flagged,
        },
    )
    session.flush()
    read = ChequeReturnRead.model_validate(returned)
    return read.model_copy(update={"returns_on_account": returns, "cash_only": consumer.cash_only})
