"""Routes, meter history and handheld readings for the spot-billing and bill-run tests."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from central_api.billing.cycles import IST, cycle_of
from central_api.billing.history import synthesise_history
from central_api.billing.models import MeterProfile
from central_api.consumers.models import Consumer
from common.billing import TariffBook, compute_bill, load_tariff_orders
from handheld_sim.readings import bill_inputs, device_bill
from handheld_sim.route import RouteConsumer
from tests.support.world import World

TARIFFS = Path(__file__).resolve().parents[3] / "resources" / "tariffs"
CYCLE = cycle_of(datetime.now(IST).date())
NR_ROUTE = "NRSEC-R00001"
VV_ROUTE = "VVSEC-R00002"


def give_routes(engine: Engine) -> None:
    """Routes and opening history for the world's consumers, ending in the previous cycle."""
    with engine.begin() as conn:
        synthesise_history(conn, cycle=CYCLE)


def set_history(engine: Engine, rr_number: str, **values: Any) -> None:
    """Overwrite some of a consumer's meter history (the tests' known starting point)."""
    with engine.begin() as conn:
        cid = conn.scalar(select(Consumer.id).where(Consumer.rr_number == rr_number))
        conn.execute(update(MeterProfile).where(MeterProfile.consumer_id == cid).values(**values))


def book() -> TariffBook:
    return load_tariff_orders(TARIFFS)


def download(client: TestClient, world: World, route: str = NR_ROUTE) -> dict[str, Any]:
    response = client.get(
        f"/api/v1/spot-billing/routes/{route}/cycles/{CYCLE}", headers=world.auth("spot_billing")
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


def consumer_of(download_json: dict[str, Any], rr_number: str) -> RouteConsumer:
    (found,) = [c for c in download_json["consumers"] if c["rr_number"] == rr_number]
    return RouteConsumer.from_json(found)


def reading(consumer: RouteConsumer, *, with_bill: bool = True, **body: Any) -> dict[str, Any]:
    """A reading taken now, with the handheld's bill computed by common.billing."""
    read_at = datetime.now(UTC)
    item: dict[str, Any] = {
        "rr_number": consumer.rr_number,
        "read_at": read_at.isoformat(),
        "meter_status": "normal",
        **body,
    }
    if with_bill:
        item["device_bill"] = device_bill(
            compute_bill(bill_inputs(consumer, item, read_at), book())
        )
    return item


def upload(
    client: TestClient,
    world: World,
    readings: list[dict[str, Any]],
    route: str = NR_ROUTE,
    who: str = "spot_billing",
) -> Any:
    return client.post(
        f"/api/v1/spot-billing/routes/{route}/cycles/{CYCLE}/readings",
        json={"readings": readings},
        headers=world.auth(who),
    )
