"""The synthetic company's hierarchy, locations, counters and staff, written through the ORM."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from central_api.bootstrap import ensure_company
from central_api.identity.models import User
from central_api.org.models import Counter, Location, OrgUnit
from central_api.org.service import add_unit
from central_api.seed import names
from central_api.seed.places import MYSURU_CITY, VILLAGES, CirclePlan, DivisionPlan, Place
from central_api.seed.places import ZONES as ZONE_PLANS
from common.identifiers import validate_counter_code
from common.org import CESC_DISTRICTS, OrgLevel
from common.roles import Role

COMPANY_CODE = "CESC"
COMPANY_NAME_EN = "Chamundeshwari Electricity Supply Corporation"
COMPANY_NAME_KN = "ಚಾಮುಂಡೇಶ್ವರಿ ವಿದ್ಯುತ್ ಸರಬರಾಜು ನಿಗಮ"
METER_READERS_PER_LOCATION = 2


@dataclass
class SectionPlan:
    """A section and what its consumers' RR numbers and addresses are made of."""

    unit_id: int
    rr_prefix: str  # "MY012"
    district_en: str
    town_en: str
    pin: str
    urban: bool
    localities: list[Place]
    weight: float
    consumers: int = 0


@dataclass
class Company:
    """What the seed built above the consumers."""

    sections: list[SectionPlan] = field(default_factory=list)
    org_units: int = 0
    locations: int = 0
    counters: int = 0
    users: dict[str, int] = field(default_factory=dict)
    example_users: dict[str, str] = field(default_factory=dict)


def _kn(place: Place) -> str:
    return names.to_kannada(place.itrans)


def _unit(
    session: Session,
    level: OrgLevel,
    code: str,
    place: Place,
    suffix: tuple[str, str],
    parent: OrgUnit,
) -> OrgUnit:
    name_en = f"{place.en} {suffix[0]}".strip()
    name_kn = f"{_kn(place)} {suffix[1]}".strip()
    return add_unit(
        session, level=level, code=code, name_en=name_en, name_kn=name_kn, parent=parent
    )


