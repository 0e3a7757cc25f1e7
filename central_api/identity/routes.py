"""HTTP routes for signing in, users and devices: each only translates HTTP to a service call."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from central_api.db import write_transaction
from central_api.deps import CurrentPrincipal, Principal, SessionDep, require
from central_api.identity import fingerprints, service
from central_api.identity.permissions import Permission
from central_api.identity.schemas import (
    DeviceRead,
    DeviceRegister,
    DeviceRegistered,
    DeviceTokenIn,
    FingerprintEnrol,
    FingerprintEnrolled,
    LoginIn,
    MeOut,
    TokenOut,
    UserCreate,
    UserRead,
    UserUpdate,
)

auth_router = APIRouter(prefix="/auth", tags=["auth"])
users_router = APIRouter(prefix="/users", tags=["users"])
devices_router = APIRouter(prefix="/devices", tags=["devices"])

UsersReader = Annotated[Principal, Depends(require(Permission.USERS_READ))]
UsersWriter = Annotated[Principal, Depends(require(Permission.USERS_WRITE))]
DevicesWriter = Annotated[Principal, Depends(require(Permission.DEVICES_WRITE))]
FingerprintEnroller = Annotated[Principal, Depends(require(Permission.FINGERPRINT_ENROL))]


@auth_router.post("/login", response_model=TokenOut)
def login(body: LoginIn, request: Request, session: SessionDep) -> TokenOut:
    with write_transaction(session):
        outcome = service.login(
            session, request.app.state.settings, username=body.username, password=body.password
        )
    if outcome.refusal is not None:
        raise outcome.refusal
    assert outcome.token and outcome.expires_at and outcome.user
    return TokenOut(
        token=outcome.token,
        expires_at=outcome.expires_at,
        actor=outcome.user.role,
        name=outcome.user.username,
    )


@auth_router.post("/device-token", response_model=TokenOut)
def device_token(body: DeviceTokenIn, request: Request, session: SessionDep) -> TokenOut:
    with write_transaction(session):
        token, expires, device = service.device_token(
            session, request.app.state.settings, device_code=body.device_code, secret=body.secret
        )
    return TokenOut(token=token, expires_at=expires, actor=device.kind, name=device.code)


@auth_router.post("/logout", status_code=204)
def logout(request: Request, session: SessionDep, _: CurrentPrincipal) -> None:
    token = request.headers["authorization"].partition(" ")[2].strip()
    with write_transaction(session):
        service.logout(session, token=token)


@auth_router.get("/me", response_model=MeOut)
def me(principal: CurrentPrincipal) -> MeOut:
    return MeOut(
        actor=principal.actor,
        name=principal.name,
        user_id=principal.user_id,
        device_id=principal.device_id,
        scope_unit_id=principal.scope_unit_id,
    )


@users_router.get("", response_model=list[UserRead])
def list_users(session: SessionDep, principal: UsersReader) -> list[UserRead]:
    return [UserRead.model_validate(u) for u in service.list_users(session, principal=principal)]


@users_router.post("", response_model=UserRead, status_code=201)
def create_user(body: UserCreate, session: SessionDep, principal: UsersWriter) -> UserRead:
    with write_transaction(session):
        user = service.create_user(session, principal=principal, data=body)
    return UserRead.model_validate(user)


@users_router.patch("/{username}", response_model=UserRead)
def update_user(
    username: str, body: UserUpdate, session: SessionDep, principal: UsersWriter
) -> UserRead:
    with write_transaction(session):
        user = service.update_user(session, principal=principal, username=username, data=body)
    return UserRead.model_validate(user)


@users_router.put("/{username}/fingerprint", response_model=FingerprintEnrolled)
def enrol_fingerprint(
    username: str,
    body: FingerprintEnrol,
    request: Request,
    session: SessionDep,
    principal: FingerprintEnroller,
) -> FingerprintEnrolled:
    with write_transaction(session):
        outcome = fingerprints.enrol_fingerprint(
            session,
            request.app.state.settings,
            principal=principal,
            username=username,
            template=body.template_bytes(),
            supervisor_username=body.supervisor,
            supervisor_pin=body.supervisor_pin,
        )
    if outcome.refusal is not None:
        raise outcome.refusal
    assert outcome.user and outcome.supervisor and outcome.user.fingerprint_enrolled_at
    return FingerprintEnrolled(
        username=outcome.user.username,
        enrolled_at=outcome.user.fingerprint_enrolled_at,
        enrolled_by=outcome.supervisor.username,
        template_bytes=len(body.template_bytes()),
    )


@devices_router.get("", response_model=list[DeviceRead])
def list_devices(session: SessionDep, principal: DevicesWriter) -> list[DeviceRead]:
    return [
        DeviceRead.model_validate(d) for d in service.list_devices(session, principal=principal)
    ]


@devices_router.post("", response_model=DeviceRegistered, status_code=201)
def register_device(
    body: DeviceRegister, session: SessionDep, principal: DevicesWriter
) -> DeviceRegistered:
    with write_transaction(session):
        device, secret = service.register_device(session, principal=principal, data=body)
    return DeviceRegistered.model_validate(
        {**DeviceRead.model_validate(device).model_dump(), "secret": secret}
    )


@devices_router.post("/{code}/revoke", response_model=DeviceRead)
def revoke_device(code: str, session: SessionDep, principal: DevicesWriter) -> DeviceRead:
    with write_transaction(session):
        device = service.revoke_device(session, principal=principal, code=code)
    return DeviceRead.model_validate(device)
