"""Balances moved at commit (counter sync's way): the same balances and stamps as moving them
at once, nothing moved by a transaction that rolls back."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from central_api.db import make_session_factory, transaction
from central_api.ledger.models import AccountBalance
from central_api.ledger.schemas import EntryCategory, EntryKind
from central_api.ledger.service import Posting, PostingOutcome, post_many
from tests.support.world import World

_refs = itertools.count()


def _payments(consumer_ids: list[int], paise: int) -> list[Posting]:
    return [
        Posting(
            consumer_id=cid,
            kind=EntryKind.CREDIT,
            category=EntryCategory.PAYMENT,
            amount_paise=paise,
            source_ref=f"test-at-commit:{next(_refs)}",
            business_date=date(2026, 11, 27),
        )
        for cid in consumer_ids
    ]


def _balances(engine: Engine) -> dict[int, tuple[int, int, int]]:
    with make_session_factory(engine)() as session:
        return {
            b.consumer_id: (b.balance_paise, b.entry_count, b.change_seq)
            for b in session.scalars(select(AccountBalance))
        }


@pytest.mark.parametrize("balances", ["now", "at_commit"])
def test_balances_move_once_and_are_stamped(engine: Engine, world: World, balances: str) -> None:
    ids = [c.id for c in world.consumers.values()]
    before = _balances(engine)
    factory = make_session_factory(engine)
    postings = _payments(ids, 500) + _payments(ids[:1], 250)
    with transaction(factory) as session:
        outcomes = post_many(session, postings, balances=balances)  # type: ignore[arg-type]
    assert outcomes == [PostingOutcome.NEW] * len(postings)
    after = _balances(engine)
    for cid in ids:
        paid = 500 + (250 if cid == ids[0] else 0)
        entries = 2 if cid == ids[0] else 1
        assert after[cid][:2] == (before[cid][0] - paid, before[cid][1] + entries)
        assert after[cid][2] > before[cid][2]  # stamped as changed, for counters to pull


def test_a_rolled_back_transaction_moves_nothing(engine: Engine, world: World) -> None:
    ids = [c.id for c in world.consumers.values()]
    before = _balances(engine)
    factory = make_session_factory(engine)
    with pytest.raises(RuntimeError), transaction(factory) as session:
        post_many(session, _payments(ids, 700), balances="at_commit")
        raise RuntimeError("the push failed half way")
    assert _balances(engine) == before
    with transaction(factory) as session:  # the moves of the failed one are not carried over
        post_many(session, _payments(ids[:1], 100), balances="at_commit")
    after = _balances(engine)
    assert after[ids[0]][:2] == (before[ids[0]][0] - 100, before[ids[0]][1] + 1)
    assert all(after[cid][:2] == before[cid][:2] for cid in ids[1:])
