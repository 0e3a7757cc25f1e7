"""`trm-admin`: set up an installation, seed demo data, manage users, counters and devices."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from central_api.config import DEFAULT_DATA_DIR, Settings
from central_api.db import make_engine, make_session_factory, transaction
from central_api.deps import Principal
from central_api.errors import ServiceError
from central_api.identity import service as identity
from central_api.identity.models import User
from central_api.identity.schemas import DeviceRegister, UserCreate
from central_api.migrate import upgrade
from central_api.org import service as org
from central_api.org.models import Counter, Location, OrgUnit
from central_api.org.schemas import CounterCreate
from common.errors import ValidationProblem
from common.roles import DeviceKind, Role


def _cli_principal(session: Session) -> Principal:
    """The command line acts as the company-wide administrator, and is audited as such."""
    company = session.scalar(select(OrgUnit).where(OrgUnit.level == "company"))
    if company is None:
        raise SystemExit("no company yet: run `trm-admin init` or `trm-admin seed` first")
    return Principal(Role.ADMIN, company.id, company.path, name="trm-admin", client_ip="cli")


def _write_secret_file(name: str, text: str) -> Path:
    DEFAULT_DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DEFAULT_DATA_DIR / name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    return path


def cmd_init(args: argparse.Namespace, settings: Settings) -> int:
    from central_api.bootstrap import create_admin, ensure_company

    engine = make_engine(settings.database_url)
    upgrade(engine)
    password = args.password or getpass.getpass("password for the first admin: ")
    with transaction(make_session_factory(engine)) as session:
        company = ensure_company(
            session, code=args.company_code, name_en=args.company_name, name_kn=args.company_name_kn
        )
        create_admin(
            session,
            username=args.admin,
            password=password,
            full_name="Administrator",
            company=company,
        )
    print(f"company {args.company_code} ready; admin user {args.admin} created")
    return 0


def cmd_seed(args: argparse.Namespace, settings: Settings) -> int:
    from central_api.seed import seed, write_credentials

    engine = make_engine(settings.database_url)
    upgrade(engine)

    def progress(done: int, total: int) -> None:
        print(f"\r  consumers {done:>10,} / {total:,}", end="", file=sys.stderr, flush=True)

    report = seed(engine, consumers=args.consumers, seed=args.seed, progress=progress)
    print(file=sys.stderr)
    where = write_credentials(report, DEFAULT_DATA_DIR)
    print(
        f"seeded {report.consumers:,} consumers, {report.locations} locations, "
        f"{report.counters} counters, {sum(report.users.values())} users "
        f"on {report.backend} in {report.seconds:.1f} s"
    )
    print(f"demo sign-in details written to {where} (readable only by you)")
    return 0


def cmd_users(args: argparse.Namespace, settings: Settings) -> int:
    factory = make_session_factory(make_engine(settings.database_url))
    if args.action == "list":
        with factory() as session:
            for user in session.scalars(select(User).order_by(User.username)):
                state = "active" if user.active else "disabled"
                print(f"{user.username:24} {user.role:18} {state}")
        return 0
    password = args.password or getpass.getpass(f"password for {args.username}: ")
    with transaction(factory) as session:
        data = UserCreate(
            username=args.username,
            full_name=args.full_name,
            role=Role(args.role),
            scope_unit_code=args.scope,
            location_code=args.location,
            password=password,
            pin=args.pin,
        )
        identity.create_user(session, principal=_cli_principal(session), data=data)
    print(f"user {args.username} added")
    return 0


def cmd_counters(args: argparse.Namespace, settings: Settings) -> int:
    factory = make_session_factory(make_engine(settings.database_url))
    if args.action == "list":
        with factory() as session:
            rows = session.execute(
                select(Counter.code, Location.code, Counter.device_id)
                .join(Location, Location.id == Counter.location_id)
                .order_by(Counter.code)
            )
            for code, location, device in rows:
                print(
                    f"{code:16} {location:10} {'device ' + str(device) if device else 'no device'}"
                )
        return 0
    with transaction(factory) as session:
        principal = _cli_principal(session)
        org.create_counter(
            session,
            principal=principal,
            location_code=args.location,
            data=CounterCreate(code=args.code),
        )
        if args.register_device:
            _, secret = identity.register_device(
                session,
                principal=principal,
                data=DeviceRegister(
                    code=f"PC-{args.code}",
                    kind=DeviceKind.COUNTER,
                    location_code=args.location,
                    counter_code=args.code,
                ),
            )
            where = _write_secret_file(f"device-{args.code}.secret", secret + "\n")
            print(f"device PC-{args.code} registered; its secret is in {where}")
    print(f"counter {args.code} added at {args.location}")
    return 0


def cmd_bill_run(args: argparse.Namespace, settings: Settings) -> int:
    from central_api.billing.cli import bill_run_command

    factory = make_session_factory(make_engine(settings.database_url))
    with factory() as session:
        principal = _cli_principal(session)
    return bill_run_command(args, settings.database_url, principal)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="trm-admin", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    init = sub.add_parser("init", help="create the company and its first admin")
    init.add_argument("--company-code", default="CESC")
    init.add_argument("--company-name", default="Chamundeshwari Electricity Supply Corporation")
    init.add_argument("--company-name-kn", default="ಚಾಮುಂಡೇಶ್ವರಿ ವಿದ್ಯುತ್ ಸರಬರಾಜು ನಿಗಮ")
    init.add_argument("--admin", default="admin")
    init.add_argument("--password", help="(prompted for when not given)")
    seed = sub.add_parser("seed", help="load a synthetic CESC-like company into an empty database")
    seed.add_argument("--consumers", type=int, default=20_000)
    seed.add_argument("--seed", type=int, default=7)
    users = sub.add_parser("users", help="list or add users")
    users.add_argument("action", choices=["list", "add"])
    users.add_argument("--username")
    users.add_argument("--full-name", default="")
    users.add_argument("--role", choices=[r.value for r in Role])
    users.add_argument("--scope", help="code of the org unit the user works in")
    users.add_argument("--location")
    users.add_argument("--password")
    users.add_argument("--pin")
    counters = sub.add_parser("counters", help="list or add counters")
    counters.add_argument("action", choices=["list", "add"])
    counters.add_argument("--location")
    counters.add_argument("--code")
    counters.add_argument("--register-device", action="store_true")
    from central_api.billing.cli import add_bill_run_parser

    add_bill_run_parser(sub)
    return parser


COMMANDS = {
    "init": cmd_init,
    "seed": cmd_seed,
    "users": cmd_users,
    "counters": cmd_counters,
    "bill-run": cmd_bill_run,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args, Settings.from_env())
    except ValidationProblem as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    except ValidationError as problem:
        for error in problem.errors():
            where = ".".join(str(p) for p in error["loc"])
            print(f"error: {where}: {error['msg']}", file=sys.stderr)
        return 2
    except ServiceError as refusal:
        print(
            f"error: {refusal.field + ': ' if refusal.field else ''}{refusal.reason}",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
