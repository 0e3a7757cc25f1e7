"""Signing in, and managing users and devices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from central_api.audit.service import record
from central_api.changes import touch_users
from central_api.config import Settings
from central_api.db import utcnow
from central_api.deps import Principal
from central_api.errors import Conflict, Forbidden, NotFound, Unauthorised
from central_api.identity.models import AuthToken, Device, User
from central_api.identity.passwords import (
    hash_secret,
    new_device_secret,
    new_token,
    token_digest,
    verify_secret,
)
from central_api.identity.schemas import DeviceRegister, UserCreate, UserUpdate
from central_api.org.models import Counter, Location, OrgUnit
from central_api.org.service import location_by_code, unit_by_code
from common.roles import DeviceKind


def _issue_token(
    session: Session,
    settings: Settings,
    *,
    user_id: int | None = None,
    device_id: int | None = None,
) -> tuple[str, datetime]:
    token = new_token()
    expires = utcnow() + timedelta(hours=settings.token_hours)
    session.add(
        AuthToken(
            token_hash=token_digest(token), user_id=user_id, device_id=device_id, expires_at=expires
        )
    )
    return token, expires


@dataclass(frozen=True)
class LoginOutcome:
    """A sign-in's result: a token, or the refusal to give once the failure count is saved."""

    token: str | None = None
    expires_at: datetime | None = None
    user: User | None = None
    refusal: Unauthorised | None = None


def login(session: Session, settings: Settings, *, username: str, password: str) -> LoginOutcome:
    """Check a password; lock the account for a while after repeated failures.

    A refusal is returned, not raised, so that the caller commits the failure count with it.
    """
    user = session.scalar(select(User).where(User.username == username.lower()))
    now = utcnow()
    if user is not None and user.locked_until is not None and user.locked_until > now:
        return LoginOutcome(
            refusal=Unauthorised("too many failed sign-ins; try again later", field="username")
        )
    if not verify_secret(user.password_hash if user else None, password) or user is None:
        if user is not None:
            user.failed_logins += 1
            if user.failed_logins >= settings.login_lockout_attempts:
                user.locked_until = now + timedelta(minutes=settings.login_lockout_minutes)
                user.failed_logins = 0
                record(
                    session,
                    principal=None,
                    action="user.locked",
                    target_type="user",
                    target_id=user.username,
                    details={"minutes": settings.login_lockout_minutes},
                )
        return LoginOutcome(refusal=Unauthorised("wrong username or password", field="password"))
    if not user.active:
        return LoginOutcome(refusal=Unauthorised("this user is disabled", field="username"))
    user.failed_logins = 0
    user.locked_until = None
    token, expires = _issue_token(session, settings, user_id=user.id)
    return LoginOutcome(token=token, expires_at=expires, user=user)


def device_token(
    session: Session, settings: Settings, *, device_code: str, secret: str
) -> tuple[str, datetime, Device]:
    """Exchange a device's credential for a bearer token."""
    device = session.scalar(select(Device).where(Device.code == device_code))
    if not verify_secret(device.secret_hash if device else None, secret) or device is None:
        raise Unauthorised("unknown device or wrong secret", field="secret")
    if device.revoked_at is not None:
        raise Unauthorised("this device's registration was revoked", field="device_code")
    token, expires = _issue_token(session, settings, device_id=device.id)
    return token, expires, device


def logout(session: Session, *, token: str) -> None:
    row = session.get(AuthToken, token_digest(token))
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()


def list_users(session: Session, *, principal: Principal) -> list[User]:
    """Users whose scope lies within the caller's."""
    query = principal.within(select(User), User.scope_unit_id)
    return list(session.scalars(query.order_by(User.username)))


def create_user(session: Session, *, principal: Principal, data: UserCreate) -> User:
    """Add a user within the admin's own scope."""
    unit = unit_by_code(session, data.scope_unit_code, "scope_unit_code")
    principal.require_covers(unit.path, unit.code, "scope_unit_code")
    if session.scalar(select(User.id).where(User.username == data.username)) is not None:
        raise Conflict(f"username {data.username} is taken", field="username")
    location = (
        location_by_code(session, data.location_code, "location_code")
        if data.location_code
        else None
    )
    user = User(
        username=data.username,
        full_name=data.full_name,
        full_name_kn=data.full_name_kn or "",
        role=data.role.value,
        scope_unit_id=unit.id,
        location_id=location.id if location else None,
        password_hash=hash_secret(data.password),
        pin_hash=hash_secret(data.pin) if data.pin else None,
    )
    session.add(user)
    session.flush()
    touch_users(session, [user.id])
    record(
        session,
        principal=principal,
        action="user.create",
        target_type="user",
        target_id=user.username,
        details={"role": user.role, "scope": unit.code},
    )
    return user


