"""Request and response shapes for signing in, users and devices."""

from __future__ import annotations

import base64
import binascii
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints, field_validator

from central_api.fields import (
    CounterCode,
    OrgCode,
    Password,
    PersonName,
    Pin,
    Strict,
    StrictUpdate,
    Username,
)
from common.roles import DeviceKind, Role

DeviceCode = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9-]{3,23}$")]


class LoginIn(Strict):
    username: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._]{1,40}$")]
    password: Annotated[str, StringConstraints(min_length=1, max_length=200)]


class DeviceTokenIn(Strict):
    device_code: DeviceCode
    secret: Annotated[str, StringConstraints(min_length=1, max_length=200)]


class TokenOut(BaseModel):
    token: str
    expires_at: datetime
    actor: str
    name: str


class MeOut(BaseModel):
    actor: str
    name: str
    user_id: int | None
    device_id: int | None
    scope_unit_id: int


class UserCreate(Strict):
    username: Username
    full_name: PersonName
    full_name_kn: PersonName | None = None
    role: Role
    scope_unit_code: OrgCode
    location_code: OrgCode | None = None
    password: Password
    pin: Pin | None = None


class UserUpdate(StrictUpdate):
    full_name: PersonName | None = None
    full_name_kn: PersonName | None = None
    role: Role | None = None
    scope_unit_code: OrgCode | None = None
    location_code: OrgCode | None = None
    active: bool | None = None
    password: Password | None = None
    pin: Pin | None = None


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    full_name: str
    full_name_kn: str
    role: str
    scope_unit_id: int
    location_id: int | None
    active: bool


class DeviceRegister(Strict):
    code: DeviceCode
    kind: DeviceKind
    location_code: OrgCode | None = None
    counter_code: CounterCode | None = None


class DeviceRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    code: str
    kind: str
    location_id: int | None
    scope_unit_id: int
    registered_at: datetime
    revoked_at: datetime | None


class DeviceRegistered(DeviceRead):
    secret: str


TEMPLATE_MIN_BYTES = 64
TEMPLATE_MAX_BYTES = 4096
"""A ZFM/R30x template is 512 bytes; the bounds leave room for other sensors."""


def _decode_template(text: str) -> bytes:
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("must be base64 (A-Z, a-z, 0-9, +, / and = padding)") from None
    if not TEMPLATE_MIN_BYTES <= len(raw) <= TEMPLATE_MAX_BYTES:
        raise ValueError(
            f"must hold {TEMPLATE_MIN_BYTES} to {TEMPLATE_MAX_BYTES} bytes, not {len(raw)}"
        )
    return raw


class FingerprintEnrol(Strict):
    """A template enrolled at a counter, with the supervisor who enrolled it and their PIN."""

    template: Annotated[str, StringConstraints(min_length=1, max_length=6000)]
    supervisor: Username
    supervisor_pin: Pin

    @field_validator("template")
    @classmethod
    def _template_is_base64(cls, value: str) -> str:
        _decode_template(value)
        return value

    def template_bytes(self) -> bytes:
        return _decode_template(self.template)


class FingerprintEnrolled(BaseModel):
    username: str
    enrolled_at: datetime
    enrolled_by: str
    template_bytes: int
