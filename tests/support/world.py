"""A small company for tests: two subdivisions, a location with counters, one user of each role."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache

from sqlalchemy.orm import Session, sessionmaker

from central_api.bootstrap import ensure_company
from central_api.consumers.models import Consumer
from central_api.db import transaction, utcnow
from central_api.identity.models import AuthToken, Device, User
from central_api.identity.passwords import hash_secret, new_token, token_digest
from central_api.ledger.models import AccountBalance
from central_api.org.models import Counter, Location, OrgUnit
from central_api.org.service import add_unit
from common.identifiers import make_account_id
from common.org import OrgLevel
from common.roles import DeviceKind, Role

PASSWORD = "correct horse battery"
DEVICE_SECRET = "device-secret-for-tests"


@lru_cache(maxsize=1)
def password_hash() -> str:
    return hash_secret(PASSWORD)


@lru_cache(maxsize=1)
def device_secret_hash() -> str:
    return hash_secret(DEVICE_SECRET)


@dataclass
class World:
    units: dict[str, OrgUnit] = field(default_factory=dict)
    location: Location | None = None
    counters: list[Counter] = field(default_factory=list)
    users: dict[str, User] = field(default_factory=dict)
    devices: dict[str, Device] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    consumers: dict[str, Consumer] = field(default_factory=dict)

    def auth(self, who: str) -> dict[str, str]:
        """Headers that sign in as `who` (a role, a device kind, or 'sub2_<role>')."""
        return {"Authorization": f"Bearer {self.tokens[who]}"}


def _token(session: Session, *, user_id: int | None = None, device_id: int | None = None) -> str:
    token = new_token()
    session.add(
        AuthToken(
            token_hash=token_digest(token),
            user_id=user_id,
            device_id=device_id,
            expires_at=utcnow() + timedelta(hours=1),
        )
    )
    return token


def _chain(session: Session, world: World, prefix: str, parent: OrgUnit) -> OrgUnit:
    unit = parent
    for level in (OrgLevel.DIVISION, OrgLevel.SUBDIVISION, OrgLevel.SECTION):
        code = f"{prefix}{level.value[:3].upper()}"
        unit = add_unit(
            session,
            level=level,
            code=code,
            name_en=f"{prefix} {level}",
            name_kn="ಮೈಸೂರು",
            parent=unit,
        )
        world.units[code] = unit
    return unit


def add_consumer(
    session: Session, world: World, rr: str, section: OrgUnit, name: str, *, balance_paise: int = 0
) -> Consumer:
    serial = len(world.consumers) + 1
    consumer = Consumer(
        rr_number=rr,
        account_id=make_account_id(serial),
        name_en=name,
        name_kn="ರಾಮ",
        name_key=name.upper(),
        address="1st Cross, Mysuru",
        tariff_category="LT-1",
        sanctioned_load_w=2000,
        phase=1,
        meter_number=f"M{serial:07d}",
        connection_status="live",
        mobile=f"98450{serial:05d}",
        email=None,
        section_id=section.id,
    )
    session.add(consumer)
    session.flush()
    session.add(AccountBalance(consumer_id=consumer.id, balance_paise=balance_paise, entry_count=0))
    world.consumers[rr] = consumer
    return consumer


def build_world(factory: sessionmaker[Session]) -> World:
    world = World()
    with transaction(factory) as session:
        company = ensure_company(session, code="CESC", name_en="CESC", name_kn="ಚೆಸ್ಕ್")
        zone = add_unit(
            session,
            level=OrgLevel.ZONE,
            code="MYSZ",
            name_en="Mysuru Zone",
            name_kn="ಮೈಸೂರು ವಲಯ",
            parent=company,
        )
        circle = add_unit(
            session,
            level=OrgLevel.CIRCLE,
            code="MYSC",
            name_en="Mysuru Circle",
            name_kn="ಮೈಸೂರು ವೃತ್ತ",
            parent=zone,
        )
        world.units.update(CESC=company, MYSZ=zone, MYSC=circle)
        section1 = _chain(session, world, "NR", circle)
        section2 = _chain(session, world, "VV", circle)
        subdivision = world.units["NRSUB"]
        location = Location(
            code="MYS001",
            name_en="NR Mohalla",
            name_kn="ಎನ್ ಆರ್ ಮೊಹಲ್ಲಾ",
            unit_id=subdivision.id,
            address="NR Mohalla, Mysuru",
        )
        session.add(location)
        session.flush()
        world.location = location
        for n in (1, 2):
            counter = Counter(code=f"MYS001-{n}", location_id=location.id)
            session.add(counter)
            world.counters.append(counter)
        for role in Role:
            user = User(
                username=role.value.replace("_", "."),
                full_name=f"Test {role.value}",
                role=role.value,
                scope_unit_id=company.id if role in (Role.ADMIN, Role.AUDITOR) else subdivision.id,
                location_id=location.id,
                password_hash=password_hash(),
                pin_hash=None,
            )
            session.add(user)
            session.flush()
            world.users[role.value] = user
            world.tokens[role.value] = _token(session, user_id=user.id)
            # The same role scoped to the other subdivision, for scope tests.
            other = User(
                username=f"vv.{role.value.replace('_', '.')}",
                full_name="Other",
                role=role.value,
                scope_unit_id=world.units["VVSUB"].id,
                password_hash=password_hash(),
            )
            session.add(other)
            session.flush()
            world.users[f"sub2_{role.value}"] = other
            world.tokens[f"sub2_{role.value}"] = _token(session, user_id=other.id)
        for kind in DeviceKind:
            device = Device(
                code=f"DEV-{kind.value.upper().replace('_', '-')}",
                kind=kind.value,
                location_id=location.id,
                scope_unit_id=subdivision.id,
                secret_hash=device_secret_hash(),
            )
            session.add(device)
            session.flush()
            world.devices[kind.value] = device
            world.tokens[kind.value] = _token(session, device_id=device.id)
        add_consumer(session, world, "MYS1000001", section1, "Ramesh Gowda", balance_paise=125050)
        add_consumer(session, world, "MYS1000002", section1, "Ramya Shetty")
        add_consumer(session, world, "VVN2000001", section2, "Lakshmi Devi", balance_paise=99900)
    return world
