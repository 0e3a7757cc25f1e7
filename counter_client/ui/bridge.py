"""The sync engine's events, re-emitted as Qt signals so their handlers run on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot

from counter_client.sync import (
    CentreOffline,
    CentreOnline,
    EventBus,
    QueueLength,
    Synced,
    SyncError,
    SyncEvent,
)

__all__ = ["SyncBridge"]


class SyncBridge(QObject):
    """Subscribes to an EventBus; each event crosses to the GUI thread by a queued signal."""

    _arrived = Signal(object)
    online = Signal(str, bool)  # url, on the primary
    offline = Signal(str)  # reason
    queue_length = Signal(int)
    synced = Signal(object)  # Synced
    sync_error = Signal(str)

    def __init__(self, bus: EventBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Queued: the bus publishes on the sync worker's thread; the slot runs on ours.
        self._arrived.connect(self._dispatch, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe: Callable[[], None] | None = bus.subscribe(self._arrived.emit)

    @Slot(object)
    def _dispatch(self, event: SyncEvent) -> None:
        if isinstance(event, CentreOnline):
            self.online.emit(event.url, event.primary)
        elif isinstance(event, CentreOffline):
            self.offline.emit(event.reason)
        elif isinstance(event, QueueLength):
            self.queue_length.emit(event.pending)
        elif isinstance(event, Synced):
            self.synced.emit(event)
        elif isinstance(event, SyncError):
            self.sync_error.emit(event.message)

    def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
