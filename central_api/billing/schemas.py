"""Request and response shapes of the spot-billing service (see docs/spot-billing-protocol.md)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field
from pydantic import Strict as StrictType

from central_api.fields import Reason, RRNumber, SignedPaise, Strict
from common.billing import LineCode, MeterStatus

MeterReadingValue = Annotated[int, StrictType(), Field(ge=0, le=99_999_999)]
Units = Annotated[int, StrictType(), Field(ge=0, le=100_000_000)]
Digits = Annotated[int, StrictType(), Field(ge=3, le=8)]
Factor = Annotated[int, StrictType(), Field(ge=1, le=100_000)]
UploadStatus = Literal["billed", "read", "duplicate", "held", "refused"]


class MeterChangeIn(Strict):
    """The meter was replaced this cycle: the old meter's last reading and the new one's first."""

    old_meter_final_reading: MeterReadingValue
    new_meter_initial_reading: MeterReadingValue
    new_meter_digits: Digits = 5
    new_meter_multiplying_factor: Factor = 1


class DeviceBillLine(Strict):
    code: LineCode
    amount_paise: SignedPaise


class DeviceBill(Strict):
    """The bill the handheld computed and printed."""

    units: Units
    net_paise: SignedPaise
    lines: list[DeviceBillLine] = Field(max_length=40)


class ReadingIn(Strict):
    """One consumer's reading; with `device_bill` the centre bills it at once (spot billing)."""

    rr_number: RRNumber
    read_at: AwareDatetime
    meter_status: MeterStatus
    present_reading: MeterReadingValue | None = None
    meter_rolled_over: bool = Field(default=False, strict=True)
    meter_change: MeterChangeIn | None = None
    device_bill: DeviceBill | None = None


class ReadingBatch(Strict):
    """A small batch of readings from one route; send it again unchanged after a timeout."""

    readings: list[ReadingIn] = Field(min_length=1, max_length=200)


class ReadingResult(BaseModel):
    """What became of one reading: billed, read (billed later), duplicate, held or refused."""

    rr_number: str
    status: UploadStatus
    bill_number: str | None = None
    net_paise: int | None = None
    review_id: int | None = None
    field: str | None = None
    reason: str | None = None


class UploadResult(BaseModel):
    route_code: str
    cycle: str
    results: list[ReadingResult]


class TariffFileOut(BaseModel):
    name: str
    sha256: str
    text: str


class ConsumerToRead(BaseModel):
    """One consumer of the route, with everything the handheld needs to bill on the spot."""

    rr_number: str
    name_en: str
    name_kn: str
    address: str
    meter_number: str
    category: str
    sanctioned_load_w: int
    meter_digits: int
    multiplying_factor: int
    previous_reading: int
    previous_read_on: date
    previous_status: str
    period_start: date
    normal_months_units: list[int]
    units_billed_on_average: int
    arrears_paise: int
    arrears_due_on: date | None
    gruha_jyothi_baseline_units: str | None
    gruha_jyothi_entitlement_units: int | None
    read_this_cycle: bool
    bill_number: str | None


class RouteDownload(BaseModel):
    route_code: str
    section_code: str
    cycle: str
    reading_date: date
    closed: bool
    tariff_files: list[TariffFileOut]
    consumers: list[ConsumerToRead]


class ExceptionItem(BaseModel):
    rr_number: str
    review_id: int
    kind: str
    reason: str


class RouteProgress(BaseModel):
    """How far a route's reading has got this cycle."""

    route_code: str
    section_code: str
    cycle: str
    reading_day: int
    consumers: int
    read: int
    unread: int
    billed: int
    exceptions: int


class RouteProgressDetail(RouteProgress):
    unread_rr_numbers: list[str]
    exception_items: list[ExceptionItem]


class ReviewRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    rr_number: str
    cycle: str
    kind: str
    reason: str
    state: str
    device_bill: dict[str, Any] | None
    centre_bill: dict[str, Any] | None
    opened_at: datetime
    decided_at: datetime | None
    note: str | None
    bill_number: str | None


class ReviewDecision(Strict):
    note: Reason | None = None


class PhotoStored(BaseModel):
    rr_number: str
    cycle: str
    sha256: str
    size_bytes: int
    content_type: str
    duplicate: bool
