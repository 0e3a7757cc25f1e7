"""Times as the counter shows them: India Standard Time, whatever the machine's zone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

__all__ = ["KOLKATA", "shown"]

KOLKATA = ZoneInfo("Asia/Kolkata")


def shown(moment: datetime, pattern: str = "%d-%m-%Y %H:%M") -> str:
    return moment.astimezone(KOLKATA).strftime(pattern)
