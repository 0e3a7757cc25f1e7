"""Fingerprint sensors: one small interface, the ZhianTec ZFM/R30x driver, and its emulator.

Public API (what the login service and the UI use):

- `FingerprintSensor`: the interface any sensor implements: `capture`, `verify`, `enrol`, `close`.
- `MatchResult(matched, score)`: the answer of a 1:1 `verify`.
- Errors, all `FingerprintError` subclasses with a message fit to show a cashier:
  `NoFinger` (nothing on the sensor before the timeout), `NoMatch` (enrolment captures of
  different fingers), `SensorUnplugged` (port missing or the sensor silent: fails in about the
  serial timeout, never the library's 24 s hang), `WrongSensorPassword`, `SensorError` (anything
  else the sensor reports).
- `ZfmSensor(port, ...)`: the ZFM/R30x family through `pyfingerprint` over serial.
- `counter_client.devices.fingerprint.emulator.SensorEmulator`: the same sensor on a
  pseudo-terminal, for tests and the demo (imported on its own, not from here).

Every call blocks on the serial port: call them off the GUI thread.
"""

from counter_client.devices.fingerprint.errors import (
    FingerprintError,
    NoFinger,
    NoMatch,
    SensorError,
    SensorUnplugged,
    WrongSensorPassword,
)
from counter_client.devices.fingerprint.sensor import (
    DEFAULT_SCORE_THRESHOLD,
    TEMPLATE_BYTES,
    EnrolStep,
    FingerprintSensor,
    MatchResult,
    StepCallback,
)
from counter_client.devices.fingerprint.zfm import ZfmSensor

__all__ = [
    "DEFAULT_SCORE_THRESHOLD",
    "TEMPLATE_BYTES",
    "EnrolStep",
    "FingerprintError",
    "FingerprintSensor",
    "MatchResult",
    "NoFinger",
    "NoMatch",
    "SensorError",
    "SensorUnplugged",
    "StepCallback",
    "WrongSensorPassword",
    "ZfmSensor",
]
