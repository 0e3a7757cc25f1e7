"""Small factories for counter-store tests: a settable clock, people, consumers, a seeded store."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from argon2 import PasswordHasher

from common.roles import Role
from counter_client.store import (
    CashierRecord,
    ConsumerRecord,
    PulledPage,
    Store,
    apply_pulled_page,
)
from counter_client.store.clock import KOLKATA

COUNTER = "MYS001-1"
FINGERPRINT_KEY = bytes(range(32))
# Cheap argon2 parameters: verification works the same, tests stay fast.
_HASHER = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
_PIN_HASHES: dict[str, str] = {}


class FakeClock:
    """A clock the test moves by hand; starts on 1 April 2026, 10:00 IST."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 4, 1, 10, 0, tzinfo=KOLKATA)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now

    def to_day(self, day: date, hour: int = 10) -> None:
        self.now = datetime(day.year, day.month, day.day, hour, tzinfo=KOLKATA)


def pin_hash(pin: str) -> str:
    if pin not in _PIN_HASHES:
        _PIN_HASHES[pin] = _HASHER.hash(pin)
    return _PIN_HASHES[pin]


def cashier(
    user_id: str = "C001",
    *,
    name: str | None = None,
    role: Role = Role.CASHIER,
    pin: str = "1234",
    fingerprint: bytes | None = None,
    active: bool = True,
) -> CashierRecord:
    return CashierRecord(
        user_id=user_id,
        name=name or f"Person {user_id}",
        role=role,
        pin_hash=pin_hash(pin),
        fingerprint_template=fingerprint,
        active=active,
    )


def supervisor(user_id: str = "S001", **kwargs: object) -> CashierRecord:
    return cashier(user_id, role=Role.SUPERVISOR, **kwargs)  # type: ignore[arg-type]


def consumer(
    rr_number: str = "MYS1001",
    *,
    balance_paise: int = 150_000,
    account_id: str | None = "0000000018",
    name_en: str = "Lakshmi Narayana",
    mobile: str | None = None,
    mobile_sent: bool = True,
) -> ConsumerRecord:
    return ConsumerRecord(
        rr_number=rr_number,
        account_id=account_id,
        name_en=name_en,
        name_kn="ಲಕ್ಷ್ಮೀ ನಾರಾಯಣ",
        address="12, 4th Cross, Kuvempunagar, Mysuru",
        tariff_category="LT2a",
        section_code="MYS-N1",
        balance_paise=balance_paise,
        mobile=mobile,
        mobile_sent=mobile_sent,
    )


def seed(
    store: Store,
    *,
    cashiers: list[CashierRecord] | None = None,
    consumers: list[ConsumerRecord] | None = None,
    cursor: str = "c1",
) -> None:
    """Apply one pulled page with these people and consumers (defaults: C001, C002, S001, S002)."""
    people = (
        cashiers
        if cashiers is not None
        else [
            cashier("C001"),
            cashier("C002"),
            supervisor("S001"),
            supervisor("S002"),
        ]
    )
    page = PulledPage(
        stream="changes",
        cursor=cursor,
        consumers=consumers if consumers is not None else [consumer()],
        cashiers=people,
    )
    apply_pulled_page(store, page, fingerprint_key=FINGERPRINT_KEY)


def open_store(path: Path, clock: FakeClock | None = None) -> Store:
    return Store.open(path, clock=clock or FakeClock())
