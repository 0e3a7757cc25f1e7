"""Writing many rows in one statement, for the hot paths (counter sync, bill runs).

On PostgreSQL a batch goes through COPY on the transaction's own connection: no statement per
row, no parsing of SQL or of arrays, and it commits or rolls back with everything else. Other
back ends (SQLite) take the rows through executemany, which is already cheap in-process.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Table, any_, bindparam, cast, insert
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.types import JSON, BigInteger, Integer, String, Text


def insert_rows(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert `rows` (dicts with the same keys) into `table` in the caller's transaction."""
    if not rows:
        return
    if session.get_bind().dialect.name != "postgresql":
        session.execute(insert(table), list(rows))
        return
    columns = tuple(rows[0])
    json_columns = {n for n in columns if isinstance(table.c[n].type, JSON)}
    driver = session.connection().connection.driver_connection
    assert driver is not None
    with (
        driver.cursor() as cursor,
        cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row([json.dumps(row[n]) if n in json_columns else row[n] for n in columns])


def array_literal(values: Iterable[Any]) -> str | None:
    """PostgreSQL's text form of an array of ints or strings ('{1,2}', '{"a","b"}'), or None
    for any other element type.

    Passed as one text parameter and cast on the server, an array of hundreds costs a join of
    strings here instead of the driver adapting each element.
    """
    parts: list[str] = []
    for value in values:
        kind = type(value)
        if kind is int:
            parts.append(str(value))
        elif kind is str:
            parts.append('"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"')
        else:
            return None
    return "{" + ",".join(parts) + "}"


def int_array_literal(values: Iterable[int]) -> str:
    """'{1,2,3}' for whole numbers (cast it to BIGINT[] or INT[] in the statement)."""
    return "{" + ",".join([str(int(v)) for v in values]) + "}"


def among(
    session: Session, column: InstrumentedAttribute[Any], values: Iterable[Any]
) -> ColumnElement[bool]:
    """`column IN values`; on PostgreSQL as `= ANY(<one array>)`, one parameter however many."""
    listed = list(values)
    if session.get_bind().dialect.name != "postgresql":
        return column.in_(listed)
    kind = column.type
    element: BigInteger | Text | None = (
        BigInteger() if isinstance(kind, Integer) else Text() if isinstance(kind, String) else None
    )
    literal = array_literal(listed) if element is not None else None
    if element is None or literal is None:
        return column == any_(bindparam(None, listed, type_=ARRAY(kind)))
    return column == any_(cast(bindparam(None, literal, type_=Text()), ARRAY(element)))
