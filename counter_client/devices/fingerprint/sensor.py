"""The interface every fingerprint sensor implements, so other makes can be added later."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

__all__ = [
    "DEFAULT_SCORE_THRESHOLD",
    "TEMPLATE_BYTES",
    "EnrolStep",
    "FingerprintSensor",
    "MatchResult",
    "StepCallback",
]

TEMPLATE_BYTES = 512
"""Size of a ZFM/R30x characteristics buffer (and so of an enrolled template)."""

DEFAULT_SCORE_THRESHOLD = 60
"""Lowest accuracy score that counts as a match; the ZFM's own matcher reports 0 below ~50."""


@dataclass(frozen=True)
class MatchResult:
    """The answer of a 1:1 verification: matched only when score reaches the threshold."""

    matched: bool
    score: int


class EnrolStep(StrEnum):
    """What the person at the sensor should do next during enrolment (for the UI's prompt)."""

    PLACE = "place"
    LIFT = "lift"
    PLACE_AGAIN = "place_again"


StepCallback = Callable[[EnrolStep], None]


class FingerprintSensor(Protocol):
    """A fingerprint sensor at a counter. Every call blocks: run it off the GUI thread."""

    def capture(self, timeout_s: float) -> bytes:
        """Wait for a finger and return its characteristics; `NoFinger` after the timeout."""
        ...

    def verify(self, template: bytes, timeout_s: float) -> MatchResult:
        """1:1: load the stored template into the sensor, capture a finger, compare them."""
        ...

    def enrol(self, timeout_s: float, on_step: StepCallback | None = None) -> bytes:
        """Two captures of one finger combined into one template (`NoMatch` if they differ)."""
        ...

    def close(self) -> None:
        """Release the port; safe to call twice."""
        ...
