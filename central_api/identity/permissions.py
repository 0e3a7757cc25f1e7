"""What each role and device kind may do. Routes name a permission; this table grants it."""

from __future__ import annotations

from enum import StrEnum

from common.roles import DeviceKind, Role

Actor = Role | DeviceKind


class Permission(StrEnum):
    ORG_READ = "org.read"
    ORG_WRITE = "org.write"
    CONSUMERS_READ = "consumers.read"
    CONSUMERS_WRITE = "consumers.write"
    LEDGER_READ = "ledger.read"
    LEDGER_ADJUST = "ledger.adjust"
    USERS_READ = "users.read"
    USERS_WRITE = "users.write"
    DEVICES_WRITE = "devices.write"
    FINGERPRINT_ENROL = "fingerprint.enrol"
    AUDIT_READ = "audit.read"
    SYNC_PUSH = "sync.push"
    SYNC_PULL = "sync.pull"
    SYNC_STATUS = "sync.status"
    RECONCILIATION_READ = "reconciliation.read"
    RECONCILIATION_ACT = "reconciliation.act"
    READINGS_TAKE = "readings.take"
    BILLING_PROGRESS = "billing.progress"
    BILLING_REVIEW = "billing.review"


_STAFF = frozenset(Role)
_COUNTERS = frozenset({DeviceKind.COUNTER, DeviceKind.ATP_KIOSK})

GRANTS: dict[Permission, frozenset[Actor]] = {
    Permission.ORG_READ: _STAFF | frozenset(DeviceKind),
    Permission.ORG_WRITE: frozenset({Role.ADMIN}),
    Permission.CONSUMERS_READ: _STAFF | frozenset(DeviceKind),
    Permission.CONSUMERS_WRITE: frozenset({Role.ADMIN, Role.ACCOUNTS_OFFICER}),
    Permission.LEDGER_READ: frozenset(
        {Role.CASHIER, Role.SUPERVISOR, Role.ACCOUNTS_OFFICER, Role.ADMIN, Role.AUDITOR}
    )
    | _COUNTERS,
    Permission.LEDGER_ADJUST: frozenset({Role.ACCOUNTS_OFFICER}),
    Permission.USERS_READ: frozenset({Role.ADMIN, Role.AUDITOR}),
    Permission.USERS_WRITE: frozenset({Role.ADMIN}),
    Permission.DEVICES_WRITE: frozenset({Role.ADMIN}),
    # A counter, with a supervisor of its location present (the centre checks the PIN).
    Permission.FINGERPRINT_ENROL: frozenset({DeviceKind.COUNTER}),
    Permission.AUDIT_READ: frozenset({Role.ADMIN, Role.AUDITOR}),
    Permission.SYNC_PUSH: frozenset({DeviceKind.COUNTER}),
    Permission.SYNC_PULL: frozenset({DeviceKind.COUNTER}),
    Permission.SYNC_STATUS: frozenset(
        {Role.SUPERVISOR, Role.ACCOUNTS_OFFICER, Role.ADMIN, Role.AUDITOR}
    ),
    # Accounts staff reconcile (bank statements, dishonour, suspense and mis-posting transfers,
    # quarantine); auditors read everything they do.
    Permission.RECONCILIATION_READ: frozenset({Role.ACCOUNTS_OFFICER, Role.ADMIN, Role.AUDITOR}),
    Permission.RECONCILIATION_ACT: frozenset({Role.ACCOUNTS_OFFICER, Role.ADMIN}),
    # Meter readers and their spot-billing handhelds download routes and upload readings.
    Permission.READINGS_TAKE: frozenset({Role.METER_READER, DeviceKind.SPOT_BILLING}),
    Permission.BILLING_PROGRESS: frozenset(
        {
            Role.METER_READER,
            Role.SUPERVISOR,
            Role.ACCOUNTS_OFFICER,
            Role.ADMIN,
            Role.AUDITOR,
            DeviceKind.SPOT_BILLING,
        }
    ),
    Permission.BILLING_REVIEW: frozenset({Role.ACCOUNTS_OFFICER}),
}

# "Pay anywhere": these may look up any consumer of the company, whatever their own scope.
COMPANY_WIDE_LOOKUP: frozenset[Actor] = frozenset({Role.CASHIER, Role.SUPERVISOR}) | _COUNTERS


def allows(permission: Permission, actor: Actor) -> bool:
    return actor in GRANTS[permission]
