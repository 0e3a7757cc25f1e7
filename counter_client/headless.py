"""The counter without a display: run a JSON script of receipts against a real centre.

`trm-counter --headless script.json` (or `run_script(load_script(path))`) registers the counter's
device if asked, opens the local store, syncs (pushes anything queued, pulls cashiers and
consumers), opens the day book, performs the steps, syncs again and prints a JSON summary.

Script format (JSON; relative paths are taken from the script's folder; secrets are never
written in a script, only the names of environment variables that hold them)::

    {
      "store": "counter.db",
      "centre": {
        "urls": ["https://centre.cesc.example:8443", "https://dr.cesc.example:8443"],
        "ca_file": "tls/ca.pem",
        "batch_size": 200,                      (optional, 1-500)
        "pull_page_size": 1000                  (optional, 1-5000)
      },
      "counter": {"code": "MYS001-1", "device_code": "PC-MYS001-1"},

      "register": {                             (optional: register the device at the centre)
        "admin_username": "admin",
        "admin_password_env": "TRM_ADMIN_PASSWORD",
        "location_code": "MYS001"               (optional: default, the counter code without "-n")
      },
      "device_secret_env": "TRM_DEVICE_SECRET", (optional, instead: a secret an admin handed over)

      "cashier": "cashier.mys001.1",
      "pin_env": "TRM_PIN",                     (optional: check the cashier's PIN first)
      "supervisor": "supervisor.mys001",        (optional: approves cancellations)
      "business_date": "2025-06-02",            (optional: default today)
      "steps": [
        {"action": "receipt", "ref": "r1", "rr_number": "MY001D000091", "amount": "1,500.00",
         "payment": {"mode": "cash"}},
        {"action": "receipt", "rr_number": "MY001D000092", "amount_paise": 25000,
         "payment": {"mode": "upi", "reference": "412345678901"}},
        {"action": "receipt", "rr_number": "MY001D000093", "amount": "900",
         "payment": {"mode": "cheque", "number": "004512", "bank": "Canara Bank",
                     "branch": "Mysuru Main", "date": "2025-05-30"}},
        {"action": "cancel", "receipt": "r1", "reason": "wrong account"},
        {"action": "reprint", "receipt": "r1", "reason": "customer lost the original"},
        {"action": "cash_in", "amount": "500", "note": "opening float"},
        {"action": "cash_out", "amount": "500", "note": "to bank"},
        {"action": "sync"},
        {"action": "close_shift", "cash_counted": "1,400", "reason": "₹100 short: change"},
        {"action": "close_shift", "cashier": "cashier.mys001.2", "denominations": {"note_500": 3}},
        {"action": "close_day", "supervisor": "supervisor.mys001"},
        {"action": "remittance", "bank": "State Bank of India", "account_number": "0000123456",
         "slip_number": "PIS-0042"}
      ]
    }

Closing: ``close_shift`` closes a cashier's shift (default the script's cashier), approved by
`supervisor` (default the script's); the cash is `denominations` (counts by note and coin) or
`cash_counted` (rupees, made up of the largest notes), or as expected when neither is given;
`instruments_present` lists receipt refs or numbers found (default: all), `card`/`upi` are
rupees (default: as expected); `reason` is needed for an over/short. ``close_day`` needs every
shift closed and a supervisor. ``remittance`` banks a closed date (default: the latest closed
day book): `cash` in rupees (default: all the closed cash not yet remitted), `instruments`
(default: every cheque and draft counted present and not yet remitted), `deposit_date`
(default: today). After a close_day, receipts take the next business date.

Payment modes: cash; cheque and demand_draft (number, bank, branch, date); card and upi
(reference). A receipt gives exactly one of `amount` (rupees as typed) or `amount_paise`. A
cancellation names a receipt by its `ref` or by its full receipt number. When neither `register`
nor `device_secret_env` is given, the device secret must already be in the keyring. With
`register`, an existing secret in the keyring means the device is already registered.

Exit status: 0 when the script ran, 1 when a step or the set-up failed (the summary, with
"error", is still printed), 2 when the script itself is invalid.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError, model_validator

from common.money import parse_rupees
from counter_client.journal import Card, Cash, Cheque, DemandDraft, Journal, Payment, Upi
from counter_client.journal.closing import notes_for
from counter_client.store import CashierRoster, ConsumerCache, JournalUnavailable, Store
from counter_client.store.clock import KOLKATA
from counter_client.sync import (
    CentreUnreachable,
    DeviceSecrets,
    KeyringUnavailable,
    SyncConfig,
    SyncConfigError,
    SyncEngine,
    SyncReport,
)
from counter_client.sync.registration import RegistrationRefused, register_counter_device

__all__ = ["HeadlessError", "ScriptError", "load_script", "run_script"]


class ScriptError(ValueError):
    """The script cannot be run as written; the message names the place in it."""


class HeadlessError(Exception):
    """A step or the set-up failed while running the script."""


# -- the script --------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CentreSpec(_Strict):
    urls: Annotated[list[str], Field(min_length=1)]
    ca_file: str
    batch_size: int = 200
    pull_page_size: int = 1000


class CounterSpec(_Strict):
    code: str
    device_code: str


class RegisterSpec(_Strict):
    admin_username: str
    admin_password_env: str
    location_code: str | None = None


class CashPay(_Strict):
    mode: Literal["cash"]


class InstrumentPay(_Strict):
    mode: Literal["cheque", "demand_draft"]
    number: str
    bank: str
    branch: str
    date: date


class ReferencePay(_Strict):
    mode: Literal["card", "upi"]
    reference: str


PaymentSpec = Annotated[CashPay | InstrumentPay | ReferencePay, Field(discriminator="mode")]


class _Amount(_Strict):
    amount: str | None = None
    amount_paise: StrictInt | None = None

    @model_validator(mode="after")
    def _one_amount(self) -> _Amount:
        if (self.amount is None) == (self.amount_paise is None):
            raise ValueError("give exactly one of amount (rupees) or amount_paise")
        return self

    def paise(self) -> int:
        if self.amount_paise is not None:
            return self.amount_paise
        assert self.amount is not None
        return parse_rupees(self.amount, "amount")


class ReceiptStep(_Amount):
    action: Literal["receipt"]
    rr_number: str
    payment: PaymentSpec
    ref: str | None = None
    name: str | None = None


class CancelStep(_Strict):
    action: Literal["cancel"]
    receipt: str
    reason: str
    supervisor: str | None = None


class ReprintStep(_Strict):
    action: Literal["reprint"]
    receipt: str
    reason: str  # the journal keeps why each duplicate was printed


class CashStep(_Amount):
    action: Literal["cash_in", "cash_out"]
    note: str


class SimpleStep(_Strict):
    action: Literal["sync"]


class CloseShiftStep(_Strict):
    action: Literal["close_shift"]
    cashier: str | None = None
    supervisor: str | None = None
    denominations: dict[str, StrictInt] | None = None
    cash_counted: str | None = None
    instruments_present: list[str] | None = None
    card: str | None = None
    upi: str | None = None
    reason: str | None = None

    @model_validator(mode="after")
    def _one_count(self) -> CloseShiftStep:
        if self.denominations is not None and self.cash_counted is not None:
            raise ValueError("give denominations or cash_counted, not both")
        return self


class CloseDayStep(_Strict):
    action: Literal["close_day"]
    supervisor: str | None = None


class RemittanceStep(_Strict):
    action: Literal["remittance"]
    business_date: date | None = None
    bank: str
    branch: str = ""
    account_number: str
    slip_number: str
    deposit_date: date | None = None
    cash: str | None = None
    instruments: list[str] | None = None


Step = Annotated[
    ReceiptStep
    | CancelStep
    | ReprintStep
    | CashStep
    | SimpleStep
    | CloseShiftStep
    | CloseDayStep
    | RemittanceStep,
    Field(discriminator="action"),
]


class Script(_Strict):
    store: str
    centre: CentreSpec
    counter: CounterSpec
    registration: RegisterSpec | None = Field(default=None, alias="register")
    device_secret_env: str | None = None
    cashier: str
    pin_env: str | None = None
    supervisor: str | None = None
    business_date: date | None = None
    steps: list[Step] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check_refs(self) -> Script:
        if self.registration is not None and self.device_secret_env is not None:
            raise ValueError("give register or device_secret_env, not both")
        refs: set[str] = set()
        for index, step in enumerate(self.steps):
            if isinstance(step, ReceiptStep) and step.ref is not None:
                if step.ref in refs:
                    raise ValueError(f"steps[{index}]: ref {step.ref!r} is used twice")
                refs.add(step.ref)
            approving = isinstance(step, CancelStep | CloseShiftStep | CloseDayStep)
            if approving and step.supervisor is None and not self.supervisor:  # type: ignore[union-attr]
                what = {"cancel": "cancellation", "close_shift": "shift closing"}
                raise ValueError(
                    f"steps[{index}]: a {what.get(step.action, 'day closing')} needs a supervisor"
                )
        return self


def _where(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "script"


def load_script(path: Path | str) -> tuple[Script, Path]:
    """Read and check a script; returns it and the folder its relative paths start from."""
    source = Path(path)
    try:
        raw = json.loads(source.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ScriptError(f"{source}: cannot read it: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise ScriptError(f"{source}: not JSON: {exc.msg} at line {exc.lineno}") from None
    try:
        script = Script.model_validate(raw)
    except ValidationError as exc:
        lines = [f"{_where(tuple(e['loc']))}: {e['msg']}" for e in exc.errors()]
        raise ScriptError(f"{source}:\n  " + "\n  ".join(lines)) from None
    return script, source.resolve().parent


# -- running it --------------------------------------------------------------------------


def _env(name: str, what: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise HeadlessError(f"{what}: environment variable {name} is not set")
    return value


def _payment(spec: CashPay | InstrumentPay | ReferencePay) -> Payment:
    if isinstance(spec, CashPay):
        return Cash()
    if isinstance(spec, InstrumentPay):
        kind = Cheque if spec.mode == "cheque" else DemandDraft
        return kind(
            number=spec.number, bank=spec.bank, branch=spec.branch, instrument_date=spec.date
        )
    return Card(spec.reference) if spec.mode == "card" else Upi(spec.reference)


def register_device(config: SyncConfig, spec: RegisterSpec, secrets: DeviceSecrets) -> bool:
    """Register this counter's device at the centre as the admin; False if already registered."""
    if secrets.has(config.device_code):
        return False
    password = _env(spec.admin_password_env, "register")
    location = spec.location_code or config.counter_code.rsplit("-", 1)[0]
    try:
        register_counter_device(
            config,
            secrets,
            admin_username=spec.admin_username,
            admin_password=password,
            location_code=location,
        )
    except RegistrationRefused as refused:
        if refused.field == "admin_password":
            raise HeadlessError(f"register: admin sign-in refused ({refused.status})") from None
        raise HeadlessError(
            f"register: the centre refused ({refused.status}): {refused.detail}"
        ) from None
    return True


