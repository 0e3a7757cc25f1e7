"""What a counter pulls: its jurisdiction's consumers with their balances, and its cashiers.

A cursor is "snap:<clock>:<last id>" while the first full copy is being paged out, then
"inc:<clock>:<last id>" for changes stamped after <clock>. Changes are read only up to the
committed clock value, so no change can later appear behind a cursor already handed out.
"""

from __future__ import annotations

import base64
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from central_api.changes import committed_value
from central_api.consumers.models import Consumer
from central_api.db import utcnow
from central_api.errors import BadInput
from central_api.identity.fingerprints import open_sealed_template
from central_api.identity.models import User
from central_api.ledger.models import AccountBalance
from central_api.org.models import Counter, Location, OrgUnit
from common.org import OrgLevel
from common.roles import Role
from common.sync_protocol import PullPage

log = logging.getLogger(__name__)

STREAMS = ("consumers", "cashiers")
# After the full copy, only changes stamped after its clock: past every id at that tick.
PAST_EVERY_ID = 2**63 - 1


@dataclass(frozen=True)
class Cursor:
    mode: str  # "snap" or "inc"
    clock: int
    last_id: int

    def __str__(self) -> str:
        return f"{self.mode}:{self.clock}:{self.last_id}"

    @classmethod
    def parse(cls, text: str) -> Cursor | None:
        if not text:
            return None
        parts = text.split(":")
        if (
            len(parts) != 3
            or parts[0] not in ("snap", "inc")
            or not all(p.isdigit() and len(p) <= 19 for p in parts[1:])
        ):
            raise BadInput(
                "not a cursor this centre gave out; start again with none", field="cursor"
            )
        return cls(parts[0], int(parts[1]), int(parts[2]))


def _jurisdiction(session: Session, counter: Counter) -> str:
    path = session.scalar(
        select(OrgUnit.path)
        .join(Location, Location.unit_id == OrgUnit.id)
        .where(Location.id == counter.location_id)
    )
    assert path is not None
    return path


def _consumer_record(consumer: Consumer, balance: int, section: str, now: str) -> dict[str, Any]:
    return {
        "rr_number": consumer.rr_number,
        "account_id": consumer.account_id,
        "name_en": consumer.name_en,
        "name_kn": consumer.name_kn,
        "address": consumer.address,
        "tariff_category": consumer.tariff_category,
        "section_code": section,
        "balance_paise": balance,
        "balance_as_of": now,
        "cash_only": consumer.cash_only,
        # For search at the counter (issue 5); counters older than this ignore the key.
        "mobile": consumer.mobile,
    }


def pull_consumers(session: Session, *, counter: Counter, cursor: str, limit: int) -> PullPage:
    """One page of the counter's consumers: a full copy first, then what changed."""
    at = Cursor.parse(cursor) or Cursor("snap", committed_value(session), 0)
    sections = dict(
        session.execute(
            select(OrgUnit.id, OrgUnit.code).where(
                OrgUnit.path.startswith(_jurisdiction(session, counter)),
                OrgUnit.level == OrgLevel.SECTION.value,
            )
        ).all()
    )
    # Driven from account_balances in its (change_seq, consumer_id) index order; the
    # jurisdiction is a short list of section ids, not a join on paths the planner misjudges.
    query = (
        select(Consumer, AccountBalance.balance_paise, AccountBalance.change_seq)
        .select_from(AccountBalance)
        .join(Consumer, Consumer.id == AccountBalance.consumer_id)
        .where(Consumer.section_id.in_(list(sections)))
    )
    if at.mode == "snap":
        rows = session.execute(
            query.where(AccountBalance.consumer_id > at.last_id)
            .order_by(AccountBalance.consumer_id)
            .limit(limit + 1)
        ).all()
    else:
        ceiling = committed_value(session)
        rows = session.execute(
            query.where(
                tuple_(AccountBalance.change_seq, AccountBalance.consumer_id)
                > (at.clock, at.last_id),
                AccountBalance.change_seq <= ceiling,
            )
            .order_by(AccountBalance.change_seq, AccountBalance.consumer_id)
            .limit(limit + 1)
        ).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    now = utcnow().isoformat()
    records = [_consumer_record(c, balance, sections[c.section_id], now) for c, balance, _ in rows]
    if at.mode == "snap":
        following = (
            Cursor("snap", at.clock, rows[-1][0].id)
            if has_more
            else Cursor("inc", at.clock, PAST_EVERY_ID)
        )
    elif rows:
        following = Cursor("inc", rows[-1][2], rows[-1][0].id)
    else:
        following = at
    return PullPage(
        cursor=cursor, next_cursor=str(following), has_more=has_more, consumers=records, cashiers=[]
    )


def _template_text(user: User, key: bytes | None) -> str | None:
    if user.fingerprint_sealed is None or key is None:
        return None
    template = open_sealed_template(key, user.id, user.fingerprint_sealed)
    if template is None:
        log.error("the fingerprint template of %s does not open with this key", user.username)
        return None
    return base64.b64encode(template).decode("ascii")


def pull_cashiers(
    session: Session,
    *,
    counter: Counter,
    cursor: str,
    limit: int,
    fingerprint_key: bytes | None = None,
) -> PullPage:
    """The cashiers and supervisors of the counter's location who have a PIN, as they changed.

    Counter staff who changed but do not (or no longer) work here come as
    ``{"user_id": ..., "departed": true}``, so a transfer takes them off the old counters. Each
    cashier carries its fingerprint template (base64) when one is enrolled and `fingerprint_key`
    opens it; a template that does not open is left out (and logged), never sent garbled.
    """
    at = Cursor.parse(cursor) or Cursor("inc", 0, 0)
    ceiling = committed_value(session)
    rows = list(
        session.scalars(
            select(User)
            .where(
                User.role.in_([Role.CASHIER.value, Role.SUPERVISOR.value]),
                tuple_(User.change_seq, User.id) > (at.clock, at.last_id),
                User.change_seq <= ceiling,
            )
            .order_by(User.change_seq, User.id)
            .limit(limit + 1)
        )
    )
    has_more = len(rows) > limit
    rows = rows[:limit]
    following = Cursor("inc", rows[-1].change_seq, rows[-1].id) if rows else at
    cashiers = [
        {
            "user_id": u.username,
            "name": u.full_name,
            "role": u.role,
            "pin_hash": u.pin_hash,
            "active": u.active,
            "fingerprint_template": _template_text(u, fingerprint_key),
        }
        if u.location_id == counter.location_id and u.pin_hash is not None
        # Changed, and not (or no longer) someone who can work here: a counter that knows them
        # (e.g. before a transfer) stops letting them in. Only the username goes out.
        else {"user_id": u.username, "departed": True}
        for u in rows
    ]
    return PullPage(
        cursor=cursor,
        next_cursor=str(following),
        has_more=has_more,
        consumers=[],
        cashiers=cashiers,
    )
