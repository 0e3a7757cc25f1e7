"""Registering this counter's device at the centre, as an admin, and keeping its secret.

The first-run screen and the headless script both register this way: the admin signs in, the
centre issues the device a secret (shown once), the secret goes into the keyring, and the admin's
session is closed again. A refusal says which part was refused, so each caller can name the
field or step in its own words.
"""

from __future__ import annotations

from counter_client.sync.config import SyncConfig
from counter_client.sync.credentials import DeviceSecrets
from counter_client.sync.transport import Transport

__all__ = ["RegistrationRefused", "register_counter_device"]


class RegistrationRefused(Exception):
    """Refused: the admin's sign-in (field admin_password) or the device (counter_code)."""

    def __init__(self, field: str, status: int, detail: str) -> None:
        super().__init__(f"{field}: the centre answered {status}")
        self.field = field
        self.status = status
        self.detail = detail.strip().replace("\n", " ")[:300]


def register_counter_device(
    config: SyncConfig,
    secrets: DeviceSecrets,
    *,
    admin_username: str,
    admin_password: str,
    location_code: str,
) -> None:
    """Register `config`'s device for its counter at `location_code` and keep the secret.

    Raises RegistrationRefused, or CentreUnreachable when no centre answers.
    """
    transport = Transport(config)
    try:
        signed_in = transport.request(
            "POST",
            "/api/v1/auth/login",
            json={"username": admin_username, "password": admin_password},
        )
        if signed_in.status_code != 200:
            raise RegistrationRefused("admin_password", signed_in.status_code, signed_in.text)
        auth = {"Authorization": f"Bearer {signed_in.json()['token']}"}
        try:
            made = transport.request(
                "POST",
                "/api/v1/devices",
                json={
                    "code": config.device_code,
                    "kind": "counter",
                    "location_code": location_code,
                    "counter_code": config.counter_code,
                },
                headers=auth,
            )
            if made.status_code != 201:
                raise RegistrationRefused("counter_code", made.status_code, made.text)
            secrets.save(config.device_code, str(made.json()["secret"]))
        finally:
            transport.request("POST", "/api/v1/auth/logout", headers=auth)
    finally:
        transport.close()
