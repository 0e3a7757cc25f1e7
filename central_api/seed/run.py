"""seed(): a CESC-like company with staff, consumers and opening arrears on an empty database."""

from __future__ import annotations

import os
import random
import secrets
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Date, func, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from central_api.audit.service import record
from central_api.consumers.models import Consumer
from central_api.db import UTCDateTime, utcnow
from central_api.identity.passwords import hash_secret
from central_api.ledger.models import LedgerEntry
from central_api.org.models import OrgUnit
from central_api.seed.bulk import Progress, load_postgresql, load_sqlite
from central_api.seed.company import build_company
from central_api.seed.consumers import ConsumerFactory, allocate
from common.identifiers import FinancialYear
from common.org import OrgLevel

CREDENTIALS_FILE = "demo-credentials.txt"


class SeedRefused(Exception):
    """The database is not empty enough to seed; the message says what is already there."""


@dataclass
class SeedReport:
    """What seed() wrote, how long it took, and the demo sign-in secrets (never logged)."""

    backend: str
    seed: int
    consumers: int
    ledger_entries: int
    arrears_paise: int
    org_units: int
    sections: int
    locations: int
    counters: int
    users: dict[str, int]
    example_users: dict[str, str]
    seconds: float
    phases: dict[str, float]
    password: str = field(repr=False)
    pin: str = field(repr=False)


def _refuse_unless_empty(conn: Connection) -> None:
    consumers = conn.execute(select(Consumer.id).limit(1)).first()
    if consumers is not None:
        raise SeedRefused(
            "this database already has consumers; seed only an empty, migrated "
            "database (make a new one, or drop this one first)"
        )
    below_company = conn.execute(
        select(OrgUnit.code).where(OrgUnit.level != OrgLevel.COMPANY.value).limit(1)
    ).first()
    if below_company is not None:
        raise SeedRefused(
            f"this database already has an organisation (unit {below_company[0]}); "
            "seed only an empty, migrated database"
        )


def _bound(conn: Connection, type_: Any, value: Any) -> Any:
    """`value` as the driver stores it, for rows that bypass the ORM."""
    processor = type_.dialect_impl(conn.dialect).bind_processor(conn.dialect)
    return processor(value) if processor else value


def seed(
    engine: Engine,
    *,
    consumers: int,
    seed: int = 7,
    progress: Progress | None = None,
    opening_date: date | None = None,
) -> SeedReport:
    """Build a CESC-like company with `consumers` accounts on an empty, migrated database."""
    if consumers < 0:
        raise ValueError(f"consumers must be 0 or more, got {consumers}")
    started = time.perf_counter()
    rng = random.Random(seed)
    password = secrets.token_urlsafe(12)
    pin = f"{secrets.randbelow(10**6):06d}"
    password_hash, pin_hash = hash_secret(password), hash_secret(pin)
    now = utcnow().replace(microsecond=0)
    opening = opening_date or FinancialYear.of(now.date()).start
    backend = engine.dialect.name
    phases: dict[str, float] = {}
    with engine.connect() as conn, conn.begin():
        _refuse_unless_empty(conn)
        clock = time.perf_counter()
        with Session(bind=conn) as session:
            company = build_company(session, rng, password_hash=password_hash, pin_hash=pin_hash)
        phases["company_and_staff"] = round(time.perf_counter() - clock, 3)
        allocate(company.sections, consumers)
        if backend == "postgresql":
            factory = ConsumerFactory(
                rng,
                company.sections,
                stamp=now.isoformat(),
                opening_day=opening.isoformat(),
                null="\\N",
            )
            load_postgresql(conn, factory, now, progress, phases)
        else:
            factory = ConsumerFactory(
                rng,
                company.sections,
                stamp=_bound(conn, UTCDateTime(), now),
                opening_day=_bound(conn, Date(), opening),
                null=None,
            )
            load_sqlite(conn, factory, now, progress, phases)
        arrears = conn.execute(select(func.coalesce(func.sum(LedgerEntry.amount_paise), 0)))
        arrears_paise = int(arrears.scalar_one())
        with Session(bind=conn) as session:
            record(
                session,
                principal=None,
                action="seed.load",
                target_type="org_unit",
                target_id="CESC",
                details={
                    "consumers": consumers,
                    "seed": seed,
                    "users": sum(company.users.values()),
                },
            )
    return SeedReport(
        backend=backend,
        seed=seed,
        consumers=consumers,
        ledger_entries=factory.ledger_entries,
        arrears_paise=arrears_paise,
        org_units=company.org_units,
        sections=len(company.sections),
        locations=company.locations,
        counters=company.counters,
        users=dict(company.users),
        example_users=dict(company.example_users),
        seconds=time.perf_counter() - started,
        phases=phases,
        password=password,
        pin=pin,
    )


def write_credentials(report: SeedReport, data_dir: Path) -> Path:
    """Write the demo password, PIN and example usernames to a file only its owner can read."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / CREDENTIALS_FILE
    lines = [
        f"# TRM demo sign-in, written {datetime.now().isoformat(timespec='seconds')}",
        "# Every seeded user has this password; cashiers and supervisors also have this PIN.",
        f"password = {report.password}",
        f"pin = {report.pin}",
    ]
    lines += [f"{role} = {username}" for role, username in sorted(report.example_users.items())]
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        os.fchmod(out.fileno(), 0o600)
        out.write("\n".join(lines) + "\n")
    return path
