"""The counter's background sync with the centre: push the journal, pull the cache, fail over.

Pure Python and `requests`; no Qt. The UI subscribes to `SyncEngine.events` and bridges them to
a Qt signal. Wire protocol: `docs/sync-protocol.md` and `common.sync_protocol`.
"""

from counter_client.sync.backoff import Backoff
from counter_client.sync.client import (
    CentreClient,
    CentreProtocolError,
    CentreRefused,
    DeviceRefused,
    RemoteConsumer,
)
from counter_client.sync.config import KEYRING_SERVICE, SyncConfig, SyncConfigError
from counter_client.sync.credentials import DeviceSecretMissing, DeviceSecrets, KeyringUnavailable
from counter_client.sync.engine import SyncEngine
from counter_client.sync.events import (
    CentreOffline,
    CentreOnline,
    EntryConflict,
    EventBus,
    Listener,
    QueueLength,
    Synced,
    SyncError,
    SyncEvent,
)
from counter_client.sync.report import RefusedEntry, SyncReport
from counter_client.sync.transport import CentreUnreachable, Transport

__all__ = [
    "KEYRING_SERVICE",
    "Backoff",
    "CentreClient",
    "CentreOffline",
    "CentreOnline",
    "CentreProtocolError",
    "CentreRefused",
    "CentreUnreachable",
    "DeviceRefused",
    "DeviceSecretMissing",
    "DeviceSecrets",
    "EntryConflict",
    "EventBus",
    "KeyringUnavailable",
    "Listener",
    "QueueLength",
    "RefusedEntry",
    "RemoteConsumer",
    "SyncConfig",
    "SyncConfigError",
    "SyncEngine",
    "SyncError",
    "SyncEvent",
    "SyncReport",
    "Synced",
    "Transport",
]
