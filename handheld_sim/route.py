"""A downloaded route: its consumers as the handheld holds them, and the tariff book it ships."""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from common.billing import TariffBook, load_tariff_orders


@dataclass(frozen=True)
class RouteConsumer:
    """One consumer of the route with the history and account the download carries."""

    rr_number: str
    category: str
    sanctioned_load_w: int
    meter_digits: int
    multiplying_factor: int
    previous_reading: int
    period_start: date
    normal_months_units: tuple[int, ...]
    units_billed_on_average: int
    arrears_paise: int
    arrears_due_on: date | None
    gruha_jyothi_baseline_units: Decimal | None
    read_this_cycle: bool

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RouteConsumer:
        baseline = data["gruha_jyothi_baseline_units"]
        due = data["arrears_due_on"]
        return cls(
            rr_number=data["rr_number"],
            category=data["category"],
            sanctioned_load_w=int(data["sanctioned_load_w"]),
            meter_digits=int(data["meter_digits"]),
            multiplying_factor=int(data["multiplying_factor"]),
            previous_reading=int(data["previous_reading"]),
            period_start=date.fromisoformat(data["period_start"]),
            normal_months_units=tuple(int(u) for u in data["normal_months_units"]),
            units_billed_on_average=int(data["units_billed_on_average"]),
            arrears_paise=int(data["arrears_paise"]),
            arrears_due_on=None if due is None else date.fromisoformat(due),
            gruha_jyothi_baseline_units=None if baseline is None else Decimal(baseline),
            read_this_cycle=bool(data["read_this_cycle"]),
        )


@dataclass(frozen=True)
class Route:
    code: str
    cycle: str
    closed: bool
    consumers: tuple[RouteConsumer, ...]
    book: TariffBook


class TariffMismatch(Exception):
    """A downloaded tariff file does not match its SHA-256: the download is damaged."""


def tariff_book_from(files: list[dict[str, Any]]) -> TariffBook:
    """Check each file's hash and load them as the device would, from its own storage."""
    with tempfile.TemporaryDirectory(prefix="trm-handheld-tariffs-") as folder:
        for item in files:
            raw = item["text"].encode("utf-8")
            if hashlib.sha256(raw).hexdigest() != item["sha256"]:
                raise TariffMismatch(f"{item['name']}: SHA-256 does not match")
            (Path(folder) / Path(item["name"]).name).write_bytes(raw)
        return load_tariff_orders(Path(folder))


def route_from(download: dict[str, Any]) -> Route:
    """A Route from the download's JSON."""
    return Route(
        code=download["route_code"],
        cycle=download["cycle"],
        closed=bool(download["closed"]),
        consumers=tuple(RouteConsumer.from_json(c) for c in download["consumers"]),
        book=tariff_book_from(download["tariff_files"]),
    )