@dataclass
class _Tally:
    receipts: list[dict[str, Any]] = field(default_factory=list)
    refs: dict[str, str] = field(default_factory=dict)
    cancelled: dict[str, int] = field(default_factory=dict)
    syncs: list[SyncReport] = field(default_factory=list)
    shift_closings: list[dict[str, Any]] = field(default_factory=list)
    remittances: list[dict[str, Any]] = field(default_factory=list)


class _Runner:
    def __init__(self, script: Script, engine: SyncEngine, journal: Journal) -> None:
        self.script = script
        self.engine = engine
        self.journal = journal
        self.tally = _Tally()

    def sync(self) -> SyncReport:
        report = self.engine.sync_once(attempts=3)
        self.tally.syncs.append(report)
        return report

    def today(self) -> date:
        return self.engine.store.clock().astimezone(KOLKATA).date()

    def receipt_number(self, name: str) -> str:
        return self.tally.refs.get(name, name)

    def run_step(self, step: Step) -> None:
        cashier = self.script.cashier
        if isinstance(step, ReceiptStep):
            self.take(step)
        elif isinstance(step, CancelStep):
            number = self.receipt_number(step.receipt)
            entry = self.journal.cancel_receipt(
                cashier_id=cashier,
                receipt_number=number,
                reason=step.reason,
                supervisor_id=step.supervisor or self.script.supervisor or "",
            )
            self.tally.cancelled[number] = int(entry.body["cancelled_amount_paise"])
        elif isinstance(step, ReprintStep):
            self.journal.reprint_receipt(
                cashier_id=cashier,
                receipt_number=self.receipt_number(step.receipt),
                reason=step.reason,
            )
        elif isinstance(step, CashStep):
            move = self.journal.cash_in if step.action == "cash_in" else self.journal.cash_out
            move(cashier_id=cashier, amount_paise=step.paise(), note=step.note)
        elif isinstance(step, CloseShiftStep):
            self.close_shift(step)
        elif isinstance(step, CloseDayStep):
            self.journal.close_day(supervisor_id=step.supervisor or self.script.supervisor or "")
        elif isinstance(step, RemittanceStep):
            self.remit(step)
        else:
            self.sync()

    def close_shift(self, step: CloseShiftStep) -> None:
        cashier = step.cashier or self.script.cashier
        expected = self.journal.expected_for_shift(cashier)
        if step.denominations is not None:
            counts: dict[str, int | str] = dict(step.denominations)
        else:
            cash = expected.expected_paise["cash"]
            if step.cash_counted is not None:
                cash = parse_rupees(step.cash_counted, "cash_counted")
            counts = dict(notes_for(cash))
        if step.instruments_present is None:
            present = {i.receipt_number for i in expected.instruments}
        else:
            present = {self.receipt_number(name) for name in step.instruments_present}
        entry = self.journal.close_shift(
            cashier,
            denominations=counts,
            instruments_present=present,
            card_paise=step.card if step.card is not None else expected.expected_paise["card"],
            upi_paise=step.upi if step.upi is not None else expected.expected_paise["upi"],
            reason=step.reason,
            approved_by=step.supervisor or self.script.supervisor or "",
        )
        self.tally.shift_closings.append(
            {
                "cashier": cashier,
                "sequence": entry.sequence,
                "business_date": entry.business_date.isoformat(),
                "expected_paise": entry.body["expected_paise"],
                "counted_paise": entry.body["counted_paise"],
                "over_short_paise": entry.body["over_short_paise"],
            }
        )

    def remit(self, step: RemittanceStep) -> None:
        day = step.business_date
        if day is None:
            latest = self.journal.latest_day_book()
            if latest is None or latest.is_open:
                raise HeadlessError("remittance: no closed day book to remit; give business_date")
            day = latest.business_date
        totals = self.journal.closed_totals(day)
        if step.instruments is None:
            numbers = sorted(set(totals.instruments) - totals.remitted_instruments)
        else:
            numbers = [self.receipt_number(name) for name in step.instruments]
        entry = self.journal.record_remittance(
            cashier_id=self.script.cashier,
            business_date=day,
            bank=step.bank,
            branch=step.branch,
            account_number=step.account_number,
            slip_number=step.slip_number,
            deposit_date=step.deposit_date or self.today(),
            cash_paise=step.cash if step.cash is not None else totals.cash_to_remit_paise,
            instruments=numbers,
        )
        self.tally.remittances.append(
            {
                "sequence": entry.sequence,
                "business_date": day.isoformat(),
                "slip_number": entry.body["slip_number"],
                "cash_paise": entry.body["cash_paise"],
                "cheque_paise": entry.body["cheque_paise"],
                "amount_paise": entry.body["amount_paise"],
            }
        )

    def take(self, step: ReceiptStep) -> None:
        name = step.name
        if name is None and ConsumerCache(self.engine.store).get(step.rr_number) is None:
            # Pay anywhere: a consumer outside this counter's cache, looked up at the centre.
            found = self.engine.find_consumer(step.rr_number)
            name = found.name_en if found is not None else None
        view = self.journal.take_receipt(
            cashier_id=self.script.cashier,
            rr_number=step.rr_number,
            amount_paise=step.paise(),
            payment=_payment(step.payment),
            consumer_name=name,
        )
        if step.ref is not None:
            self.tally.refs[step.ref] = view.receipt_number
        self.tally.receipts.append(
            {
                "ref": step.ref,
                "receipt_number": view.receipt_number,
                "rr_number": view.rr_number,
                "amount_paise": view.amount_paise,
                "payment_mode": view.payment_mode.value,
            }
        )

    def open_day(self) -> None:
        wanted = self.script.business_date
        current = self.journal.day_book()
        if current is not None:
            if wanted is not None and current.business_date != wanted:
                raise HeadlessError(
                    f"the day book of {current.business_date} is open, not {wanted}; "
                    "close it first (add a close_day step to an earlier script)"
                )
            return
        latest = self.journal.latest_day_book()
        if wanted is None and latest is not None and latest.business_date >= self.today():
            return  # today is closed: the first receipt opens the next business date itself
        self.journal.open_day(cashier_id=self.script.cashier, business_date=wanted)

    def check_pin(self) -> None:
        if self.script.pin_env is None:
            return
        pin = _env(self.script.pin_env, "pin_env")
        if not CashierRoster(self.engine.store).verify_pin(self.script.cashier, pin):
            raise HeadlessError(f"cashier {self.script.cashier}: PIN refused (or not known here)")

    def summary(self, store: Store, error: str | None) -> dict[str, Any]:
        for receipt in self.tally.receipts:
            receipt["cancelled"] = receipt["receipt_number"] in self.tally.cancelled
        taken = sum(r["amount_paise"] for r in self.tally.receipts)
        cancelled = sum(self.tally.cancelled.values())
        contiguous = [r.highest_contiguous for r in self.tally.syncs if r.highest_contiguous]
        day = self.journal.day_book()
        return {
            "counter_code": self.journal.counter_code,
            "store": str(store.path),
            "open_business_date": day.business_date.isoformat() if day is not None else None,
            "receipts_taken": len(self.tally.receipts),
            "receipts_paise": taken,
            "cancellations": len(self.tally.cancelled),
            "cancelled_paise": cancelled,
            "net_paise": taken - cancelled,
            "receipts": self.tally.receipts,
            "queue_length": self.engine.queue_length(),
            "highest_contiguous": contiguous[-1] if contiguous else None,
            "consumers_cached": ConsumerCache(store).count(),
            "cashiers_active": len(CashierRoster(store).active()),
            "syncs": [r.as_dict() for r in self.tally.syncs],
            "shift_closings": self.tally.shift_closings,
            "remittances": self.tally.remittances,
            "error": error,
        }


