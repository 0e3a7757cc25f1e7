"""The engine behind the screens, assembled from the counter's settings. No Qt here.

`Services.open(home, settings)` opens the store, the journal, the sync engine, the cashier
roster and the devices. Screens reach everything through one `Services` object and call it only
from worker lanes (`counter_client.ui.ops`): each call may wait on SQLite, the network or a device.
`register_counter` is the first-run registration, as `counter_client.headless` does it.
"""

from __future__ import annotations

import logging
import secrets as token_source
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import keyring
from keyring.errors import KeyringError

from common.errors import ValidationProblem
from counter_client.auth import LoginService
from counter_client.devices.fingerprint import FingerprintSensor, SensorUnplugged, ZfmSensor
from counter_client.journal import Journal
from counter_client.store import CashierRoster, ConsumerCache, Store
from counter_client.store.clock import Clock, system_clock
from counter_client.sync import (
    CentreUnreachable,
    DeviceSecrets,
    KeyringUnavailable,
    SyncConfig,
    SyncConfigError,
    SyncEngine,
)
from counter_client.sync.registration import RegistrationRefused, register_counter_device
from counter_client.ui.home import STORE_FILE, CounterSettings, SensorChoice

if TYPE_CHECKING:  # the printer stack (escpos, Pillow, qrcode) loads on the worker, when used
    from counter_client.devices.printer import CompanyHeader, ReceiptPrinter

__all__ = [
    "CentreUnreachable",
    "RegistrationRequest",
    "Services",
    "check_registration",
    "fingerprint_key",
    "register_counter",
    "sync_config",
]

log = logging.getLogger(__name__)

FINGERPRINT_KEY_SUFFIX = "/fingerprint-key"


def sync_config(settings: CounterSettings, **overrides: Any) -> SyncConfig:
    """The sync settings of this counter; SyncConfigError names the setting that is wrong."""
    return SyncConfig(
        centre_urls=settings.centre_urls,
        ca_file=Path(settings.ca_file),
        counter_code=settings.counter_code,
        device_code=settings.device_code,
        **overrides,
    )


def fingerprint_key(service: str, device_code: str, *, create: bool = False) -> bytes | None:
    """The 32-byte key that seals fingerprint templates at rest, kept in the keyring."""
    name = device_code + FINGERPRINT_KEY_SUFFIX
    try:
        held = keyring.get_password(service, name)
        if held:
            return bytes.fromhex(held)
        if not create:
            return None
        key = token_source.token_bytes(32)
        keyring.set_password(service, name, key.hex())
    except KeyringError as exc:
        raise KeyringUnavailable(f"the keyring cannot keep the fingerprint key: {exc}") from None
    return key


def make_printer(saved: dict[str, Any] | None) -> ReceiptPrinter | None:
    """The receipt printer from the saved settings, or None when this counter has none."""
    if saved is None:
        return None
    from counter_client.devices.printer import PrinterSettings, ReceiptPrinter

    return ReceiptPrinter(PrinterSettings.from_dict(saved))


def company_header(settings: CounterSettings) -> CompanyHeader:
    """The header printed on this counter's receipts; the QR verifies on the centre's portal."""
    from counter_client.devices.printer import CompanyHeader

    return CompanyHeader(
        name=settings.company,
        office=settings.office or settings.counter_code,
        portal_base_url=settings.portal_url or settings.centre_urls[0],
        name_kn=settings.company_kn or None,
    )


def sensor_factory(choice: SensorChoice) -> Callable[[], FingerprintSensor]:
    """Opens the counter's fingerprint sensor for one login or approval."""

    def open_sensor() -> FingerprintSensor:
        if not choice.port:
            raise SensorUnplugged("no fingerprint sensor is set up at this counter: use the PIN")
        return ZfmSensor(choice.port, choice.baud, score_threshold=choice.score_threshold)

    return open_sensor


@dataclass
class Services:
    """Everything the screens call, for one counter."""

    home: Path
    settings: CounterSettings
    store: Store
    journal: Journal
    engine: SyncEngine
    roster: CashierRoster
    consumers: ConsumerCache
    login: LoginService
    printer: ReceiptPrinter | None = None
    company: CompanyHeader | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def open(
        cls,
        home: Path,
        settings: CounterSettings,
        *,
        printer: ReceiptPrinter | None = None,
        sensor: Callable[[], FingerprintSensor] | None = None,
        clock: Clock = system_clock,
        **sync_overrides: Any,
    ) -> Services:
        """Open the store and wire the journal to the sync engine (call on a worker)."""
        config = sync_config(settings, **sync_overrides)
        key = fingerprint_key(config.keyring_service, config.device_code, create=True)
        store = Store.open(home / STORE_FILE)
        engine = SyncEngine(store, config, fingerprint_key=key, clock=clock)
        journal = Journal(store, config.counter_code)
        journal.add_listener(engine.wake)
        roster = CashierRoster(store, fingerprint_key=key)
        return cls(
            home=home,
            settings=settings,
            store=store,
            journal=journal,
            engine=engine,
            roster=roster,
            consumers=ConsumerCache(store),
            login=LoginService(store, roster, sensor or sensor_factory(settings.sensor), clock),
            printer=printer if printer is not None else make_printer(settings.printer),
            company=company_header(settings),
        )

    def open_day_if_needed(self, cashier_id: str) -> date:
        """The open business day, opening today's when none is open."""
        day = self.journal.day_book()
        if day is None:
            day = self.journal.open_day(cashier_id=cashier_id)
        return day.business_date

    def close(self) -> None:
        self.engine.stop()
        self.store.close()


@dataclass(frozen=True)
class RegistrationRequest:
    """What the first-run screen collects (the admin password is used once, never kept)."""

    admin_username: str
    admin_password: str
    settings: CounterSettings
    location_code: str = ""


def check_registration(request: RegistrationRequest) -> SyncConfig:
    """Check the form before any network call; ValidationProblem names the field."""
    if not request.admin_username.strip():
        raise ValidationProblem("admin_username", "the administrator's user name is required")
    if not request.admin_password:
        raise ValidationProblem("admin_password", "the administrator's password is required")
    if not request.settings.device_code.strip():
        raise ValidationProblem("device_code", "the device code is required")
    try:
        return sync_config(request.settings)
    except SyncConfigError as exc:
        text = str(exc)
        name, _, reason = text.partition(": ")
        fields = {"centre_urls", "ca_file", "counter_code", "device_code"}
        if name in fields:
            raise ValidationProblem(name, reason) from None
        raise ValidationProblem("counter_code", text) from None


def register_counter(request: RegistrationRequest, home: Path) -> CounterSettings:
    """Register this counter's device at the centre, keep its secret in the keyring, save settings.

    Raises ValidationProblem naming the field the centre or the form objects to, or
    CentreUnreachable / KeyringUnavailable when the centre or the keyring cannot be used.
    """
    config = check_registration(request)
    secrets = DeviceSecrets(config.keyring_service)
    location = request.location_code.strip() or config.counter_code.rsplit("-", 1)[0]
    try:
        register_counter_device(
            config,
            secrets,
            admin_username=request.admin_username.strip(),
            admin_password=request.admin_password,
            location_code=location,
        )
    except RegistrationRefused as refused:
        if refused.field == "admin_password":
            raise ValidationProblem(
                "admin_password", f"the centre refused this sign-in ({refused.status})"
            ) from None
        raise ValidationProblem(
            "counter_code",
            f"the centre refused to register this counter ({refused.status}): {refused.detail}",
        ) from None
    request.settings.save(home)
    return request.settings
