"""Writing many rows in one statement, for the hot paths (counter sync, bill runs).

On PostgreSQL a batch goes as one INSERT ... SELECT FROM unnest(<one array per column>): one
statement with a fixed text, prepared once, instead of a round of protocol work per row. Other
back ends (SQLite) take the rows through executemany, which is already cheap in-process.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table, insert, text
from sqlalchemy.orm import Session
from sqlalchemy.types import JSON

_statements: dict[tuple[str, tuple[str, ...]], str] = {}


def _unnest_insert(session: Session, table: Table, columns: tuple[str, ...]) -> str:
    key = (table.name, columns)
    if key not in _statements:
        dialect = session.get_bind().dialect
        arrays = []
        for name in columns:
            column = table.c[name]
            if isinstance(column.type, JSON):
                arrays.append(f"CAST(CAST(:{name} AS TEXT[]) AS JSON[])")
            else:
                arrays.append(f"CAST(:{name} AS {column.type.compile(dialect=dialect)}[])")
        _statements[key] = (
            f"INSERT INTO {table.name} ({', '.join(columns)}) "
            f"SELECT * FROM unnest({', '.join(arrays)})"
        )
    return _statements[key]


def insert_rows(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert `rows` (dicts with the same keys) into `table` in the caller's transaction."""
    if not rows:
        return
    if session.get_bind().dialect.name != "postgresql":
        session.execute(insert(table), list(rows))
        return
    columns = tuple(rows[0])
    params: dict[str, list[Any]] = {name: [] for name in columns}
    json_columns = {n for n in columns if isinstance(table.c[n].type, JSON)}
    for row in rows:
        for name in columns:
            value = row[name]
            params[name].append(json.dumps(value) if name in json_columns else value)
    session.execute(text(_unnest_insert(session, table, columns)), params)