def _config(script: Script, base: Path) -> SyncConfig:
    try:
        return SyncConfig(
            centre_urls=tuple(script.centre.urls),
            ca_file=base / script.centre.ca_file,
            counter_code=script.counter.code,
            device_code=script.counter.device_code,
            batch_size=script.centre.batch_size,
            pull_page_size=script.centre.pull_page_size,
        )
    except SyncConfigError as exc:
        raise ScriptError(f"centre/counter: {exc}") from None


def run_script(script: Script, base: Path) -> dict[str, Any]:
    """Run the script and return the summary; its "error" is set if a step failed."""
    config = _config(script, base)
    secrets = DeviceSecrets(config.keyring_service)
    try:
        if script.registration is not None:
            register_device(config, script.registration, secrets)
        elif script.device_secret_env is not None:
            secrets.save(config.device_code, _env(script.device_secret_env, "device_secret_env"))
    except (CentreUnreachable, KeyringUnavailable, KeyError, ValueError) as exc:
        raise HeadlessError(f"register: {exc}") from exc
    path = base / script.store
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        store = Store.open(path)
    except (OSError, JournalUnavailable) as exc:
        raise HeadlessError(f"store {path}: {exc}") from exc
    with store:
        engine = SyncEngine(store, config, secrets=secrets)
        journal = Journal(store, config.counter_code)
        runner = _Runner(script, engine, journal)
        error: str | None = None
        try:
            runner.sync()
            runner.check_pin()
            runner.open_day()
            for index, step in enumerate(script.steps):
                try:
                    runner.run_step(step)
                except (ValueError, HeadlessError, JournalUnavailable) as exc:
                    raise HeadlessError(f"steps[{index}] ({step.action}): {exc}") from exc
            runner.sync()
        except (HeadlessError, ValueError, JournalUnavailable) as exc:
            error = str(exc)
        finally:
            engine.stop()
        return runner.summary(store, error)
