"""Fingerprint enrolment at the centre: a counter with its location's supervisor (PIN checked by
the centre) stores a template, sealed at rest, audited; counters of the person's location pull
it, and after a transfer the new location's counters do."""

from __future__ import annotations

import base64
import os
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from central_api.app import create_app
from central_api.audit.models import AuditEvent
from central_api.config import Settings
from central_api.db import make_session_factory, transaction
from central_api.identity.models import Device, User
from central_api.identity.passwords import hash_secret
from central_api.org.models import Counter, Location
from tests.support.world import World

KEY = os.urandom(32)
TEMPLATE = bytes((i * 37 + 11) % 256 for i in range(512))
SUPERVISOR_PIN = "9753"
ROUTE = "/api/v1/users/{}/fingerprint"


@pytest.fixture
def app_settings(engine: Engine) -> Settings:
    return Settings(
        database_url=engine.url.render_as_string(hide_password=False), fingerprint_key=KEY
    )


@pytest.fixture
def counter_world(world: World, engine: Engine) -> World:
    """Counter MYS001-1 served by the counter device; the supervisor has a PIN."""
    with transaction(make_session_factory(engine)) as session:
        session.execute(
            update(Counter)
            .where(Counter.code == "MYS001-1")
            .values(device_id=world.devices["counter"].id)
        )
        session.execute(
            update(User)
            .where(User.username.in_(["supervisor", "cashier"]))
            .values(pin_hash=hash_secret(SUPERVISOR_PIN))
        )
    return world


def body(**overrides: Any) -> dict[str, Any]:
    return {
        "template": base64.b64encode(TEMPLATE).decode(),
        "supervisor": "supervisor",
        "supervisor_pin": SUPERVISOR_PIN,
        **overrides,
    }


def enrol(client: TestClient, world: World, username: str = "cashier", **overrides: Any) -> Any:
    return client.put(ROUTE.format(username), json=body(**overrides), headers=world.auth("counter"))


def user(engine: Engine, username: str) -> User:
    with make_session_factory(engine)() as session:
        found = session.scalar(select(User).where(User.username == username))
        assert found is not None
        session.expunge(found)
        return found


def audit_actions(engine: Engine) -> list[str]:
    with make_session_factory(engine)() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def pull_cashiers(client: TestClient, world: World) -> dict[str, dict[str, Any]]:
    response = client.get(
        "/api/v1/sync/pull",
        params={"stream": "cashiers", "cursor": "", "limit": 100},
        headers=world.auth("counter"),
    )
    assert response.status_code == 200, response.text
    return {c["user_id"]: c for c in response.json()["cashiers"]}


def test_a_counter_enrols_its_cashier_sealed_at_rest_and_audited(
    client: TestClient, counter_world: World, engine: Engine
) -> None:
    before = user(engine, "cashier").change_seq
    response = enrol(client, counter_world)
    assert response.status_code == 200, response.text
    assert response.json()["enrolled_by"] == "supervisor"
    assert response.json()["template_bytes"] == 512
    stored = user(engine, "cashier")
    assert stored.fingerprint_sealed is not None
    assert TEMPLATE not in stored.fingerprint_sealed
    assert TEMPLATE[:64] not in stored.fingerprint_sealed
    assert stored.fingerprint_enrolled_by == counter_world.users["supervisor"].id
    assert stored.fingerprint_enrolled_at is not None
    assert stored.change_seq > before  # so counters pull it
    assert audit_actions(engine)[-1] == "fingerprint.enrol"


def test_counters_of_the_location_pull_the_template(
    client: TestClient, counter_world: World
) -> None:
    assert pull_cashiers(client, counter_world)["cashier"]["fingerprint_template"] is None
    assert enrol(client, counter_world).status_code == 200
    pulled = pull_cashiers(client, counter_world)["cashier"]["fingerprint_template"]
    assert base64.b64decode(pulled) == TEMPLATE


