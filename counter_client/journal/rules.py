"""Checks every journal action makes before writing; each refusal is a ValidationProblem."""

from __future__ import annotations

import re

from sqlalchemy.engine import Connection

from common.errors import ValidationProblem
from common.identifiers import ReceiptNumber
from counter_client.journal.queries import find_cashier, open_day_book
from counter_client.journal.views import DayBook
from counter_client.store.cashiers import COUNTER_ROLES, Cashier

__all__ = [
    "MIN_REASON_CHARS",
    "check_note",
    "check_reason",
    "check_request_id",
    "parse_own_receipt_number",
    "require_cashier",
    "require_open_day",
    "require_supervisor",
]

MIN_REASON_CHARS = 5
MAX_TEXT_CHARS = 200
_REQUEST_ID = re.compile(r"[A-Za-z0-9-]{8,64}")


def require_open_day(conn: Connection) -> DayBook:
    """The open day book; refuses when no day is open (e.g. after the day was closed)."""
    day = open_day_book(conn)
    if day is None:
        raise ValidationProblem(
            "day_book", "no day book is open at this counter; open the day before taking money"
        )
    return day


def require_cashier(conn: Connection, user_id: str, field: str = "cashier_id") -> Cashier:
    """An active person allowed at this counter."""
    person = find_cashier(conn, user_id)
    if person is None:
        raise ValidationProblem(field, f"{user_id!r} is not allowed at this counter")
    if not person.active:
        raise ValidationProblem(field, f"{person.name} ({user_id}) is no longer allowed here")
    if person.role not in COUNTER_ROLES:
        raise ValidationProblem(field, f"{person.name} has no counter role")
    return person


def require_supervisor(conn: Connection, supervisor_id: str, *, not_ids: dict[str, str]) -> Cashier:
    """An active supervisor who is none of the people in `not_ids` (id -> who they are)."""
    supervisor = require_cashier(conn, supervisor_id, field="supervisor_id")
    if not supervisor.is_supervisor:
        raise ValidationProblem(
            "supervisor_id", f"{supervisor.name} is not a supervisor; a supervisor must approve"
        )
    if supervisor_id in not_ids:
        raise ValidationProblem(
            "supervisor_id",
            f"the approving supervisor must be someone other than {not_ids[supervisor_id]}",
        )
    return supervisor


def _clean(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def check_reason(reason: object) -> str:
    """A cancellation reason someone can act on later."""
    text = _clean(reason)
    if len(text) < MIN_REASON_CHARS:
        raise ValidationProblem("reason", f"say why, in at least {MIN_REASON_CHARS} characters")
    if len(text) > MAX_TEXT_CHARS:
        raise ValidationProblem("reason", f"must be at most {MAX_TEXT_CHARS} characters")
    return text


def check_note(note: object) -> str:
    """What a cash-in or cash-out was for."""
    text = _clean(note)
    if not text:
        raise ValidationProblem("note", "say what the cash is for (e.g. opening float)")
    if len(text) > MAX_TEXT_CHARS:
        raise ValidationProblem("note", f"must be at most {MAX_TEXT_CHARS} characters")
    return text


def check_request_id(request_id: object) -> str:
    """The caller's idempotency key: 8 to 64 letters, digits or '-' (a UUID fits)."""
    if not isinstance(request_id, str) or not _REQUEST_ID.fullmatch(request_id):
        raise ValidationProblem(
            "request_id", "must be 8 to 64 letters, digits or '-' (e.g. a UUID)"
        )
    return request_id


def parse_own_receipt_number(text: str, counter_code: str) -> str:
    """A receipt number of this counter in canonical form."""
    number = ReceiptNumber.parse(text)
    if number.counter_code != counter_code:
        raise ValidationProblem(
            "receipt_number",
            f"{number} was issued by counter {number.counter_code}, not this counter "
            f"({counter_code})",
        )
    return str(number)
