"""HTTP routes for the organisation, locations and counters."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from central_api.db import write_transaction
from central_api.deps import Principal, SessionDep, require
from central_api.identity.permissions import Permission
from central_api.org import service
from central_api.org.schemas import (
    CounterCreate,
    CounterRead,
    LocationCreate,
    LocationRead,
    OrgUnitCreate,
    OrgUnitRead,
)
from common.org import OrgLevel

router = APIRouter(prefix="/org", tags=["organisation"])
Reader = Annotated[Principal, Depends(require(Permission.ORG_READ))]
Writer = Annotated[Principal, Depends(require(Permission.ORG_WRITE))]


@router.get("/units", response_model=list[OrgUnitRead])
def list_units(
    session: SessionDep,
    principal: Reader,
    level: OrgLevel | None = None,
    parent_code: str | None = None,
) -> list[OrgUnitRead]:
    units = service.list_units(session, principal=principal, level=level, parent_code=parent_code)
    return [OrgUnitRead.model_validate(u) for u in units]


@router.post("/units", response_model=OrgUnitRead, status_code=201)
def create_unit(body: OrgUnitCreate, session: SessionDep, principal: Writer) -> OrgUnitRead:
    with write_transaction(session):
        unit = service.create_unit(session, principal=principal, data=body)
    return OrgUnitRead.model_validate(unit)


@router.get("/locations", response_model=list[LocationRead])
def list_locations(session: SessionDep, principal: Reader) -> list[LocationRead]:
    return [
        LocationRead.model_validate(x) for x in service.list_locations(session, principal=principal)
    ]


@router.post("/locations", response_model=LocationRead, status_code=201)
def create_location(body: LocationCreate, session: SessionDep, principal: Writer) -> LocationRead:
    with write_transaction(session):
        location = service.create_location(session, principal=principal, data=body)
    return LocationRead.model_validate(location)


@router.get("/locations/{location_code}/counters", response_model=list[CounterRead])
def list_counters(location_code: str, session: SessionDep, principal: Reader) -> list[CounterRead]:
    counters = service.list_counters(session, principal=principal, location_code=location_code)
    return [CounterRead.model_validate(c) for c in counters]


@router.post("/locations/{location_code}/counters", response_model=CounterRead, status_code=201)
def create_counter(
    location_code: str, body: CounterCreate, session: SessionDep, principal: Writer
) -> CounterRead:
    with write_transaction(session):
        counter = service.create_counter(
            session, principal=principal, location_code=location_code, data=body
        )
    return CounterRead.model_validate(counter)
