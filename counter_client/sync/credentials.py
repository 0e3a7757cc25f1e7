"""The counter's device secret, kept only in the operating system's keyring.

The secret is what the centre gave when an administrator registered this counter's device. It
is exchanged for a short-lived bearer token (`/api/v1/auth/device-token`) and never written to a
file, a log line or an exception message by this package.
"""

from __future__ import annotations

import keyring
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError

from counter_client.sync.config import KEYRING_SERVICE

__all__ = ["DeviceSecretMissing", "DeviceSecrets", "KeyringUnavailable"]


class KeyringUnavailable(Exception):
    """The machine has no usable keyring, so the device secret cannot be kept or read."""


class DeviceSecretMissing(Exception):
    """No secret is kept for this device: register the counter first."""


class DeviceSecrets:
    """Device secrets in the keyring under `service`, one per device code."""

    def __init__(self, service: str = KEYRING_SERVICE) -> None:
        self.service = service

    def save(self, device_code: str, secret: str) -> None:
        """Keep `secret` for `device_code`, replacing any earlier one."""
        if not secret:
            raise ValueError("the device secret must not be empty")
        try:
            keyring.set_password(self.service, device_code, secret)
        except NoKeyringError:
            raise KeyringUnavailable(_NO_KEYRING) from None
        except KeyringError as exc:
            raise KeyringUnavailable(f"the keyring refused to keep the secret: {exc}") from None

    def load(self, device_code: str) -> str:
        """The secret kept for `device_code`; raises DeviceSecretMissing if there is none."""
        try:
            secret = keyring.get_password(self.service, device_code)
        except NoKeyringError:
            raise KeyringUnavailable(_NO_KEYRING) from None
        except KeyringError as exc:
            raise KeyringUnavailable(f"the keyring could not be read: {exc}") from None
        if not secret:
            raise DeviceSecretMissing(
                f"no device secret for {device_code} in the keyring (service {self.service!r}); "
                "register this counter's device first"
            )
        return str(secret)

    def has(self, device_code: str) -> bool:
        """True if a secret is kept for `device_code`."""
        try:
            self.load(device_code)
        except DeviceSecretMissing:
            return False
        return True

    def forget(self, device_code: str) -> None:
        """Remove the secret for `device_code`, if any."""
        try:
            keyring.delete_password(self.service, device_code)
        except PasswordDeleteError:
            return
        except NoKeyringError:
            raise KeyringUnavailable(_NO_KEYRING) from None


_NO_KEYRING = (
    "no keyring backend is available on this machine; install and unlock one (e.g. the Windows "
    "Credential Manager or Secret Service) so the device secret can be kept safely"
)
