"""The bulk helpers of the hot paths: arrays passed as one text parameter must mean the same."""

from __future__ import annotations

import pytest
from sqlalchemy import bindparam, cast, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Engine
from sqlalchemy.types import Text

from central_api.bulk import among, array_literal, int_array_literal
from central_api.db import make_session_factory
from central_api.identity.models import User
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
            select(cast(bindparam(None, array_literal(AWKWARD), Text()), ARRAY(Text())))
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