def update_user(session: Session, *, principal: Principal, username: str, data: UserUpdate) -> User:
    """Change a user's details, role, scope, status or secrets; every change is audited."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(f"no user {username}", field="username")
    current_unit = session.get(OrgUnit, user.scope_unit_id)
    assert current_unit is not None
    principal.require_covers(current_unit.path, current_unit.code, "username")
    changed: dict[str, object] = {}
    if data.scope_unit_code is not None:
        unit = unit_by_code(session, data.scope_unit_code, "scope_unit_code")
        principal.require_covers(unit.path, unit.code, "scope_unit_code")
        user.scope_unit_id = unit.id
        changed["scope"] = unit.code
    if data.location_code is not None:
        # A transfer: counters of the new location pull the person (with the fingerprint).
        location = location_by_code(session, data.location_code, "location_code")
        where = session.get(OrgUnit, location.unit_id)
        assert where is not None
        principal.require_covers(where.path, location.code, "location_code")
        user.location_id = location.id
        changed["location"] = location.code
    if data.role is not None:
        if principal.user_id == user.id:
            raise Forbidden("you may not change your own role", field="role")
        user.role = data.role.value
        changed["role"] = data.role.value
    for name in ("full_name", "full_name_kn", "active"):
        value = getattr(data, name)
        if value is not None:
            setattr(user, name, value)
            changed[name] = value
    if data.password is not None:
        user.password_hash = hash_secret(data.password)
        changed["password"] = "changed"
    if data.pin is not None:
        user.pin_hash = hash_secret(data.pin)
        changed["pin"] = "changed"
    if changed:
        touch_users(session, [user.id])  # counters pull the change with the cashier list
    record(
        session,
        principal=principal,
        action="user.update",
        target_type="user",
        target_id=user.username,
        details=changed,
    )
    return user


def register_device(
    session: Session, *, principal: Principal, data: DeviceRegister
) -> tuple[Device, str]:
    """Register a device and issue its secret, shown once and stored only as an argon2 hash."""
    if session.scalar(select(Device.id).where(Device.code == data.code)) is not None:
        raise Conflict(f"a device {data.code} is already registered", field="code")
    location = None
    if data.location_code:
        location = location_by_code(session, data.location_code, "location_code")
    elif data.kind in (DeviceKind.COUNTER, DeviceKind.ATP_KIOSK):
        raise Conflict(f"a {data.kind} device needs a location_code", field="location_code")
    scope_unit = (
        session.get(OrgUnit, location.unit_id)
        if location
        else session.get(OrgUnit, principal.scope_unit_id)
    )
    assert scope_unit is not None
    principal.require_covers(scope_unit.path, scope_unit.code, "location_code")
    secret = new_device_secret()
    device = Device(
        code=data.code,
        kind=data.kind.value,
        location_id=location.id if location else None,
        scope_unit_id=scope_unit.id,
        secret_hash=hash_secret(secret),
        registered_by=principal.user_id,
    )
    session.add(device)
    session.flush()
    if data.counter_code:
        _attach_counter(session, device, location, data.counter_code)
    record(
        session,
        principal=principal,
        action="device.register",
        target_type="device",
        target_id=device.code,
        details={"kind": device.kind, "counter": data.counter_code},
    )
    return device, secret


def _attach_counter(session: Session, device: Device, location: Location | None, code: str) -> None:
    if device.kind != DeviceKind.COUNTER:
        raise Conflict("only a counter device can serve a counter", field="counter_code")
    counter = session.scalar(select(Counter).where(Counter.code == code))
    if counter is None:
        raise NotFound(f"no counter {code}", field="counter_code")
    if location is None or counter.location_id != location.id:
        raise Conflict(f"counter {code} is not at this location", field="counter_code")
    if counter.device_id is not None:
        raise Conflict(
            f"counter {code} already has a device; revoke it first", field="counter_code"
        )
    counter.device_id = device.id


def revoke_device(session: Session, *, principal: Principal, code: str) -> Device:
    device = session.scalar(select(Device).where(Device.code == code))
    if device is None:
        raise NotFound(f"no device {code}", field="code")
    unit = session.get(OrgUnit, device.scope_unit_id)
    assert unit is not None
    principal.require_covers(unit.path, unit.code, "code")
    if device.revoked_at is None:
        device.revoked_at = utcnow()
        for counter in session.scalars(select(Counter).where(Counter.device_id == device.id)):
            counter.device_id = None
        record(
            session,
            principal=principal,
            action="device.revoke",
            target_type="device",
            target_id=device.code,
        )
    return device


def list_devices(session: Session, *, principal: Principal) -> list[Device]:
    query = principal.within(select(Device), Device.scope_unit_id)
    return list(session.scalars(query.order_by(Device.code)))
