"""Fingerprint templates at the centre: enrolled at a counter, sealed at rest, sent to counters.

A template is biometric data. At rest it is sealed with AES-GCM under the service's fingerprint
key (settings `TRM_FINGERPRINT_KEY`), bound to the user's id so that a sealed value copied onto
another user's row does not open. It leaves the centre only to counters of the person's own
location, over TLS, in the cashier pull; counters seal it again under their own key.

Who may enrol: a counter device (its token), for a cashier or supervisor of the counter's own
location, with a supervisor of that same location present: the supervisor's username and PIN
travel with the template and the centre checks the PIN (wrong PINs count towards the supervisor's
sign-in lockout). Every enrolment and every refused PIN is in the audit log.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import select
from sqlalchemy.orm import Session

from central_api.audit.service import record
from central_api.changes import touch_users
from central_api.config import Settings
from central_api.db import utcnow
from central_api.deps import Principal
from central_api.errors import Conflict, Forbidden, NotFound, ServiceError
from central_api.identity.models import Device, User
from central_api.identity.passwords import verify_secret
from common.roles import Role

__all__ = ["FingerprintKeyMissing", "enrol_fingerprint", "open_sealed_template", "seal_template"]

_NONCE_BYTES = 12
_AAD = b"trm-centre-fingerprint-v1:"
COUNTER_ROLES = (Role.CASHIER.value, Role.SUPERVISOR.value)


class FingerprintKeyMissing(ServiceError):
    """The service has no fingerprint key configured (TRM_FINGERPRINT_KEY)."""

    status = 503


def _aead(settings: Settings) -> AESGCM:
    if settings.fingerprint_key is None:
        raise FingerprintKeyMissing(
            "fingerprint enrolment is not configured on this service (TRM_FINGERPRINT_KEY)",
            field="template",
        )
    return AESGCM(settings.fingerprint_key)


def seal_template(settings: Settings, user_id: int, template: bytes) -> bytes:
    """Nonce followed by the AES-GCM ciphertext of `template`, bound to `user_id`."""
    nonce = os.urandom(_NONCE_BYTES)
    return nonce + _aead(settings).encrypt(nonce, template, _AAD + str(user_id).encode())


def open_sealed_template(key: bytes, user_id: int, sealed: bytes) -> bytes | None:
    """The template in the clear, or None when it does not open (wrong key or altered)."""
    aead = AESGCM(key)
    try:
        return aead.decrypt(
            sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:], _AAD + str(user_id).encode()
        )
    except InvalidTag:
        return None


@dataclass(frozen=True)
class EnrolOutcome:
    """The enrolled user, or the refusal to raise once a wrong PIN's count is saved."""

    user: User | None = None
    supervisor: User | None = None
    refusal: ServiceError | None = None


def _supervisor_pin_ok(
    session: Session, settings: Settings, principal: Principal, supervisor: User, pin: str
) -> bool:
    now = utcnow()
    if supervisor.locked_until is not None and supervisor.locked_until > now:
        return False
    if verify_secret(supervisor.pin_hash, pin):
        supervisor.failed_logins = 0
        return True
    supervisor.failed_logins += 1
    record(
        session,
        principal=principal,
        action="fingerprint.supervisor_pin_refused",
        target_type="user",
        target_id=supervisor.username,
        details={"failed": supervisor.failed_logins},
    )
    if supervisor.failed_logins >= settings.login_lockout_attempts:
        supervisor.locked_until = now + timedelta(minutes=settings.login_lockout_minutes)
        supervisor.failed_logins = 0
        record(
            session,
            principal=principal,
            action="user.locked",
            target_type="user",
            target_id=supervisor.username,
            details={"after": "wrong supervisor PINs at fingerprint enrolment"},
        )
    return False


def enrol_fingerprint(
    session: Session,
    settings: Settings,
    *,
    principal: Principal,
    username: str,
    template: bytes,
    supervisor_username: str,
    supervisor_pin: str,
) -> EnrolOutcome:
    """Store `username`'s template, enrolled at the calling counter before its supervisor.

    A wrong PIN is returned as a refusal, not raised, so the caller commits its count.
    """
    _aead(settings)
    device = session.get(Device, principal.device_id) if principal.device_id else None
    if device is None or device.location_id is None:
        raise Forbidden("only a counter at a location may enrol fingerprints", field="template")
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(f"no user {username}", field="username")
    if user.role not in COUNTER_ROLES or not user.active:
        raise Conflict(f"{username} does not work at counters", field="username")
    if user.location_id != device.location_id:
        raise Forbidden(f"{username} does not work at this counter's location", field="username")
    supervisor = session.scalar(select(User).where(User.username == supervisor_username))
    if (
        supervisor is None
        or supervisor.role != Role.SUPERVISOR.value
        or not supervisor.active
        or supervisor.location_id != device.location_id
    ):
        raise Forbidden(
            f"{supervisor_username} is not a supervisor at this counter's location",
            field="supervisor",
        )
    if not _supervisor_pin_ok(session, settings, principal, supervisor, supervisor_pin):
        return EnrolOutcome(
            refusal=Forbidden(
                "the supervisor's PIN is wrong, or the supervisor is locked out",
                field="supervisor_pin",
            )
        )
    user.fingerprint_sealed = seal_template(settings, user.id, template)
    user.fingerprint_enrolled_at = utcnow()
    user.fingerprint_enrolled_by = supervisor.id
    touch_users(session, [user.id])  # counters pull the template with the cashier
    record(
        session,
        principal=principal,
        action="fingerprint.enrol",
        target_type="user",
        target_id=user.username,
        details={"supervisor": supervisor.username, "template_bytes": len(template)},
    )
    return EnrolOutcome(user=user, supervisor=supervisor)
