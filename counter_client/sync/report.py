"""What one sync run did: built up while it runs, handed back frozen."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

__all__ = ["RefusedEntry", "RunLog", "SyncReport"]


@dataclass(frozen=True)
class RefusedEntry:
    """An entry the centre did not take ("conflict" or "rejected"); it stays pending, visible."""

    sequence: int
    outcome: str
    detail: str


@dataclass(frozen=True)
class SyncReport:
    """The outcome of one sync run. `online` is False when no centre URL could be reached."""

    started_at: datetime
    finished_at: datetime
    online: bool
    offline_reason: str | None
    centre_url: str | None
    pushed: int
    accepted: int
    duplicates: int
    refused: tuple[RefusedEntry, ...]
    pulled: dict[str, int]
    highest_contiguous: int | None
    queue_length: int | None
    errors: tuple[str, ...]

    @property
    def acknowledged(self) -> int:
        """Entries the centre now holds from this run (accepted or already held)."""
        return self.accepted + self.duplicates

    @property
    def clean(self) -> bool:
        """Reached the centre, nothing refused and no error."""
        return self.online and not self.errors and not self.refused

    def as_dict(self) -> dict[str, object]:
        """Plain JSON-able form, for the headless driver's summary."""
        return {
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat(),
            "online": self.online,
            "offline_reason": self.offline_reason,
            "centre_url": self.centre_url,
            "pushed": self.pushed,
            "accepted": self.accepted,
            "duplicates": self.duplicates,
            "refused": [
                {"sequence": r.sequence, "outcome": r.outcome, "detail": r.detail}
                for r in self.refused
            ],
            "pulled": dict(self.pulled),
            "highest_contiguous": self.highest_contiguous,
            "queue_length": self.queue_length,
            "errors": list(self.errors),
        }


@dataclass
class RunLog:
    """The mutable tally of a run in progress."""

    started_at: datetime
    reached: bool = False
    offline_reason: str | None = None
    centre_url: str | None = None
    pushed: int = 0
    accepted: int = 0
    duplicates: int = 0
    refused: list[RefusedEntry] = field(default_factory=list)
    pulled: dict[str, int] = field(default_factory=dict)
    highest_contiguous: int | None = None
    errors: list[str] = field(default_factory=list)

    def report(self, finished_at: datetime, queue_length: int | None) -> SyncReport:
        return SyncReport(
            started_at=self.started_at,
            finished_at=finished_at,
            online=self.reached and self.offline_reason is None,
            offline_reason=self.offline_reason,
            centre_url=self.centre_url,
            pushed=self.pushed,
            accepted=self.accepted,
            duplicates=self.duplicates,
            refused=tuple(self.refused),
            pulled=dict(self.pulled),
            highest_contiguous=self.highest_contiguous,
            queue_length=queue_length,
            errors=tuple(self.errors),
        )
