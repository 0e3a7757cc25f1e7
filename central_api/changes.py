"""Change stamps: what lets counters pull only what changed, without ever missing a change.

Writers say which accounts and users they changed (`touch_accounts`, `touch_users`). Just before
the transaction commits, those rows are stamped with the next value of one clock row, taken with
a row lock that is held only for that last step and the commit itself. So stamps commit in
increasing order: a reader who has seen everything up to the clock's committed value can never
later meet a change stamped below it, and writers queue for the clock only for a moment.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import BigInteger, any_, bindparam, cast, event, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.types import Text

from central_api.bulk import int_array_literal
from central_api.db import utcnow
from central_api.identity.models import User
from central_api.ledger.models import AccountBalance
from central_api.sync.models import SyncClock

_TOUCHED = "trm_touched"


_MOVES = "trm_balance_moves"


def _touched(session: Session) -> dict[str, set[int]]:
    return session.info.setdefault(_TOUCHED, {"accounts": set(), "users": set()})  # type: ignore[no-any-return]


def touch_accounts(session: Session, consumer_ids: Iterable[int]) -> None:
    """Mark accounts (balance or particulars) as changed in this transaction."""
    _touched(session)["accounts"].update(consumer_ids)


def touch_users(session: Session, user_ids: Iterable[int]) -> None:
    """Mark users (e.g. a cashier's PIN or status) as changed in this transaction."""
    _touched(session)["users"].update(user_ids)


def move_balances_at_commit(session: Session, moves: dict[int, tuple[int, int]]) -> None:
    """Add (paise, entries) to these accounts' cached balances when the transaction commits,
    in the same statement that stamps them (PostgreSQL only).

    The caller has already locked the balance rows (in account order) and created any missing
    ones. Until the commit, reads in this transaction see the balances without these moves: only
    for writers that read no balance after posting, and never inside a savepoint that may roll
    back on its own.
    """
    pending: dict[int, list[int]] = session.info.setdefault(_MOVES, {})
    for consumer_id, (paise, entries) in moves.items():
        held = pending.setdefault(consumer_id, [0, 0])
        held[0] += paise
        held[1] += entries
    touch_accounts(session, moves)


_MOVE_AND_STAMP = text(
    "UPDATE account_balances AS b SET balance_paise = b.balance_paise + v.paise, "
    "entry_count = b.entry_count + v.entries, change_seq = :stamp, "
    "updated_at = CASE WHEN v.entries <> 0 THEN :now ELSE b.updated_at END "
    "FROM unnest(CAST(:ids AS BIGINT[]), CAST(:paise AS BIGINT[]), CAST(:entries AS INT[])) "
    "AS v(id, paise, entries) "
    "WHERE b.consumer_id = v.id"
)


def tick(session: Session) -> int:
    """Advance the clock inside the caller's transaction and return the new value.

    The row stays locked until the transaction ends: call it as late as possible.
    """
    value = session.execute(
        text("UPDATE sync_clock SET value = value + 1 WHERE id = 1 RETURNING value")
    ).scalar()
    if value is None:  # an emptied table (e.g. after a restore): start again above zero
        session.add(SyncClock(id=1, value=1))
        session.flush()
        return 1
    return int(value)


def committed_value(session: Session) -> int:
    """The clock as last committed: every change stamped at or below it is visible."""
    return int(session.scalar(select(SyncClock.value).where(SyncClock.id == 1)) or 0)


@event.listens_for(Session, "before_commit")
def _stamp_touched(session: Session) -> None:
    touched = session.info.pop(_TOUCHED, None)
    moves: dict[int, list[int]] = session.info.pop(_MOVES, None) or {}
    if not touched or not (touched["accounts"] or touched["users"]):
        return
    stamp = tick(session)
    accounts = touched["accounts"]
    if moves:
        # Balances moved and stamped in one statement (each row gets one new version, not two);
        # the rows were locked in account order when the postings were made.
        ordered = sorted(accounts)
        session.execute(
            _MOVE_AND_STAMP,
            {
                "stamp": stamp,
                "now": utcnow(),
                "ids": int_array_literal(ordered),
                "paise": int_array_literal([moves.get(i, (0, 0))[0] for i in ordered]),
                "entries": int_array_literal([moves.get(i, (0, 0))[1] for i in ordered]),
            },
        )
        accounts = set()
    postgresql = session.get_bind().dialect.name == "postgresql"
    for key, ids in (
        (AccountBalance.consumer_id, accounts),
        (User.id, touched["users"]),
    ):
        if ids:
            ordered = sorted(ids)
            # On PostgreSQL one array parameter, not one parameter per row: this runs while
            # the clock is held, so it must be as short as it can be.
            matches = (
                key
                == any_(
                    cast(bindparam(None, int_array_literal(ordered), Text()), ARRAY(BigInteger()))
                )
                if postgresql
                else key.in_(ordered)
            )
            session.execute(
                update(key.class_)
                .where(matches)
                .values(change_seq=stamp)
                .execution_options(synchronize_session=False)
            )


@event.listens_for(Session, "after_rollback")
def _forget_touched(session: Session, *_: Any) -> None:
    session.info.pop(_TOUCHED, None)
    session.info.pop(_MOVES, None)
