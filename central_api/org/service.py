"""The company's hierarchy, its locations and their counters."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from central_api.audit.service import record
from central_api.deps import Principal
from central_api.errors import BadInput, Conflict, NotFound
from central_api.org.models import Counter, Location, OrgUnit
from central_api.org.schemas import CounterCreate, LocationCreate, OrgUnitCreate
from common.org import OrgLevel


def unit_by_code(session: Session, code: str, field: str = "code") -> OrgUnit:
    unit = session.scalar(select(OrgUnit).where(OrgUnit.code == code))
    if unit is None:
        raise NotFound(f"no organisation unit with code {code}", field=field)
    return unit


def location_by_code(session: Session, code: str, field: str = "location_code") -> Location:
    location = session.scalar(select(Location).where(Location.code == code))
    if location is None:
        raise NotFound(f"no location with code {code}", field=field)
    return location


def list_units(
    session: Session,
    *,
    principal: Principal,
    level: OrgLevel | None = None,
    parent_code: str | None = None,
) -> list[OrgUnit]:
    """Units within the caller's scope, optionally one level or one parent's children."""
    query = select(OrgUnit).where(principal.in_scope()).order_by(OrgUnit.path)
    if level is not None:
        query = query.where(OrgUnit.level == level.value)
    if parent_code is not None:
        query = query.where(
            OrgUnit.parent_id == unit_by_code(session, parent_code, "parent_code").id
        )
    return list(session.scalars(query))


def create_unit(session: Session, *, principal: Principal, data: OrgUnitCreate) -> OrgUnit:
    """Add a unit under its parent at the next level down (only a company has no parent)."""
    if session.scalar(select(OrgUnit.id).where(OrgUnit.code == data.code)) is not None:
        raise Conflict(f"code {data.code} is taken", field="code")
    if data.level is OrgLevel.COMPANY:
        raise BadInput(
            "the company itself is set up with trm-admin, not over the API", field="level"
        )
    if data.parent_code is None:
        raise BadInput(f"a {data.level} needs a parent_code", field="parent_code")
    parent = unit_by_code(session, data.parent_code, "parent_code")
    if data.level.parent is None or parent.level != data.level.parent.value:
        raise Conflict(
            f"a {data.level} must sit under a {data.level.parent}, not a {parent.level}",
            field="parent_code",
        )
    principal.require_covers(parent.path, parent.code, "parent_code")
    unit = add_unit(
        session,
        level=data.level,
        code=data.code,
        name_en=data.name_en,
        name_kn=data.name_kn,
        parent=parent,
    )
    record(
        session,
        principal=principal,
        action="org.unit.create",
        target_type="org_unit",
        target_id=unit.code,
        details={"level": unit.level, "parent": data.parent_code},
    )
    return unit


def add_unit(
    session: Session,
    *,
    level: OrgLevel,
    code: str,
    name_en: str,
    name_kn: str,
    parent: OrgUnit | None,
) -> OrgUnit:
    """Insert a unit and set its materialised path from its parent's."""
    unit = OrgUnit(
        level=level.value,
        code=code,
        name_en=name_en,
        name_kn=name_kn,
        parent_id=parent.id if parent else None,
        path="",
    )
    session.add(unit)
    session.flush()
    unit.path = f"{parent.path if parent else '/'}{unit.id}/"
    return unit


def list_locations(session: Session, *, principal: Principal) -> list[Location]:
    query = principal.within(select(Location), Location.unit_id)
    return list(session.scalars(query.order_by(Location.code)))


def create_location(session: Session, *, principal: Principal, data: LocationCreate) -> Location:
    if session.scalar(select(Location.id).where(Location.code == data.code)) is not None:
        raise Conflict(f"location code {data.code} is taken", field="code")
    unit = unit_by_code(session, data.unit_code, "unit_code")
    principal.require_covers(unit.path, unit.code, "unit_code")
    location = Location(
        code=data.code,
        name_en=data.name_en,
        name_kn=data.name_kn,
        unit_id=unit.id,
        address=data.address,
    )
    session.add(location)
    session.flush()
    record(
        session,
        principal=principal,
        action="org.location.create",
        target_type="location",
        target_id=location.code,
        details={"unit": unit.code},
    )
    return location


def list_counters(session: Session, *, principal: Principal, location_code: str) -> list[Counter]:
    location = _location_in_scope(session, principal, location_code)
    query = select(Counter).where(Counter.location_id == location.id).order_by(Counter.code)
    return list(session.scalars(query))


def create_counter(
    session: Session, *, principal: Principal, location_code: str, data: CounterCreate
) -> Counter:
    location = _location_in_scope(session, principal, location_code)
    if session.scalar(select(Counter.id).where(Counter.code == data.code)) is not None:
        raise Conflict(f"counter code {data.code} is taken", field="code")
    counter = Counter(code=data.code, location_id=location.id)
    session.add(counter)
    session.flush()
    record(
        session,
        principal=principal,
        action="org.counter.create",
        target_type="counter",
        target_id=counter.code,
        details={"location": location.code},
    )
    return counter


def _location_in_scope(session: Session, principal: Principal, code: str) -> Location:
    location = location_by_code(session, code)
    unit = session.get(OrgUnit, location.unit_id)
    assert unit is not None
    principal.require_covers(unit.path, f"location {code}", "location_code")
    return location
