"""Today's receipts as a Qt model, on its own: Qt's model checks, updates in place, appends."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from common.sync_protocol import PaymentMode
from counter_client.ui.collection.daylist import DayList, ReceiptRow
from counter_client.ui.collection.receipts import ReceiptsModel

DAY = date(2026, 11, 27)


def row(n: int, **changes: object) -> ReceiptRow:
    base = ReceiptRow(
        receipt_number=f"MYS001-1/2026-27/{n}",
        sequence=n + 1,
        local_time=datetime(2026, 11, 27, 4, 30, tzinfo=UTC) + timedelta(minutes=n),
        rr_number=f"MYS100{n}",
        consumer_name=f"Person {n}",
        amount_paise=10_000 * n,
        payment_mode=PaymentMode.CASH,
        cashier="C001",
    )
    return ReceiptRow(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def day(*rows: ReceiptRow) -> DayList:
    return DayList(
        business_date=DAY, rows=rows, last_sequence=max((r.sequence for r in rows), default=0)
    )


def test_the_model_passes_qts_model_checks_through_appends_and_changes(
    qtmodeltester: ModelTester,
) -> None:
    model = ReceiptsModel()
    qtmodeltester.check(model)
    model.set_day(day(row(1), row(2)))
    qtmodeltester.check(model)
    model.set_day(day(row(1, cancelled=True), row(2), row(3)))
    qtmodeltester.check(model)
    model.set_day(day(row(4)))  # another day: reset
    qtmodeltester.check(model)
    assert model.rowCount() == 1


def test_rows_show_time_amount_mode_and_what_happened_since() -> None:
    model = ReceiptsModel()
    model.set_day(day(row(1), row(2, copies=2, cancelled=True, payment_mode=PaymentMode.UPI)))
    assert model.index(0, 1).data() == "10:01"  # IST
    assert model.index(0, 4).data() == "₹100.00"
    assert model.index(1, 5).data() == "UPI"
    assert model.index(1, 6).data() == "CANCELLED, 2 duplicate(s)"
    assert model.index(0, 6).data() == ""
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Receipt number"


def test_an_update_changes_rows_in_place_and_appends_new_ones() -> None:
    model = ReceiptsModel()
    model.set_day(day(row(1), row(2)))
    inserted: list[tuple[int, int]] = []
    changed: list[int] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    model.dataChanged.connect(lambda top, _bottom, _roles=(): changed.append(top.row()))
    model.modelReset.connect(lambda: inserted.append((-1, -1)))
    model.set_day(day(row(1), row(2, cancelled=True), row(3), row(4)))
    assert inserted == [(2, 3)]
    assert changed == [1]
    assert model.row_of("MYS001-1/2026-27/4") == 3
