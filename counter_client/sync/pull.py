"""The pull stage: cashiers and consumers from their saved cursors, one transaction per page.

Each page lands together with its cursor (`apply_pulled_page`), so a crash or a dropped line
mid-pull means that page is asked for again, never half-applied. A saved cursor the centre no
longer recognises (e.g. after a restore) starts the stream again from the beginning.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from datetime import datetime
from typing import Any

from common.errors import ValidationProblem
from common.identifiers import normalise_mobile
from common.roles import Role
from common.sync_protocol import PullPage
from counter_client.store.cashiers import CashierRecord
from counter_client.store.consumers import ConsumerRecord
from counter_client.store.database import Store
from counter_client.store.pull import PulledPage, apply_pulled_page, read_sync_cursor
from counter_client.sync.client import CentreClient, CentreProtocolError, CentreRefused
from counter_client.sync.report import RunLog

__all__ = ["STREAMS", "pull_streams"]

STREAMS = ("cashiers", "consumers")
"""Pulled in this order: who may work here first, then whom they take money from."""


def _text(record: dict[str, Any], key: str, *, optional: bool = False) -> Any:
    value = record.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise CentreProtocolError(f"pulled record has no text {key!r}: {str(record)[:120]}")
    return value


def _consumer(record: dict[str, Any]) -> ConsumerRecord:
    balance = record.get("balance_paise")
    if isinstance(balance, bool) or not isinstance(balance, int):
        raise CentreProtocolError(f"pulled consumer has no whole-paise balance: {record!r:.120}")
    as_of = _text(record, "balance_as_of", optional=True)
    try:
        balance_as_of = datetime.fromisoformat(as_of.replace("Z", "+00:00")) if as_of else None
    except ValueError:
        raise CentreProtocolError(f"pulled consumer has a bad balance_as_of {as_of!r}") from None
    return ConsumerRecord(
        rr_number=_text(record, "rr_number"),
        account_id=_text(record, "account_id", optional=True),
        name_en=_text(record, "name_en"),
        name_kn=_text(record, "name_kn", optional=True),
        address=_text(record, "address"),
        tariff_category=_text(record, "tariff_category"),
        section_code=_text(record, "section_code"),
        balance_paise=balance,
        balance_as_of=balance_as_of,
        cash_only=_cash_only(record),
        mobile=_mobile(record),
        mobile_sent="mobile" in record,
    )


def _cash_only(record: dict[str, Any]) -> bool:
    """The centre's cash-only flag (dishonoured cheques); absent from older centres: False."""
    flag = record.get("cash_only", False)
    if not isinstance(flag, bool):
        raise CentreProtocolError(f"pulled consumer has a non-boolean 'cash_only': {flag!r}")
    return flag


def _mobile(record: dict[str, Any]) -> str | None:
    """The consumer's 10-digit mobile, or None (none on file, or an older centre sent none)."""
    value = record.get("mobile")
    if value is None:
        return None
    try:
        return normalise_mobile(value)
    except ValidationProblem as problem:
        raise CentreProtocolError(f"pulled consumer has a bad 'mobile': {problem.reason}") from None


def _cashier(record: dict[str, Any]) -> CashierRecord:
    active = record.get("active", True)
    if not isinstance(active, bool):
        raise CentreProtocolError(f"pulled cashier has a non-boolean 'active': {active!r}")
    try:
        role = Role(_text(record, "role"))
    except ValueError:
        raise CentreProtocolError(
            f"pulled cashier has an unknown role {record['role']!r}"
        ) from None
    return CashierRecord(
        user_id=_text(record, "user_id"),
        name=_text(record, "name"),
        role=role,
        pin_hash=_text(record, "pin_hash"),
        fingerprint_template=_template(record),
        active=active,
    )


def _template(record: dict[str, Any]) -> bytes | None:
    """The cashier's fingerprint template (base64 on the wire), or None if none is enrolled."""
    text = _text(record, "fingerprint_template", optional=True)
    if text is None:
        return None
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise CentreProtocolError("pulled cashier's fingerprint_template is not base64") from None


def _pulled(stream: str, page: PullPage) -> PulledPage:
    return PulledPage(
        stream=stream,
        cursor=page.next_cursor,
        consumers=[_consumer(r) for r in page.consumers],
        cashiers=[_cashier(r) for r in page.cashiers if r.get("departed") is not True],
        # Transferred away or otherwise gone from this location: kept, but may not work here.
        removed_cashier_ids=[
            _text(r, "user_id") for r in page.cashiers if r.get("departed") is True
        ],
    )


def pull_stream(
    *,
    store: Store,
    client: CentreClient,
    stream: str,
    page_size: int,
    run: RunLog,
    fingerprint_key: bytes | None = None,
    stopping: Callable[[], bool] = lambda: False,
) -> None:
    """Pull and apply `stream` page by page until the centre says there is no more."""
    saved = read_sync_cursor(store, stream)
    cursor = saved.cursor if saved is not None else ""
    restarted = False
    run.pulled.setdefault(stream, 0)
    while not stopping():
        try:
            page = client.pull(stream, cursor, page_size)
        except CentreRefused as exc:
            if exc.status == 422 and exc.about("cursor") and cursor and not restarted:
                cursor, restarted = "", True
                continue
            raise
        try:
            pulled = _pulled(stream, page)
            apply_pulled_page(store, pulled, fingerprint_key=fingerprint_key)
        except (ValueError, TypeError) as exc:
            raise CentreProtocolError(f"pull {stream}: a page could not be applied: {exc}") from exc
        run.pulled[stream] += len(pulled.consumers) + len(pulled.cashiers)
        if not page.has_more:
            return
        if page.next_cursor == cursor:
            raise CentreProtocolError(f"pull {stream}: the centre's cursor did not move")
        cursor = page.next_cursor


def pull_streams(
    *,
    store: Store,
    client: CentreClient,
    page_size: int,
    run: RunLog,
    fingerprint_key: bytes | None = None,
    stopping: Callable[[], bool] = lambda: False,
) -> None:
    """Pull every stream in order."""
    for stream in STREAMS:
        pull_stream(
            store=store,
            client=client,
            stream=stream,
            page_size=page_size,
            run=run,
            fingerprint_key=fingerprint_key,
            stopping=stopping,
        )
