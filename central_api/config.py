"""Settings of the central service, read from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATA_DIR = Path(os.environ.get("TRM_DATA_DIR", "data"))


def _default_database_url() -> str:
    return f"sqlite:///{(DEFAULT_DATA_DIR / 'trm-central.db').resolve()}"


@dataclass(frozen=True)
class Settings:
    """What the service needs to start; every value can come from a TRM_* variable."""

    database_url: str = field(default_factory=_default_database_url)
    token_hours: int = 12
    max_body_bytes: int = 4 * 1024 * 1024
    login_lockout_attempts: int = 5
    login_lockout_minutes: int = 15
    sql_echo: bool = False
    # AES-256 key sealing fingerprint templates at rest (TRM_FINGERPRINT_KEY, 64 hex digits).
    # None: enrolment is refused and counters receive no templates. Never logged or shown.
    fingerprint_key: bytes | None = field(default=None, repr=False)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if environ is None else environ)
        defaults = cls()
        return cls(
            database_url=env.get("TRM_DATABASE_URL") or defaults.database_url,
            token_hours=int(env.get("TRM_TOKEN_HOURS", defaults.token_hours)),
            max_body_bytes=int(env.get("TRM_MAX_BODY_BYTES", defaults.max_body_bytes)),
            login_lockout_attempts=int(
                env.get("TRM_LOGIN_LOCKOUT_ATTEMPTS", defaults.login_lockout_attempts)
            ),
            login_lockout_minutes=int(
                env.get("TRM_LOGIN_LOCKOUT_MINUTES", defaults.login_lockout_minutes)
            ),
            sql_echo=env.get("TRM_SQL_ECHO", "") == "1",
            fingerprint_key=_fingerprint_key(env.get("TRM_FINGERPRINT_KEY", "")),
        )


def _fingerprint_key(text: str) -> bytes | None:
    """The fingerprint sealing key from its hex form; empty means not configured."""
    if not text.strip():
        return None
    try:
        key = bytes.fromhex(text.strip())
    except ValueError:
        raise ValueError("TRM_FINGERPRINT_KEY must be hexadecimal (64 digits)") from None
    if len(key) != 32:
        raise ValueError("TRM_FINGERPRINT_KEY must be 64 hex digits (a 256-bit key)")
    return key
