"""Our own fingerprint errors: pyfingerprint raises bare `Exception`s, the driver wraps them."""

from __future__ import annotations

__all__ = [
    "FingerprintError",
    "NoFinger",
    "NoMatch",
    "SensorError",
    "SensorUnplugged",
    "WrongSensorPassword",
]


class FingerprintError(Exception):
    """Something about the fingerprint sensor or the finger; the message can be shown as is."""


class NoFinger(FingerprintError):
    """No finger was placed on the sensor before the timeout."""


class NoMatch(FingerprintError):
    """The finger does not match (enrolment: the two captures were of different fingers)."""


class SensorUnplugged(FingerprintError):
    """The sensor's port is missing, closed, or nothing answers on it."""


class WrongSensorPassword(FingerprintError):
    """The sensor refused the configured sensor password."""


class SensorError(FingerprintError):
    """The sensor answered with an error we cannot put down to the finger or the cable."""
