"""Capped exponential backoff with full jitter, so that 78 counters do not retry in lockstep.

After the n-th failure in a row the wait is uniform in [0, min(cap, base * 2**n)] (the "full
jitter" of the AWS architecture note, as Electrum reconnects); a success resets the count.
"""

from __future__ import annotations

import random

__all__ = ["Backoff"]

_MAX_EXPONENT = 30  # 2**30 times any sensible base is far past any cap


class Backoff:
    """The next wait after a run of failures."""

    def __init__(self, base_s: float, cap_s: float, *, rng: random.Random | None = None) -> None:
        if base_s < 0 or cap_s < base_s:
            raise ValueError("need 0 <= base_s <= cap_s")
        self.base_s = base_s
        self.cap_s = cap_s
        self.failures = 0
        self._rng = rng or random.Random()

    def ceiling(self) -> float:
        """The longest the next wait can be."""
        exponent = min(self.failures, _MAX_EXPONENT)
        return float(min(self.cap_s, self.base_s * (2**exponent)))

    def failed(self) -> float:
        """Note one more failure and return how long to wait before the next try."""
        wait = self._rng.uniform(0.0, self.ceiling())
        self.failures += 1
        return wait

    def succeeded(self) -> None:
        """Start again from the base."""
        self.failures = 0
