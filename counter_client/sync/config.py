"""What the sync engine needs to know: where the centre is, how to trust it, and how hard to try."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from common.identifiers import validate_counter_code
from common.sync_protocol import MAX_BATCH_ENTRIES

__all__ = ["KEYRING_SERVICE", "SyncConfig", "SyncConfigError"]

KEYRING_SERVICE = "trm-counter"
"""The keyring service under which a counter's device secret is kept (username: device code)."""

_MAX_PULL_PAGE = 5000  # the centre refuses larger pages


class SyncConfigError(ValueError):
    """A sync setting that cannot work; the message names the setting."""


@dataclass(frozen=True)
class SyncConfig:
    """Settings of one counter's sync. `centre_urls` are tried in order: primary first, then DR."""

    centre_urls: tuple[str, ...]
    ca_file: Path
    counter_code: str
    device_code: str
    batch_size: int = 200
    pull_page_size: int = 1000
    interval_s: float = 30.0
    backoff_base_s: float = 2.0
    backoff_cap_s: float = 300.0
    primary_retry_s: float = 300.0
    """After failing over, how long to stay on a standby before trying the primary again."""
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 60.0
    keyring_service: str = KEYRING_SERVICE

    def __post_init__(self) -> None:
        object.__setattr__(self, "centre_urls", _check_urls(self.centre_urls))
        ca_file = Path(self.ca_file)
        if not ca_file.is_file():
            raise SyncConfigError(f"ca_file: no CA bundle at {ca_file}")
        object.__setattr__(self, "ca_file", ca_file)
        try:
            object.__setattr__(self, "counter_code", validate_counter_code(self.counter_code))
        except ValueError as exc:
            raise SyncConfigError(str(exc)) from None
        if not self.device_code.strip():
            raise SyncConfigError("device_code: must not be empty")
        if not 1 <= self.batch_size <= MAX_BATCH_ENTRIES:
            raise SyncConfigError(f"batch_size: must be 1 to {MAX_BATCH_ENTRIES}")
        if not 1 <= self.pull_page_size <= _MAX_PULL_PAGE:
            raise SyncConfigError(f"pull_page_size: must be 1 to {_MAX_PULL_PAGE}")
        self._check_durations()

    def _check_durations(self) -> None:
        for name in ("interval_s", "backoff_base_s", "backoff_cap_s", "primary_retry_s"):
            if getattr(self, name) < 0:
                raise SyncConfigError(f"{name}: must not be negative")
        for name in ("connect_timeout_s", "read_timeout_s"):
            if getattr(self, name) <= 0:
                raise SyncConfigError(f"{name}: must be more than zero")
        if self.backoff_cap_s < self.backoff_base_s:
            raise SyncConfigError("backoff_cap_s: must not be less than backoff_base_s")


def _check_urls(given: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    if isinstance(given, str):
        raise SyncConfigError("centre_urls: give a list of URLs, not one string")
    urls = tuple(u.rstrip("/") for u in given)
    if not urls:
        raise SyncConfigError("centre_urls: give at least one centre URL")
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname:
            raise SyncConfigError(
                f"centre_urls: {url!r} is not an https:// URL; the centre is reached only over TLS"
            )
    if len(set(urls)) != len(urls):
        raise SyncConfigError("centre_urls: a URL is listed twice")
    return urls
