"""Consumer accounts: search every way, scope, pay-anywhere lookups, and audited changes."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.support.world import World

SEARCH = "/api/v1/consumers"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"rr_number": "mys1000001"}, ["MYS1000001"]),
        ({"name": "ram"}, ["MYS1000001", "MYS1000002"]),
        ({"name": "RAMY"}, ["MYS1000002"]),
        ({"name": "  ramesh   go"}, ["MYS1000001"]),
        ({"mobile": "+91 98450 00002"}, ["MYS1000002"]),
        ({"name": "nobody"}, []),
    ],
)
def test_search_finds_accounts_by_each_key(
    client: TestClient, world: World, query: dict[str, str], expected: list[str]
) -> None:
    response = client.get(SEARCH, params=query, headers=world.auth("accounts_officer"))
    assert response.status_code == 200, response.text
    assert [c["rr_number"] for c in response.json()] == expected


def test_search_by_account_id(client: TestClient, world: World) -> None:
    account_id = world.consumers["VVN2000001"].account_id
    response = client.get(SEARCH, params={"account_id": account_id}, headers=world.auth("admin"))
    assert [c["rr_number"] for c in response.json()] == ["VVN2000001"]


@pytest.mark.parametrize(
    ("query", "field", "reason_part"),
    [
        ({}, "query", "exactly one"),
        ({"rr_number": "MYS1", "name": "Ram"}, "query", "exactly one"),
        ({"account_id": "1234567890"}, "account_id", "check digit"),
        ({"mobile": "12345"}, "mobile", ""),
        ({"name": "R"}, "name", "at least 2"),
        ({"name": "<script>"}, "name", "must not contain"),
    ],
)
def test_bad_searches_say_which_field_and_why(
    client: TestClient, world: World, query: dict[str, str], field: str, reason_part: str
) -> None:
    response = client.get(SEARCH, params=query, headers=world.auth("cashier"))
    assert response.status_code == 422
    (item,) = response.json()["detail"]
    assert item["field"] == field
    assert reason_part in item["reason"]


def test_officer_search_is_limited_to_their_subdivision(client: TestClient, world: World) -> None:
    mine = client.get(SEARCH, params={"name": "la"}, headers=world.auth("sub2_accounts_officer"))
    assert [c["rr_number"] for c in mine.json()] == ["VVN2000001"]
    theirs = client.get(SEARCH, params={"name": "ra"}, headers=world.auth("sub2_accounts_officer"))
    assert theirs.json() == []
    direct = client.get("/api/v1/consumers/MYS1000001", headers=world.auth("sub2_accounts_officer"))
    assert direct.status_code == 403


def test_cashier_may_take_payment_for_any_consumer_of_the_company(
    client: TestClient, world: World
) -> None:
    """Pay anywhere: a cashier of one subdivision finds a consumer of another."""
    response = client.get("/api/v1/consumers/MYS1000001", headers=world.auth("sub2_cashier"))
    assert response.status_code == 200
    found = client.get(SEARCH, params={"name": "ramesh"}, headers=world.auth("sub2_cashier"))
    assert [c["rr_number"] for c in found.json()] == ["MYS1000001"]


def test_create_consumer_gives_an_account_id_and_zero_balance(
    client: TestClient, world: World
) -> None:
    body = {
        "rr_number": "mys1000099",
        "name_en": "Manjunath K",
        "name_kn": "ಮಂಜುನಾಥ ಕೆ",
        "address": "#45, 3rd Cross, NR Mohalla",
        "tariff_category": "LT-1",
        "sanctioned_load_w": 3000,
        "phase": 1,
        "meter_number": "MTR12345",
        "section_code": "NRSEC",
    }
    created = client.post(SEARCH, json=body, headers=world.auth("accounts_officer"))
    assert created.status_code == 201, created.text
    assert created.json()["rr_number"] == "MYS1000099"
    assert len(created.json()["account_id"]) == 10
    fetched = client.get("/api/v1/consumers/MYS1000099", headers=world.auth("cashier")).json()
    assert fetched["balance_paise"] == 0
    again = client.post(SEARCH, json=body, headers=world.auth("accounts_officer"))
    assert again.status_code == 409
    assert again.json()["detail"][0]["field"] == "rr_number"


def test_consumer_must_be_opened_in_a_section(client: TestClient, world: World) -> None:
    body = {
        "rr_number": "MYS1000098",
        "name_en": "Manjunath K",
        "name_kn": "ಮಂಜುನಾಥ",
        "address": "NR Mohalla",
        "tariff_category": "LT-1",
        "sanctioned_load_w": 3000,
        "phase": 1,
        "meter_number": "MTR12346",
        "section_code": "NRSUB",
    }
    response = client.post(SEARCH, json=body, headers=world.auth("admin"))
    assert response.status_code == 409
    assert response.json()["detail"][0]["field"] == "section_code"


def test_update_is_audited_with_old_and_new_values(client: TestClient, world: World) -> None:
    response = client.patch(
        "/api/v1/consumers/MYS1000001",
        json={"sanctioned_load_w": 5000, "mobile": None},
        headers=world.auth("accounts_officer"),
    )
    assert response.status_code == 200, response.text
    assert response.json()["mobile"] is None
    events = client.get(
        "/api/v1/audit/events?action=consumer.update", headers=world.auth("auditor")
    )
    (event,) = events.json()
    assert event["target_id"] == "MYS1000001"
    assert event["details"]["sanctioned_load_w"] == {"from": 2000, "to": 5000}
    assert event["actor_user_id"] == world.users["accounts_officer"].id


def test_officer_cannot_change_an_account_outside_their_scope(
    client: TestClient, world: World
) -> None:
    response = client.patch(
        "/api/v1/consumers/MYS1000001",
        json={"sanctioned_load_w": 5000},
        headers=world.auth("sub2_accounts_officer"),
    )
    assert response.status_code == 403
