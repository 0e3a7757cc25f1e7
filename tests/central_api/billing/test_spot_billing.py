"""Spot billing: route download, device bills checked and posted once, retries, photos."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from central_api.billing.models import Bill, GovernmentReceivable, MeterPhoto, MeterReading
from central_api.ledger.models import AccountBalance, LedgerEntry
from tests.central_api.billing.factories import (
    CYCLE,
    NR_ROUTE,
    VV_ROUTE,
    consumer_of,
    download,
    give_routes,
    reading,
    set_history,
    upload,
)
from tests.support.world import World

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 500 + b"\xff\xd9"


@pytest.fixture
def routed(engine: Engine, world: World) -> World:
    give_routes(engine)
    set_history(engine, "MYS1000001", last_reading=1000, normal_1=90, normal_2=100, normal_3=110)
    return world


def _count(engine: Engine, model: Any) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(model)) or 0)


def _one_bill(engine: Engine) -> Bill:
    with Session(engine) as session:
        return session.scalars(select(Bill)).one()


def _balance(engine: Engine, world: World, rr: str) -> int:
    with engine.connect() as conn:
        return int(
            conn.scalar(
                select(AccountBalance.balance_paise).where(
                    AccountBalance.consumer_id == world.consumers[rr].id
                )
            )
            or 0
        )


def test_download_carries_history_arrears_entitlement_and_tariff_files(
    client: TestClient, routed: World
) -> None:
    route = download(client, routed)
    assert route["route_code"] == NR_ROUTE and route["cycle"] == CYCLE
    assert {c["rr_number"] for c in route["consumers"]} == {"MYS1000001", "MYS1000002"}
    first = consumer_of(route, "MYS1000001")
    assert first.previous_reading == 1000
    assert first.normal_months_units == (90, 100, 110)
    assert first.arrears_paise == 125050
    assert {f["name"] for f in route["tariff_files"]} >= {"cesc-2025-04-01.toml"}
    row = next(c for c in route["consumers"] if c["rr_number"] == "MYS1000001")
    if row["gruha_jyothi_baseline_units"] is not None:
        assert 0 < row["gruha_jyothi_entitlement_units"] <= 200


def test_device_bill_that_agrees_is_posted_once_with_its_bill_number(
    client: TestClient, routed: World, engine: Engine
) -> None:
    consumer = consumer_of(download(client, routed), "MYS1000001")
    item = reading(consumer, present_reading=1100)
    before = _balance(engine, routed, "MYS1000001")
    (result,) = upload(client, routed, [item]).json()["results"]
    assert result["status"] == "billed", result
    assert result["bill_number"] == f"{CYCLE.replace('-', '')}-MYS1000001"
    assert result["net_paise"] == item["device_bill"]["net_paise"]
    bill = _one_bill(engine)
    with engine.connect() as conn:
        refs = set(conn.scalars(select(LedgerEntry.source_ref)))
    assert bill.units == 100 and bill.source == "spot"
    assert f"bill:{result['bill_number']}" in refs
    demand = bill.demand_paise
    assert _balance(engine, routed, "MYS1000001") == before + demand


def test_a_retry_after_a_timeout_is_a_duplicate_and_never_a_second_bill(
    client: TestClient, routed: World, engine: Engine
) -> None:
    consumer = consumer_of(download(client, routed), "MYS1000001")
    item = reading(consumer, present_reading=1080)
    first = upload(client, routed, [item]).json()["results"][0]
    entries = _count(engine, LedgerEntry)
    balance = _balance(engine, routed, "MYS1000001")
    again = upload(client, routed, [item]).json()["results"][0]
    assert again["status"] == "duplicate"
    assert again["bill_number"] == first["bill_number"]
    assert _count(engine, Bill) == 1 and _count(engine, MeterReading) == 1
    assert _count(engine, LedgerEntry) == entries
    assert _balance(engine, routed, "MYS1000001") == balance


def test_a_different_reading_for_the_same_consumer_and_cycle_is_refused(
    client: TestClient, routed: World, engine: Engine
) -> None:
    consumer = consumer_of(download(client, routed), "MYS1000001")
    upload(client, routed, [reading(consumer, present_reading=1080)])
    (result,) = upload(client, routed, [reading(consumer, present_reading=1090)]).json()["results"]
    assert result["status"] == "refused"
    assert result["field"] == "readings.0.rr_number"
    assert "already taken" in result["reason"]
    assert _count(engine, Bill) == 1


def test_device_bill_that_differs_is_held_with_both_versions_and_nothing_posted(
    client: TestClient, routed: World, engine: Engine
) -> None:
    consumer = consumer_of(download(client, routed), "MYS1000001")
    item = reading(consumer, present_reading=1100)
    item["device_bill"]["lines"][0]["amount_paise"] += 100  # an old tariff on the device
    entries = _count(engine, LedgerEntry)
    (result,) = upload(client, routed, [item]).json()["results"]
    assert result["status"] == "held" and result["review_id"]
    reviews = client.get(
        "/api/v1/spot-billing/reviews", headers=routed.auth("accounts_officer")
    ).json()
    (review,) = reviews
    assert review["kind"] == "bill_mismatch"
    assert (
        review["device_bill"]["lines"][0]["amount_paise"]
        != (review["centre_bill"]["lines"][0]["amount_paise"])
    )
    assert _count(engine, Bill) == 0 and _count(engine, LedgerEntry) == entries


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ({"present_reading": 900}, "reading_below_previous"),
        ({"present_reading": 9000}, "reading_too_high"),
    ],
    ids=["below_previous_without_flag", "absurdly_above_history"],
)
def test_bad_readings_go_to_the_review_queue_and_post_nothing(
    client: TestClient, routed: World, engine: Engine, body: dict[str, Any], kind: str
) -> None:
    consumer = consumer_of(download(client, routed), "MYS1000001")
    item = reading(consumer, with_bill=False, **body)
    entries = _count(engine, LedgerEntry)
    (result,) = upload(client, routed, [item]).json()["results"]
    assert result["status"] == "held", result
    assert kind in str(
        client.get("/api/v1/spot-billing/reviews", headers=routed.auth("accounts_officer")).json()
    )
    assert _count(engine, Bill) == 0 and _count(engine, LedgerEntry) == entries


def test_the_absurd_reading_factor_is_configurable(
    client: TestClient, routed: World, engine: Engine
) -> None:
    from central_api.billing.config import BillingSettings

    client.app.state.billing_settings = BillingSettings(absurd_factor=1, absurd_floor_units=10)  # type: ignore[attr-defined]
    consumer = consumer_of(download(client, routed), "MYS1000001")
    (result,) = upload(client, routed, [reading(consumer, present_reading=1400)]).json()["results"]
    assert result["status"] == "held"
    assert "1 times" in result["reason"]


def test_a_consumer_not_on_the_route_is_refused_and_the_rest_of_the_batch_goes_in(
    client: TestClient, routed: World, engine: Engine
) -> None:
    consumer = consumer_of(download(client, routed), "MYS1000002")
    stranger = dict(reading(consumer, present_reading=consumer.previous_reading + 50))
    stranger["rr_number"] = "VVN2000001"
    stranger.pop("device_bill")
    good = reading(consumer, present_reading=consumer.previous_reading + 50)
    results = upload(client, routed, [stranger, good]).json()["results"]
    assert results[0]["status"] == "refused"
    assert results[0]["field"] == "readings.0.rr_number"
    assert f"not on route {NR_ROUTE}" in results[0]["reason"]
    assert results[1]["status"] == "billed"


def test_a_route_outside_the_devices_area_is_forbidden(client: TestClient, routed: World) -> None:
    response = client.get(
        f"/api/v1/spot-billing/routes/{VV_ROUTE}/cycles/{CYCLE}",
        headers=routed.auth("spot_billing"),
    )
    assert response.status_code == 403
    assert response.json()["detail"][0]["field"] == "route_code"


def test_readings_for_a_closed_cycle_are_refused_and_nothing_is_stored(
    client: TestClient, routed: World, engine: Engine
) -> None:
    from central_api.billing.run import bill_run
    from central_api.deps import Principal
    from common.roles import Role

    company = routed.units["CESC"]
    principal = Principal(Role.ADMIN, company.id, company.path, name="tests")
    consumer = consumer_of(download(client, routed), "MYS1000002")
    bill_run(engine, cycle=CYCLE, principal=principal, subdivision="NRSUB")
    readings = _count(engine, MeterReading)
    item = reading(consumer, with_bill=False, present_reading=consumer.previous_reading + 5)
    response = upload(client, routed, [item])
    assert response.status_code == 409
    assert response.json()["detail"][0]["field"] == "cycle"
    assert _count(engine, MeterReading) == readings


def test_a_reading_dated_outside_the_cycle_is_refused(client: TestClient, routed: World) -> None:
    consumer = consumer_of(download(client, routed), "MYS1000001")
    item = reading(consumer, with_bill=False, present_reading=1100)
    item["read_at"] = "2019-01-05T10:00:00+05:30"
    (result,) = upload(client, routed, [item]).json()["results"]
    assert result["status"] == "refused" and result["field"] == "readings.0.read_at"


def test_gruha_jyothi_share_goes_to_the_government_not_the_consumer(
    client: TestClient, routed: World, engine: Engine
) -> None:
    set_history(engine, "MYS1000001", gj_baseline_centiunits=15000)
    consumer = consumer_of(download(client, routed), "MYS1000001")
    (result,) = upload(client, routed, [reading(consumer, present_reading=1050)]).json()["results"]
    assert result["status"] == "billed"
    bill = _one_bill(engine)
    with engine.connect() as conn:
        owed = conn.scalar(select(func.sum(GovernmentReceivable.amount_paise)))
    assert owed and owed == bill.government_paise > 0


def test_meter_photo_is_stored_with_the_reading_once(
    client: TestClient, routed: World, engine: Engine
) -> None:
    consumer = consumer_of(download(client, routed), "MYS1000001")
    upload(client, routed, [reading(consumer, present_reading=1100)])
    url = f"/api/v1/spot-billing/routes/{NR_ROUTE}/cycles/{CYCLE}/readings/MYS1000001/photo"
    headers = {**routed.auth("spot_billing"), "Content-Type": "image/jpeg"}
    first = client.put(url, content=JPEG, headers=headers)
    assert first.status_code == 200, first.text
    assert first.json()["duplicate"] is False
    assert client.put(url, content=JPEG, headers=headers).json()["duplicate"] is True
    assert client.put(url, content=JPEG + b"x", headers=headers).status_code == 409
    assert _count(engine, MeterPhoto) == 1


@pytest.mark.parametrize(
    ("content_type", "body", "field"),
    [
        ("text/plain", JPEG, "content-type"),
        ("image/png", JPEG, "photo"),
        ("image/jpeg", b"GIF89a" + b"\x00" * 10, "photo"),
        ("image/jpeg", b"\xff\xd8\xff" + b"\x00" * 600_000, "photo"),
    ],
    ids=["not_an_image_type", "png_header_on_jpeg", "not_a_jpeg", "too_large"],
)
def test_photos_of_the_wrong_type_or_size_are_refused(
    client: TestClient, routed: World, engine: Engine, content_type: str, body: bytes, field: str
) -> None:
    consumer = consumer_of(download(client, routed), "MYS1000001")
    upload(client, routed, [reading(consumer, present_reading=1100)])
    url = f"/api/v1/spot-billing/routes/{NR_ROUTE}/cycles/{CYCLE}/readings/MYS1000001/photo"
    headers = {**routed.auth("spot_billing"), "Content-Type": content_type}
    response = client.put(url, content=body, headers=headers)
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["field"] == field
    assert _count(engine, MeterPhoto) == 0


def test_a_photo_before_its_reading_is_not_found(client: TestClient, routed: World) -> None:
    url = f"/api/v1/spot-billing/routes/{NR_ROUTE}/cycles/{CYCLE}/readings/MYS1000001/photo"
    headers = {**routed.auth("spot_billing"), "Content-Type": "image/jpeg"}
    assert client.put(url, content=JPEG, headers=headers).status_code == 404
