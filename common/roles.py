"""Who may act in TRM: the people's roles and the kinds of registered device."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    CASHIER = "cashier"
    SUPERVISOR = "supervisor"
    ACCOUNTS_OFFICER = "accounts_officer"
    METER_READER = "meter_reader"
    ADMIN = "admin"
    AUDITOR = "auditor"


class DeviceKind(StrEnum):
    COUNTER = "counter"
    ATP_KIOSK = "atp_kiosk"
    SPOT_BILLING = "spot_billing"
