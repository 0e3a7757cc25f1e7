from fastapi.testclient import TestClient

from tests.support.world import World


def test_health_answers_without_sign_in(client: TestClient) -> None:
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_cashier_finds_consumer_by_rr_number_with_balance(client: TestClient, world: World) -> None:
    response = client.get("/api/v1/consumers/MYS1000001", headers=world.auth("cashier"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["name_en"] == "Ramesh Gowda"
    assert body["balance_paise"] == 125050
