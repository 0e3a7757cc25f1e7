"""A meter reader's day: download the route, read every meter, bill, upload in small batches."""

from __future__ import annotations

import random
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from handheld_sim.client import Client
from handheld_sim.readings import Reading, take_reading
from handheld_sim.route import route_from

# A stand-in photo: the JPEG start and end markers around a little filler.
PHOTO = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 8 + b"\xff\xd9"


@dataclass
class DaySummary:
    """What the day came to, as the reader's supervisor would ask."""

    route_code: str
    cycle: str
    consumers: int = 0
    visited: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    billed_paise: int = 0
    printed_paise: int = 0
    photos: int = 0
    requests: int = 0
    retries: int = 0
    seconds: float = 0.0
    refusals: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def lines(self) -> list[str]:
        """The summary as the command line prints it."""
        return [
            f"route {self.route_code}, cycle {self.cycle}: "
            f"{self.visited} of {self.consumers} visited",
            "  visits: " + ", ".join(f"{k} {v}" for k, v in sorted(self.kinds.items())),
            "  centre: " + ", ".join(f"{k} {v}" for k, v in sorted(self.statuses.items())),
            f"  bills printed Rs {self.printed_paise / 100:,.2f}; "
            f"posted by the centre Rs {self.billed_paise / 100:,.2f}",
            f"  photos {self.photos}; requests {self.requests}, retries {self.retries}; "
            f"{self.seconds:.1f} s",
            *(f"  refused: {r}" for r in self.refusals[:10]),
        ]


def reader_day(
    client: Client,
    *,
    route_code: str,
    cycle: str,
    exception_share: float = 0.1,
    batch_size: int = 20,
    photo_share: float = 0.1,
    seed: int = 1,
    limit: int | None = None,
) -> DaySummary:
    """Read the route's unread consumers and upload them; returns what the centre made of it."""
    started = time.perf_counter()
    rng = random.Random(seed)
    route = route_from(client.download(route_code, cycle))
    summary = DaySummary(route_code, cycle, consumers=len(route.consumers))
    to_read = [c for c in route.consumers if not c.read_this_cycle][:limit]
    kinds: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    for start in range(0, len(to_read), batch_size):
        batch: list[Reading] = [
            take_reading(c, route.book, rng, exception_share=exception_share)
            for c in to_read[start : start + batch_size]
        ]
        kinds.update(reading.kind for reading in batch)
        summary.printed_paise += sum(r.bill.net_paise for r in batch if r.bill is not None)
        answer = client.upload(route_code, cycle, [reading.body for reading in batch])
        for reading, result in zip(batch, answer["results"], strict=True):
            statuses[result["status"]] += 1
            if result["status"] == "billed" and result["net_paise"] is not None:
                summary.billed_paise += int(result["net_paise"])
            if result["status"] == "refused":
                summary.refusals.append(f"{reading.rr_number}: {result['reason']}")
            wants_photo = reading.kind != "normal" or rng.random() < photo_share
            if wants_photo and result["status"] in ("billed", "read", "held", "duplicate"):
                client.photo(route_code, cycle, reading.rr_number, PHOTO)
                summary.photos += 1
    summary.visited = len(to_read)
    summary.kinds, summary.statuses = dict(kinds), dict(statuses)
    summary.requests, summary.retries = client.counters.requests, client.counters.retries
    summary.seconds = round(time.perf_counter() - started, 2)
    return summary