def test_a_transferred_cashier_is_pulled_at_the_new_location_with_the_template(
    client: TestClient, counter_world: World, engine: Engine
) -> None:
    assert enrol(client, counter_world).status_code == 200
    with transaction(make_session_factory(engine)) as session:
        session.add(
            Location(
                code="MYS002",
                name_en="Vijayanagar",
                name_kn="ವಿಜಯನಗರ",
                unit_id=counter_world.units["NRSUB"].id,
                address="Vijayanagar, Mysuru",
            )
        )
    moved = client.patch(
        "/api/v1/users/cashier",
        json={"location_code": "MYS002"},
        headers=counter_world.auth("admin"),
    )
    assert moved.status_code == 200, moved.text
    # MYS001's counters hear only that the cashier left: a username, no PIN hash, no template.
    assert pull_cashiers(client, counter_world)["cashier"] == {
        "user_id": "cashier",
        "departed": True,
    }
    with transaction(make_session_factory(engine)) as session:
        new_home = session.scalar(select(Location.id).where(Location.code == "MYS002"))
        session.execute(update(Counter).where(Counter.code == "MYS001-1").values(device_id=None))
        session.add(Counter(code="MYS002-1", location_id=new_home))
        session.flush()
        # The test's counter device now serves a counter at MYS002 (a counter elsewhere).
        device = session.get(Device, counter_world.devices["counter"].id)
        assert device is not None
        device.location_id = new_home
        session.execute(
            update(Counter).where(Counter.code == "MYS002-1").values(device_id=device.id)
        )
    pulled = pull_cashiers(client, counter_world)
    assert base64.b64decode(pulled["cashier"]["fingerprint_template"]) == TEMPLATE


def test_a_wrong_supervisor_pin_is_refused_counted_and_locks_after_five(
    client: TestClient, counter_world: World, engine: Engine
) -> None:
    for attempt in range(1, 6):
        response = enrol(client, counter_world, supervisor_pin="0000")
        assert response.status_code == 403
        assert response.json()["detail"][0]["field"] == "supervisor_pin"
        if attempt < 5:
            assert user(engine, "supervisor").failed_logins == attempt
    assert user(engine, "supervisor").locked_until is not None
    assert user(engine, "cashier").fingerprint_sealed is None
    assert audit_actions(engine).count("fingerprint.supervisor_pin_refused") == 5
    assert "user.locked" in audit_actions(engine)
    # Locked: even the right PIN is refused now.
    assert enrol(client, counter_world).status_code == 403


@pytest.mark.parametrize(
    ("username", "overrides", "status", "field"),
    [
        ("cashier", {"supervisor": "cashier"}, 403, "supervisor"),  # not a supervisor
        ("cashier", {"supervisor": "vv.supervisor"}, 403, "supervisor"),  # another location
        ("vv.cashier", {}, 403, "username"),  # the cashier works elsewhere
        ("accounts.officer", {}, 409, "username"),  # not a counter role
        ("nobody.here", {}, 404, "username"),
        ("cashier", {"template": "not base64!"}, 422, "template"),
        ("cashier", {"template": base64.b64encode(b"tiny").decode()}, 422, "template"),
        ("cashier", {"template": base64.b64encode(bytes(5000)).decode()}, 422, "template"),
        ("cashier", {"supervisor_pin": "12"}, 422, "supervisor_pin"),
    ],
)
def test_enrolment_refusals_name_the_field_and_write_nothing(
    client: TestClient,
    counter_world: World,
    engine: Engine,
    username: str,
    overrides: dict[str, Any],
    status: int,
    field: str,
) -> None:
    response = enrol(client, counter_world, username, **overrides)
    assert response.status_code == status, response.text
    assert response.json()["detail"][0]["field"] == field
    assert user(engine, "cashier").fingerprint_sealed is None
    assert "fingerprint.enrol" not in audit_actions(engine)


def test_staff_tokens_may_not_enrol(client: TestClient, counter_world: World) -> None:
    for who in ("supervisor", "admin", "cashier"):
        response = client.put(ROUTE.format("cashier"), json=body(), headers=counter_world.auth(who))
        assert response.status_code == 403, who


def test_without_a_key_enrolment_is_refused_and_nothing_is_sent(
    engine: Engine, counter_world: World
) -> None:
    settings = Settings(database_url=engine.url.render_as_string(hide_password=False))
    with TestClient(create_app(settings, engine=engine)) as keyless:
        response = enrol(keyless, counter_world)
        assert response.status_code == 503
        assert "TRM_FINGERPRINT_KEY" in response.json()["detail"][0]["reason"]


def test_the_key_comes_from_the_environment_as_hex_and_is_never_shown() -> None:
    settings = Settings.from_env({"TRM_FINGERPRINT_KEY": KEY.hex()})
    assert settings.fingerprint_key == KEY
    assert KEY.hex() not in repr(settings)
    assert Settings.from_env({}).fingerprint_key is None
    with pytest.raises(ValueError, match="64 hex digits"):
        Settings.from_env({"TRM_FINGERPRINT_KEY": "abcd"})
    with pytest.raises(ValueError, match="hexadecimal"):
        Settings.from_env({"TRM_FINGERPRINT_KEY": "zz" * 32})
