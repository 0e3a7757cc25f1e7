"""Request dependencies: the database session, the authenticated principal, permission checks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, TypeVarTuple

from fastapi import Depends, Request
from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql._typing import _ColumnExpressionArgument

from central_api.db import utcnow
from central_api.errors import Forbidden, Unauthorised
from central_api.identity.models import AuthToken, Device, User
from central_api.identity.passwords import token_digest
from central_api.identity.permissions import COMPANY_WIDE_LOOKUP, Actor, Permission, allows
from central_api.org.models import OrgUnit
from common.roles import DeviceKind, Role

Ts = TypeVarTuple("Ts")


def get_session(request: Request) -> Iterator[Session]:
    factory: sessionmaker[Session] = request.app.state.session_factory
    with factory() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


@dataclass(frozen=True)
class Principal:
    """Who is asking (a user or a registered device) and the part of the company covered."""

    actor: Actor
    scope_unit_id: int
    scope_path: str
    user_id: int | None = None
    device_id: int | None = None
    name: str = ""
    client_ip: str | None = None

    @property
    def is_device(self) -> bool:
        return self.device_id is not None

    @property
    def company_wide(self) -> bool:
        """True for a scope of the whole company (a path of one id, "/1/")."""
        return self.scope_path.count("/") == 2

    def covers(self, path: str) -> bool:
        """True when the org unit at `path` lies within this principal's scope."""
        return path.startswith(self.scope_path)

    def require_covers(self, path: str, what: str, field: str) -> None:
        """Refuse (403, naming `field`) when `what`, at org path `path`, is outside this scope."""
        if not self.covers(path):
            raise Forbidden(f"{what} is outside your part of the company", field=field)

    def within(self, query: Select[*Ts], unit_id: _ColumnExpressionArgument[int]) -> Select[*Ts]:
        """`query` limited to rows whose org unit (`unit_id`) lies within this scope."""
        return query.join(OrgUnit, OrgUnit.id == unit_id).where(self.in_scope())

    def in_scope(self) -> ColumnElement[bool]:
        """A filter for queries joined to org_units: rows within this principal's scope."""
        return OrgUnit.path.startswith(self.scope_path)

    def may_look_up_anywhere(self) -> bool:
        return self.actor in COMPANY_WIDE_LOOKUP


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorised(
            "sign in first: send 'Authorization: Bearer <token>'", field="authorization"
        )
    return token.strip()


def current_principal(request: Request, session: SessionDep) -> Principal:
    try:
        return _lookup_principal(request, session)
    finally:
        session.rollback()  # end the read so the route can begin its own transaction


def _lookup_principal(request: Request, session: Session) -> Principal:
    """The token's user or device and its scope's path, in one round trip to the database."""
    row = session.execute(
        select(AuthToken, User, Device, OrgUnit.path)
        .outerjoin(User, User.id == AuthToken.user_id)
        .outerjoin(Device, Device.id == AuthToken.device_id)
        .outerjoin(OrgUnit, OrgUnit.id == func.coalesce(User.scope_unit_id, Device.scope_unit_id))
        .where(AuthToken.token_hash == token_digest(_bearer(request)))
    ).first()
    if row is None or row[0].revoked_at is not None or row[0].expires_at <= utcnow():
        raise Unauthorised(
            "the token is unknown, expired or revoked; sign in again", field="authorization"
        )
    _, user, device, path = row
    ip = request.client.host if request.client else None
    if user is not None:
        if not user.active:
            raise Unauthorised("this user is disabled", field="authorization")
        return Principal(
            Role(user.role),
            user.scope_unit_id,
            path or "",
            user_id=user.id,
            name=user.username,
            client_ip=ip,
        )
    if device is None or device.revoked_at is not None:
        raise Unauthorised("this device's registration was revoked", field="authorization")
    return Principal(
        DeviceKind(device.kind),
        device.scope_unit_id,
        path or "",
        device_id=device.id,
        name=device.code,
        client_ip=ip,
    )


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require(permission: Permission) -> Callable[[Principal], Principal]:
    """A dependency that lets the request through only if the principal holds `permission`."""

    def check(principal: CurrentPrincipal) -> Principal:
        if not allows(permission, principal.actor):
            raise Forbidden(f"{principal.actor} may not do {permission}")
        return principal

    return check
