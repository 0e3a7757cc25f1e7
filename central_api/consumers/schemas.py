"""Request and response shapes for consumer accounts."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic import Strict as StrictType

from central_api.fields import (
    AccountId,
    Address,
    Email,
    Mobile,
    OrgCode,
    PersonName,
    RRNumber,
    Strict,
    StrictUpdate,
)

TariffCategory = Annotated[
    str, StringConstraints(pattern=r"^(LT|HT)-?[0-9]{1,2}[A-Za-z]?(\([a-z]+\))?$")
]
LoadWatts = Annotated[int, StrictType(), Field(gt=0, le=10_000_000)]
MeterNumber = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9-]{4,20}$")]


class ConnectionStatus(StrEnum):
    LIVE = "live"
    DISCONNECTED = "disconnected"
    DISMANTLED = "dismantled"


class ConsumerCreate(Strict):
    rr_number: RRNumber
    account_id: AccountId | None = None
    name_en: PersonName
    name_kn: PersonName
    address: Address
    tariff_category: TariffCategory
    sanctioned_load_w: LoadWatts
    phase: Literal[1, 3]
    meter_number: MeterNumber
    connection_status: ConnectionStatus = ConnectionStatus.LIVE
    mobile: Mobile | None = None
    email: Email | None = None
    section_code: OrgCode


class ConsumerUpdate(StrictUpdate):
    CLEARABLE = frozenset({"mobile", "email"})

    name_en: PersonName | None = None
    name_kn: PersonName | None = None
    address: Address | None = None
    tariff_category: TariffCategory | None = None
    sanctioned_load_w: LoadWatts | None = None
    phase: Literal[1, 3] | None = None
    meter_number: MeterNumber | None = None
    connection_status: ConnectionStatus | None = None
    mobile: Mobile | None = None
    email: Email | None = None


class ConsumerRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    rr_number: str
    account_id: str
    name_en: str
    name_kn: str
    address: str
    tariff_category: str
    sanctioned_load_w: int
    phase: int
    meter_number: str
    connection_status: str
    mobile: str | None
    email: str | None
    section_id: int
    updated_at: datetime


class ConsumerWithBalance(ConsumerRead):
    balance_paise: int
