"""Throw-away PostgreSQL databases for benchmarks, created from an admin URL and dropped after."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"


def admin_url(given: str | None = None) -> str:
    """The --pg-url given, else TRM_BENCH_PG_URL, else the local server's `test` database."""
    return given or os.environ.get("TRM_BENCH_PG_URL") or DEFAULT_ADMIN_URL


def redact(url: str) -> str:
    return re.sub(r"://([^:@/]+):[^@/]*@", r"://\1:***@", url)


def server_version(url: str) -> str:
    with psycopg.connect(url, connect_timeout=5) as conn:
        row = conn.execute("SHOW server_version").fetchone()
    return f"PostgreSQL {row[0] if row else '?'}"


@contextmanager
def temporary_database(admin: str, name: str) -> Iterator[str]:
    """Create database `name` next to `admin`'s, yield its URL, and drop it afterwards."""
    base, _, _ = admin.rpartition("/")
    query = ""
    if "?" in admin:
        query = "?" + admin.split("?", 1)[1]
        base = admin.split("?", 1)[0].rpartition("/")[0]
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}{query}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
