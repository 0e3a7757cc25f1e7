"""Running work off the GUI thread: one helper for every call to the database, network or a device.

`Ops.run(work, done=..., failed=...)` runs `work()` on a worker and calls `done(result)` or
`failed(exc)` back on the GUI thread (a queued signal into an object that lives there). Journal
writes go through one serial lane so they commit in the order the cashier made them; devices
and the network use their own lanes so a slow printer never holds up the next receipt.
`busy_changed(bool)` drives the progress indicator.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

__all__ = ["Lane", "Ops"]

log = logging.getLogger(__name__)


class Lane(Enum):
    STORE = "store"  # journal writes and reads: one at a time, in order
    SEARCH = "search"  # consumer search as typed: reads only, never behind a receipt
    NETWORK = "network"  # the centre (pay anywhere, registration)
    DEVICE = "device"  # printer and fingerprint sensor


class _Delivery(QObject):
    """Lives on the GUI thread; the worker emits into it and the slot runs there."""

    finished = Signal(object, object)  # result, exception

    def __init__(
        self,
        ops: Ops,
        done: Callable[[Any], None] | None,
        failed: Callable[[BaseException], None] | None,
    ) -> None:
        super().__init__(ops)
        self._ops = ops
        self._done = done
        self._failed = failed
        self.finished.connect(self._deliver)

    @Slot(object, object)
    def _deliver(self, result: object, error: object) -> None:
        try:
            if isinstance(error, BaseException):
                if self._failed is not None:
                    self._failed(error)
                else:
                    log.error("background work failed", exc_info=error)
            elif self._done is not None:
                self._done(result)
        finally:
            self._ops._finished(self)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], object], delivery: _Delivery) -> None:
        super().__init__()
        self._work = work
        self._delivery = delivery
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # delivered to the GUI thread, never lost
            self._delivery.finished.emit(None, exc)
            return
        self._delivery.finished.emit(result, None)


class Ops(QObject):
    """The app's worker lanes and the count of jobs still running."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pools: dict[Lane, QThreadPool] = {}
        for lane in Lane:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(1 if lane in (Lane.STORE, Lane.SEARCH) else 2)
            self._pools[lane] = pool
        self._running: set[_Delivery] = set()

    @property
    def pending(self) -> int:
        return len(self._running)

    def run(
        self,
        work: Callable[[], object],
        *,
        done: Callable[[Any], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
        lane: Lane = Lane.STORE,
    ) -> None:
        """Run `work` on `lane`; its result or exception comes back on the GUI thread."""
        delivery = _Delivery(self, done, failed)
        self._running.add(delivery)
        if len(self._running) == 1:
            self.busy_changed.emit(True)
        self._pools[lane].start(_Job(work, delivery))

    def _finished(self, delivery: _Delivery) -> None:
        self._running.discard(delivery)
        delivery.deleteLater()
        if not self._running:
            self.busy_changed.emit(False)

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """Block until every lane is empty (shutdown and tests only, never from a screen)."""
        return all(pool.waitForDone(msecs) for pool in self._pools.values())
