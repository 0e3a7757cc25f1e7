"""What went wrong, in the cashier's language: one place that turns exceptions into messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from counter_client.auth import LoginRefused
    from counter_client.devices.fingerprint import FingerprintError

__all__ = ["describe"]


def _login(exc: LoginRefused) -> str:
    from counter_client.auth import (
        FingerNotMatched,
        LockedOut,
        NoFingerEnrolled,
        NotSupervisor,
        UnknownUser,
        WrongPin,
    )

    if isinstance(exc, LockedOut):
        until = exc.until.astimezone().strftime("%H:%M")
        return QCoreApplication.translate(
            "Messages", "Locked out after too many wrong attempts, until %1."
        ).replace("%1", until)
    if isinstance(exc, WrongPin):
        return QCoreApplication.translate(
            "Messages", "Wrong PIN. %n attempt(s) left.", None, exc.attempts_left
        )
    if isinstance(exc, FingerNotMatched):
        return QCoreApplication.translate(
            "Messages", "The finger does not match. %n attempt(s) left.", None, exc.attempts_left
        )
    if isinstance(exc, NoFingerEnrolled):
        return QCoreApplication.translate(
            "Messages", "No fingerprint is enrolled for this person: use the PIN."
        )
    if isinstance(exc, NotSupervisor):
        return QCoreApplication.translate("Messages", "A supervisor must approve this.")
    if isinstance(exc, UnknownUser):
        return QCoreApplication.translate("Messages", "This person is not allowed at this counter.")
    return str(exc)


def _sensor(exc: FingerprintError) -> str:
    from counter_client.devices.fingerprint import NoFinger, SensorUnplugged, WrongSensorPassword

    if isinstance(exc, NoFinger):
        return QCoreApplication.translate(
            "Messages", "No finger on the sensor. Place the finger and try again."
        )
    if isinstance(exc, SensorUnplugged):
        return QCoreApplication.translate(
            "Messages", "The fingerprint sensor is not connected: use the PIN."
        )
    if isinstance(exc, WrongSensorPassword):
        return QCoreApplication.translate(
            "Messages", "The fingerprint sensor refused its password: call the supervisor."
        )
    return QCoreApplication.translate("Messages", "The fingerprint sensor failed: %1").replace(
        "%1", str(exc)
    )


def describe(exc: BaseException) -> str:
    """A message to show for `exc` (a ValidationProblem is better shown beside its field)."""
    # Imported here: the engine loads on a worker after the first screen is up.
    from common.errors import ValidationProblem
    from counter_client.auth import LoginRefused
    from counter_client.devices.fingerprint import FingerprintError
    from counter_client.store import JournalUnavailable
    from counter_client.sync import CentreUnreachable, KeyringUnavailable

    if isinstance(exc, LoginRefused):
        return _login(exc)
    if isinstance(exc, FingerprintError):
        return _sensor(exc)
    if isinstance(exc, ValidationProblem):
        return exc.reason
    if isinstance(exc, CentreUnreachable):
        return QCoreApplication.translate("Messages", "The centre cannot be reached: %1").replace(
            "%1", str(exc)
        )
    if isinstance(exc, KeyringUnavailable):
        return QCoreApplication.translate("Messages", "The keyring cannot be used: %1").replace(
            "%1", str(exc)
        )
    if isinstance(exc, JournalUnavailable):
        return QCoreApplication.translate(
            "Messages", "The counter's database cannot be used now: %1"
        ).replace("%1", str(exc))
    return QCoreApplication.translate("Messages", "Something went wrong: %1").replace(
        "%1", str(exc) or type(exc).__name__
    )
