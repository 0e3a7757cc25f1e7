"""What the sync engine announces, and a tiny publish/subscribe that knows nothing of Qt.

The engine publishes small frozen dataclasses from its worker thread. A desktop UI subscribes one
bridge that re-emits each event as a Qt signal, so its handlers run on the GUI thread. A
listener that raises is logged and skipped: it never stops the worker or the other listeners.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

__all__ = [
    "CentreOffline",
    "CentreOnline",
    "EntryConflict",
    "EventBus",
    "Listener",
    "QueueLength",
    "SyncError",
    "SyncEvent",
    "Synced",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CentreOnline:
    """The centre answered, at `url` (published on coming online and on a change of URL)."""

    url: str
    primary: bool


@dataclass(frozen=True)
class CentreOffline:
    """No centre URL could be reached; `reason` says what the last attempt met."""

    reason: str


@dataclass(frozen=True)
class QueueLength:
    """How many journal entries still wait for the centre's acknowledgement."""

    pending: int


@dataclass(frozen=True)
class Synced:
    """A sync run reached the centre and finished; `at` is the counter's clock (last sync)."""

    at: datetime
    pushed: int
    pulled: int
    highest_contiguous: int | None


@dataclass(frozen=True)
class SyncError:
    """Something stopped part of a sync that is not simply being offline."""

    message: str


@dataclass(frozen=True)
class EntryConflict:
    """The centre would not take an entry: `outcome` is "conflict" or "rejected"."""

    sequence: int
    outcome: str
    detail: str


SyncEvent = CentreOnline | CentreOffline | QueueLength | Synced | SyncError | EntryConflict
Listener = Callable[[SyncEvent], None]


class EventBus:
    """Listeners called in subscription order, on the publishing thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` with every event from now on; returns a function that unsubscribes."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def publish(self, event: SyncEvent) -> None:
        """Hand `event` to every listener; one that raises is logged and the rest still run."""
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception:
                log.exception("sync event listener failed on %s", type(event).__name__)
