"""Malformed and hostile values on every write route: a clear 4xx naming the field, never a 500,
and nothing written. The same body, well-formed, then succeeds, so the refusals are for the
values and not for something else."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update
from sqlalchemy.engine import Engine

from central_api.config import Settings
from central_api.db import Base, make_session_factory, transaction
from central_api.identity.models import User
from central_api.identity.passwords import hash_secret
from tests.central_api.billing.factories import CYCLE, NR_ROUTE, give_routes
from tests.central_api.reconciliation import factories as recon
from tests.support.world import DEVICE_SECRET, PASSWORD, World

READINGS_ROUTE = ("POST", f"/api/v1/spot-billing/routes/{NR_ROUTE}/cycles/{CYCLE}/readings")
FINGERPRINT_ROUTE = ("PUT", "/api/v1/users/cashier/fingerprint")
SUPERVISOR_PIN = "9753"

RECON = "/api/v1/reconciliation"
# The bank statement upload is multipart, not JSON: tests/central_api/reconciliation covers it.
RECON_WRITES: dict[str, tuple[str, dict[str, Any]]] = {
    "/auto-match": ("accounts_officer", {"account_number": recon.ACCOUNT}),
    "/matches": (
        "accounts_officer",
        {"bank_line_id": 1, "remittance_entry_id": 1, "note": "slip seen at the bank"},
    ),
    "/matches/1/undo": ("accounts_officer", {"reason": "wrong slip paired"}),
    "/cheque-returns": (
        "accounts_officer",
        {
            "receipt_number": recon.RECEIPT,
            "reason": "funds insufficient",
            "returned_on": "2026-11-05",
        },
    ),
    "/suspense-transfers": (
        "accounts_officer",
        {"suspense_id": 1, "rr_number": "MYS1000002", "reason": "RR mistyped by payer"},
    ),
    "/suspense-transfers/1/decide": ("accounts_officer", {"approve": True}),
    "/account-transfers": (
        "accounts_officer",
        {"receipt_number": recon.RECEIPT, "to_rr_number": "MYS1000001", "reason": "paid for him"},
    ),
    "/account-transfers/1/decide": ("accounts_officer", {"approve": True}),
    "/quarantine/1/resolve": (
        "accounts_officer",
        {"resolution": "held_entry_stands", "reason": "counterfoil matches the held receipt"},
    ),
}
RECON_SETUP = {
    "/matches": recon.bank_credit_and_remittance,
    "/matches/1/undo": recon.live_match,
    "/cheque-returns": recon.cheque_receipt,
    "/suspense-transfers": recon.suspense_held,
    "/suspense-transfers/1/decide": recon.suspense_asked,
    "/account-transfers": recon.cheque_receipt,
    "/account-transfers/1/decide": recon.transfer_asked,
    "/quarantine/1/resolve": recon.conflict_quarantined,
}

# route -> (who calls it, a valid body)
WRITE_ROUTES: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {
    ("POST", "/api/v1/users"): (
        "admin",
        {
            "username": "new.cashier",
            "full_name": "Savitha N",
            "role": "cashier",
            "scope_unit_code": "NRSUB",
            "password": "a long enough password",
            "pin": "4821",
        },
    ),
    ("PATCH", "/api/v1/users/cashier"): ("admin", {"full_name": "Test Cashier Two"}),
    ("POST", "/api/v1/devices"): (
        "admin",
        {
            "code": "PC-MYS001-2",
            "kind": "counter",
            "location_code": "MYS001",
            "counter_code": "MYS001-2",
        },
    ),
    ("POST", "/api/v1/org/units"): (
        "admin",
        {
            "level": "section",
            "code": "NRSEC2",
            "name_en": "Kuvempunagar",
            "name_kn": "ಕುವೆಂಪುನಗರ",
            "parent_code": "NRSUB",
        },
    ),
    ("POST", "/api/v1/org/locations"): (
        "admin",
        {
            "code": "MYS002",
            "name_en": "Vijayanagar",
            "name_kn": "ವಿಜಯನಗರ",
            "unit_code": "VVSUB",
            "address": "#12, 2nd Stage, Vijayanagar",
        },
    ),
    ("POST", "/api/v1/org/locations/MYS001/counters"): ("admin", {"code": "MYS001-3"}),
    ("POST", "/api/v1/consumers"): (
        "accounts_officer",
        {
            "rr_number": "MYS1000099",
            "name_en": "Manjunath K",
            "name_kn": "ಮಂಜುನಾಥ ಕೆ",
            "address": "#45, 3rd Cross, NR Mohalla",
            "tariff_category": "LT-1",
            "sanctioned_load_w": 3000,
            "phase": 1,
            "meter_number": "MTR12345",
            "mobile": "9845012345",
            "email": "manju@example.in",
            "section_code": "NRSEC",
        },
    ),
    ("PATCH", "/api/v1/consumers/MYS1000001"): (
        "accounts_officer",
        {"name_en": "Ramesh Gowda K", "sanctioned_load_w": 4000},
    ),
    ("POST", "/api/v1/ledger/adjustments"): (
        "accounts_officer",
        {"rr_number": "MYS1000001", "amount_paise": -5000, "reason": "meter reading corrected"},
    ),
    READINGS_ROUTE: (
        "meter_reader",
        {
            "readings": [
                {
                    "rr_number": "MYS1000002",
                    "read_at": datetime.now(UTC).isoformat(),
                    "meter_status": "zero_consumption",
                }
            ]
        },
    ),
    FINGERPRINT_ROUTE: (
        "counter",
        {
            "template": base64.b64encode(bytes(range(256)) * 2).decode(),
            "supervisor": "supervisor",
            "supervisor_pin": SUPERVISOR_PIN,
        },
    ),
    ("POST", "/api/v1/auth/login"): ("anonymous", {"username": "cashier", "password": PASSWORD}),
    ("POST", "/api/v1/auth/device-token"): (
        "anonymous",
        {"device_code": "DEV-COUNTER", "secret": DEVICE_SECRET},
    ),
    **{("POST", f"{RECON}{path}"): value for path, value in RECON_WRITES.items()},
}


def give_supervisor_a_pin(engine: Engine) -> None:
    with transaction(make_session_factory(engine)) as session:
        session.execute(
            update(User)
            .where(User.username == "supervisor")
            .values(pin_hash=hash_secret(SUPERVISOR_PIN))
        )


# Routes whose valid body needs data the small world does not have, made before the test.
SETUP = {READINGS_ROUTE: give_routes, FINGERPRINT_ROUTE: give_supervisor_a_pin}
SETUP.update({("POST", f"{RECON}{path}"): make for path, make in RECON_SETUP.items()})
# Optional fields, where null legitimately means "none" (or, in a PATCH, "clear it").
NULLABLE = {"mobile", "email", "pin", "counter_code", "location_code", "account_id"}
# An adjustment may go either way, so a negative amount is a credit, not an error.
SIGNED = {"amount_paise"}
# Free text is stored verbatim through bound parameters: SQL in it is only words.
FREE_TEXT = {"reason", "note"}

HOSTILE_VALUES: list[Any] = [
    None,
    -1,
    1.5,
    "12.5",
    True,
    2**70,
    ["a", "b"],
    {"nested": 1},
    "",
    "Robert'); DROP TABLE consumers;--",
    "<script>alert(1)</script>",
    "x" * 100_000,
    "\u0000nul",
]


@pytest.fixture
def app_settings(engine: Engine) -> Settings:
    """The service with a fingerprint key, so that enrolment is configured."""
    return Settings(
        database_url=engine.url.render_as_string(hide_password=False),
        fingerprint_key=bytes(range(32)),
    )


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in Base.metadata.sorted_tables
            if t.name != "auth_tokens"
        }


def _call(client: TestClient, world: World, route: tuple[str, str], body: Any) -> Any:
    who, _ = WRITE_ROUTES[route]
    headers = {} if who == "anonymous" else world.auth(who)
    return client.request(route[0], route[1], json=body, headers=headers)


def _assert_clear_refusal(response: Any) -> None:
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:300])
    detail = response.json()["detail"]
    assert detail and all(d.get("reason") for d in detail), detail
    assert any(d.get("field") for d in detail), detail


@pytest.mark.parametrize("route", sorted(WRITE_ROUTES), ids=lambda r: f"{r[0]} {r[1]}")
def test_hostile_values_are_refused_and_nothing_is_written(
    client: TestClient, world: World, engine: Engine, route: tuple[str, str]
) -> None:
    _, valid = WRITE_ROUTES[route]
    if route in SETUP:
        SETUP[route](engine)
    before = _counts(engine)
    for field in valid:
        for value in HOSTILE_VALUES:
            if value == valid[field] or (value is None and field in NULLABLE):
                continue
            if field in FREE_TEXT and isinstance(value, str) and value.startswith("Robert"):
                continue
            if value == -1 and field in SIGNED:
                continue
            if field == "password" and isinstance(value, str) and 0 < len(value) <= 200:
                continue  # any such string is a possible password
            response = _call(client, world, route, {**valid, field: value})
            if response.status_code < 400:
                pytest.fail(f"{field}={value!r:.40} accepted: {response.text[:200]}")
            _assert_clear_refusal(response)
    unknown = _call(client, world, route, {**valid, "is_admin": True})
    assert unknown.status_code == 422
    assert {"field": "is_admin", "reason": "unknown field"} in unknown.json()["detail"]
    assert _call(client, world, route, [valid]).status_code == 422
    huge = _call(client, world, route, {**valid, next(iter(valid)): "x" * 10_000_000})
    assert huge.status_code == 413
    assert _counts(engine) == before
    accepted = _call(client, world, route, valid)
    assert accepted.status_code in (200, 201), accepted.text


@pytest.mark.parametrize(
    ("field", "value", "reason_part"),
    [
        ("amount_paise", 1.5, "integer"),
        ("amount_paise", "100", "integer"),
        ("amount_paise", 0, "zero"),
        ("rr_number", "MY-1", "letter or digit"),
        ("reason", "ok", "at least 5"),
    ],
)
def test_adjustment_refusals_name_the_field_and_reason(
    client: TestClient, world: World, field: str, value: Any, reason_part: str
) -> None:
    body = {
        "rr_number": "MYS1000001",
        "amount_paise": 100,
        "reason": "rounding difference",
        field: value,
    }
    response = client.post(
        "/api/v1/ledger/adjustments", json=body, headers=world.auth("accounts_officer")
    )
    assert response.status_code == 422
    (item,) = response.json()["detail"]
    assert item["field"] == field
    assert reason_part in item["reason"]
