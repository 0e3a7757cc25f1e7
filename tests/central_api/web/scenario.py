"""A prepared collection day for the workbench tests, built the way it happens: the real counter
journal at two counters, pushed through the real sync route (in process or to a real server)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.engine import Engine

from counter_client.journal import Cash, Cheque
from tests.central_api.reconciliation.desks import Desk, connect_counters
from tests.support.world import World

DAY1, DAY2 = date(2026, 11, 2), date(2026, 11, 3)
ACCOUNT = "30012345678"
UNKNOWN_RR = "MYS9999999"


class Poster(Protocol):
    def post(self, url: str, **kwargs: Any) -> Any: ...


@dataclass
class PreparedDay:
    """What the day left behind, for the tests to look for."""

    cheque_receipt: str = ""
    cheque_paise: int = 4_800_00
    slips: dict[str, int] = field(default_factory=dict)  # slip number -> amount remitted
    desks: list[Desk] = field(default_factory=list)

    def close(self) -> None:
        for desk in self.desks:
            desk.close()


def prepare_day(client: Poster, world: World, engine: Engine, folder: Path) -> PreparedDay:
    """DAY1: counter 1 closes short by Rs 100, counter 2 in excess by Rs 50, both close the day;
    DAY2: both remit DAY1, and counter 2 takes a receipt for an unknown RR number (suspense)
    and has not closed yet."""
    auth = connect_counters(engine, world)
    one = Desk(folder / "c1.db", "MYS001-1", DAY1, ["C001", "C002"])
    two = Desk(folder / "c2.db", "MYS001-2", DAY1, ["C003"])
    day = PreparedDay(desks=[one, two])
    one.journal.open_day(cashier_id="C001")
    two.journal.open_day(cashier_id="C003")
    one.journal.take_receipt(
        cashier_id="C001", rr_number="MYS1000001", amount_paise=1_250_00, payment=Cash()
    )
    cheque = one.journal.take_receipt(
        cashier_id="C001",
        rr_number="MYS1000002",
        amount_paise=day.cheque_paise,
        payment=Cheque(number="104512", bank="Canara Bank", branch="Mysuru", instrument_date=DAY1),
    )
    day.cheque_receipt = str(cheque.receipt_number)
    one.journal.take_receipt(
        cashier_id="C002", rr_number="MYS1000002", amount_paise=730_00, payment=Cash()
    )
    two.journal.take_receipt(
        cashier_id="C003", rr_number="MYS1000001", amount_paise=2_000_00, payment=Cash()
    )
    one.close_shift("C001", cash_off_by=-100_00)
    one.close_shift("C002")
    one.journal.close_day(supervisor_id="S002")
    two.close_shift("C003", cash_off_by=50_00)
    two.journal.close_day(supervisor_id="S001")
    for desk in (one, two):
        desk.clock.to_day(DAY2)
    one.journal.open_day(cashier_id="C001")
    two.journal.open_day(cashier_id="C003")
    for desk, slip in ((one, "S1001"), (two, "S2001")):
        remitted = desk.remit(desk_cashier(desk), DAY1, slip=slip, deposited=DAY2, account=ACCOUNT)
        day.slips[slip] = int(remitted.body["amount_paise"])
    two.journal.take_receipt(
        cashier_id="C003",
        rr_number=UNKNOWN_RR,
        amount_paise=450_00,
        payment=Cash(),
        consumer_name="Nagaraju S",
    )
    one.push(client, auth["MYS001-1"])  # type: ignore[arg-type]
    two.push(client, auth["MYS001-2"])  # type: ignore[arg-type]
    return day


def desk_cashier(desk: Desk) -> str:
    return "C001" if desk.code == "MYS001-1" else "C003"
