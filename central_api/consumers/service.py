"""Consumer accounts: create, change, look up and search."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central_api.audit.service import record
from central_api.changes import touch_accounts
from central_api.consumers.models import Consumer
from central_api.consumers.schemas import ConsumerCreate, ConsumerUpdate
from central_api.db import utcnow
from central_api.deps import Principal
from central_api.errors import BadInput, Conflict, NotFound
from central_api.ledger.models import AccountBalance
from central_api.org.models import OrgUnit
from central_api.org.service import unit_by_code
from common.identifiers import make_account_id
from common.org import OrgLevel
from common.text import clean_name


def name_key(name: str) -> str:
    """The form of an English name that prefix search compares: upper case, single spaces."""
    return " ".join(name.upper().split())


def by_rr_number(
    session: Session, *, principal: Principal, rr_number: str, for_change: bool = False
) -> Consumer:
    """One account by RR number, if the caller may see it (or change it, with `for_change`)."""
    consumer = session.scalar(select(Consumer).where(Consumer.rr_number == rr_number))
    if consumer is None:
        raise NotFound(f"no consumer with RR number {rr_number}", field="rr_number")
    if for_change or not principal.may_look_up_anywhere():
        _check_in_scope(session, principal, consumer)
    return consumer


def _check_in_scope(session: Session, principal: Principal, consumer: Consumer) -> None:
    if principal.company_wide:
        return
    path = session.scalar(select(OrgUnit.path).where(OrgUnit.id == consumer.section_id)) or ""
    principal.require_covers(path, consumer.rr_number, "rr_number")


def balance_of(session: Session, consumer_id: int) -> int:
    balance = session.scalar(
        select(AccountBalance.balance_paise).where(AccountBalance.consumer_id == consumer_id)
    )
    return balance or 0


def search(
    session: Session,
    *,
    principal: Principal,
    rr_number: str | None = None,
    account_id: str | None = None,
    name_prefix: str | None = None,
    mobile: str | None = None,
    limit: int = 20,
) -> list[Consumer]:
    """Find accounts by exactly one of: RR number, account id, name prefix, mobile."""
    given = [x for x in (rr_number, account_id, name_prefix, mobile) if x]
    if len(given) != 1:
        raise BadInput("give exactly one of rr_number, account_id, name, mobile", field="query")
    query = select(Consumer)
    if rr_number:
        query = query.where(Consumer.rr_number == rr_number)
    elif account_id:
        query = query.where(Consumer.account_id == account_id)
    elif mobile:
        query = query.where(Consumer.mobile == mobile)
    else:
        key = name_key(clean_name(name_prefix or "", "name"))
        if len(key) < 2:
            raise BadInput("a name search needs at least 2 letters", field="name")
        # A range scan on the b-tree index: key <= name_key < key + U+FFFF.
        query = query.where(Consumer.name_key >= key, Consumer.name_key < key + "\uffff")
    if not (principal.may_look_up_anywhere() or principal.company_wide):
        query = principal.within(query, Consumer.section_id)
    return list(session.scalars(query.order_by(Consumer.name_key, Consumer.id).limit(limit)))


def create(session: Session, *, principal: Principal, data: ConsumerCreate) -> Consumer:
    """Open an account in a section within the caller's scope."""
    section = unit_by_code(session, data.section_code, "section_code")
    if section.level != OrgLevel.SECTION:
        raise Conflict(f"{section.code} is a {section.level}, not a section", field="section_code")
    principal.require_covers(section.path, section.code, "section_code")
    if session.scalar(select(Consumer.id).where(Consumer.rr_number == data.rr_number)) is not None:
        raise Conflict(f"RR number {data.rr_number} already exists", field="rr_number")
    account_id = data.account_id or _next_account_id(session)
    if session.scalar(select(Consumer.id).where(Consumer.account_id == account_id)) is not None:
        raise Conflict(f"account id {account_id} already exists", field="account_id")
    fields = data.model_dump(exclude={"section_code", "account_id"})
    consumer = Consumer(
        **fields, account_id=account_id, name_key=name_key(data.name_en), section_id=section.id
    )
    session.add(consumer)
    session.flush()
    session.add(AccountBalance(consumer_id=consumer.id, balance_paise=0, entry_count=0))
    touch_accounts(session, [consumer.id])
    record(
        session,
        principal=principal,
        action="consumer.create",
        target_type="consumer",
        target_id=consumer.rr_number,
        details={"section": section.code},
    )
    return consumer


def _next_account_id(session: Session) -> str:
    highest = session.scalar(select(func.max(Consumer.id))) or 0
    serial = highest + 1
    while session.scalar(select(Consumer.id).where(Consumer.account_id == make_account_id(serial))):
        serial += 1
    return make_account_id(serial)


def update(
    session: Session, *, principal: Principal, rr_number: str, data: ConsumerUpdate
) -> Consumer:
    """Change an account's particulars; the change is audited with the old and new values."""
    consumer = by_rr_number(session, principal=principal, rr_number=rr_number, for_change=True)
    changes: dict[str, object] = {}
    for name, value in data.model_dump(exclude_unset=True).items():
        old = getattr(consumer, name)
        if old != value:
            changes[name] = {"from": old, "to": value}
            setattr(consumer, name, value)
    if "name_en" in changes:
        consumer.name_key = name_key(consumer.name_en)
    if changes:
        consumer.updated_at = utcnow()
        touch_accounts(session, [consumer.id])
        record(
            session,
            principal=principal,
            action="consumer.update",
            target_type="consumer",
            target_id=consumer.rr_number,
            details=changes,
        )
    return consumer
