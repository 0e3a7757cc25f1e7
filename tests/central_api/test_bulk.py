"""The bulk helpers of the hot paths: arrays passed as one text parameter must mean the same."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import cast

import pytest
from sqlalchemy import Table, bindparam, select, text
from sqlalchemy import cast as sql_cast
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Engine
from sqlalchemy.types import Text

from central_api.bulk import among, array_literal, insert_rows, int_array_literal
from central_api.db import make_session_factory, transaction
from central_api.identity.models import User
from central_api.org.models import Counter
from central_api.sync.models import SyncConflict
from tests.support.world import World

AWKWARD = [
    "plain",
    'a "quoted" word',
    "back\\slash",
    "comma,and{braces}",
    "NULL",
    "",
    " spaced ",
    "ಕನ್ನಡ",
]


def test_array_literal_refuses_what_it_cannot_spell() -> None:
    assert array_literal([1, 2, 3]) == "{1,2,3}"
    assert array_literal([]) == "{}"
    assert array_literal([1.5]) is None
    assert array_literal([None]) is None
    assert int_array_literal([3, -4]) == "{3,-4}"


@pytest.mark.postgres
def test_array_literals_round_trip_through_postgresql(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("the text form is PostgreSQL's")
    with engine.connect() as conn:
        back = conn.execute(
            select(sql_cast(bindparam(None, array_literal(AWKWARD), Text()), ARRAY(Text())))
        ).scalar()
        numbers = conn.execute(
            text("SELECT CAST(:v AS BIGINT[])"), {"v": int_array_literal([1, -2, 2**62])}
        ).scalar()
    assert back == AWKWARD
    assert numbers == [1, -2, 2**62]


def test_among_finds_exactly_the_listed_values(engine: Engine, world: World) -> None:
    names = {u.username for u in world.users.values()}
    wanted = set(list(names)[:3]) | set(AWKWARD)
    with make_session_factory(engine)() as session:
        found = set(
            session.scalars(select(User.username).where(among(session, User.username, wanted)))
        )
        ids = [u.id for u in world.users.values()][:2]
        by_id = set(session.scalars(select(User.id).where(among(session, User.id, ids))))
        nothing = list(session.scalars(select(User.id).where(among(session, User.id, []))))
    assert found == set(list(names)[:3])
    assert by_id == set(ids)
    assert nothing == []


def test_insert_rows_stores_awkward_text_and_json_exactly(engine: Engine, world: World) -> None:
    factory = make_session_factory(engine)
    with factory() as session:
        counter_id = session.scalar(select(Counter.id).where(Counter.code == "MYS001-1"))
    assert counter_id is not None
    at = datetime(2026, 11, 27, 10, 30, 15, 123456, tzinfo=UTC)
    rows: list[dict[str, object]] = [
        {
            "counter_id": counter_id,
            "sequence": n + 1,
            "kind": "conflict",
            "reason": reason,
            "received_hash": "a" * 64,
            "received_entry": {"text": reason, "n": n, "none": None, "list": [True, reason]},
            "received_at": at,
        }
        for n, reason in enumerate([*AWKWARD, "tab\there", "line\nbreak\r\n", "\\N"])
    ]
    with transaction(factory) as session:
        insert_rows(session, cast(Table, SyncConflict.__table__), rows)
    with factory() as session:
        held = session.execute(
            select(
                SyncConflict.sequence,
                SyncConflict.kind,
                SyncConflict.reason,
                SyncConflict.received_entry,
                SyncConflict.received_at,
            ).order_by(SyncConflict.sequence)
        ).all()
    assert [tuple(h) for h in held] == [
        (r["sequence"], "conflict", r["reason"], r["received_entry"], at) for r in rows
    ]
