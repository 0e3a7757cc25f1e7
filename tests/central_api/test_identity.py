"""Signing in, lock-out, device credentials, revocation, and user management within scope."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from central_api.db import make_session_factory, transaction, utcnow
from central_api.identity.models import AuthToken, User
from central_api.identity.passwords import token_digest
from tests.support.world import DEVICE_SECRET, PASSWORD, World

LOGIN = "/api/v1/auth/login"


def test_login_with_the_right_password_gives_a_working_token(
    client: TestClient, world: World
) -> None:
    response = client.post(LOGIN, json={"username": "cashier", "password": PASSWORD})
    assert response.status_code == 200, response.text
    token = response.json()["token"]
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["actor"] == "cashier"
    assert me.json()["name"] == "cashier"


def test_tokens_are_stored_only_as_their_hash(
    client: TestClient, world: World, engine: Engine
) -> None:
    token = client.post(LOGIN, json={"username": "cashier", "password": PASSWORD}).json()["token"]
    with make_session_factory(engine)() as session:
        stored = set(session.scalars(select(AuthToken.token_hash)))
    assert token not in stored
    assert token_digest(token) in stored


def test_wrong_password_and_unknown_user_get_the_same_answer(
    client: TestClient, world: World
) -> None:
    wrong = client.post(LOGIN, json={"username": "cashier", "password": "not it at all"})
    unknown = client.post(LOGIN, json={"username": "nobody", "password": "not it at all"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


def test_five_failures_lock_the_account_even_for_the_right_password(
    client: TestClient, world: World
) -> None:
    for _ in range(5):
        client.post(LOGIN, json={"username": "supervisor", "password": "guessing wrong"})
    locked = client.post(LOGIN, json={"username": "supervisor", "password": PASSWORD})
    assert locked.status_code == 401
    assert "too many failed sign-ins" in locked.json()["detail"][0]["reason"]
    events = client.get("/api/v1/audit/events?action=user.locked", headers=world.auth("auditor"))
    assert [e["target_id"] for e in events.json()] == ["supervisor"]


def test_expired_and_revoked_tokens_are_refused(
    client: TestClient, world: World, engine: Engine
) -> None:
    factory = make_session_factory(engine)
    with transaction(factory) as session:
        session.execute(
            update(AuthToken)
            .where(AuthToken.token_hash == token_digest(world.tokens["cashier"]))
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    assert client.get("/api/v1/auth/me", headers=world.auth("cashier")).status_code == 401
    assert client.post("/api/v1/auth/logout", headers=world.auth("supervisor")).status_code == 204
    assert client.get("/api/v1/auth/me", headers=world.auth("supervisor")).status_code == 401


def test_disabled_user_is_signed_out_at_once(client: TestClient, world: World) -> None:
    response = client.patch(
        "/api/v1/users/cashier", json={"active": False}, headers=world.auth("admin")
    )
    assert response.status_code == 200
    assert client.get("/api/v1/auth/me", headers=world.auth("cashier")).status_code == 401


def test_device_registration_issues_a_secret_that_signs_the_device_in(
    client: TestClient, world: World
) -> None:
    registered = client.post(
        "/api/v1/devices",
        headers=world.auth("admin"),
        json={
            "code": "PC-MYS001-2",
            "kind": "counter",
            "location_code": "MYS001",
            "counter_code": "MYS001-2",
        },
    )
    assert registered.status_code == 201, registered.text
    secret = registered.json()["secret"]
    token = client.post(
        "/api/v1/auth/device-token", json={"device_code": "PC-MYS001-2", "secret": secret}
    )
    assert token.status_code == 200
    headers = {"Authorization": f"Bearer {token.json()['token']}"}
    assert client.get("/api/v1/consumers/MYS1000001", headers=headers).status_code == 200
    counters = client.get("/api/v1/org/locations/MYS001/counters", headers=headers).json()
    assert {c["code"]: c["device_id"] for c in counters}["MYS001-2"] == registered.json()["id"]
    revoked = client.post("/api/v1/devices/PC-MYS001-2/revoke", headers=world.auth("admin"))
    assert revoked.status_code == 200
    assert client.get("/api/v1/consumers/MYS1000001", headers=headers).status_code == 401
    again = client.post(
        "/api/v1/auth/device-token", json={"device_code": "PC-MYS001-2", "secret": secret}
    )
    assert again.status_code == 401


def test_device_with_a_wrong_secret_is_refused(client: TestClient, world: World) -> None:
    wrong = client.post(
        "/api/v1/auth/device-token",
        json={"device_code": "DEV-COUNTER", "secret": DEVICE_SECRET + "x"},
    )
    assert wrong.status_code == 401


def test_admin_cannot_add_a_user_outside_their_scope(client: TestClient, world: World) -> None:
    body = {
        "username": "far.away",
        "full_name": "Far Away",
        "role": "cashier",
        "scope_unit_code": "NRSUB",
        "password": "long enough password",
    }
    # An admin scoped to the other subdivision may not add users here.
    refused = client.post("/api/v1/users", json=body, headers=world.auth("sub2_admin"))
    assert refused.status_code == 403
    assert refused.json()["detail"][0]["field"] == "scope_unit_code"
    added = client.post("/api/v1/users", json=body, headers=world.auth("admin"))
    assert added.status_code == 201


def test_users_and_pins_are_hashed_with_argon2(
    client: TestClient, world: World, engine: Engine
) -> None:
    body = {
        "username": "new.cashier",
        "full_name": "Savitha N",
        "role": "cashier",
        "scope_unit_code": "NRSUB",
        "password": "a long enough password",
        "pin": "4821",
    }
    assert client.post("/api/v1/users", json=body, headers=world.auth("admin")).status_code == 201
    with make_session_factory(engine)() as session:
        user = session.scalar(select(User).where(User.username == "new.cashier"))
    assert user is not None and user.pin_hash is not None
    assert user.password_hash.startswith("$argon2id$")
    assert user.pin_hash.startswith("$argon2id$")
    assert "4821" not in user.pin_hash


def test_admin_cannot_change_their_own_role(client: TestClient, world: World) -> None:
    response = client.patch(
        "/api/v1/users/admin", json={"role": "cashier"}, headers=world.auth("admin")
    )
    assert response.status_code == 403
    assert response.json()["detail"][0]["field"] == "role"
