"""One batch of readings taken in: each is billed, kept for the bill run, held, or refused.

Every item is judged before anything is written, and the batch's writes go in the caller's one
transaction: nothing is posted half-way. A reading is keyed by consumer and cycle; the same
reading again (same content hash) is a duplicate answered with what became of the first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from central_api.billing.config import BillingSettings
from central_api.billing.cycles import bill_number
from central_api.billing.meter import (
    MeterState,
    Observation,
    bill_inputs,
    bill_summary,
    differences,
    reading_goes_back,
    reading_too_high,
)
from central_api.billing.models import Bill as BillRow
from central_api.billing.models import BillReview, MeterReading, ReadingRoute
from central_api.billing.posting import Billed, post_bills
from central_api.billing.readings import content_hash, date_problem, needs_reading, observation_from
from central_api.billing.schemas import ReadingIn, ReadingResult
from central_api.billing.tariffs import tariff_book
from central_api.db import utcnow
from central_api.deps import Principal
from common.billing import Bill, BillingInputError, NoTariffInForce, compute_bill


@dataclass
class _Taken:
    """A new reading to store, and what to do with it."""

    index: int
    item: ReadingIn
    state: MeterState
    seen: Observation
    digest: str
    bill: Bill | None = None
    review_kind: str | None = None
    review_reason: str = ""


class Upload:
    """Judges and writes one batch for one route and cycle."""

    def __init__(
        self,
        session: Session,
        principal: Principal,
        route: ReadingRoute,
        cycle: str,
        settings: BillingSettings,
    ) -> None:
        self.session = session
        self.principal = principal
        self.route = route
        self.cycle = cycle
        self.settings = settings
        self.book = tariff_book(settings.tariff_dir)

    def take(
        self, items: Sequence[ReadingIn], states: dict[str, MeterState]
    ) -> list[ReadingResult]:
        """Results in the order of `items`."""
        ids = [state.consumer_id for state in states.values()]
        held = {
            reading.consumer_id: reading
            for reading in self.session.scalars(
                select(MeterReading).where(
                    MeterReading.cycle == self.cycle, MeterReading.consumer_id.in_(ids)
                )
            )
        }
        billed = {
            int(cid): (number, int(net))
            for cid, number, net in self.session.execute(
                select(BillRow.consumer_id, BillRow.bill_number, BillRow.net_paise).where(
                    BillRow.cycle == self.cycle, BillRow.consumer_id.in_(ids)
                )
            )
        }
        results: list[ReadingResult | None] = []
        taken: list[_Taken] = []
        seen_rr: set[str] = set()
        for index, item in enumerate(items):
            state = states.get(item.rr_number)
            refusal = self._refusal(index, item, state, seen_rr)
            seen_rr.add(item.rr_number)
            if refusal is not None:
                results.append(refusal)
                continue
            assert state is not None
            digest = content_hash(item)
            earlier = held.get(state.consumer_id)
            if earlier is not None:
                results.append(self._repeat(index, item, earlier, digest, billed))
                continue
            if state.consumer_id in billed:
                results.append(
                    _refused(index, item, "rr_number", f"already billed for {self.cycle}")
                )
                continue
            invalid = self._invalid(index, item, state)
            if invalid is not None:
                results.append(invalid)
                continue
            results.append(None)
            taken.append(self._judge(index, item, state, digest))
        for entry, result in zip(taken, self._write(taken), strict=True):
            results[entry.index] = result
        return [result for result in results if result is not None]

    def _refusal(
        self, index: int, item: ReadingIn, state: MeterState | None, seen_rr: set[str]
    ) -> ReadingResult | None:
        if item.rr_number in seen_rr:
            return _refused(index, item, "rr_number", "appears twice in this batch")
        if state is None or state.route_id != self.route.id:
            return _refused(
                index, item, "rr_number", f"{item.rr_number} is not on route {self.route.code}"
            )
        return None

    def _invalid(self, index: int, item: ReadingIn, state: MeterState) -> ReadingResult | None:
        problem = needs_reading(item)
        if problem:
            return _refused(index, item, "present_reading", problem)
        problem = date_problem(item, state, self.cycle, utcnow())
        if problem:
            return _refused(index, item, "read_at", problem)
        return None

    def _repeat(
        self,
        index: int,
        item: ReadingIn,
        earlier: MeterReading,
        digest: str,
        billed: dict[int, tuple[str, int]],
    ) -> ReadingResult:
        if earlier.content_sha256 != digest:
            return _refused(
                index,
                item,
                "rr_number",
                f"a different reading of {item.rr_number} was already taken for {self.cycle}",
            )
        bill = billed.get(earlier.consumer_id)
        review = self.session.scalar(
            select(BillReview.id).where(BillReview.reading_id == earlier.id)
        )
        return ReadingResult(
            rr_number=item.rr_number,
            status="duplicate",
            bill_number=bill[0] if bill else None,
            net_paise=bill[1] if bill else None,
            review_id=review,
        )

    def _judge(self, index: int, item: ReadingIn, state: MeterState, digest: str) -> _Taken:
        seen = observation_from(item)
        entry = _Taken(index, item, state, seen, digest)
        goes_back = reading_goes_back(state, seen)
        if goes_back:
            entry.review_kind, entry.review_reason = "reading_below_previous", goes_back
            return entry
        try:
            entry.bill = compute_bill(bill_inputs(state, seen), self.book)
        except (BillingInputError, NoTariffInForce) as problem:
            entry.review_kind, entry.review_reason = "not_billable", str(problem)
            return entry
        too_high = reading_too_high(state, entry.bill, self.settings)
        if too_high:
            entry.review_kind, entry.review_reason = "reading_too_high", too_high
            return entry
        device = item.device_bill
        if device is not None:
            lines = [(line.code.value, line.amount_paise) for line in device.lines]
            mismatch = differences(entry.bill, device.units, lines)
            if mismatch:
                entry.review_kind, entry.review_reason = "bill_mismatch", mismatch
        return entry

    def _write(self, taken: list[_Taken]) -> list[ReadingResult]:
        if not taken:
            return []
        now = utcnow()
        reading_ids = [
            int(row[0])
            for row in self.session.execute(
                insert(MeterReading).returning(MeterReading.id, sort_by_parameter_order=True),
                [self._reading_row(entry, now) for entry in taken],
            )
        ]
        results: list[ReadingResult] = []
        to_bill: list[Billed] = []
        for entry, reading_id in zip(taken, reading_ids, strict=True):
            rr = entry.item.rr_number
            if entry.review_kind is not None:
                review = self._open_review(entry, reading_id)
                results.append(
                    ReadingResult(
                        rr_number=rr,
                        status="held",
                        review_id=review,
                        field="present_reading",
                        reason=entry.review_reason,
                    )
                )
            elif entry.item.device_bill is not None and entry.bill is not None:
                to_bill.append(self._billed(entry, reading_id))
                results.append(
                    ReadingResult(
                        rr_number=rr,
                        status="billed",
                        bill_number=bill_number(self.cycle, rr),
                        net_paise=entry.bill.net_paise,
                    )
                )
            else:
                results.append(ReadingResult(rr_number=rr, status="read"))
        post_bills(self.session, to_bill)
        return results

    def _reading_row(self, entry: _Taken, now: Any) -> dict[str, Any]:
        item = entry.item
        return {
            "consumer_id": entry.state.consumer_id,
            "cycle": self.cycle,
            "route_id": self.route.id,
            "meter_status": item.meter_status.value,
            "present_reading": item.present_reading,
            "meter_rolled_over": item.meter_rolled_over,
            "meter_change": None if item.meter_change is None else item.meter_change.model_dump(),
            "read_at": item.read_at,
            "read_on": entry.seen.read_on,
            "received_at": now,
            "device_id": self.principal.device_id,
            "user_id": self.principal.user_id,
            "content_sha256": entry.digest,
        }

    def _open_review(self, entry: _Taken, reading_id: int) -> int:
        device = entry.item.device_bill
        review = BillReview(
            reading_id=reading_id,
            consumer_id=entry.state.consumer_id,
            cycle=self.cycle,
            kind=entry.review_kind,
            reason=entry.review_reason[:300],
            device_bill=None if device is None else device.model_dump(mode="json"),
            centre_bill=None if entry.bill is None else bill_summary(entry.bill),
            state="open",
            opened_at=utcnow(),
        )
        self.session.add(review)
        self.session.flush()
        return review.id

    def _billed(self, entry: _Taken, reading_id: int) -> Billed:
        assert entry.bill is not None and entry.item.device_bill is not None
        return Billed(
            state=entry.state,
            seen=entry.seen,
            bill=entry.bill,
            cycle=self.cycle,
            source="spot",
            reading_id=reading_id,
            device_net_paise=entry.item.device_bill.net_paise,
            device_id=self.principal.device_id,
            user_id=self.principal.user_id,
        )


def _refused(index: int, item: ReadingIn, field: str, reason: str) -> ReadingResult:
    return ReadingResult(
        rr_number=item.rr_number,
        status="refused",
        field=f"readings.{index}.{field}",
        reason=reason,
    )
