"""Setting up a new installation: the company at the top of the hierarchy and its first admin."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from central_api.audit.service import record
from central_api.identity.models import User
from central_api.identity.passwords import hash_secret
from central_api.org.models import OrgUnit
from central_api.org.service import add_unit
from common.org import OrgLevel
from common.roles import Role


def ensure_company(session: Session, *, code: str, name_en: str, name_kn: str) -> OrgUnit:
    """The company unit, created on first use."""
    company = session.scalar(select(OrgUnit).where(OrgUnit.level == OrgLevel.COMPANY.value))
    if company is not None:
        return company
    company = add_unit(
        session, level=OrgLevel.COMPANY, code=code, name_en=name_en, name_kn=name_kn, parent=None
    )
    record(
        session,
        principal=None,
        action="org.company.create",
        target_type="org_unit",
        target_id=code,
        details={"by": "trm-admin"},
    )
    return company


def create_admin(
    session: Session,
    *,
    username: str,
    password: str,
    full_name: str,
    company: OrgUnit,
    password_hash: str | None = None,
) -> User:
    """A company-wide admin, for the first sign-in; later users are added over the API."""
    user = User(
        username=username,
        full_name=full_name,
        role=Role.ADMIN.value,
        scope_unit_id=company.id,
        password_hash=password_hash or hash_secret(password),
    )
    session.add(user)
    session.flush()
    record(
        session,
        principal=None,
        action="user.create",
        target_type="user",
        target_id=username,
        details={"role": Role.ADMIN.value, "by": "trm-admin"},
    )
    return user
