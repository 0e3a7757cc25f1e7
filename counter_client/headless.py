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
        {"action": "reprint", "receipt": "r1"},
        {"action": "cash_in", "amount": "500", "note": "opening float"},
        {"action": "cash_out", "amount": "500", "note": "to bank"},
        {"action": "sync"},
        {"action": "close_day"}
      ]
    }

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
from counter_client.store import CashierRoster, ConsumerCache, JournalUnavailable, Store
from counter_client.sync import (
    CentreUnreachable,
    DeviceSecrets,
    KeyringUnavailable,
    SyncConfig,
    SyncConfigError,
    SyncEngine,
    SyncReport,
    Transport,
)

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


class CashStep(_Amount):
    action: Literal["cash_in", "cash_out"]
    note: str


class SimpleStep(_Strict):
    action: Literal["sync", "close_day"]


Step = Annotated[
    ReceiptStep | CancelStep | ReprintStep | CashStep | SimpleStep, Field(discriminator="action")
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
            if isinstance(step, CancelStep) and step.supervisor is None and not self.supervisor:
                raise ValueError(f"steps[{index}]: a cancellation needs a supervisor")
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
    transport = Transport(config)
    try:
        signed_in = transport.request(
            "POST",
            "/api/v1/auth/login",
            json={"username": spec.admin_username, "password": password},
        )
        if signed_in.status_code != 200:
            raise HeadlessError(f"register: admin sign-in refused ({signed_in.status_code})")
        auth = {"Authorization": f"Bearer {signed_in.json()['token']}"}
        made = transport.request(
            "POST",
            "/api/v1/devices",
            json={
                "code": config.device_code,
                "kind": "counter",
                "location_code": location,
                "counter_code": config.counter_code,
            },
            headers=auth,
        )
        if made.status_code != 201:
            raise HeadlessError(f"register: the centre refused ({made.status_code}): {made.text}")
        secrets.save(config.device_code, str(made.json()["secret"]))
        transport.request("POST", "/api/v1/auth/logout", headers=auth)
    finally:
        transport.close()
    return True


@dataclass
class _Tally:
    receipts: list[dict[str, Any]] = field(default_factory=list)
    refs: dict[str, str] = field(default_factory=dict)
    cancelled: dict[str, int] = field(default_factory=dict)
    syncs: list[SyncReport] = field(default_factory=list)


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
                cashier_id=cashier, receipt_number=self.receipt_number(step.receipt)
            )
        elif isinstance(step, CashStep):
            move = self.journal.cash_in if step.action == "cash_in" else self.journal.cash_out
            move(cashier_id=cashier, amount_paise=step.paise(), note=step.note)
        elif step.action == "sync":
            self.sync()
        else:
            self.journal.close_day(cashier_id=cashier)

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
