"""Today's receipts: a table model (tested on its own with qtmodeltester) and its view."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from common.money import format_inr
from counter_client.ui.collection.daylist import DayList, ReceiptRow
from counter_client.ui.local_time import shown
from counter_client.ui.modes import mode_name

__all__ = ["ReceiptsModel", "ReceiptsView"]

Index = QModelIndex | QPersistentModelIndex

_HEADERS = (
    QT_TRANSLATE_NOOP("ReceiptsModel", "Receipt number"),
    QT_TRANSLATE_NOOP("ReceiptsModel", "Time"),
    QT_TRANSLATE_NOOP("ReceiptsModel", "RR number"),
    QT_TRANSLATE_NOOP("ReceiptsModel", "Name"),
    QT_TRANSLATE_NOOP("ReceiptsModel", "Amount"),
    QT_TRANSLATE_NOOP("ReceiptsModel", "Mode"),
    QT_TRANSLATE_NOOP("ReceiptsModel", "Status"),
)


class ReceiptsModel(QAbstractTableModel):
    """The day's receipts, newest last; a cancelled row is struck through and marked."""

    RECEIPT_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ReceiptRow] = []
        self.day: DayList | None = None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(_HEADERS):
            return QCoreApplication.translate("ReceiptsModel", str(_HEADERS[section]))
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row.cancelled:
            return QBrush(QColor("#9e9e9e"))
        if role == self.RECEIPT_ROLE:
            return row.receipt_number
        return None

    def _text(self, row: ReceiptRow, column: int) -> str:
        if column == 0:
            return row.receipt_number
        if column == 1:
            return shown(row.local_time, "%H:%M")
        if column == 2:
            return row.rr_number
        if column == 3:
            return row.consumer_name or ""
        if column == 4:
            return format_inr(row.amount_paise)
        if column == 5:
            return mode_name(row.payment_mode)
        parts = []
        if row.cancelled:
            parts.append(QCoreApplication.translate("ReceiptsModel", "CANCELLED"))
        if row.copies:
            parts.append(
                QCoreApplication.translate("ReceiptsModel", "%n duplicate(s)", None, row.copies)
            )
        return ", ".join(parts)

    def set_day(self, day: DayList) -> None:
        """Show `day`: rows already shown are updated in place, new ones appended."""
        old = self._rows
        new = list(day.rows)
        self.day = day
        same_start = len(new) >= len(old) and all(
            a.sequence == b.sequence for a, b in zip(old, new, strict=False)
        )
        if not same_start:
            self.beginResetModel()
            self._rows = new
            self.endResetModel()
            return
        for position, (before, after) in enumerate(zip(old, new, strict=False)):
            if before != after:
                self._rows[position] = after
                self.dataChanged.emit(
                    self.index(position, 0), self.index(position, len(_HEADERS) - 1)
                )
        if len(new) > len(old):
            self.beginInsertRows(QModelIndex(), len(old), len(new) - 1)
            self._rows.extend(new[len(old) :])
            self.endInsertRows()

    def row_at(self, row: int) -> ReceiptRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, receipt_number: str) -> int:
        for position, row in enumerate(self._rows):
            if row.receipt_number == receipt_number:
                return position
        return -1

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(_HEADERS) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(_HEADERS) - 1)
            )


class ReceiptsView(QTableView):
    """The list of today's receipts; selecting a row chooses the receipt to reprint or cancel."""

    def __init__(self, model: ReceiptsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receipts")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        model.rowsInserted.connect(lambda *_: self.scrollToBottom())

    def chosen(self) -> ReceiptRow | None:
        model = self.model()
        assert isinstance(model, ReceiptsModel)
        rows = self.selectionModel().selectedRows()
        if rows:
            return model.row_at(rows[0].row())
        current = self.currentIndex()
        return model.row_at(current.row()) if current.isValid() else None

    def choose(self, receipt_number: str) -> None:
        model = self.model()
        assert isinstance(model, ReceiptsModel)
        row = model.row_of(receipt_number)
        if row >= 0:
            self.selectRow(row)
