"""Bank statements: import (once per file, once per line) and matching credits to remittances.

Automatic matching pairs an unmatched credit with an unmatched remittance of the same account
and the same amount whose deposit date lies within the window before the credit (deposit date
to deposit date + N working days). Where several remittances fit, the one whose slip number
appears in the line's narration or reference wins; if that does not single one out, the line
is left for an officer to match by hand. Every match and unmatch is audited.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from central_api.audit.service import record
from central_api.bulk import among
from central_api.db import utcnow
from central_api.deps import Principal
from central_api.errors import BadInput, Conflict, NotFound
from central_api.reconciliation.bank_csv import PROFILES, ColumnMapping, parse_statement
from central_api.reconciliation.config import ReconSettings, window_end
from central_api.reconciliation.grid import alnum, counters_in_scope, date_in, paise_in
from central_api.reconciliation.models import BankLine, BankStatement, RemittanceMatch
from central_api.reconciliation.schemas import StatementImportRead
from central_api.sync.models import CounterEntry

# A slip is banked some days after the business date it covers; look back this far for it.
_REMITTANCE_LOOKBACK = timedelta(days=45)


def same_account(a: str, b: str) -> bool:
    """Equal account numbers; a masked one ("XXXXXX1234") agrees on its last four digits."""
    x, y = alnum(a), alnum(b)
    if "X" in x or "X" in y:
        return len(x) >= 4 and len(y) >= 4 and x[-4:] == y[-4:]
    return x == y


def line_key(account: str, reference: str, day: date, credit: int, debit: int, text: str) -> str:
    """The same line again (bank reference, date and amount) gets the same key."""
    parts = [alnum(account), day.isoformat(), str(credit), str(debit), reference.strip()]
    if not reference.strip():
        parts.append(" ".join(text.split()).upper())
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def import_statement(
    session: Session,
    *,
    principal: Principal,
    data: bytes,
    file_name: str,
    profile: str,
    account_number: str,
    mapping: ColumnMapping | None = None,
    settings: ReconSettings | None = None,
) -> StatementImportRead:
    """Read a statement file, keep its new lines, and match what can be matched."""
    settings = settings or ReconSettings.from_env()
    if len(data) > settings.max_statement_bytes:
        raise BadInput(f"is larger than {settings.max_statement_bytes} bytes", field="file")
    if mapping is None:
        if profile not in PROFILES:
            raise BadInput(f"must be one of {sorted(PROFILES)}", field="profile")
        mapping = PROFILES[profile]
    account = alnum(account_number)
    if not (account.isdigit() and 6 <= len(account) <= 20):
        raise BadInput("must be the account's 6 to 20 digits", field="account_number")
    digest = hashlib.sha256(data).hexdigest()
    earlier = session.scalar(select(BankStatement).where(BankStatement.file_sha256 == digest))
    if earlier is not None:
        raise Conflict(
            f"this file was already imported as statement {earlier.id} on "
            f"{earlier.imported_at:%d-%m-%Y %H:%M}; nothing was imported again",
            field="file",
        )
    parsed = parse_statement(data, mapping)
    keyed = {
        line_key(
            account, ln.reference, ln.txn_date, ln.credit_paise, ln.debit_paise, ln.description
        ): ln
        for ln in parsed.lines
    }
    held = set(
        session.scalars(select(BankLine.line_key).where(among(session, BankLine.line_key, keyed)))
    )
    statement = BankStatement(
        profile=profile,
        account_number=account,
        file_name=file_name[:200],
        file_sha256=digest,
        lines_read=len(parsed.lines),
        lines_new=len(keyed) - len(held),
        lines_already_held=len(parsed.lines) - (len(keyed) - len(held)),
        first_date=min(ln.txn_date for ln in parsed.lines),
        last_date=max(ln.txn_date for ln in parsed.lines),
        imported_by=principal.user_id,
    )
    session.add(statement)
    session.flush()
    fresh = [
        {
            "statement_id": statement.id,
            "line_no": ln.line_no,
            "account_number": account,
            "txn_date": ln.txn_date,
            "value_date": ln.value_date,
            "description": ln.description,
            "reference": ln.reference,
            "debit_paise": ln.debit_paise,
            "credit_paise": ln.credit_paise,
            "balance_paise": ln.balance_paise,
            "line_key": key,
        }
        for key, ln in keyed.items()
        if key not in held
    ]
    if fresh:
        session.execute(insert(BankLine), fresh)
    matched = auto_match(session, principal=principal, account_number=account, settings=settings)
    record(
        session,
        principal=principal,
        action="bank_statement.import",
        target_type="bank_statement",
        target_id=statement.id,
        details={
            "file": statement.file_name,
            "sha256": digest,
            "account_number": account,
            "lines_new": statement.lines_new,
            "lines_already_held": statement.lines_already_held,
            "matched": matched,
        },
    )
    return StatementImportRead(
        statement_id=statement.id,
        profile=profile,
        account_number=account,
        lines_read=statement.lines_read,
        lines_new=statement.lines_new,
        lines_already_held=statement.lines_already_held,
        matched=matched,
    )


@dataclass
class _Remittance:
    entry_id: int
    account: str
    slip: str
    deposited: date
    amount: int


def _live_matched(session: Session, column: Any, ids: Iterable[int]) -> set[int]:
    wanted = list(ids)
    if not wanted:
        return set()
    return set(
        session.scalars(
            select(column).where(column.in_(wanted), RemittanceMatch.undone_at.is_(None))
        )
    )


def _open_remittances(
    session: Session, principal: Principal, account: str, first: date, last: date
) -> list[_Remittance]:
    counters = counters_in_scope(session, principal=principal, unit_id=None)
    if not counters:
        return []
    rows = session.execute(
        select(CounterEntry.id, CounterEntry.body).where(
            CounterEntry.kind == "remittance",
            CounterEntry.counter_id.in_(list(counters)),
            CounterEntry.business_date.between(first - _REMITTANCE_LOOKBACK, last),
        )
    ).all()
    taken = _live_matched(session, RemittanceMatch.remittance_entry_id, (r[0] for r in rows))
    found: list[_Remittance] = []
    for entry_id, body in rows:
        if entry_id in taken or not same_account(str(body.get("account_number", "")), account):
            continue
        deposited = date_in(body, "deposit_date")
        if deposited is None:
            continue  # a malformed remittance: left for an officer
        found.append(
            _Remittance(
                entry_id,
                str(body.get("account_number", "")),
                alnum(str(body.get("slip_number", ""))),
                deposited,
                paise_in(body, "amount_paise"),
            )
        )
    return found


def auto_match(
    session: Session,
    *,
    principal: Principal,
    account_number: str,
    settings: ReconSettings | None = None,
) -> int:
    """Match the account's unmatched credits to remittances where exactly one fits; the count."""
    settings = settings or ReconSettings.from_env()
    account = alnum(account_number)
    lines = list(
        session.scalars(
            select(BankLine)
            .where(BankLine.account_number == account, BankLine.credit_paise > 0)
            .order_by(BankLine.txn_date, BankLine.id)
        )
    )
    taken_lines = _live_matched(session, RemittanceMatch.bank_line_id, (ln.id for ln in lines))
    lines = [ln for ln in lines if ln.id not in taken_lines]
    if not lines:
        return 0
    pool = _open_remittances(session, principal, account, lines[0].txn_date, lines[-1].txn_date)
    by_amount: dict[int, list[_Remittance]] = {}
    for remittance in pool:
        by_amount.setdefault(remittance.amount, []).append(remittance)
    days = settings.bank_match_working_days
    matched = 0
    for line in lines:
        text = alnum(f"{line.description} {line.reference}")
        fits = [
            r
            for r in by_amount.get(line.credit_paise, [])
            if r.deposited <= line.txn_date <= window_end(r.deposited, days)
        ]
        by_slip = [r for r in fits if r.slip and r.slip in text]
        chosen = by_slip if by_slip else fits
        if len(chosen) != 1:
            continue
        by_amount[line.credit_paise].remove(chosen[0])
        session.add(
            RemittanceMatch(
                bank_line_id=line.id,
                remittance_entry_id=chosen[0].entry_id,
                method="auto",
                note="slip number in narration" if by_slip else "amount and date",
                matched_by=principal.user_id,
            )
        )
        matched += 1
    session.flush()
    return matched


