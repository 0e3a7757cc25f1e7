"""The counter's local time: Asia/Kolkata, always timezone-aware, and replaceable in tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["KOLKATA", "Clock", "iso", "parse_iso", "system_clock"]


def _kolkata() -> tzinfo:
    try:
        return ZoneInfo("Asia/Kolkata")
    except ZoneInfoNotFoundError:
        # A counter without the tz database (Windows without tzdata): India has kept +05:30
        # with no daylight saving since 1945, so the fixed offset is the same zone for us.
        return timezone(timedelta(hours=5, minutes=30), "IST")


KOLKATA: tzinfo = _kolkata()

Clock = Callable[[], datetime]
"""Returns the current time, timezone-aware."""


def system_clock() -> datetime:
    """Now, in Asia/Kolkata."""
    return datetime.now(KOLKATA)


def iso(moment: datetime) -> str:
    """The ISO 8601 text we store and hash; refuses naive datetimes."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"datetime {moment!r} has no timezone")
    return moment.isoformat()


def parse_iso(text: str) -> datetime:
    """Read back a time written by `iso`."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"stored time {text!r} has no timezone")
    return moment
