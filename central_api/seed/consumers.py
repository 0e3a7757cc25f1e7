"""Synthetic consumer accounts and their opening arrears, generated fast and deterministically.

Rows come out as plain tuples in the column order of COPY_COLUMNS, in batches, so the same
generator feeds PostgreSQL's COPY and SQLite's executemany.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypeVar

from central_api.seed import names
from central_api.seed.company import SectionPlan
from common.identifiers import make_account_id

HP = 746  # watts per horsepower, as the tariff schedule converts it


@dataclass(frozen=True)
class TariffShare:
    """One tariff category: its share of accounts, RR tag, loads and how often it owes arrears."""

    code: str  # as in resources/tariffs/*.toml
    share: float
    rr_tag: str
    loads: tuple[tuple[int, float], ...]  # (sanctioned load in watts, weight)
    three_phase_from_w: int  # loads at or above this are three-phase
    arrears_share: float
    arrears_rupees: tuple[int, int]  # smallest and largest opening arrears


# Shares are approximate, in the shape of CESC's installations by category in its KERC filings:
# mostly domestic, with irrigation pump sets the next biggest group. Change them here only.
TARIFF_MIX: tuple[TariffShare, ...] = (
    TariffShare(
        "LT-1",
        0.720,
        "D",
        ((1000, 30), (2000, 30), (3000, 20), (4000, 8), (5000, 6), (7000, 4), (10000, 2)),
        7000,
        0.35,
        (50, 15_000),
    ),
    TariffShare(
        "LT-3",
        0.085,
        "C",
        (
            (1000, 20),
            (2000, 20),
            (3000, 20),
            (5000, 15),
            (7000, 10),
            (10000, 8),
            (15000, 4),
            (20000, 3),
        ),
        7000,
        0.30,
        (200, 80_000),
    ),
    TariffShare(
        "LT-4",
        0.150,
        "IP",
        (
            (3 * HP, 10),
            (5 * HP, 40),
            (15 * HP // 2, 25),
            (10 * HP, 18),
            (25 * HP // 2, 4),
            (15 * HP, 3),
        ),
        5 * HP,
        0.10,
        (100, 20_000),
    ),
    TariffShare(
        "LT-5",
        0.018,
        "P",
        (
            (5 * HP, 20),
            (10 * HP, 25),
            (15 * HP, 15),
            (20 * HP, 15),
            (30 * HP, 12),
            (50 * HP, 8),
            (75 * HP, 4),
            (99 * HP, 1),
        ),
        1,
        0.25,
        (1_000, 5_00_000),
    ),
    TariffShare(
        "LT-6a",
        0.015,
        "W",
        (
            (5 * HP, 25),
            (15 * HP // 2, 25),
            (10 * HP, 25),
            (15 * HP, 15),
            (20 * HP, 7),
            (30 * HP, 3),
        ),
        1,
        0.60,
        (5_000, 20_00_000),
    ),
    TariffShare(
        "LT-6b",
        0.012,
        "SL",
        ((1000, 20), (2000, 25), (3000, 25), (5000, 15), (8000, 10), (10000, 5)),
        5000,
        0.60,
        (2_000, 10_00_000),
    ),
)
STATUSES: tuple[tuple[str, float, float], ...] = (
    # (connection status, share, chance of opening arrears instead of the category's)
    ("live", 0.94, -1.0),
    ("disconnected", 0.05, 0.90),
    ("dismantled", 0.01, 0.70),
)
METER_MAKERS: tuple[tuple[str, float], ...] = (
    ("SEC", 30),
    ("LNT", 20),
    ("GEN", 20),
    ("HPL", 15),
    ("CPR", 10),
    ("ELM", 5),
)
MOBILE_SHARE = 0.85
EMAIL_SHARE = 0.10  # of those with a mobile
EMAIL_DOMAINS: tuple[tuple[str, float], ...] = (
    ("gmail.com", 80),
    ("yahoo.co.in", 10),
    ("rediffmail.com", 6),
    ("outlook.com", 4),
)
STREETS = (
    "Main Road",
    "Temple Street",
    "School Road",
    "Near Bus Stand",
    "Kere Beedi",
    "Market Road",
    "Hospital Road",
    "Church Road",
    "Mosque Road",
    "Old Post Office Road",
)
COPY_COLUMNS = (
    "id",
    "rr_number",
    "account_id",
    "name_en",
    "name_kn",
    "name_key",
    "address",
    "tariff_category",
    "sanctioned_load_w",
    "phase",
    "meter_number",
    "connection_status",
    "mobile",
    "email",
    "section_id",
    "created_at",
    "updated_at",
)
LEDGER_COLUMNS = (
    "id",
    "consumer_id",
    "kind",
    "category",
    "amount_paise",
    "source_ref",
    "business_date",
    "narration",
    "posted_at",
)
OPENING_NARRATION = "Opening arrears carried over from the previous billing system"
NAME_POOL = 40_000
TABLE = 4096  # slots in the lookup tables that replace weighted choice per row

ConsumerRow = tuple[
    int,
    str,
    str,
    str,
    str,
    str,
    str,
    str,
    int,
    int,
    str,
    str,
    str | None,
    str | None,
    int,
    str,
    str,
]
LedgerRow = tuple[int, int, str, str, int, str, str, str, str]
T = TypeVar("T")


def lookup_table(items: tuple[tuple[T, float], ...]) -> list[T]:
    """A list of TABLE items in proportion to their weights, indexed by int(random() * TABLE)."""
    total = sum(w for _, w in items)
    table: list[T] = []
    acc = 0.0
    for item, weight in items:
        acc += weight
        table.extend([item] * (round(acc / total * TABLE) - len(table)))
    return table


def allocate(sections: list[SectionPlan], total: int) -> None:
    """Share `total` consumers over the sections by weight, largest remainders first."""
    weights = sum(s.weight for s in sections)
    exact = [s.weight / weights * total for s in sections]
    for section, share in zip(sections, exact, strict=True):
        section.consumers = int(share)
    short = total - sum(s.consumers for s in sections)
    by_remainder = sorted(range(len(sections)), key=lambda i: int(exact[i]) - exact[i])
    for i in by_remainder[:short]:
        sections[i].consumers += 1


class ConsumerFactory:
    """Generates consumers section by section, with opening arrears for some of them."""

    def __init__(
        self,
        rng: random.Random,
        sections: list[SectionPlan],
        *,
        stamp: str,
        opening_day: str,
        null: str | None,
    ) -> None:
        self.rng = rng
        self.sections = sections
        self.stamp = stamp
        self.opening_day = opening_day
        self.null = null
        self.people = names.person_pool(rng, NAME_POOL)
        self.shops = [names.firm(rng, names.SHOPS) for _ in range(500)]
        self.works = [names.firm(rng, names.WORKS) for _ in range(300)]
        self.categories = lookup_table(tuple((i, t.share) for i, t in enumerate(TARIFF_MIX)))
        self.loads = [lookup_table(t.loads) for t in TARIFF_MIX]
        self.statuses = lookup_table(tuple((s, s[1]) for s in STATUSES))
        self.makers = lookup_table(METER_MAKERS)
        self.domains = lookup_table(EMAIL_DOMAINS)
        self.total = sum(s.consumers for s in sections)
        self.ledger_entries = 0

    def _addresses(self, section: SectionPlan) -> list[str]:
        """Address tails for one section: street, locality, town, district and PIN."""
        tails = []
        for place in section.localities:
            where = place.en if place.en == section.town_en else f"{place.en}, {section.town_en}"
            for street in STREETS:
                tails.append(f"{street}, {where}, {section.district_en} {section.pin}")
        return tails

    def _local_bodies(self, section: SectionPlan) -> tuple[list[names.Name], list[names.Name]]:
        water, lights = [], []
        for place in section.localities:
            kn = names.to_kannada(place.itrans)
            water.append(names.panchayat(place.en, kn, "Water Supply", "ನೀರು ಸರಬರಾಜು"))
            lights.append(names.panchayat(place.en, kn, "Street Lights", "ಬೀದಿ ದೀಪಗಳು"))
        return water, lights

    def batches(self, size: int) -> Iterator[tuple[list[ConsumerRow], list[LedgerRow]]]:
        """Consumers in batches of up to `size`, each with the ledger rows of its arrears."""
        rows: list[ConsumerRow] = []
        ledger: list[LedgerRow] = []
        next_id = 1
        for section in self.sections:
            for made in self._section(section, next_id, ledger):
                rows.append(made)
                if len(rows) >= size:
                    yield rows, ledger
                    rows, ledger = [], []
            next_id += section.consumers
        if rows:
            yield rows, ledger

    def _section(
        self,
        section: SectionPlan,
        first_id: int,  # noqa: C901 - one hot loop
        ledger: list[LedgerRow],
    ) -> Iterator[ConsumerRow]:
        rnd = self.rng.random
        null, stamp, day = self.null, self.stamp, self.opening_day
        people, n_people = self.people, len(self.people)
        tails = self._addresses(section)
        water, lights = self._local_bodies(section)
        serials = [int(rnd() * 400) for _ in TARIFF_MIX]
        prefix = section.rr_prefix
        section_id = section.unit_id
        for cid in range(first_id, first_id + section.consumers):
            ci = self.categories[int(rnd() * TABLE)]
            tariff = TARIFF_MIX[ci]
            serials[ci] += 1
            rr = f"{prefix}{tariff.rr_tag}{serials[ci]:06d}"
            if ci == 4:
                name = water[int(rnd() * len(water))]
            elif ci == 5:
                name = lights[int(rnd() * len(lights))]
            elif ci == 1 and rnd() < 0.5:
                name = self.shops[int(rnd() * len(self.shops))]
            elif ci == 3:
                name = self.works[int(rnd() * len(self.works))]
            else:
                name = people[int(rnd() * n_people)]
            load = self.loads[ci][int(rnd() * TABLE)]
            phase = 3 if load >= tariff.three_phase_from_w else 1
            status = self.statuses[int(rnd() * TABLE)]
            mobile: str | None = null
            email: str | None = null
            if rnd() < MOBILE_SHARE:
                mobile = f"{'6789'[int(rnd() * 4)]}{int(rnd() * 1e9):09d}"
                if rnd() < EMAIL_SHARE:
                    domain = self.domains[int(rnd() * TABLE)]
                    email = f"{name.email_local}{int(rnd() * 100)}@{domain}"
            door = int(rnd() * 900) + 1
            address = f"#{door}, {tails[int(rnd() * len(tails))]}"
            meter = f"{self.makers[int(rnd() * TABLE)]}{int(rnd() * 1e8):08d}"
            owes = status[2] if status[2] >= 0 else tariff.arrears_share
            if rnd() < owes:
                low, high = tariff.arrears_rupees
                # Money stays in integers: only the random draw is fractional.
                rupees = low + int((high - low) * rnd() ** 4)
                paise = rupees * 100 + int(rnd() * 100)
                self.ledger_entries += 1
                ledger.append(
                    (
                        self.ledger_entries,
                        cid,
                        "demand",
                        "opening",
                        paise,
                        f"opening:{rr}",
                        day,
                        OPENING_NARRATION,
                        stamp,
                    )
                )
            yield (
                cid,
                rr,
                make_account_id(cid),
                name.en,
                name.kn,
                name.key,
                address,
                tariff.code,
                load,
                phase,
                meter,
                status[0],
                mobile,
                email,
                section_id,
                stamp,
                stamp,
            )