def match(
    session: Session,
    *,
    principal: Principal,
    bank_line_id: int,
    remittance_entry_id: int,
    note: str,
) -> RemittanceMatch:
    """An officer's match of a bank credit to a remittance the automatic pass left."""
    line = session.get(BankLine, bank_line_id)
    if line is None or line.credit_paise <= 0:
        raise NotFound(f"no bank credit {bank_line_id}", field="bank_line_id")
    entry = session.get(CounterEntry, remittance_entry_id)
    if entry is None or entry.kind != "remittance":
        raise NotFound(f"no remittance entry {remittance_entry_id}", field="remittance_entry_id")
    if entry.counter_id not in counters_in_scope(session, principal=principal, unit_id=None):
        raise NotFound(f"no remittance entry {remittance_entry_id}", field="remittance_entry_id")
    if _live_matched(session, RemittanceMatch.bank_line_id, [line.id]):
        raise Conflict(
            f"bank line {line.id} is already matched; unmatch it first", field="bank_line_id"
        )
    if _live_matched(session, RemittanceMatch.remittance_entry_id, [entry.id]):
        raise Conflict(
            f"remittance {entry.id} is already matched; unmatch it first",
            field="remittance_entry_id",
        )
    made = RemittanceMatch(
        bank_line_id=line.id,
        remittance_entry_id=entry.id,
        method="manual",
        note=note,
        matched_by=principal.user_id,
    )
    session.add(made)
    session.flush()
    record(
        session,
        principal=principal,
        action="bank_match.match",
        target_type="bank_line",
        target_id=line.id,
        details={
            "remittance_entry_id": entry.id,
            "credit_paise": line.credit_paise,
            "remitted_paise": entry.body.get("amount_paise"),
            "note": note,
        },
    )
    return made


def unmatch(
    session: Session, *, principal: Principal, match_id: int, reason: str
) -> RemittanceMatch:
    """Undo a match (kept, marked undone, audited) so the line and remittance can match again."""
    made = session.get(RemittanceMatch, match_id, with_for_update=True)
    if made is None:
        raise NotFound(f"no match {match_id}", field="match_id")
    if made.undone_at is not None:
        raise Conflict(f"match {match_id} was already undone", field="match_id")
    entry = session.get(CounterEntry, made.remittance_entry_id)
    assert entry is not None
    if entry.counter_id not in counters_in_scope(session, principal=principal, unit_id=None):
        raise NotFound(f"no match {match_id}", field="match_id")
    made.undone_at, made.undone_by, made.undo_reason = utcnow(), principal.user_id, reason
    record(
        session,
        principal=principal,
        action="bank_match.unmatch",
        target_type="bank_line",
        target_id=made.bank_line_id,
        details={
            "match": made.id,
            "remittance_entry_id": made.remittance_entry_id,
            "reason": reason,
        },
    )
    return made