class _Builder:
    """Walks the plan in places.py and writes units, locations, counters and users."""

    def __init__(
        self, session: Session, rng: random.Random, password_hash: str, pin_hash: str
    ) -> None:
        self.session = session
        self.rng = rng
        self.password_hash = password_hash
        self.pin_hash = pin_hash
        self.company = Company()
        self.staff_names = names.person_pool(rng, 2000)
        self.users: list[User] = []

    def user(
        self, username: str, role: Role, unit: OrgUnit, location: Location | None, pin: bool = False
    ) -> None:
        name = self.staff_names[int(self.rng.random() * len(self.staff_names))]
        self.users.append(
            User(
                username=username,
                full_name=name.en,
                full_name_kn=name.kn,
                role=role.value,
                scope_unit_id=unit.id,
                location_id=location.id if location else None,
                password_hash=self.password_hash,
                pin_hash=self.pin_hash if pin else None,
                active=True,
                failed_logins=0,
            )
        )
        counts = self.company.users
        counts[role.value] = counts.get(role.value, 0) + 1
        self.company.example_users.setdefault(role.value, username)

    def build(self) -> Company:
        company_unit = ensure_company(
            self.session, code=COMPANY_CODE, name_en=COMPANY_NAME_EN, name_kn=COMPANY_NAME_KN
        )
        self.company.org_units = 1
        if self.session.scalar(select(User.id).where(User.username == "admin")) is None:
            self.user("admin", Role.ADMIN, company_unit, None)
        self.user("auditor", Role.AUDITOR, company_unit, None)
        for zone in ZONE_PLANS:
            zone_unit = _unit(
                self.session, OrgLevel.ZONE, zone.code, zone.name, ("Zone", "ವಲಯ"), company_unit
            )
            self.company.org_units += 1
            for circle in zone.circles:
                self.circle(circle, zone_unit)
        self.session.add_all(self.users)
        self.session.flush()
        return self.company

    def circle(self, plan: CirclePlan, zone_unit: OrgUnit) -> None:
        unit = _unit(
            self.session, OrgLevel.CIRCLE, plan.code, plan.name, ("Circle", "ವೃತ್ತ"), zone_unit
        )
        self.company.org_units += 1
        self.user(f"ao.{plan.district_code.lower()}", Role.ACCOUNTS_OFFICER, unit, None)
        counter = _Counters(plan)
        for division in plan.divisions:
            self.division(plan, division, unit, counter)

    def division(
        self, circle: CirclePlan, plan: DivisionPlan, circle_unit: OrgUnit, serials: _Counters
    ) -> None:
        unit = _unit(
            self.session, OrgLevel.DIVISION, plan.code, plan.name, ("Division", "ವಿಭಾಗ"), circle_unit
        )
        self.company.org_units += 1
        villages = list(MYSURU_CITY if plan.urban else VILLAGES[circle.district])
        self.rng.shuffle(villages)
        for town in plan.subdivisions:
            serials.location += 1
            code = f"{circle.district_code}{serials.location:03d}"
            sub = _unit(
                self.session,
                OrgLevel.SUBDIVISION,
                f"SD{code}",
                town,
                ("Sub-division", "ಉಪವಿಭಾಗ"),
                unit,
            )
            self.company.org_units += 1
            self.location(code, town, circle, plan, sub)
            for index in range(3 + int(self.rng.random() * 2)):
                serials.section += 1
                place = town if index == 0 else villages[(serials.section * 3) % len(villages)]
                section_code = f"S{circle.district_code}{serials.section:03d}"
                section = _unit(
                    self.session, OrgLevel.SECTION, section_code, place, ("Section", "ಶಾಖೆ"), sub
                )
                self.company.org_units += 1
                localities = [place] + [
                    villages[(serials.section + k) % len(villages)] for k in range(1, 6)
                ]
                weight = (0.6 + 0.8 * self.rng.random()) * (1.6 if index == 0 else 1.0)
                self.company.sections.append(
                    SectionPlan(
                        unit_id=section.id,
                        rr_prefix=f"{circle.rr_code}{serials.section:03d}",
                        district_en=circle.district,
                        town_en=town.en,
                        pin=plan.pin,
                        urban=plan.urban or index == 0,
                        localities=localities,
                        weight=weight * circle.consumer_share,
                    )
                )

    def location(
        self, code: str, town: Place, circle: CirclePlan, division: DivisionPlan, sub: OrgUnit
    ) -> None:
        location = Location(
            code=code,
            name_en=f"{town.en} Cash Counter",
            name_kn=f"{_kn(town)} ನಗದು ಕೌಂಟರ್",
            unit_id=sub.id,
            address=f"CESC Sub-division Office, {town.en}, {circle.district} {division.pin}",
        )
        self.session.add(location)
        self.session.flush()
        self.company.locations += 1
        busy = division.urban or town == division.subdivisions[0]
        counters = 2 + int(self.rng.random() * 2) if busy else 1 + int(self.rng.random() * 2)
        for number in range(1, counters + 1):
            counter_code = validate_counter_code(f"{code}-{number}")
            self.session.add(Counter(code=counter_code, location_id=location.id, active=True))
            self.user(f"cashier.{code.lower()}.{number}", Role.CASHIER, sub, location, pin=True)
        self.company.counters += counters
        self.user(f"supervisor.{code.lower()}", Role.SUPERVISOR, sub, location, pin=True)
        for number in range(1, METER_READERS_PER_LOCATION + 1):
            self.user(f"reader.{code.lower()}.{number}", Role.METER_READER, sub, None)


@dataclass
class _Counters:
    """Running serials within one circle (district): locations and sections."""

    plan: CirclePlan
    location: int = 0
    section: int = 0


def build_company(
    session: Session, rng: random.Random, *, password_hash: str, pin_hash: str
) -> Company:
    """Write the company, its hierarchy, 78 locations with counters, and its staff."""
    known = {d.name_en for d in CESC_DISTRICTS}
    for zone in ZONE_PLANS:
        for circle in zone.circles:
            if circle.district not in known:
                raise ValueError(f"circle {circle.code} names unknown district {circle.district}")
    return _Builder(session, rng, password_hash, pin_hash).build()
