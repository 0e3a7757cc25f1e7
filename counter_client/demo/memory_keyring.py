"""An in-memory keyring for the demo only: secrets live in the demo's process and die with it.

A real counter keeps its device secret and fingerprint key in the OS keyring (Windows
Credential Manager, macOS Keychain, Secret Service); a headless Linux box has none, and the
demo must never write a secret to a file. `make demo` selects this class with
PYTHON_KEYRING_BACKEND=counter_client.demo.memory_keyring.DemoKeyring.
"""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

__all__ = ["BACKEND", "DemoKeyring"]

BACKEND = "counter_client.demo.memory_keyring.DemoKeyring"


class DemoKeyring(KeyringBackend):
    """Keeps (service, name) -> secret in a dict; nothing is written anywhere."""

    priority = 0.1  # never chosen unless asked for by name

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self._secrets:
            raise PasswordDeleteError(username)
        del self._secrets[(service, username)]
