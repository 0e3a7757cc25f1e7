"""Request and response shapes for the organisation, locations and counters."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from central_api.fields import Address, CounterCode, OrgCode, PersonName, Strict
from common.org import OrgLevel


class OrgUnitCreate(Strict):
    level: OrgLevel
    code: OrgCode
    name_en: PersonName
    name_kn: PersonName
    parent_code: OrgCode | None = None


class OrgUnitRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    level: str
    code: str
    name_en: str
    name_kn: str
    parent_id: int | None
    path: str


class LocationCreate(Strict):
    code: OrgCode
    name_en: PersonName
    name_kn: PersonName
    unit_code: OrgCode
    address: Address


class LocationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    code: str
    name_en: str
    name_kn: str
    unit_id: int
    address: str


class CounterCreate(Strict):
    code: CounterCode


class CounterRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    code: str
    location_id: int
    device_id: int | None
    active: bool
